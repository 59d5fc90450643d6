import { AppError } from './app-error';
import { createBusinessCalendar, normalizeInstant, parseInstant, type TBusinessCalendar } from './business-calendar';
import { ESCALATION_LEVELS, type EscalationLevel, type RecipientRole, type TReportingPolicy } from './reporting-policy';

import { TimelineStepKind } from './next-step';

export { nextStep, TimelineStepKind, type TNextStep, type TTimelineStepRef } from './next-step';

/**
 * Stable identity of a step, independent of the deadline date: `request`, `reminder-<n>` (n business days
 * before the deadline; `reminder-0` on its day), `deadline`, `escalation-<level>`, `cutoff`. After an
 * extension `reminder-5` is still `reminder-5`, at a new instant. Because a reminder can then be sent once
 * per deadline, an email idempotency key must include the deadline:
 * `${workflowId}/${timeline.deadlineDate}/${step.key}`.
 */
export type TTimelineStepKey = 'request' | `reminder-${number}` | 'deadline' | `escalation-${EscalationLevel}` | 'cutoff';

/** One step of a request's timeline. */
export type TTimelineStep = {
  kind: TimelineStepKind;
  key: TTimelineStepKey;
  /** When the step happens: an ISO UTC instant (`2025-03-14T15:00:00.000Z`). */
  at: string;
  /** Local date (`yyyy-MM-dd`) of `at` in the calendar's zone. */
  date: string;
  /**
   * Signed business days from the effective deadline date to `date` (see
   * `TBusinessCalendar.businessDaysBetween`): −10 for `reminder-10`, 0 for `reminder-0` and `deadline`,
   * +3 for the default `escalation-1`. For `request`, the distance from the day the cycle opened.
   */
  businessDaysFromDeadline: number;
  /** Escalation level; only on ESCALATION steps. */
  level?: EscalationLevel;
  /** Roles an ESCALATION email is addressed to (from the policy); only on ESCALATION steps. */
  recipients?: RecipientRole[];
};

/** The schedule of one institution's request, computed by {@link computeTimeline}. */
export type TTimeline = {
  /** IANA zone of the calendar the timeline was computed in. */
  zone: string;
  /** The deadline date as set (by the cycle, an override or an extension), possibly not a business day. */
  requestedDeadlineDate: string;
  /** The deadline date in force: `requestedDeadlineDate`, or the next business day if it is not one. */
  deadlineDate: string;
  /** End of the deadline date: 23:59:59.999 local, as an ISO UTC instant. */
  deadlineAt: string;
  /** Date of the cut-off (`cutoffBusinessDaysAfter` business days after `deadlineDate`). */
  cutoffDate: string;
  /** End of the cut-off date, as an ISO UTC instant; after it the request is closed as "not reported". */
  cutoffAt: string;
  /** The steps in time order: `request` first, `cutoff` last. */
  steps: TTimelineStep[];
};

/**
 * The business calendar a computation runs on: a ready {@link TBusinessCalendar}, or the secretariat's
 * extra holidays and the zone to build one with (`createBusinessCalendar`; zone defaults to
 * America/Mexico_City).
 */
export type TCalendarInput =
  | { calendar: TBusinessCalendar; extraHolidays?: never; zone?: never }
  | { calendar?: undefined; extraHolidays?: readonly string[]; zone?: string };

function resolveCalendar(input: TCalendarInput): TBusinessCalendar {
  return input.calendar ?? createBusinessCalendar({ zone: input.zone, extraHolidays: input.extraHolidays });
}

/**
 * The timeline of one institution's request, from its policy and the business calendar. Pure: the same
 * input always gives the same output, so workflow code may call it.
 *
 * Rules:
 * - **Deadline.** If `deadlineDate` is a weekend day or a holiday, the deadline moves to the next business
 *   day (the rule of Mexican administrative procedure: a term that ends on a non-working day ends on the
 *   next working day). It ends at 23:59:59.999 local time of that date.
 * - **Request** at `openedAt` exactly, always the first step.
 * - **Reminders** at `policy.sendTime` on `deadlineDate − n` business days for each n of
 *   `reminders.businessDaysBefore`, and on the deadline date itself if `reminders.onDeadlineDay`
 *   (`reminder-0`). A reminder is kept only if its local date is *after* the local date of the request
 *   (or of `recomputedAt`): on the day an institution receives the request or the notice of an extension,
 *   which state the deadline, a reminder would be noise, and one dated before it would be nonsense.
 * - **Deadline** step at `deadlineAt`.
 * - **Escalations** at `sendTime` on `deadlineDate + businessDaysAfter` business days, for each enabled
 *   level.
 * - **Cut-off** at the end (23:59:59.999 local) of `deadlineDate + cutoffBusinessDaysAfter` business days.
 *
 * `recomputedAt` is for a timeline computed again mid-request (an extension moved the deadline, or the
 * policy changed): the instant of that change. It only drops reminders, as above; past escalations are
 * left to {@link nextStep}'s stale rule. Without it, reminders are dropped only relative to the request.
 * Business days are counted on plain local dates, so DST (abolished in Mexico City in 2022)
 * never shifts a step to another day; the zone only turns local times into instants.
 *
 * Throws `AppError('VALIDATION')` if the deadline does not end after the request, or an argument is
 * malformed. (That an extension's new date is still in the future is for the extension's own validation.)
 */
