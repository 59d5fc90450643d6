import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/client';
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { AppError } from '../../domain/app-error';
import { createBusinessCalendar, DEFAULT_ZONE } from '../../domain/business-calendar';
import { deadlineWindow, LIMITS, zActor, zInstitutionCode, zIsoDate, zYear, type Locale } from '../../domain/input-bounds';
import { DEFAULT_REPORTING_POLICY, mergePolicy, type TReportingPolicyOverride } from '../../domain/reporting-policy';
import type { ReportingCycleInput } from '../../domain/request-types';
import type { PrismaClient } from '../../prisma/client';
import { reportingCycle } from '../../workflows';

export const ZOpenCycleBody = z.strictObject({
  year: zYear(),
  /** Deadline date (America/Mexico_City), yyyy-MM-dd, within {@link deadlineWindow} of the year. */
  deadline: zIsoDate(),
  /** Institution codes; default: every institution that reports an indicator of the plan. */
  institutions: z.array(zInstitutionCode()).min(1).max(LIMITS.institutions).optional(),
  /** Partial reporting policy laid over the default (validated by domain/reporting-policy: unknown keys refused). */
  policy: z.record(z.string().max(64), z.unknown()).optional(),
  /** Per-institution overrides, laid over the cycle's policy: `{ "SEMAR": { "reminders": { … } } }`. */
  policyOverrides: z.record(zInstitutionCode(), z.record(z.string().max(64), z.unknown())).optional(),
  openedBy: zActor(),
});
export type OpenCycleBody = z.infer<typeof ZOpenCycleBody>;

export interface OpenCycleDeps {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
  now: () => Date;
}

export interface OpenedCycle {
  year: number;
  workflowId: string;
  /** The deadline the requests get: the chosen date, or the next business day. */
  deadline: string;
}

/** Stores a cycle opening's large parts (content-addressed) and returns the row's id. */
async function stageCycleOpening(prisma: PrismaClient, content: { institutionCodes?: string[]; policyOverrides?: Record<string, unknown> }): Promise<string> {
  const json = JSON.stringify(content);
  const id = createHash('sha256').update(json).digest('hex');
  await prisma.stagedCycleOpening.createMany({ data: [{ id, content: JSON.parse(json) as object }], skipDuplicates: true });
  return id;
}

const fieldError = (field: string, lang: Locale, es: string, en: string) =>
  new AppError('VALIDATION', lang === 'en' ? en : es, { [field]: lang === 'en' ? en : es }, { issues: [{ field, code: 'invalid', message: lang === 'en' ? en : es }] });

/** The policies must parse: the cycle's over the default, and each institution's over the cycle's. */
function checkPolicies(body: OpenCycleBody): void {
  const cyclePolicy = mergePolicy({ base: DEFAULT_REPORTING_POLICY, override: (body.policy ?? null) as TReportingPolicyOverride | null });
  for (const [code, override] of Object.entries(body.policyOverrides ?? {})) {
    try {
      mergePolicy({ base: cyclePolicy, override: override as TReportingPolicyOverride });
    } catch (err) {
      if (err instanceof AppError) throw new AppError('VALIDATION', `policyOverrides.${code}: ${err.message}`, err.fields);
      throw err;
    }
  }
}

/** The deadline must be after today (Mexico City) and within the year's window. Returns the effective date. */
function checkDeadline(body: OpenCycleBody, now: Date, lang: Locale): string {
  const today = DateTime.fromJSDate(now, { zone: DEFAULT_ZONE }).toISODate()!;
  if (body.deadline <= today) {
    throw fieldError('deadline', lang, `La fecha límite ${body.deadline} debe ser posterior a hoy (${today}, Ciudad de México).`, `deadline ${body.deadline} must be after today (${today}, Mexico City)`);
  }
  const window = deadlineWindow(body.year);
  if (body.deadline < window.from || body.deadline > window.to) {
    throw fieldError(
      'deadline',
      lang,
      `La fecha límite ${body.deadline} no corresponde al ciclo ${body.year}: debe caer entre ${window.from} y ${window.to}.`,
      `deadline ${body.deadline} does not fit the ${body.year} cycle: it must fall between ${window.from} and ${window.to}`,
    );
  }
  return createBusinessCalendar({ zone: DEFAULT_ZONE }).businessDayOnOrAfter(body.deadline);
}

/** Every institution named (in the list or the overrides) must exist, and overrides only for listed ones. */
async function checkInstitutions(prisma: PrismaClient, body: OpenCycleBody, lang: Locale): Promise<void> {
  const outside = body.institutions ? Object.keys(body.policyOverrides ?? {}).filter((c) => !body.institutions!.includes(c)) : [];
  if (outside.length) {
    throw new AppError('VALIDATION', `policyOverrides names institution(s) not in this cycle: ${outside.join(', ')}`, { policyOverrides: `not in institutions: ${outside.join(', ')}` });
  }
  const named = [...new Set([...(body.institutions ?? []), ...Object.keys(body.policyOverrides ?? {})])];
  if (!named.length) return;
  const found = await prisma.institution.findMany({ where: { code: { in: named } }, select: { code: true } });
  const known = new Set(found.map((f) => f.code));
  const unknown = named.filter((c) => !known.has(c)).slice(0, 20);
  if (unknown.length) {
    throw fieldError('institutions', lang, `Clave(s) de institución desconocida(s): ${unknown.join(', ')}`, `Unknown institution code(s): ${unknown.join(', ')}`);
  }
}

/**
 * Opens the reporting cycle of `body.year`: checks the policy, the deadline and the institutions, then
 * starts `cycle/<year>` (which creates the requests and starts one workflow per institution). Refuses a
 * year already opened (CONFLICT). The same function serves the JSON API, the dashboard's form and the
 * yearly schedule's kickoff (activities/schedule-activities, with its own `actor`).
 */
export async function openCycle(deps: OpenCycleDeps, body: OpenCycleBody, who: string, lang: Locale = 'en', { actor }: { actor?: string } = {}): Promise<OpenedCycle> {
  checkPolicies(body);
  const deadline = checkDeadline(body, deps.now(), lang);
  const plan = await deps.prisma.plan.findFirst({ orderBy: { version: 'desc' } });
  if (!plan) throw new AppError('UNAVAILABLE', 'No plan is loaded yet: run the seed step (npm run db:seed).');
  await checkInstitutions(deps.prisma, body, lang);
  const workflowId = `cycle/${body.year}`;
  const input: ReportingCycleInput = {
    year: body.year,
    deadlineDate: body.deadline,
    policy: body.policy,
    // `actor`: a caller that is not the secretariat (the yearly schedule's kickoff) names itself whole.
    openedBy: actor ?? `secretariat:${body.openedBy ?? who}`,
    // The institution list and per-institution policies can be large: stored first, the workflow's
    // input carries the row's id.
    ...(body.institutions || body.policyOverrides
      ? { stagedOpeningId: await stageCycleOpening(deps.prisma, { institutionCodes: body.institutions ? [...new Set(body.institutions)] : undefined, policyOverrides: body.policyOverrides }) }
      : {}),
  };
  try {
    await deps.temporal.workflow.start(reportingCycle, { workflowId, taskQueue: deps.taskQueue, args: [input], workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) {
      throw new AppError('CONFLICT', lang === 'en' ? `The ${body.year} cycle was already opened (workflow ${workflowId}).` : `El ciclo ${body.year} ya se abrió (flujo ${workflowId}).`);
    }
    throw err;
  }
  return { year: body.year, workflowId, deadline };
}
