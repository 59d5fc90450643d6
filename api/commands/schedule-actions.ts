import { ScheduleNotFoundError, ScheduleOverlapPolicy, WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, type Client, type ScheduleHandle } from '@temporalio/client';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { AppError } from '../../domain/app-error';
import { AuditAction } from '../../domain/audit-actions';
import { DEFAULT_ZONE } from '../../domain/business-calendar';
import { deadlineWindow, LIMITS, zLine, zYear, type Locale } from '../../domain/input-bounds';
import { scheduleKindOf, YEARLY_CYCLE_SCHEDULE_ID, yearlyKickoffWorkflowId, type YearlyKickoffInput } from '../../domain/schedule-types';
import { kickoffDeadline } from '../../domain/yearly-kickoff';
import { businessCalendar } from '../../prisma/business-calendar';
import type { PrismaClient } from '../../prisma/client';
import { yearlyCycleKickoff } from '../../workflows';

/** `POST /api/schedules/:id/pause` and `/resume`: why (kept as the schedule's note, and audited). */
export const ZScheduleNoteBody = z.strictObject({ note: zLine(LIMITS.note).meta({ description: 'Why; shown as the schedule\'s note and kept in the audit log.', examples: ['Plan en revisión'] }) });
/** `POST /api/schedules/yearly-cycle/backfill`: the cycle year whose opening was missed. */
export const ZBackfillBody = z.strictObject({ year: zYear().meta({ description: 'The cycle year (the year reported on) whose January kickoff was missed: 2025 is the cycle the schedule opens in January 2026.', examples: [2025] }) });

export interface ScheduleActionDeps {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
  now: () => Date;
}

const notFound = (id: string, lang: Locale) => new AppError('NOT_FOUND', lang === 'en' ? `There is no schedule ${id}.` : `No existe el calendario ${id}.`);

/** The handle of one of our schedules; NOT_FOUND for any other id (Temporal may hold others). */
function ourSchedule(temporal: Client, id: string, lang: Locale): ScheduleHandle {
  if (!scheduleKindOf(id)) throw notFound(id, lang);
  return temporal.schedule.getHandle(id);
}

async function orNotFound<T>(id: string, lang: Locale, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) throw notFound(id, lang);
    throw err;
  }
}

/**
 * Temporal refuses a schedule note over {@link TEMPORAL_NOTE_BYTES} bytes of UTF-8 (its `MaxIDLengthLimit`,
 * "Schedule notes exceeds limit."), below what a note may hold (LIMITS.note characters, each up to 4 bytes).
 */
const TEMPORAL_NOTE_BYTES = 1_000;

/**
 * The schedule's note as Temporal keeps it: `<note> (<who>)`, the note cut short with `…` where the whole
 * would be over {@link TEMPORAL_NOTE_BYTES} bytes (the audit event keeps the whole note).
 */
export function scheduleNote({ note, who }: { note: string; who: string }): string {
  const suffix = ` (${who})`;
  const whole = `${note}${suffix}`;
  if (Buffer.byteLength(whole) <= TEMPORAL_NOTE_BYTES) return whole;
  let budget = TEMPORAL_NOTE_BYTES - Buffer.byteLength(`…${suffix}`);
  let cut = '';
  for (const char of note) {
    budget -= Buffer.byteLength(char);
    if (budget < 0) break;
    cut += char;
  }
  return `${cut}…${suffix}`;
}

/**
 * Pauses (`paused: true`) or resumes a schedule with the secretariat's note, audited
 * (`SCHEDULE_PAUSED` / `SCHEDULE_RESUMED`). A paused schedule starts nothing on its days; the runs it misses
 * are not caught up on resume (start a missed year with {@link backfillYearlyCycle}). Pausing a paused
 * schedule only changes its note.
 */
export async function setSchedulePaused(deps: ScheduleActionDeps, { id, paused, note, who, lang }: { id: string; paused: boolean; note: string; who: string; lang: Locale }): Promise<{ id: string; paused: boolean; note: string }> {
  const handle = ourSchedule(deps.temporal, id, lang);
  const text = scheduleNote({ note, who });
  await orNotFound(id, lang, () => (paused ? handle.pause(text) : handle.unpause(text)));
  await deps.prisma.auditEvent.create({ data: { actor: `secretariat:${who}`, action: paused ? AuditAction.SCHEDULE_PAUSED : AuditAction.SCHEDULE_RESUMED, data: { scheduleId: id, note } } });
  return { id, paused, note: text };
}