export function computeTimeline(
  input: {
    policy: TReportingPolicy;
    /** When the cycle opened for this institution, i.e. when the request is sent (ISO instant). */
    openedAt: string;
    /** The deadline date in force (`yyyy-MM-dd`): the cycle's, the institution's, or an extension's. */
    deadlineDate: string;
    /** When the timeline is recomputed mid-request (ISO instant); see the rules above. */
    recomputedAt?: string;
  } & TCalendarInput,
): TTimeline {
  const { policy, openedAt, deadlineDate, recomputedAt } = input;
  const calendar = resolveCalendar(input);
  const requestAt = normalizeInstant(openedAt, 'openedAt');
  const changedAt = recomputedAt === undefined ? undefined : normalizeInstant(recomputedAt, 'recomputedAt');
  const effectiveDeadlineDate = calendar.businessDayOnOrAfter(deadlineDate);
  const deadlineAt = calendar.endOfDay(effectiveDeadlineDate);

  if (deadlineAt <= requestAt) {
    throw new AppError(
      'VALIDATION',
      `The deadline (${effectiveDeadlineDate}, end of day) must be after the request is sent (${requestAt})`,
    );
  }

  const at = (date: string, time: 'send' | 'endOfDay') =>
    time === 'send' ? calendar.instantAt(date, policy.sendTime) : calendar.endOfDay(date);
  const openedDate = calendar.dateOf(requestAt);
  const quietUntilDate = changedAt === undefined ? openedDate : maxString(openedDate, calendar.dateOf(changedAt));

  const steps: TTimelineStep[] = [
    {
      kind: TimelineStepKind.REQUEST,
      key: 'request',
      at: requestAt,
      date: openedDate,
      businessDaysFromDeadline: calendar.businessDaysBetween(effectiveDeadlineDate, openedDate),
    },
  ];

  const reminderDays = [...policy.reminders.businessDaysBefore, ...(policy.reminders.onDeadlineDay ? [0] : [])];
  for (const n of reminderDays.sort((a, b) => b - a)) {
    const date = calendar.addBusinessDays(effectiveDeadlineDate, -n);
    if (date <= quietUntilDate) continue;
    steps.push({ kind: TimelineStepKind.REMINDER, key: `reminder-${n}`, at: at(date, 'send'), date, businessDaysFromDeadline: n === 0 ? 0 : -n });
  }

  steps.push({
    kind: TimelineStepKind.DEADLINE,
    key: 'deadline',
    at: deadlineAt,
    date: effectiveDeadlineDate,
    businessDaysFromDeadline: 0,
  });

  for (const level of ESCALATION_LEVELS) {
    const { enabled, businessDaysAfter, recipients } = policy.escalation[`level${level}`];
    if (!enabled) continue;
    const date = calendar.addBusinessDays(effectiveDeadlineDate, businessDaysAfter);
    steps.push({
      kind: TimelineStepKind.ESCALATION,
      key: `escalation-${level}`,
      at: at(date, 'send'),
      date,
      businessDaysFromDeadline: businessDaysAfter,
      level,
      recipients: [...recipients],
    });
  }

  const cutoffDate = calendar.addBusinessDays(effectiveDeadlineDate, policy.cutoffBusinessDaysAfter);
  const cutoffAt = at(cutoffDate, 'endOfDay');
  steps.push({
    kind: TimelineStepKind.CUTOFF,
    key: 'cutoff',
    at: cutoffAt,
    date: cutoffDate,
    businessDaysFromDeadline: policy.cutoffBusinessDaysAfter,
  });

  // Already in time order by construction (a validated policy puts escalations before the cut-off); the
  // stable sort only guards that invariant.
  steps.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

  return {
    zone: calendar.zone,
    requestedDeadlineDate: deadlineDate,
    deadlineDate: effectiveDeadlineDate,
    deadlineAt,
    cutoffDate,
    cutoffAt,
    steps,
  };
}

/**
 * When the correction window of a submission closes: the end (23:59:59.999 local) of the
 * `policy.correctionWindowBusinessDays`-th business day after the local date of `submittedAt`. The day of
 * the submission does not count, so a Friday submission with a 10-day window can be corrected until the
 * end of the second Friday after (holidays permitting). `null` means corrections are not allowed
 * (`correctionWindowBusinessDays` is 0).
 */
export function computeCorrectionWindowEnd(
  input: {
    policy: TReportingPolicy;
    /** When the final submission was received (ISO instant). */
    submittedAt: string;
  } & TCalendarInput,
): string | null {
  const { policy } = input;
  const submittedAt = normalizeInstant(input.submittedAt, 'submittedAt');
  if (policy.correctionWindowBusinessDays === 0) return null;
  const calendar = resolveCalendar(input);
  return calendar.endOfDay(calendar.addBusinessDays(calendar.dateOf(submittedAt), policy.correctionWindowBusinessDays));
}

function maxString(a: string, b: string): string {
  return a >= b ? a : b;
}
