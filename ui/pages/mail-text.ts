import { DateTime } from 'luxon';
import { DEFAULT_ZONE } from '../../domain/business-calendar';
import type { Locale } from '../../domain/input-bounds';

/** Every sentence of the development mail catcher's pages (/mail), in es-MX and English. */
export const MAIL_TEXT = {
  'es-MX': {
    title: 'Buzón de pruebas',
    intro: 'Los correos que el servicio envió en este entorno de desarrollo; no salen a internet. Contienen los enlaces firmados de todas las instituciones: no comparta esta página.',
    persisted: (file: string) => `Se conservan al reiniciar, en ${file}.`,
    inMemory: 'Se pierden al reiniciar (solo en memoria).',
    count: (n: number) => (n === 1 ? '1 mensaje, el más reciente primero.' : `${n} mensajes, el más reciente primero.`),
    empty: 'Todavía no hay mensajes.',
    zone: 'Horas en hora del centro de México.',
    zoneShort: 'hora del centro de México',
    received: 'Recibido',
    from: 'De',
    to: 'Para',
    cc: 'Cc',
    subject: 'Asunto',
    date: 'Fecha',
    messageId: 'Message-ID',
    inReplyTo: 'In-Reply-To',
    attachments: 'Adjuntos',
    noSubject: '(sin asunto)',
    attachmentCount: (n: number) => (n === 1 ? '1 adjunto' : `${n} adjuntos`),
    back: 'Volver al buzón',
    message: (id: number) => `Mensaje ${id}`,
    envelope: 'Sobre SMTP',
    envelopeFrom: 'MAIL FROM',
    envelopeTo: 'RCPT TO',
    download: 'descargar',
    htmlPart: 'Versión HTML',
    htmlNote: 'Se muestra aislada (sandbox): sin scripts ni acceso a esta página. Para abrir un enlace, use la versión de texto.',
    htmlFrame: 'Versión HTML del mensaje, aislada',
    noHtml: 'El mensaje no tiene versión HTML.',
    textPart: 'Versión de texto',
    noText: 'El mensaje no tiene versión de texto.',
    raw: 'Código fuente',
    rawShow: 'Mostrar el código fuente completo',
    rawOpen: 'Abrir como texto',
    noRaw: 'El código fuente no está disponible.',
    signInTitle: 'Buzón de pruebas: acceso',
    signInIntro: 'El buzón contiene los enlaces firmados de todas las instituciones: ingrese el token del secretariado.',
    token: 'Token del secretariado',
    signIn: 'Entrar',
    invalidTitle: 'Token no válido',
    invalidText: 'El token no es el del secretariado.',
    tryAgain: 'Intentar de nuevo',
  },
  en: {
    title: 'Mail catcher',
    intro: 'The emails the service sent in this development setup; none leaves for the internet. They hold every institution’s signed link: do not share this page.',
    persisted: (file: string) => `Kept across restarts, in ${file}.`,
    inMemory: 'Lost on restart (memory only).',
    count: (n: number) => (n === 1 ? '1 message, newest first.' : `${n} messages, newest first.`),
    empty: 'No messages yet.',
    zone: 'Times in Mexico City time.',
    zoneShort: 'Mexico City time',
    received: 'Received',
    from: 'From',
    to: 'To',
    cc: 'Cc',
    subject: 'Subject',
    date: 'Date',
    messageId: 'Message-ID',
    inReplyTo: 'In-Reply-To',
    attachments: 'Attachments',
    noSubject: '(no subject)',
    attachmentCount: (n: number) => (n === 1 ? '1 attachment' : `${n} attachments`),
    back: 'Back to the mail catcher',
    message: (id: number) => `Message ${id}`,
    envelope: 'SMTP envelope',
    envelopeFrom: 'MAIL FROM',
    envelopeTo: 'RCPT TO',
    download: 'download',
    htmlPart: 'HTML version',
    htmlNote: 'Shown isolated (sandbox): no scripts, no access to this page. To open a link, use the text version.',
    htmlFrame: 'HTML version of the message, isolated',
    noHtml: 'The message has no HTML version.',
    textPart: 'Text version',
    noText: 'The message has no text version.',
    raw: 'Source',
    rawShow: 'Show the whole source',
    rawOpen: 'Open as text',
    noRaw: 'The source is not available.',
    signInTitle: 'Mail catcher: sign in',
    signInIntro: 'The mail catcher holds every institution’s signed link: enter the secretariat token.',
    token: 'Secretariat token',
    signIn: 'Sign in',
    invalidTitle: 'Invalid token',
    invalidText: 'That is not the secretariat’s token.',
    tryAgain: 'Try again',
  },
} satisfies Record<Locale, unknown>;

export type MailText = (typeof MAIL_TEXT)['es-MX'];
export const mailText = (lang: Locale): MailText => MAIL_TEXT[lang] as MailText;

/** An instant as the mail pages show it: `2026-11-30 06:00:05`, Mexico City time (the pages say so). */
export const mailTime = (at: Date): string => DateTime.fromJSDate(at, { zone: DEFAULT_ZONE }).toFormat('yyyy-MM-dd HH:mm:ss');

/** A size people read: `812 B`, `3.4 kB`, `1.2 MB`. */
export function byteSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
