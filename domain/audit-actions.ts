import type { Locale } from './input-bounds';

/**
 * The actions the record's audit rows name (`AuditEvent.action`), written by the activities, the
 * workflows (through them) and the API, and how each reads in es-MX and English. Pure (safe anywhere).
 * A row may carry an action not listed here (a newer writer, an older row): pages show its code as it is.
 */
export const AuditAction = {
  CYCLE_OPENED: 'CYCLE_OPENED',
  CYCLE_CLOSING: 'CYCLE_CLOSING',
  CYCLE_CLOSED: 'CYCLE_CLOSED',
  REQUEST_SENT: 'REQUEST_SENT',
  RESEND_REQUESTED: 'RESEND_REQUESTED',
  EMAIL_SENT: 'EMAIL_SENT',
  EMAIL_FAILED: 'EMAIL_FAILED',
  DRAFT_SAVED: 'DRAFT_SAVED',
  SUBMITTED: 'SUBMITTED',
  CORRECTED: 'CORRECTED',
  OVERDUE: 'OVERDUE',
  ESCALATED: 'ESCALATED',
  NOT_REPORTED: 'NOT_REPORTED',
  EXTENSION_REQUESTED: 'EXTENSION_REQUESTED',
  EXTENSION_APPROVED: 'EXTENSION_APPROVED',
  EXTENSION_REJECTED: 'EXTENSION_REJECTED',
  EXTENSION_GRANTED: 'EXTENSION_GRANTED',
  EXEMPTED: 'EXEMPTED',
  CLOSED_EARLY: 'CLOSED_EARLY',
  REQUEST_ENDED: 'REQUEST_ENDED',
  NEXT_ACTION: 'NEXT_ACTION',
  CORRECTION_WINDOW: 'CORRECTION_WINDOW',
  CONTACTS_CHANGED: 'CONTACTS_CHANGED',
  REPORTER_CONFIRMED: 'REPORTER_CONFIRMED',
  REPORTER_ADDED: 'REPORTER_ADDED',
  REPORTER_REMOVED: 'REPORTER_REMOVED',
  PLAN_ADOPTION_SET: 'PLAN_ADOPTION_SET',
  REPORT_COMPILED: 'REPORT_COMPILED',
  REPORT_PUBLISHED: 'REPORT_PUBLISHED',
  NEEDS_ATTENTION: 'NEEDS_ATTENTION',
  HOLIDAY_ADDED: 'HOLIDAY_ADDED',
  HOLIDAY_REMOVED: 'HOLIDAY_REMOVED',
  SIGNED_IN: 'SIGNED_IN',
  USER_SAVED: 'USER_SAVED',
  USER_DEACTIVATED: 'USER_DEACTIVATED',
  TOKEN_CREATED: 'TOKEN_CREATED',
  TOKEN_REVOKED: 'TOKEN_REVOKED',
  // Schedules (worker/ensure-schedules, api/schedule-routes, workflows/yearly-cycle-kickoff)
  SCHEDULE_PAUSED: 'SCHEDULE_PAUSED',
  SCHEDULE_RESUMED: 'SCHEDULE_RESUMED',
  SCHEDULE_TRIGGERED: 'SCHEDULE_TRIGGERED',
  SCHEDULE_BACKFILLED: 'SCHEDULE_BACKFILLED',
  KICKOFF_OPENED: 'KICKOFF_OPENED',
  KICKOFF_ALREADY_OPENED: 'KICKOFF_ALREADY_OPENED',
  PLAN_REVIEW_DUE: 'PLAN_REVIEW_DUE',
  // The plan review (workflows/plan-review, api/review-routes)
  PLAN_REVIEW_KICKOFF: 'PLAN_REVIEW_KICKOFF',
  PLAN_REVIEW_STARTED: 'PLAN_REVIEW_STARTED',
  PLAN_REVIEW_ROUND_ENDED: 'PLAN_REVIEW_ROUND_ENDED',
  REVIEW_DECISION_RECORDED: 'REVIEW_DECISION_RECORDED',
  PLAN_VERSION_PUBLISHED: 'PLAN_VERSION_PUBLISHED',
  /** A plan review's round of proposals opened: its REVIEW cycle and requests recorded. */
  REVIEW_ROUND_OPENED: 'REVIEW_ROUND_OPENED',
} as const;
export type AuditAction = (typeof AuditAction)[keyof typeof AuditAction];

