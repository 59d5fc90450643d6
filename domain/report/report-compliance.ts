import { createBusinessCalendar, type TBusinessCalendar } from '../business-calendar';
import { inBoth, type TWords } from '../goal-target-text';
import { ComplianceStatus, type TCompliance } from './annual-report-model';
import type { TReportSnapshot, TSnapshotInstitution, TSnapshotRequest } from './report-snapshot';

/** How each compliance status reads. */
export const COMPLIANCE_STATUS_LABELS: Record<ComplianceStatus, TWords> = {
  ON_TIME: { 'es-MX': 'a tiempo', en: 'on time' },
  LATE: { 'es-MX': 'con retraso', en: 'late' },
  AFTER_EXTENSION: { 'es-MX': 'tras una prórroga', en: 'after an extension' },
  EXEMPTED: { 'es-MX': 'exenta', en: 'exempted' },
  NOT_REPORTED: { 'es-MX': 'no informó', en: 'not reported' },
  OPEN: { 'es-MX': 'abierta', en: 'open' },
};

/** `secretariat:ana@x` → `ana@x`; anything without a prefix as it is. */
const personOf = (actor: string) => actor.replace(/^(secretariat|contact):/, '');

type TExtension = NonNullable<TCompliance['extension']>;

/**
 * The extension in force: the last approved or granted one, with the request it answered (the last
 * EXTENSION_REQUESTED before it, if any). Null when the deadline was never moved.
 */
function extensionOf(request: TSnapshotRequest): (TExtension & { originalDeadline: string }) | null {
  const events = request.extensionEvents;
  const moves = events.filter((e) => e.action === 'EXTENSION_APPROVED' || e.action === 'EXTENSION_GRANTED');
  if (moves.length === 0) return null;
  const last = moves[moves.length - 1];
  const asked = events.filter((e) => e.action === 'EXTENSION_REQUESTED' && e.at <= last.at).pop() ?? null;
  return {
    requestedAt: asked?.at ?? null,
    requestedBy: asked ? personOf(asked.actor) : null,
    newDeadline: request.deadline,
    decidedBy: personOf(last.actor),
    originalDeadline: moves[0].previousDeadline ?? request.deadline,
  };
}

/**
 * Business days late: the business days after the deadline's local date up to the date the report came,
 * a report received on a rest day counting as received on the next business day (so a report sent on the
 * Saturday after a Friday deadline is 1 day late). Weekends, statutory rest days and the secretariat's
 * holidays do not count; dates are read in America/Mexico_City.
 */
export function businessDaysLate({ calendar, deadline, submittedAt }: { calendar: TBusinessCalendar; deadline: string; submittedAt: string }): number {
  if (submittedAt <= deadline) return 0;
  const due = calendar.dateOf(deadline);
  const came = calendar.businessDayOnOrAfter(calendar.dateOf(submittedAt));
  return Math.max(1, calendar.businessDaysBetween(due, came));
}

/**
 * The status of a request:
 * - a final report by the deadline in force → ON_TIME, or AFTER_EXTENSION when the deadline had been
 *   moved and the report came after the original one;
 * - a final report after the deadline in force → LATE (whatever extension there was);
 * - no final report: EXEMPTED, NOT_REPORTED (cut-off passed, or closed early), else OPEN.
 */
function statusOf(request: TSnapshotRequest, extension: ReturnType<typeof extensionOf>): ComplianceStatus {
  const { submittedAt } = request;
  if (submittedAt !== null) {
    if (submittedAt > request.deadline) return ComplianceStatus.LATE;
    return extension && submittedAt > extension.originalDeadline ? ComplianceStatus.AFTER_EXTENSION : ComplianceStatus.ON_TIME;
  }
  if (request.status === 'EXEMPTED') return ComplianceStatus.EXEMPTED;
  if (request.status === 'NOT_REPORTED' || request.status === 'CLOSED') return ComplianceStatus.NOT_REPORTED;
  return ComplianceStatus.OPEN;
}

const day = (calendar: TBusinessCalendar, instant: string) => calendar.dateOf(instant);

