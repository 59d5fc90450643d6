import { formatDeadline } from '../domain/deadline-text';
import { withCode } from '../domain/institution-name';

export type Locale = 'es-MX' | 'en';

export { EmailKind } from '../domain/request-types';
import type { EmailKind } from '../domain/request-types';

export interface EmailIndicator {
  code: string;
  textEs: string;
  textEn: string;
  unit: string;
  disaggregation: string;
}

export interface EmailContext {
  kind: EmailKind;
  /** Language of the recipients; the other language follows below. */
  locale: Locale;
  institution: { code: string; nameEs: string; nameEn: string };
  year: number;
  deadlineAt: string;
  /** Zone the deadline is shown in (the recipient's). */
  zone: string;
  link?: string;
  /** Indicators still missing (request, reminders, escalations) or received (receipt). */
  indicators: EmailIndicator[];
  level?: number;
  overdueSince?: string;
  receipt?: { version: number; lines: string[]; kind: string };
  /** Free text, e.g. the reason of a failed delivery or an extension decision. */
  note?: { es: string; en: string };
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const unitLabel: Record<string, { es: string; en: string }> = {
  COUNT: { es: 'número', en: 'count' },
  PERCENTAGE: { es: 'porcentaje', en: 'percentage' },
  YES_NO: { es: 'sí/no', en: 'yes/no' },
  TEXT: { es: 'texto', en: 'text' },
};

interface Block {
  subject: string;
  intro: string[];
  listTitle?: string;
  outro: string[];
}

function spanish(c: EmailContext, deadline: string, since?: string): Block {
  const who = withCode(c.institution.nameEs, c.institution.code);
  const missing = c.indicators.length;
  switch (c.kind) {
    case 'REQUEST':
      return {
        subject: `PNA-1325 ${c.year}: solicitud de información a ${c.institution.code} (fecha límite ${deadline})`,
        intro: [
          `Estimada persona enlace de ${who}:`,
          `El Grupo de Trabajo Interinstitucional del Plan Nacional de Acción 1325 (Mujeres, Paz y Seguridad) solicita la información de ${c.year} sobre los siguientes indicadores, a más tardar el ${deadline}.`,
        ],
        listTitle: 'Indicadores solicitados:',
        outro: [`Responda en este enlace (no necesita cuenta): ${c.link ?? ''}`, 'Puede guardar un borrador y volver más tarde.'],
      };
    case 'REMINDER':
      return {
        subject: `Recordatorio PNA-1325 ${c.year}: ${c.institution.code}, faltan ${missing} indicador(es) (fecha límite ${deadline})`,
        intro: [`Estimada persona enlace de ${who}:`, `Le recordamos que la fecha límite para enviar la información de ${c.year} es el ${deadline}.`],
        listTitle: 'Indicadores pendientes:',
        outro: [`Responda en este enlace: ${c.link ?? ''}`],
      };
    case 'ESCALATION':
      return {
        subject: `Escalamiento nivel ${c.level}: ${c.institution.code} no ha enviado su información PNA-1325 ${c.year}`,
        intro: [
          `${who} no ha enviado su información de ${c.year}; está vencida desde el ${since ?? deadline}.`,
          `Este aviso es el nivel ${c.level} de escalamiento del Grupo de Trabajo.`,
        ],
        listTitle: 'Indicadores pendientes:',
        outro: [`La persona enlace puede responder en este enlace: ${c.link ?? ''}`],
      };
    case 'RECEIPT':
      return {
        subject: `Acuse de recibo PNA-1325 ${c.year}: ${c.institution.code}, versión ${c.receipt?.version ?? ''}`,
        intro: [`Recibimos la información de ${who} para ${c.year} (versión ${c.receipt?.version ?? ''}, ${c.receipt?.kind ?? ''}).`],
        listTitle: 'Valores recibidos:',
        outro: ['Gracias. Si necesita corregir algo, use el mismo enlace durante el periodo de corrección.'],
      };
    case 'DELIVERY_FAILURE':
      return {
        subject: `Falla de entrega PNA-1325 ${c.year}: ${c.institution.code}`,
        intro: [`No se pudo entregar un mensaje a ${who}.`, c.note?.es ?? ''],
        outro: ['Actualice los contactos de la institución y reenvíe la solicitud.'],
      };
    case 'EXTENSION_REQUESTED':
      return {
        subject: `PNA-1325 ${c.year}: ${c.institution.code} solicita una prórroga`,
        intro: [c.note?.es ?? '', `La fecha límite vigente es el ${deadline}.`],
        outro: ['El secretariado aprobará o rechazará la solicitud; la persona enlace recibirá la respuesta por correo. Mientras tanto, la fecha límite vigente no cambia.'],
      };
    case 'EXTENSION_DECISION':
      return {
        subject: `PNA-1325 ${c.year}: prórroga de ${c.institution.code}`,
        intro: [c.note?.es ?? '', `La fecha límite vigente es el ${deadline}.`],
        outro: [c.link ? `Enlace para responder: ${c.link}` : ''],
      };
    case 'EXEMPTED':
      return {
        subject: `PNA-1325 ${c.year}: ${c.institution.code} queda exenta del ciclo`,
        intro: [`El secretariado exentó a ${who} de enviar su información de ${c.year}.`, c.note?.es ?? ''],
        outro: ['No necesita enviar datos para este ciclo; el enlace de respuesta ya no recibe información.'],
      };
    case 'CLOSED':
      return {
        subject: `PNA-1325 ${c.year}: el ciclo se cerró (${c.institution.code})`,
        intro: [`El secretariado cerró anticipadamente el ciclo ${c.year}; la solicitud a ${who} queda cerrada sin informe.`, c.note?.es ?? ''],
        outro: ['El enlace de respuesta ya no recibe información.'],
      };
    case 'ATTENTION':
      return {
        subject: `Atención requerida PNA-1325 ${c.year}: ${c.institution.code}`,
        intro: [`La solicitud a ${who} necesita atención: una operación agotó sus reintentos.`, c.note?.es ?? ''],
        outro: ['Revise la solicitud (GET /api/cycles/:year/requests/:institution) y, si procede, reenvíela.'],
      };
  }
}

function english(c: EmailContext, deadline: string, since?: string): Block {
  const who = withCode(c.institution.nameEn, c.institution.code);
  const missing = c.indicators.length;
  switch (c.kind) {
    case 'REQUEST':
      return {
        subject: `NAP-1325 ${c.year}: data request to ${c.institution.code} (due ${deadline})`,
        intro: [
          `Dear liaison of ${who},`,
          `The Inter-Secretariat Working Group of the National Action Plan 1325 (Women, Peace and Security) requests your ${c.year} data on the following indicators by ${deadline}.`,
        ],
        listTitle: 'Requested indicators:',
        outro: [`Answer at this link (no account needed): ${c.link ?? ''}`, 'You can save a draft and come back later.'],
      };
    case 'REMINDER':
      return {
        subject: `Reminder NAP-1325 ${c.year}: ${c.institution.code}, ${missing} indicator(s) missing (due ${deadline})`,
        intro: [`Dear liaison of ${who},`, `A reminder that your ${c.year} data is due by ${deadline}.`],
        listTitle: 'Missing indicators:',
        outro: [`Answer at this link: ${c.link ?? ''}`],
      };
    case 'ESCALATION':
      return {
        subject: `Escalation level ${c.level}: ${c.institution.code} has not reported NAP-1325 ${c.year} data`,
        intro: [
          `${who} has not sent its ${c.year} data; it has been overdue since ${since ?? deadline}.`,
          `This is escalation level ${c.level} of the Working Group.`,
        ],
        listTitle: 'Missing indicators:',
        outro: [`The liaison can answer at this link: ${c.link ?? ''}`],
      };
    case 'RECEIPT':
      return {
        subject: `Receipt NAP-1325 ${c.year}: ${c.institution.code}, version ${c.receipt?.version ?? ''}`,
        intro: [`We received the ${c.year} data of ${who} (version ${c.receipt?.version ?? ''}, ${c.receipt?.kind ?? ''}).`],
        listTitle: 'Values received:',
        outro: ['Thank you. To correct anything, use the same link during the correction window.'],
      };
    case 'DELIVERY_FAILURE':
      return {
        subject: `Delivery failure NAP-1325 ${c.year}: ${c.institution.code}`,
        intro: [`A message to ${who} could not be delivered.`, c.note?.en ?? ''],
        outro: ["Update the institution's contacts and resend the request."],
      };
    case 'EXTENSION_REQUESTED':
      return {
        subject: `NAP-1325 ${c.year}: ${c.institution.code} asks for an extension`,
        intro: [c.note?.en ?? '', `The deadline in force is ${deadline}.`],
        outro: ['The secretariat will approve or reject it; the liaison will get the answer by email. Until then the deadline in force does not change.'],
      };
    case 'EXTENSION_DECISION':
      return {
        subject: `NAP-1325 ${c.year}: extension for ${c.institution.code}`,
        intro: [c.note?.en ?? '', `The deadline in force is ${deadline}.`],
        outro: [c.link ? `Link to answer: ${c.link}` : ''],
      };
    case 'EXEMPTED':
      return {
        subject: `NAP-1325 ${c.year}: ${c.institution.code} is exempted from the cycle`,
        intro: [`The secretariat exempted ${who} from sending its ${c.year} data.`, c.note?.en ?? ''],
        outro: ['No data is needed for this cycle; the response link no longer takes data.'],
      };
    case 'CLOSED':
      return {
        subject: `NAP-1325 ${c.year}: the cycle was closed (${c.institution.code})`,
        intro: [`The secretariat closed the ${c.year} cycle early; the request to ${who} is closed without a report.`, c.note?.en ?? ''],
        outro: ['The response link no longer takes data.'],
      };
    case 'ATTENTION':
      return {
        subject: `Attention needed NAP-1325 ${c.year}: ${c.institution.code}`,
        intro: [`The request to ${who} needs attention: an operation exhausted its retries.`, c.note?.en ?? ''],
        outro: ['Check the request (GET /api/cycles/:year/requests/:institution) and resend it if needed.'],
      };
  }
}

function listLines(c: EmailContext, lang: 'es' | 'en'): string[] {
  if (c.kind === 'RECEIPT') return c.receipt?.lines ?? [];
  return c.indicators.map((i) => {
    const unit = unitLabel[i.unit]?.[lang] ?? i.unit;
    const sex = i.disaggregation === 'SEX' ? (lang === 'es' ? ', desagregado por sexo' : ', by sex') : '';
    return `${i.code} — ${lang === 'es' ? i.textEs : i.textEn} (${unit}${sex})`;
  });
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Renders an email in the recipients' language first and the other language below (es-MX is the
 * default; Spanish texts of the plan are an unofficial translation until the secretariat supplies its own).
 * The deadline is written in the recipient's zone. Plain text and HTML carry the same content.
 */
export function renderEmail(c: EmailContext): RenderedEmail {
  const order: ('es' | 'en')[] = c.locale === 'en' ? ['en', 'es'] : ['es', 'en'];
  const blocks = order.map((lang) => {
    const locale: Locale = lang === 'es' ? 'es-MX' : 'en';
    const deadline = formatDeadline({ at: c.deadlineAt, zone: c.zone, locale });
    const since = c.overdueSince ? formatDeadline({ at: c.overdueSince, zone: c.zone, locale }) : undefined;
    const block = lang === 'es' ? spanish(c, deadline, since) : english(c, deadline, since);
    return { lang, block, lines: listLines(c, lang) };
  });
  const separator = order[0] === 'es' ? '— English version below —' : '— Versión en español abajo —';

  const text = blocks
    .map(({ block, lines }) =>
      [...block.intro.filter(Boolean), '', ...(block.listTitle && lines.length ? [block.listTitle, ...lines.map((l) => `  • ${l}`), ''] : []), ...block.outro.filter(Boolean)].join('\n'),
    )
    .join(`\n\n${separator}\n\n`);

  const linkHtml = (s: string) =>
    c.link && s.includes(c.link) ? escapeHtml(s).replace(escapeHtml(c.link), `<a href="${escapeHtml(c.link)}">${escapeHtml(c.link)}</a>`) : escapeHtml(s);
  const html = [
    '<!doctype html><html><body style="font-family:Arial,Helvetica,sans-serif;max-width:680px">',
    ...blocks.map(
      ({ lang, block, lines }, index) =>
        `<section lang="${lang === 'es' ? 'es-MX' : 'en'}">${index > 0 ? `<hr><p><em>${escapeHtml(separator)}</em></p>` : ''}` +
        block.intro.filter(Boolean).map((p) => `<p>${escapeHtml(p)}</p>`).join('') +
        (block.listTitle && lines.length ? `<p><strong>${escapeHtml(block.listTitle)}</strong></p><ul>${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>` : '') +
        block.outro.filter(Boolean).map((p) => `<p>${linkHtml(p)}</p>`).join('') +
        '</section>',
    ),
    '</body></html>',
  ].join('\n');

  return { subject: blocks[0].block.subject, text, html };
}
