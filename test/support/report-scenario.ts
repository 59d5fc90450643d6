/**
 * The seeded reporting year of issue 9 §5, written straight into PostgreSQL with Prisma (no Temporal, no
 * SMTP): the plan from its file, the cycle of `year`, one request per institution of the plan (7), their
 * submissions, audit rows and one refused email. Each institution plays one part ({@link REPORT_YEAR_ROLES}):
 *
 * - SRE reports on time (narrative in English);
 * - SEDENA reports on time, then corrects after the deadline (4.b: 70 → 40): the correction's values count;
 * - SEMAR never reports (NOT_REPORTED at the cut-off), escalated to level 3, one escalation email refused;
 * - SSPC is escalated (level 1), asks for an extension, gets it, and reports after the original deadline but
 *   within the extended one (AFTER_EXTENSION; its row's escalation level is back to 0);
 * - INMUJERES reports on time; its 2.a breaks down 25 women + 10 men of 40 (5 of sex not recorded);
 * - UNWOMEN is exempted;
 * - CECOPAM reports on the Friday after a Friday deadline: the Monday between is a statutory rest day
 *   (third Monday of March) and the Thursday a holiday of the secretariat, so it is 3 business days late.
 *
 * Dates: the cycle of year Y opens on 2 February Y+1; the deadline is the end of the Friday before the third
 * Monday of March Y+1 (Mexico City). Reusable by the API and workflow tests: call it once per year (years
 * in increasing order for trends); {@link addCorrection} adds a later correction.
 */
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import planJson from '../../domain/plans/mx-nap-1325.v1.json';
import { createBusinessCalendar } from '../../domain/business-calendar';
import { parsePlanFile, type TPlanFile } from '../../domain/plan-schema';
import type { PrismaClient } from '../../prisma/client';
import { seedPlan } from '../../prisma/seed-plan';

export const REPORT_YEAR_ROLES = {
  onTime: 'SRE',
  corrected: 'SEDENA',
  notReported: 'SEMAR',
  afterExtension: 'SSPC',
  sexShort: 'INMUJERES',
  exempted: 'UNWOMEN',
  late: 'CECOPAM',
} as const;

export const SECRETARIAT = 'secretaria@sre.gob.mx';
export const EXEMPTION_REASON = 'Sin operaciones en México durante el año reportado.';
export const CORRECTION_REASON = 'Se corrigió el número de mujeres capacitadas en el CECOPAM (4.b).';

/** One value as the scenario writes it; `total: null` is "no data" (give a comment). */
export type TSeedValue = { total: number | null; women?: number; men?: number; textValue?: string; comment?: string };

const plan: TPlanFile = parsePlanFile(planJson, 'mx-nap-1325.v1.json');

/** Totals by indicator: one number for every reporter, or per institution. */
const TOTALS: Record<string, number | Record<string, number>> = {
  '1.a': 1,
  '1.b': 2,
  '3.a': 2,
  '3.b': { SSPC: 3, INMUJERES: 2, SEDENA: 1, CECOPAM: 2 },
  '4.a': { CECOPAM: 2, SEDENA: 1 },
  '4.b': { SEDENA: 70, CECOPAM: 15 },
  '4.c': 1,
  '4.d': 1,
  '5.a': 2,
  '5.b': 3,
  '5.c': 1,
  '6.a': { SRE: 10, SSPC: 5, INMUJERES: 5 },
  '6.b': { SRE: 1, SSPC: 0, INMUJERES: 0 },
  '7.a': 1,
  '7.b': 1,
  '8.b': 0,
  '8.c': 9,
  '8.d': 4,
};
const BY_SEX: Record<string, TSeedValue> = {
  '2.a': { total: 40, women: 25, men: 10 },
  '8.a': { total: 20, women: 10, men: 10 },
  '9.a': { total: 30, women: 12, men: 18 },
};
const NO_DATA: Record<string, string> = { SRE: 'Sin iniciativas registradas en el periodo.', SEDENA: 'Sin información en el periodo.' };