/** How each action reads, in the order a filter lists them (the cycle's life first, then administration). */
export const AUDIT_ACTION_LABELS: Record<AuditAction, Record<Locale, string>> = {
  CYCLE_OPENED: { 'es-MX': 'Ciclo abierto', en: 'Cycle opened' },
  CYCLE_CLOSING: { 'es-MX': 'Cierre anticipado del ciclo', en: 'Cycle closing early' },
  CYCLE_CLOSED: { 'es-MX': 'Ciclo cerrado', en: 'Cycle closed' },
  REQUEST_SENT: { 'es-MX': 'Solicitud enviada', en: 'Request sent' },
  RESEND_REQUESTED: { 'es-MX': 'Reenvío solicitado', en: 'Resend requested' },
  EMAIL_SENT: { 'es-MX': 'Correo enviado', en: 'Email sent' },
  EMAIL_FAILED: { 'es-MX': 'Correo rechazado', en: 'Email refused' },
  DRAFT_SAVED: { 'es-MX': 'Borrador guardado', en: 'Draft saved' },
  SUBMITTED: { 'es-MX': 'Informe final recibido', en: 'Final report received' },
  CORRECTED: { 'es-MX': 'Corrección recibida', en: 'Correction received' },
  OVERDUE: { 'es-MX': 'Vencida', en: 'Overdue' },
  ESCALATED: { 'es-MX': 'Escalada', en: 'Escalated' },
  NOT_REPORTED: { 'es-MX': 'No reportada', en: 'Not reported' },
  EXTENSION_REQUESTED: { 'es-MX': 'Prórroga solicitada', en: 'Extension requested' },
  EXTENSION_APPROVED: { 'es-MX': 'Prórroga aprobada', en: 'Extension approved' },
  EXTENSION_REJECTED: { 'es-MX': 'Prórroga rechazada', en: 'Extension rejected' },
  EXTENSION_GRANTED: { 'es-MX': 'Prórroga concedida', en: 'Extension granted' },
  EXEMPTED: { 'es-MX': 'Institución exenta', en: 'Institution exempted' },
  CLOSED_EARLY: { 'es-MX': 'Solicitud cerrada anticipadamente', en: 'Request closed early' },
  REQUEST_ENDED: { 'es-MX': 'Solicitud terminada', en: 'Request ended' },
  NEXT_ACTION: { 'es-MX': 'Siguiente paso programado', en: 'Next step scheduled' },
  CORRECTION_WINDOW: { 'es-MX': 'Periodo de corrección abierto', en: 'Correction window open' },
  CONTACTS_CHANGED: { 'es-MX': 'Contactos cambiados', en: 'Contacts changed' },
  REPORTER_CONFIRMED: { 'es-MX': 'Indicador a cargo confirmado', en: 'Indicator assignment confirmed' },
  REPORTER_ADDED: { 'es-MX': 'Indicador a cargo agregado', en: 'Indicator assignment added' },
  REPORTER_REMOVED: { 'es-MX': 'Indicador a cargo quitado', en: 'Indicator assignment removed' },
  PLAN_ADOPTION_SET: { 'es-MX': 'Fecha de adopción del plan registrada', en: 'Plan adoption date recorded' },
  REPORT_COMPILED: { 'es-MX': 'Informe anual compilado', en: 'Annual report compiled' },
  REPORT_PUBLISHED: { 'es-MX': 'Informe anual publicado', en: 'Annual report published' },
  NEEDS_ATTENTION: { 'es-MX': 'Requiere atención', en: 'Needs attention' },
  HOLIDAY_ADDED: { 'es-MX': 'Día inhábil agregado', en: 'Holiday added' },
  HOLIDAY_REMOVED: { 'es-MX': 'Día inhábil quitado', en: 'Holiday removed' },
  SIGNED_IN: { 'es-MX': 'Inicio de sesión', en: 'Signed in' },
  USER_SAVED: { 'es-MX': 'Persona registrada', en: 'Person saved' },
  USER_DEACTIVATED: { 'es-MX': 'Persona desactivada', en: 'Person deactivated' },
  TOKEN_CREATED: { 'es-MX': 'Token creado', en: 'Token created' },
  TOKEN_REVOKED: { 'es-MX': 'Token revocado', en: 'Token revoked' },
  SCHEDULE_PAUSED: { 'es-MX': 'Calendario pausado', en: 'Schedule paused' },
  SCHEDULE_RESUMED: { 'es-MX': 'Calendario reanudado', en: 'Schedule resumed' },
  SCHEDULE_TRIGGERED: { 'es-MX': 'Calendario ejecutado a mano', en: 'Schedule triggered' },
  SCHEDULE_BACKFILLED: { 'es-MX': 'Año omitido puesto en marcha', en: 'Missed year backfilled' },
  KICKOFF_OPENED: { 'es-MX': 'Ciclo abierto por el calendario anual', en: 'Cycle opened by the yearly schedule' },
  KICKOFF_ALREADY_OPENED: { 'es-MX': 'El calendario anual encontró el ciclo ya abierto', en: 'Yearly schedule found the cycle already opened' },
  PLAN_REVIEW_DUE: { 'es-MX': 'Revisión del plan pendiente', en: 'Plan review due' },
  PLAN_REVIEW_KICKOFF: { 'es-MX': 'El calendario de revisión puso en marcha la revisión', en: 'Review schedule started the review' },
  PLAN_REVIEW_STARTED: { 'es-MX': 'Revisión del plan iniciada', en: 'Plan review started' },
  PLAN_REVIEW_ROUND_ENDED: { 'es-MX': 'Ronda de propuestas terminada', en: 'Round of proposals ended' },
  REVIEW_DECISION_RECORDED: { 'es-MX': 'Decisión sobre una propuesta', en: 'Decision on a proposal' },
  PLAN_VERSION_PUBLISHED: { 'es-MX': 'Nueva versión del plan publicada', en: 'New plan version published' },
  REVIEW_ROUND_OPENED: { 'es-MX': 'Ronda de propuestas de la revisión abierta', en: 'Review round of proposals opened' },
};

/** Whether `action` is one of {@link AuditAction}. */
export function isAuditAction(action: string): action is AuditAction {
  return Object.prototype.hasOwnProperty.call(AUDIT_ACTION_LABELS, action);
}

/** The action in words in `lang`; an unknown action is shown as its code. */
export function auditActionLabel(action: string, lang: Locale): string {
  return isAuditAction(action) ? AUDIT_ACTION_LABELS[action][lang] : action;
}
