/**
 * Runs one fault drill end to end and measures it: a fresh stack (drill-stack.ts), a cycle driven as
 * users drive it (drill-cycle.ts) while the fault is injected beside it, then the invariants read from
 * the SMTP server, the database and Temporal:
 * - every entity got exactly one email per step that was due (its request, one receipt per accepted
 *   report), told apart by Message-ID, and no Message-ID arrived twice;
 * - every content the API accepted (201, or 200 `duplicate`) is stored, once;
 * - every request ended SUBMITTED, and the cycle workflow completed with the cycle closed;
 * - the API never answered 500, and every 503 carried `Retry-After`.
 * Waits are "until it happens", bounded by `timeoutMs`; nothing assumes how fast the machine is.
 */
import {
  AnswerLog,
  call,
  drillCycle,
  FINAL_REPORT,
  linkOf,
  openDrillCycle,
  stepMessageId,
  submitAll,
  type TEntityAnswers,
  type TSubmissionPlan,
} from './drill-cycle';
import { startDrillStack, type DrillStack } from './drill-stack';

/** What a fault sees of the drill while it runs. */
export interface FaultContext {
  stack: DrillStack;
  log: AnswerLog;
  year: number;
  /** Request emails the SMTP server has accepted so far. */
  requestsDelivered(): number;
  /** Contents the API has accepted so far. */
  submissionsAccepted(): number;
  /** Whether the phase the fault runs in has finished its own work (the fault may stop early). */
  phaseDone(): boolean;
  /** Counts one injection of the fault. */
  injected(): void;
}

/** A fault, injected while the cycle fans out and/or while contacts submit. */
export interface DrillFault {
  name: string;
  /** What each contact sends (default: the final report, once). */
  plan?: TSubmissionPlan;
  duringFanOut?(ctx: FaultContext): Promise<void>;
  duringSubmissions?(ctx: FaultContext): Promise<void>;
}

export interface DrillFigures {
  fault: string;
  entities: number;
  injected: number;
  emailsExpected: number;
  emailsDelivered: number;
  emailsDuplicated: number;
  submissionsAccepted: number;
  submissionsStored: number;
  submissionsLost: number;
  /** Answers by status among the 5xx (and 0: connection dropped) the API gave. */
  unavailable: number;
  internalErrors: number;
  workerProcesses: number;
  cycleCompleted: boolean;
  seconds: number;
  /** Each broken invariant, in words; empty when the drill passed. */
  violations: string[];
}

/** Polls `probe` every 200 ms until it is true; false after `timeoutMs`. */
export async function until(probe: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await Promise.resolve().then(probe).catch(() => false)) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Runs `fault` on a cycle of `entities` entities and returns the figures. Each phase waits at most
 * `timeoutMs` (default 10 minutes); a phase that does not finish is a violation, not an exception, so
 * the table still shows how far it got. The stack is always taken down.
 */
export async function runDrill({ fault, entities, timeoutMs = 600_000 }: { fault: DrillFault; entities: number; timeoutMs?: number }): Promise<DrillFigures> {
  const started = Date.now();
  const stack = await startDrillStack({ entities });
  try {
    return await drive({ stack, fault, entities, timeoutMs, started });
  } finally {
    await stack.close();
  }
}