/**
 * Runs a schedule's action now (audited `SCHEDULE_TRIGGERED`). Overlap BUFFER_ONE for this run: while one
 * of the schedule's runs is still going, it starts when that one ends (never at the same time, and never
 * silently skipped as the schedule's own SKIP would). The run's scheduled time is now: the yearly kickoff then
 * opens the cycle of last year (the one it opens in January of this year) at once if that business day is
 * past, idempotently.
 */
export async function triggerSchedule(deps: ScheduleActionDeps, { id, who, lang }: { id: string; who: string; lang: Locale }): Promise<{ id: string; triggeredAt: Date }> {
  const handle = ourSchedule(deps.temporal, id, lang);
  await orNotFound(id, lang, () => handle.trigger(ScheduleOverlapPolicy.BUFFER_ONE));
  const triggeredAt = deps.now();
  await deps.prisma.auditEvent.create({ data: { actor: `secretariat:${who}`, action: AuditAction.SCHEDULE_TRIGGERED, data: { scheduleId: id, at: triggeredAt.toISOString() } } });
  return { id, triggeredAt };
}

const yearError = (lang: Locale, es: string, en: string) => {
  const message = lang === 'en' ? en : es;
  return new AppError('VALIDATION', `year: ${message}`, { year: message }, { issues: [{ field: 'year', code: 'invalid', message }] });
};

/**
 * Starts the yearly kickoff for a missed cycle year (audited `SCHEDULE_BACKFILLED`): workflow
 * `kickoff/cycle/<year>` with the schedule's own settings (its action's arguments) and the year given.
 * Started directly rather than through the schedule's backfill, because a schedule's run derives its year
 * from its nominal time and is skipped while another run of the schedule goes on (overlap SKIP); the
 * per-year id keeps two backfills of one year from running at once (409), and the opening stays
 * idempotent (a year already opened is recorded and left alone). The year must be missed already (its
 * January has come) and still openable: the deadline it would get (today + the schedule's business days)
 * must fall in the cycle's window (domain/input-bounds `deadlineWindow`).
 */
export async function backfillYearlyCycle(deps: ScheduleActionDeps, { year, who, lang }: { year: number; who: string; lang: Locale }): Promise<{ id: string; year: number; workflowId: string }> {
  const handle = deps.temporal.schedule.getHandle(YEARLY_CYCLE_SCHEDULE_ID);
  const description = await orNotFound(YEARLY_CYCLE_SCHEDULE_ID, lang, () => handle.describe());
  const args = description.action.type === 'startWorkflow' ? (description.action.args?.[0] as YearlyKickoffInput | undefined) : undefined;
  if (!args) throw new AppError('CONFLICT', `Schedule ${YEARLY_CYCLE_SCHEDULE_ID} does not start the kickoff; restart the worker to recreate it.`);
  const now = deps.now();
  const currentYear = DateTime.fromJSDate(now, { zone: DEFAULT_ZONE }).year;
  if (year >= currentYear) {
    throw yearError(lang, `el ciclo ${year} se abre en enero de ${year + 1}: todavía no se ha omitido`, `the ${year} cycle opens in January ${year + 1}: it has not been missed yet`);
  }
  const deadline = kickoffDeadline({ openedAt: now.toISOString(), calendar: await businessCalendar(deps.prisma), businessDays: args.deadlineBusinessDays });
  if (deadline > deadlineWindow(year).to) {
    throw yearError(lang, `el ciclo ${year} ya no puede abrirse: su fecha límite (${deadline}) caería después del ${deadlineWindow(year).to}`, `the ${year} cycle can no longer be opened: its deadline (${deadline}) would fall after ${deadlineWindow(year).to}`);
  }
  const workflowId = yearlyKickoffWorkflowId(year);
  const input: YearlyKickoffInput = { ...args, year, startedBy: `secretariat:${who}` };
  try {
    await deps.temporal.workflow.start(yearlyCycleKickoff, { workflowId, taskQueue: deps.taskQueue, args: [input], workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) {
      throw new AppError('CONFLICT', lang === 'en' ? `A kickoff of the ${year} cycle is already running (${workflowId}).` : `Ya corre un arranque del ciclo ${year} (${workflowId}).`);
    }
    throw err;
  }
  await deps.prisma.auditEvent.create({ data: { actor: `secretariat:${who}`, action: AuditAction.SCHEDULE_BACKFILLED, data: { scheduleId: YEARLY_CYCLE_SCHEDULE_ID, year, workflowId } } });
  return { id: YEARLY_CYCLE_SCHEDULE_ID, year, workflowId };
}
