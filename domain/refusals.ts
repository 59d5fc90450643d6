import { requestStatusLabel } from './request-status-labels';

/**
 * Why a request refuses a command: a stable code with the facts it names. Pure (safe in workflows):
 * the workflow refuses with a code and its English sentence; the API answers the caller with the same
 * code and the sentence in the caller's language ({@link refusalMessage}).
 */
export const RefusalCode = {
  /** The workflow is finishing: it takes no more commands. */
  REQUEST_ENDED: 'REQUEST_ENDED',
  /** The request is in a status where this command does not apply. */
  WRONG_STATUS: 'WRONG_STATUS',
  /** The cut-off passed: the request counts as not reported. */
  PAST_CUTOFF: 'PAST_CUTOFF',
  /** The cycle is being closed early. */
  CLOSING: 'CLOSING',
  /** A draft cannot replace a submitted report. */
  DRAFT_AFTER_SUBMISSION: 'DRAFT_AFTER_SUBMISSION',
  /** A correction with different values needs a reason. */
  CORRECTION_NEEDS_REASON: 'CORRECTION_NEEDS_REASON',
  EXTENSION_ALREADY_PENDING: 'EXTENSION_ALREADY_PENDING',
  NO_PENDING_EXTENSION: 'NO_PENDING_EXTENSION',
  REASON_REQUIRED: 'REASON_REQUIRED',
  DEADLINE_NOT_A_DATE: 'DEADLINE_NOT_A_DATE',
  DEADLINE_NOT_LATER: 'DEADLINE_NOT_LATER',
  DEADLINE_NOT_FUTURE: 'DEADLINE_NOT_FUTURE',
  NO_CONTACTS: 'NO_CONTACTS',
  NOT_AN_EMAIL: 'NOT_AN_EMAIL',
  ALREADY_SUBMITTED: 'ALREADY_SUBMITTED',
  /** Something the request needs (the database, the mail server) did not answer in time; nothing changed. */
  UNAVAILABLE: 'UNAVAILABLE',
  /** A fault in our code: the command failed, the request goes on. */
  INTERNAL: 'INTERNAL',
} as const;
export type RefusalCode = (typeof RefusalCode)[keyof typeof RefusalCode];

export type RefusalParams = Record<string, string | number | undefined>;

export interface Refusal {
  code: RefusalCode;
  params?: RefusalParams;
}

type Lang = 'es-MX' | 'en';
const s = (p: RefusalParams | undefined, key: string) => String(p?.[key] ?? '');
/** `NOT_REPORTED` → `not reported`: how English sentences name a status. */
const statusWord = (p: RefusalParams | undefined) => s(p, 'status').toLowerCase().replace('_', ' ');

