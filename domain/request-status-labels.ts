import type { RequestStatus } from './request-types';

/**
 * How a request's status reads to people, in es-MX and English. Pure (safe in workflows): refusals,
 * pages and emails all name statuses with these words.
 */
export const REQUEST_STATUS_LABELS: Record<RequestStatus, { 'es-MX': string; en: string }> = {
  PENDING: { 'es-MX': 'pendiente de envío', en: 'not yet sent' },
  REQUESTED: { 'es-MX': 'solicitado, sin respuesta', en: 'requested, no answer yet' },
  DRAFT: { 'es-MX': 'borrador guardado', en: 'draft saved' },
  SUBMITTED: { 'es-MX': 'informe enviado', en: 'report submitted' },
  OVERDUE: { 'es-MX': 'vencido', en: 'overdue' },
  EXEMPTED: { 'es-MX': 'exento', en: 'exempted' },
  NOT_REPORTED: { 'es-MX': 'no reportado', en: 'not reported' },
  CLOSED: { 'es-MX': 'cerrado', en: 'closed' },
};

/** The status in `lang`; an unknown value is shown as it is. */
export function requestStatusLabel(status: string, lang: 'es-MX' | 'en'): string {
  return REQUEST_STATUS_LABELS[status as RequestStatus]?.[lang] ?? status;
}