function sentence(c: Omit<TCompliance, 'text'>, calendar: TBusinessCalendar): TWords {
  const submitted = c.submittedAt ? day(calendar, c.submittedAt) : '';
  const deadline = day(calendar, c.deadline);
  return inBoth((_lang, en) => {
    const parts: string[] = [];
    switch (c.status) {
      case ComplianceStatus.ON_TIME:
        parts.push(en ? `reported on time on ${submitted} (deadline ${deadline})` : `informó a tiempo el ${submitted} (plazo: ${deadline})`);
        break;
      case ComplianceStatus.LATE:
        parts.push(
          en
            ? `reported late, on ${submitted}: ${c.businessDaysLate} business day${c.businessDaysLate === 1 ? '' : 's'} after the deadline of ${deadline}`
            : `informó con retraso, el ${submitted}: ${c.businessDaysLate} día${c.businessDaysLate === 1 ? '' : 's'} hábil${c.businessDaysLate === 1 ? '' : 'es'} después del plazo del ${deadline}`,
        );
        break;
      case ComplianceStatus.AFTER_EXTENSION:
        parts.push(en ? `reported on ${submitted}, within an extension to ${deadline}` : `informó el ${submitted}, dentro de una prórroga al ${deadline}`);
        break;
      case ComplianceStatus.EXEMPTED:
        parts.push(en ? `exempted${c.exemptionReason ? ` (${c.exemptionReason})` : ''}` : `exenta${c.exemptionReason ? ` (${c.exemptionReason})` : ''}`);
        break;
      case ComplianceStatus.NOT_REPORTED:
        parts.push(en ? `did not report (deadline ${deadline})` : `no informó (plazo: ${deadline})`);
        break;
      case ComplianceStatus.OPEN:
        parts.push(en ? `has not reported yet (deadline ${deadline})` : `aún no informa (plazo: ${deadline})`);
        break;
    }
    if (c.extension) {
      const asked = c.extension.requestedBy ? (en ? `requested by ${c.extension.requestedBy}, ` : `solicitada por ${c.extension.requestedBy}, `) : '';
      parts.push(en ? `extension ${asked}decided by ${c.extension.decidedBy}` : `prórroga ${asked}decidida por ${c.extension.decidedBy}`);
    }
    if (c.highestEscalationLevel > 0) parts.push(en ? `escalated to level ${c.highestEscalationLevel}` : `escalada al nivel ${c.highestEscalationLevel}`);
    if (c.corrections.length > 0) parts.push(en ? `${c.corrections.length} correction(s)` : `${c.corrections.length} corrección(es)`);
    if (c.undeliveredEmails.length > 0) parts.push(en ? `${c.undeliveredEmails.length} email(s) not delivered` : `${c.undeliveredEmails.length} correo(s) no entregado(s)`);
    return `${c.institutionCode}: ${parts.join('; ')}.`;
  });
}

function complianceOf({ request, institution, calendar }: { request: TSnapshotRequest; institution: TSnapshotInstitution | undefined; calendar: TBusinessCalendar }): TCompliance {
  const extension = extensionOf(request);
  const status = statusOf(request, extension);
  const late = status === ComplianceStatus.LATE && request.submittedAt !== null;
  const base: Omit<TCompliance, 'text'> = {
    institutionCode: request.institutionCode,
    name: institution ? { 'es-MX': institution.name.es, en: institution.name.en } : { 'es-MX': request.institutionCode, en: request.institutionCode },
    kind: institution?.kind ?? 'OTHER',
    status,
    statusLabel: COMPLIANCE_STATUS_LABELS[status],
    deadline: request.deadline,
    submittedAt: request.submittedAt,
    businessDaysLate: late ? businessDaysLate({ calendar, deadline: request.deadline, submittedAt: request.submittedAt! }) : 0,
    extension: extension && { requestedAt: extension.requestedAt, requestedBy: extension.requestedBy, newDeadline: extension.newDeadline, decidedBy: extension.decidedBy },
    exemptionReason: status === ComplianceStatus.EXEMPTED ? (request.exemption?.reason ?? request.closedReason) : null,
    closedReason: request.closedReason,
    highestEscalationLevel: request.highestEscalationLevel,
    corrections: request.corrections,
    undeliveredEmails: request.undeliveredEmails,
  };
  return { ...base, text: sentence(base, calendar) };
}

/** The follow-up of commitments: one entry per request of the cycle, by institution code. */
export function reportCompliance(snapshot: TReportSnapshot): TCompliance[] {
  const calendar = createBusinessCalendar({ extraHolidays: snapshot.extraHolidays });
  const institutions = new Map(snapshot.institutions.map((i) => [i.code, i]));
  return snapshot.requests.map((request) => complianceOf({ request, institution: institutions.get(request.institutionCode), calendar }));
}
