import { ScheduleNotFoundError, type Client, type ScheduleDescription } from '@temporalio/client';
import type { Locale } from '../../domain/input-bounds';
import { noAdoptionText, planReviewSpecText, runTimeText, yearlyCycleSpecText } from '../../domain/schedule-text';
import { planReviewScheduleId, ScheduleKind, YEARLY_CYCLE_SCHEDULE_ID, type YearlyKickoffInput } from '../../domain/schedule-types';
import type { PrismaClient } from '../../prisma/client';
import { planReviewTargets } from '../../prisma/plan-review-targets';

/** One schedule as the secretariat reads it. */
export interface TScheduleView {
  id: string;
  kind: ScheduleKind;
  /** When it runs and what it does, in the reader's language. */
  specText: string;
  timezone: string;
  /** The workflow type each run starts. */
  workflowType: string;
  paused: boolean;
  /** The note of the last pause or resume (or of its creation). */
  note: string | null;
  /** The next run times (at most 5): the instant, and the same in Mexico City time in words. */
  nextRuns: { at: Date; local: string }[];
  /** The latest runs started (scheduled, triggered or caught up), newest first. */
  recentActions: { scheduledAt: Date; takenAt: Date; workflowId: string }[];
}

/** Something the listing must say besides the schedules. */
export interface TScheduleListNotice {
  /** `NO_ADOPTION_DATE`: a plan version in force without an adoption date has no review schedule. `NOT_CREATED`: an expected schedule does not exist (the worker creates it at start-up; or it is disabled). */
  code: 'NO_ADOPTION_DATE' | 'NOT_CREATED';
  scheduleId: string;
  message: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const MONTH_NUMBER: Record<string, number> = { JANUARY: 1, FEBRUARY: 2, MARCH: 3, APRIL: 4, MAY: 5, JUNE: 6, JULY: 7, AUGUST: 8, SEPTEMBER: 9, OCTOBER: 10, NOVEMBER: 11, DECEMBER: 12 };
const firstValue = <T>(ranges: readonly { start: T }[] | undefined, fallback: T) => ranges?.[0]?.start ?? fallback;

/** A described schedule as {@link TScheduleView}, its spec read back from Temporal (not from our configuration). */
export function scheduleView({ id, kind, description, lang }: { id: string; kind: ScheduleKind; description: ScheduleDescription; lang: Locale }): TScheduleView {
  const calendars = description.spec.calendars ?? [];
  const first = calendars[0];
  const time = first ? `${pad(firstValue(first.hour, 0))}:${pad(firstValue(first.minute, 0))}` : '09:00';
  const action = description.action;
  let specText: string;
  if (kind === ScheduleKind.YEARLY_CYCLE) {
    const input = (action.type === 'startWorkflow' ? action.args?.[0] : undefined) as YearlyKickoffInput | undefined;
    specText = yearlyCycleSpecText({
      month: MONTH_NUMBER[firstValue(first?.month, 'JANUARY')] ?? 1,
      day: firstValue(first?.dayOfMonth, 2),
      time,
      businessDay: input?.businessDay ?? 2,
      deadlineBusinessDays: input?.deadlineBusinessDays ?? 20,
      lang,
    });
  } else {
    const [, planKey, v] = /^plan-review\/(.+)\/v(\d+)$/.exec(id) ?? ['', id, '0'];
    const dates = calendars.map((c) => `${firstValue(c.year, 0)}-${pad(MONTH_NUMBER[firstValue(c.month, 'JANUARY')] ?? 1)}-${pad(firstValue(c.dayOfMonth, 1))}`).sort();
    specText = planReviewSpecText({ planKey, version: Number(v), dates, time, lang });
  }
  return {
    id,
    kind,
    specText,
    timezone: description.spec.timezone ?? 'UTC',
    workflowType: action.type === 'startWorkflow' ? (typeof action.workflowType === 'string' ? action.workflowType : String(action.workflowType)) : '',
    paused: description.state.paused,
    note: description.state.note ?? null,
    nextRuns: description.info.nextActionTimes.slice(0, 5).map((at) => ({ at, local: runTimeText({ at, lang }) })),
    recentActions: [...description.info.recentActions]
      .reverse()
      .map((a) => ({ scheduledAt: a.scheduledAt, takenAt: a.takenAt, workflowId: a.action.type === 'startWorkflow' ? a.action.workflow.workflowId : '' })),
  };
}

/**
 * The service's schedules, as Temporal describes them now: the yearly cycle's, and one review schedule per
 * plan version in force that has an adoption date; with a notice for each version without one (no review
 * schedule until it is set) and for an expected schedule that does not exist. Read by `GET /api/schedules`,
 * the `/schedules` page and `npm start`'s start-up lines.
 */
export async function listSchedules({ temporal, prisma, lang }: { temporal: Client; prisma: PrismaClient; lang: Locale }): Promise<{ schedules: TScheduleView[]; notices: TScheduleListNotice[] }> {
  const schedules: TScheduleView[] = [];
  const notices: TScheduleListNotice[] = [];
  const expected: { id: string; kind: ScheduleKind }[] = [{ id: YEARLY_CYCLE_SCHEDULE_ID, kind: ScheduleKind.YEARLY_CYCLE }];
  for (const target of await planReviewTargets(prisma)) {
    const id = planReviewScheduleId(target.planKey, target.version);
    if (target.adoptedOn) expected.push({ id, kind: ScheduleKind.PLAN_REVIEW });
    else notices.push({ code: 'NO_ADOPTION_DATE', scheduleId: id, message: noAdoptionText({ planKey: target.planKey, version: target.version, lang }) });
  }
  for (const { id, kind } of expected) {
    try {
      schedules.push(scheduleView({ id, kind, description: await temporal.schedule.getHandle(id).describe(), lang }));
    } catch (err) {
      if (!(err instanceof ScheduleNotFoundError)) throw err;
      notices.push({
        code: 'NOT_CREATED',
        scheduleId: id,
        message: lang === 'en' ? `Schedule ${id} does not exist: the worker creates it at start-up (unless the configuration disables it).` : `El calendario ${id} no existe: el worker lo crea al arrancar (salvo que la configuración lo desactive).`,
      });
    }
  }
  return { schedules, notices };
}