/** The value an institution reports for an indicator in the seeded year (the same every year). */
export function seedValue(indicatorCode: string, institutionCode: string): TSeedValue {
  if (indicatorCode === '2.b') return { total: null, textValue: 'Talleres de ciudades seguras en tres municipios.' };
  if (indicatorCode === '10.a') return { total: null, comment: NO_DATA[institutionCode] ?? 'Sin información.' };
  if (BY_SEX[indicatorCode]) return BY_SEX[indicatorCode];
  const totals = TOTALS[indicatorCode];
  return { total: typeof totals === 'number' ? totals : (totals?.[institutionCode] ?? 1) };
}

/** The indicators an institution reports, in plan order. */
export function reportedIndicators(institutionCode: string): string[] {
  return plan.indicators.filter((i) => i.reporters.some((r) => r.institutionCode === institutionCode)).map((i) => i.code);
}

export type TReportYearSeed = {
  planId: string;
  cycleId: string;
  year: number;
  /** Institution code → DataRequest id. */
  requestIds: Record<string, string>;
  /** The cycle's deadline (instant) and its local date. */
  deadline: string;
  deadlineDate: string;
  /** SSPC's extended deadline (instant). */
  extendedDeadline: string;
  /** The secretariat's holiday the scenario adds (the Thursday after the third Monday of March). */
  extraHoliday: string;
  /** When each submission was made, by institution code (SEDENA: [final, correction]). */
  submittedAt: Record<string, string[]>;
};

type TWhen = { date: string; time: string };