async function drive({ stack, fault, entities, timeoutMs, started }: { stack: DrillStack; fault: DrillFault; entities: number; timeoutMs: number; started: number }): Promise<DrillFigures> {
  const log = new AnswerLog();
  const violations: string[] = [];
  const { year, deadline } = drillCycle();
  const requestId = (code: string) => stepMessageId(stack, year, code, 'request');
  const requestIds = new Set(stack.codes.map(requestId));
  const delivered = (ids: Set<string>) => new Set(stack.smtp.messages.map((m) => m.parsed.messageId).filter((id): id is string => !!id && ids.has(id))).size;
  let injected = 0;
  let accepted = 0;
  let phase: 'fan-out' | 'submissions' = 'fan-out';
  let fanOutDone = false;
  let submissionsDone = false;
  const ctx: FaultContext = {
    stack,
    log,
    year,
    requestsDelivered: () => delivered(requestIds),
    submissionsAccepted: () => accepted,
    phaseDone: () => (phase === 'fan-out' ? fanOutDone : submissionsDone),
    injected: () => void injected++,
  };

  // Fan-out: the cycle opens; every entity's request email arrives (late, if the fault delays it).
  await openDrillCycle(stack, log, { year, deadline });
  const fanOutFault = fault.duringFanOut?.(ctx);
  const allRequests = await until(() => delivered(requestIds) === entities, timeoutMs);
  fanOutDone = true;
  await fanOutFault;
  if (!allRequests) violations.push(`only ${delivered(requestIds)} of ${entities} request emails arrived`);

  // Submissions: each contact answers through the link in its (first) request email.
  phase = 'submissions';
  const links = new Map<string, string>();
  for (const code of stack.codes) {
    const email = stack.smtp.messages.find((m) => m.parsed.messageId === requestId(code));
    if (email) links.set(code, linkOf(email));
  }
  const plan = fault.plan ?? [{ content: FINAL_REPORT, copies: 1 }];
  const submissionsFault = fault.duringSubmissions?.(ctx);
  const answers = await submitAll({ stack: { ...stack, codes: [...links.keys()] }, log, links, plan, onAccepted: () => void accepted++ });
  submissionsDone = true;
  await submissionsFault;

  // The end: the cycle completes once every request has ended; every receipt arrives.
  const cycleCompleted = await until(async () => (await stack.client.workflow.getHandle(`cycle/${year}`).describe()).status.name === 'COMPLETED', timeoutMs);
  if (!cycleCompleted) violations.push(`cycle/${year} did not complete`);
  const expectedIds = new Set([...requestIds, ...receiptIds({ stack, year, answers })]);
  await until(() => delivered(expectedIds) === expectedIds.size, cycleCompleted ? timeoutMs : 1_000);

  // Emails: one per due step, by Message-ID; never twice.
  const byId = new Map<string, number>();
  for (const m of stack.smtp.messages) byId.set(m.parsed.messageId ?? `(none ${m.id})`, (byId.get(m.parsed.messageId ?? `(none ${m.id})`) ?? 0) + 1);
  const duplicated = [...byId.values()].reduce((sum, n) => sum + n - 1, 0);
  const emailsDelivered = delivered(expectedIds);
  if (emailsDelivered < expectedIds.size) violations.push(`${expectedIds.size - emailsDelivered} due email(s) never arrived`);
  if (duplicated > 0) violations.push(`${duplicated} email(s) arrived twice (same Message-ID)`);

  // Submissions: each accepted content stored once.
  const stored = await stack.prisma.submission.findMany({
    where: { dataRequest: { cycle: { year } } },
    select: { version: true, kind: true, dataRequest: { select: { institution: { select: { code: true } } } } },
  });
  const storedOf = (code: string) => stored.filter((s) => s.dataRequest.institution.code === code);
  let acceptedContents = 0;
  let lost = 0;
  for (const { code, accepted: contents } of answers) {
    acceptedContents += contents.size;
    const rows = storedOf(code);
    for (const [label, { version }] of contents) {
      if (!rows.some((r) => r.version === version)) {
        lost++;
        violations.push(`${code}: the accepted ${label} (version ${version}) is not stored`);
      }
    }
    if (rows.length > contents.size) violations.push(`${code}: ${rows.length} submissions stored for ${contents.size} accepted content(s)`);
  }
  const refusedForGood = answers.flatMap((a) => plan.filter((p) => !a.accepted.has(p.content.label)).map((p) => `${a.code} ${p.content.label}`));
  if (refusedForGood.length) violations.push(`never accepted: ${refusedForGood.slice(0, 5).join(', ')}${refusedForGood.length > 5 ? ', …' : ''}`);

  // Statuses: every request SUBMITTED, the cycle closed.
  const requests = await stack.prisma.dataRequest.findMany({ where: { cycle: { year } }, select: { status: true, institution: { select: { code: true } } } });
  const wrong = requests.filter((r) => r.status !== 'SUBMITTED');
  if (requests.length !== entities) violations.push(`${requests.length} requests recorded for ${entities} entities`);
  if (wrong.length) violations.push(`requests not SUBMITTED: ${wrong.map((r) => `${r.institution.code} ${r.status}`).join(', ')}`);
  const cycleView = await call(stack.baseUrl, 'GET', `/api/cycles/${year}`);
  if (cycleView.json?.status !== 'CLOSED') violations.push(`GET /api/cycles/${year} shows ${cycleView.json?.status ?? cycleView.status}, not CLOSED`);

  // The API: 503 with Retry-After while something is down; never a 500.
  const internal = log.answers.filter((a) => a.answer.status >= 500 && a.answer.status !== 503);
  const bare503 = log.answers.filter((a) => a.answer.status === 503 && !a.answer.retryAfter);
  if (internal.length) violations.push(`${internal.length} answer(s) ${[...new Set(internal.map((a) => `${a.answer.status} to ${a.what}`))].join(', ')}`);
  if (bare503.length) violations.push(`${bare503.length} 503 answer(s) without Retry-After`);

  return {
    fault: fault.name,
    entities,
    injected,
    emailsExpected: expectedIds.size,
    emailsDelivered,
    emailsDuplicated: duplicated,
    submissionsAccepted: acceptedContents,
    submissionsStored: stored.length,
    submissionsLost: lost,
    unavailable: log.count(503),
    internalErrors: internal.length,
    workerProcesses: stack.workers.started,
    cycleCompleted,
    seconds: Math.round((Date.now() - started) / 1000),
    violations,
  };
}

/** The receipts due: one per accepted final report or correction (step `receipt-v<version>`). */
function receiptIds({ stack, year, answers }: { stack: DrillStack; year: number; answers: TEntityAnswers[] }): string[] {
  return answers.flatMap(({ code, accepted }) =>
    [...accepted.values()].filter((a) => a.kind !== 'DRAFT').map((a) => stepMessageId(stack, year, code, `receipt-v${a.version}`)),
  );
}