const TEXT: Record<RefusalCode, Record<Lang, (p: RefusalParams | undefined) => string>> = {
  REQUEST_ENDED: {
    'es-MX': (p) => `No se puede ${s(p, 'whatEs') || 'continuar'}: esta solicitud terminó (estado «${requestStatusLabel(s(p, 'status'), 'es-MX')}») y ya no recibe datos.`,
    en: (p) => `Cannot ${s(p, 'what') || 'go on'}: this request has ended (${statusWord(p)}) and no longer takes data.`,
  },
  WRONG_STATUS: {
    'es-MX': (p) => `No se puede ${s(p, 'whatEs')}: el estado de la solicitud es «${requestStatusLabel(s(p, 'status'), 'es-MX')}».`,
    en: (p) => `Cannot ${s(p, 'what')}: the request is ${statusWord(p)}.`,
  },
  PAST_CUTOFF: {
    'es-MX': (p) => `La fecha de corte (${s(p, 'cutoffAt')}) ya pasó: la solicitud cuenta como no reportada y ya no recibe datos.`,
    en: (p) => `The cut-off (${s(p, 'cutoffAt')}) has passed: this request counts as not reported and takes no more data.`,
  },
  CLOSING: {
    'es-MX': () => 'El ciclo se está cerrando: esta solicitud ya no recibe datos.',
    en: () => 'The cycle is closing: this request takes no more data.',
  },
  DRAFT_AFTER_SUBMISSION: {
    'es-MX': () => 'El informe ya fue enviado: un borrador no puede reemplazarlo. Envíe una corrección (con motivo).',
    en: () => 'The report was already submitted: a draft cannot replace it. Send a correction (final, with a reason) instead.',
  },
  CORRECTION_NEEDS_REASON: {
    'es-MX': () => 'Una corrección de un informe ya enviado necesita un motivo.',
    en: () => 'A correction of a submitted report needs a reason.',
  },
  EXTENSION_ALREADY_PENDING: {
    'es-MX': (p) => `Ya hay una solicitud de prórroga al ${s(p, 'deadline')} esperando la decisión del secretariado.`,
    en: (p) => `An extension to ${s(p, 'deadline')} is already waiting for the secretariat's decision.`,
  },
  NO_PENDING_EXTENSION: {
    'es-MX': () => 'No hay una solicitud de prórroga esperando decisión.',
    en: () => 'There is no extension request waiting for a decision.',
  },
  REASON_REQUIRED: {
    'es-MX': (p) => `${s(p, 'whatEs') || 'Esta acción'} necesita un motivo.`,
    en: (p) => `${s(p, 'what') || 'This'} needs a reason.`,
  },
  DEADLINE_NOT_A_DATE: {
    'es-MX': (p) => `La nueva fecha límite debe escribirse aaaa-mm-dd; se recibió "${s(p, 'deadline')}".`,
    en: (p) => `The new deadline must be a date written yyyy-MM-dd; got "${s(p, 'deadline')}".`,
  },
  DEADLINE_NOT_LATER: {
    'es-MX': (p) => `La nueva fecha límite (${s(p, 'deadline')}) debe ser posterior a la vigente (${s(p, 'current')}).`,
    en: (p) => `The new deadline (${s(p, 'deadline')}) must be after the current one (${s(p, 'current')}).`,
  },
  DEADLINE_NOT_FUTURE: {
    'es-MX': (p) => `La nueva fecha límite (${s(p, 'deadline')}) debe ser posterior a hoy (${s(p, 'today')}).`,
    en: (p) => `The new deadline (${s(p, 'deadline')}) must be after today (${s(p, 'today')}).`,
  },
  NO_CONTACTS: { 'es-MX': () => 'Indique al menos un contacto.', en: () => 'Name at least one contact.' },
  NOT_AN_EMAIL: {
    'es-MX': (p) => `"${s(p, 'email')}" no es una dirección de correo.`,
    en: (p) => `"${s(p, 'email')}" is not an email address.`,
  },
  ALREADY_SUBMITTED: {
    'es-MX': () => 'La institución ya envió su informe: no puede exentarse.',
    en: () => 'The institution already submitted its report: it cannot be exempted.',
  },
  UNAVAILABLE: {
    'es-MX': () => 'El servicio no pudo completar la operación a tiempo (base de datos o correo no disponibles); no se cambió nada. Intente de nuevo en un minuto.',
    en: () => 'The service could not complete this in time (database or mail server unavailable); nothing was changed. Try again in a minute.',
  },
  INTERNAL: {
    'es-MX': () => 'Ocurrió un error interno al procesar la operación; no se aplicó. La solicitud sigue activa y el equipo técnico fue avisado.',
    en: () => 'An internal error stopped this command; it was not applied. The request goes on, and the error was logged.',
  },
};

/** The refusal as a person reads it, in `lang`. */
export function refusalMessage(refusal: Refusal, lang: Lang): string {
  return TEXT[refusal.code][lang](refusal.params);
}

/** Whether `value` looks like a {@link Refusal} (as it travels in a failure's details). */
export function isRefusal(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && typeof (value as Refusal).code === 'string' && (value as Refusal).code in TEXT;
}
