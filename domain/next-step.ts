/**
 * What a workflow asks of a request's timeline at each turn: which step comes next. Kept free of
 * dependencies (no luxon, no zod) because it runs inside every request workflow: the workflow bundle
 * stays small and a worker running 10,000 requests keeps its memory (see the benchmark in the README).
 */

/** What a step of a request's timeline does. */
export const TimelineStepKind = {
  /** The data request email; sent when the cycle opens. */
  REQUEST: 'REQUEST',
  /** A reminder email before the deadline, or on its day. */
  REMINDER: 'REMINDER',
  /** The end of the deadline: the request becomes overdue. No email of its own. */
  DEADLINE: 'DEADLINE',
  /** An escalation email after a missed deadline (levels 1–3). */
  ESCALATION: 'ESCALATION',
  /** The end of the grace period: the request is closed as "not reported". */
  CUTOFF: 'CUTOFF',
} as const;
export type TimelineStepKind = (typeof TimelineStepKind)[keyof typeof TimelineStepKind];

/** Epoch milliseconds of an ISO instant with an offset; throws a readable Error for anything else. */
function instant(value: string, label: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw new Error(`${label} must be an ISO instant with an offset, such as 2025-03-14T15:00:00.000Z; got ${JSON.stringify(value)}`);
  return ms;
}

/** The fields of a step that {@link nextStep} reads (a workflow may keep only these). */
export type TTimelineStepRef = { kind: TimelineStepKind; at: string; key: string };

/** What the workflow should do next, from {@link nextStep}. */
export type TNextStep<TStep extends TTimelineStepRef = TTimelineStepRef> = {
  /** The step to perform: now if `due`, otherwise when `step.at` comes. */
  step: TStep;
  /** Whether `step.at` ≤ `now`. */
  due: boolean;
  /**
   * Steps not done whose time has passed and which will never be performed (stale notifications, see
   * {@link nextStep}). The workflow may record them (audit, `doneKeys`); {@link nextStep} skips them
   * either way.
   */
  skipped: TStep[];
};

/**
 * The next step of a timeline that the workflow should perform, or `null` when nothing is left.
 * `doneKeys` are the keys of the steps already performed *for this timeline's deadline*. Call it again
 * after each step, and after any change (submission, extension).
 *
 * Rules, so that late timers, worker outages and decisions that took days never flood an inbox:
 * 1. Done steps are never returned.
 * 2. The `request` is never skipped: until it is done it is the next step.
 * 3. `deadline` and `cutoff` change the request's state, so they are never skipped: once their time has
 *    come they are due, however late.
 * 4. A reminder or escalation is *stale*, and skipped, once the time of the step after it in the timeline
 *    has come (whether that step is done or not). So each notification is sent only while it is the most
 *    recent thing that should have happened: a timer that fires late still sends it; after an outage, or
 *    when a refused extension leaves escalations 1 and 2 both past, only the latest one goes out; and no
 *    "deadline today" reminder is sent after the deadline.
 * 5. Otherwise the first step not done, in time order, is next; it is `due` if its time has come.
 *
 * After an extension: compute the new timeline with `recomputedAt` (which drops reminders dated on or
 * before the day of the extension), and start `doneKeys` again from `['request']`, so the new deadline,
 * its remaining reminders, escalations and cut-off all apply (an escalation sent for the old deadline is
 * sent again if the new one is missed too). If the policy changes but the deadline does not, recompute
 * with `recomputedAt` and keep `doneKeys`.
 */
export function nextStep<TStep extends TTimelineStepRef = TTimelineStepRef>({
  timeline,
  now,
  doneKeys,
}: {
  /** A timeline (domain/compute-timeline `TTimeline`), or any object with its steps in time order. */
  timeline: { steps: readonly TStep[] };
  /** The current instant (ISO); in a workflow, `new Date().toISOString()` is deterministic. */
  now: string;
  doneKeys: Iterable<string>;
}): TNextStep<TStep> | null {
  const current = instant(now, 'now');
  const done = new Set(doneKeys);
  const { steps } = timeline;
  const hasCome = (step: TStep | undefined) => step !== undefined && instant(step.at, `step ${step.key}`) <= current;
  const skipped: TStep[] = [];
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    if (done.has(step.key)) continue;
    const due = hasCome(step);
    // Whether the following step is done does not matter: its time having come is what makes this one stale.
    const stale = isNotification(step) && hasCome(steps[i + 1]);
    if (stale) {
      skipped.push(step);
      continue;
    }
    return { step, due, skipped };
  }
  return null;
}

function isNotification(step: TTimelineStepRef): boolean {
  return step.kind === TimelineStepKind.REMINDER || step.kind === TimelineStepKind.ESCALATION;
}


/**
 * Idempotency key of the audit row that tells the record what a request does next (`NEXT_ACTION`): one per
 * deadline, step and status, so publishing the same next step twice writes one row. Shared by the workflow
 * (which publishes as it walks the ladder) and the activity that opens a request (which publishes the first).
 */
export function nextActionKey({ workflowId, deadlineDate, stepKey, status }: { workflowId: string; deadlineDate: string; stepKey: string | undefined; status: string }): string {
  return `${workflowId}/${deadlineDate}/${stepKey ?? 'none'}/${status}/scheduled`;
}