function sha(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

/** Writes one submission with its values (all the institution's indicators, `override` on top). */
async function writeSubmission(
  prisma: PrismaClient,
  {
    requestId,
    workflowId,
    version,
    kind,
    at,
    by,
    reason = null,
    narrative = null,
    values,
    indicatorIds,
  }: {
    requestId: string;
    workflowId: string;
    version: number;
    kind: 'FINAL' | 'CORRECTION';
    at: string;
    by: string;
    reason?: string | null;
    narrative?: string | null;
    values: Record<string, TSeedValue>;
    indicatorIds: Map<string, string>;
  },
): Promise<void> {
  const submission = await prisma.submission.create({
    data: {
      dataRequestId: requestId,
      version,
      kind,
      narrative,
      submittedBy: by,
      reason,
      contentHash: sha({ values, narrative }),
      idempotencyKey: `${workflowId}/v${version}/seeded`,
      createdAt: new Date(at),
    },
  });
  const rows = Object.entries(values).flatMap(([code, v]) => {
    const common = { submissionId: submission.id, indicatorId: indicatorIds.get(code)! };
    const total = { ...common, breakdown: 'TOTAL' as const, numberValue: v.total, textValue: v.textValue ?? null, comment: v.comment ?? null };
    const bySex = v.women === undefined ? [] : [{ ...common, breakdown: 'WOMEN' as const, numberValue: v.women }, { ...common, breakdown: 'MEN' as const, numberValue: v.men ?? null }];
    return [total, ...bySex];
  });
  await prisma.submissionValue.createMany({ data: rows });
  await prisma.auditEvent.create({
    data: {
      at: new Date(at),
      actor: `contact:${by}`,
      action: kind === 'FINAL' ? 'SUBMITTED' : 'CORRECTED',
      dataRequestId: requestId,
      data: { version, values: rows.length, ...(reason ? { reason } : {}) },
    },
  });
}

function valuesOf(institutionCode: string, override: Record<string, TSeedValue> = {}): Record<string, TSeedValue> {
  return Object.fromEntries(reportedIndicators(institutionCode).map((code) => [code, override[code] ?? seedValue(code, institutionCode)]));
}

/** Writes the seeded year (see the module comment). The plan is seeded first if it is not there. */
export async function seedReportYear(prisma: PrismaClient, { year }: { year: number }): Promise<TReportYearSeed> {
  const { planId } = await seedPlan({ prisma, plan });
  const calendar = createBusinessCalendar();
  const march = DateTime.fromObject({ year: year + 1, month: 3, day: 1 }, { zone: 'UTC' });
  const thirdMonday = march.plus({ days: (8 - march.weekday) % 7 + 14 });
  const day = (offset: number) => thirdMonday.plus({ days: offset }).toISODate()!;
  const deadlineDate = day(-3);
  const deadline = calendar.endOfDay(deadlineDate);
  const at = ({ date, time }: TWhen) => calendar.instantAt(date, time);
  const extraHoliday = day(3);
  await prisma.holiday.create({ data: { date: new Date(`${extraHoliday}T00:00:00.000Z`), nameEs: 'Día inhábil de la secretaría', nameEn: "Secretariat's holiday", createdBy: SECRETARIAT, createdAt: new Date(at({ date: `${year + 1}-01-15`, time: '09:00' })) } });
  const indicatorIds = new Map((await prisma.indicator.findMany({ where: { planId }, select: { id: true, code: true } })).map((i) => [i.code, i.id]));
  const institutions = new Map((await prisma.institution.findMany({ select: { id: true, code: true } })).map((i) => [i.code, i.id]));
  const openedAt = `${year + 1}-02-02T16:00:00.000Z`;
  const cutoff = calendar.endOfDay(day(17));
  const cycle = await prisma.reportingCycle.create({
    data: { planId, year, status: 'CLOSED', workflowId: `cycle/${year}`, openedAt: new Date(openedAt), deadline: new Date(deadline), policy: {}, openedBy: `secretariat:${SECRETARIAT}`, closedAt: new Date(cutoff) },
  });

  const requestIds: Record<string, string> = {};
  const submittedAt: Record<string, string[]> = {};
  const extendedDeadline = calendar.endOfDay(calendar.businessDayOnOrAfter(day(11)));
  for (const inst of plan.institutions) {
    const code = inst.code;
    const workflowId = `request/${year}/${code}`;
    const request = await prisma.dataRequest.create({
      data: { cycleId: cycle.id, institutionId: institutions.get(code)!, workflowId, status: 'REQUESTED', deadline: new Date(deadline), requestedAt: new Date(openedAt) },
    });
    requestIds[code] = request.id;
    const contact = `enlace@${code.toLowerCase()}.gob.mx`;
    const audit = (when: string, actor: string, action: string, data: Record<string, string | number | null>) =>
      prisma.auditEvent.create({ data: { at: new Date(when), actor, action, cycleId: cycle.id, dataRequestId: request.id, data } });
    const submit = async (version: number, kind: 'FINAL' | 'CORRECTION', when: string, extra: { narrative?: string; reason?: string; override?: Record<string, TSeedValue> } = {}) => {
      await writeSubmission(prisma, { requestId: request.id, workflowId, version, kind, at: when, by: contact, reason: extra.reason, narrative: extra.narrative, values: valuesOf(code, extra.override), indicatorIds });
      (submittedAt[code] ??= []).push(when);
    };
    let finalAt: string | null = null;
    let status = 'SUBMITTED';
    let escalationLevel = 0;
    let row: { deadline?: Date } = {};
    let last = openedAt;

    switch (code) {
      case REPORT_YEAR_ROLES.onTime:
        finalAt = at({ date: day(-8), time: '10:00' });
        await submit(1, 'FINAL', finalAt, { narrative: 'The Ministry held two outreach sessions with the women deployed in peace operations.' });
        last = finalAt;
        break;
      case REPORT_YEAR_ROLES.corrected: {
        finalAt = at({ date: day(-6), time: '11:00' });
        await submit(1, 'FINAL', finalAt, { narrative: 'Primera entrega de la SEDENA.' });
        last = at({ date: day(7), time: '12:00' });
        await submit(2, 'CORRECTION', last, { reason: CORRECTION_REASON, narrative: 'Entrega corregida de la SEDENA: 40 mujeres capacitadas en 4.b.', override: { '4.b': { total: 40 } } });
        break;
      }
      case REPORT_YEAR_ROLES.notReported:
        status = 'NOT_REPORTED';
        escalationLevel = 3;
        for (const [level, offset] of [[1, 1], [2, 4], [3, 8]] as const) await audit(at({ date: day(offset), time: '09:00' }), 'workflow', 'ESCALATED', { from: 'OVERDUE', to: 'OVERDUE', escalationLevel: level });
        await prisma.sentMessage.create({
          data: {
            idempotencyKey: `${workflowId}/escalation-2`,
            messageId: `<${sha(workflowId).slice(0, 24)}@nap1325.test>`,
            dataRequestId: request.id,
            kind: 'ESCALATION',
            to: ['jefatura@semar.gob.mx'],
            cc: [],
            subject: 'Escalamiento',
            status: 'FAILED',
            error: '550 5.1.1 mailbox unavailable',
            attempts: 1,
            createdAt: new Date(at({ date: day(4), time: '09:01' })),
          },
        });
        last = cutoff;
        await audit(cutoff, 'workflow', 'NOT_REPORTED', { from: 'OVERDUE', to: 'NOT_REPORTED' });
        break;
      case REPORT_YEAR_ROLES.afterExtension: {
        await audit(at({ date: day(1), time: '09:00' }), 'workflow', 'ESCALATED', { from: 'OVERDUE', to: 'OVERDUE', escalationLevel: 1 });
        await audit(at({ date: day(1), time: '13:00' }), `contact:${contact}`, 'EXTENSION_REQUESTED', { from: 'OVERDUE', to: 'OVERDUE', deadline: day(11), reason: 'Cierre de cifras del trimestre.' });
        await audit(at({ date: day(2), time: '10:00' }), `secretariat:${SECRETARIAT}`, 'EXTENSION_APPROVED', { from: deadline, to: extendedDeadline, requested: day(11), reason: 'Cierre de cifras del trimestre.', status: 'REQUESTED' });
        row = { deadline: new Date(extendedDeadline) };
        finalAt = at({ date: day(9), time: '10:00' });
        await submit(1, 'FINAL', finalAt);
        last = finalAt;
        break;
      }
      case REPORT_YEAR_ROLES.sexShort:
        finalAt = at({ date: day(-4), time: '17:30' });
        await submit(1, 'FINAL', finalAt, { narrative: 'INMUJERES capacitó a 40 personas servidoras públicas; en 5 casos no se registró el sexo.' });
        last = finalAt;
        break;
      case REPORT_YEAR_ROLES.exempted:
        status = 'EXEMPTED';
        last = at({ date: day(-20), time: '12:00' });
        await audit(last, `secretariat:${SECRETARIAT}`, 'EXEMPTED', { from: 'REQUESTED', to: 'EXEMPTED', reason: EXEMPTION_REASON });
        break;
      case REPORT_YEAR_ROLES.late:
        finalAt = at({ date: day(4), time: '12:00' });
        await submit(1, 'FINAL', finalAt);
        last = finalAt;
        break;
    }
    await prisma.dataRequest.update({
      where: { id: request.id },
      data: { status: status as 'SUBMITTED', escalationLevel, submittedAt: finalAt ? new Date(finalAt) : null, ...row, updatedAt: new Date(last) },
    });
  }
  return { planId, cycleId: cycle.id, year, requestIds, deadline, deadlineDate, extendedDeadline, extraHoliday, submittedAt };
}

/**
 * A later correction by `institutionCode` in the cycle of `year`, as the next version: the seeded values
 * ({@link seedValue}) with `override` on top (give every value that should differ from them), the
 * narrative of its latest submission. Returns its version.
 */
export async function addCorrection(
  prisma: PrismaClient,
  { year, institutionCode, at, reason, override }: { year: number; institutionCode: string; at: string; reason: string; override: Record<string, TSeedValue> },
): Promise<number> {
  const workflowId = `request/${year}/${institutionCode}`;
  const request = await prisma.dataRequest.findUniqueOrThrow({ where: { workflowId }, include: { cycle: true } });
  const latest = await prisma.submission.findFirstOrThrow({ where: { dataRequestId: request.id }, orderBy: { version: 'desc' } });
  const indicatorIds = new Map((await prisma.indicator.findMany({ where: { planId: request.cycle.planId }, select: { id: true, code: true } })).map((i) => [i.code, i.id]));
  const version = latest.version + 1;
  await writeSubmission(prisma, {
    requestId: request.id,
    workflowId,
    version,
    kind: 'CORRECTION',
    at,
    by: latest.submittedBy,
    reason,
    narrative: latest.narrative,
    values: valuesOf(institutionCode, override),
    indicatorIds,
  });
  await prisma.dataRequest.update({ where: { id: request.id }, data: { updatedAt: new Date(at) } });
  return version;
}
