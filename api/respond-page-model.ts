import { computeCorrectionWindowEnd } from '../domain/compute-timeline';
import { formatDeadline, formatMoment } from '../domain/deadline-text';
import type { Locale } from '../domain/input-bounds';
import { policyInForce } from '../domain/reporting-policy';
import { businessCalendar } from '../prisma/business-calendar';
import type { PrismaClient } from '../prisma/client';
import type { FormError } from '../ui/components/error-summary';
import type { ValueRow } from '../ui/components/values-table';
import type { RespondGroup, RespondMode, RespondPageModel } from '../ui/pages/respond-model';
import { respondUrl, type RespondContext } from './respond-context';

const OPEN_FOR_DATA = new Set(['PENDING', 'REQUESTED', 'DRAFT', 'OVERDUE']);

type StoredValue = {
  breakdown: 'TOTAL' | 'WOMEN' | 'MEN';
  numberValue: { toString(): string } | null;
  booleanValue: boolean | null;
  textValue: string | null;
  comment: string | null;
  indicator: { code: string; textEs: string; textEn: string };
};

/** A stored value as the form shows it in its input (`true`/`false` for yes/no, digits with a dot). */
export function inputText(v: Pick<StoredValue, 'numberValue' | 'booleanValue' | 'textValue'>): string {
  return v.numberValue?.toString() ?? (v.booleanValue === null ? undefined : String(v.booleanValue)) ?? v.textValue ?? '';
}

/** A stored value as people read it: yes/no in their language, "null" as no value. */
function readableValue(v: StoredValue, lang: Locale): string | null {
  if (v.booleanValue !== null) return v.booleanValue ? (lang === 'en' ? 'Yes' : 'Sí') : 'No';
  return v.numberValue?.toString() ?? v.textValue ?? null;
}

/** The rows of a values table (receipt, read-only view) from stored values, in the plan's order. */
export function valueRows(values: readonly StoredValue[], order: readonly string[], lang: Locale): ValueRow[] {
  const rank = (b: string) => ['TOTAL', 'WOMEN', 'MEN'].indexOf(b);
  return [...values]
    .sort((a, b) => order.indexOf(a.indicator.code) - order.indexOf(b.indicator.code) || rank(a.breakdown) - rank(b.breakdown))
    .map((v) => ({
      code: v.indicator.code,
      text: { es: v.indicator.textEs, en: v.indicator.textEn },
      breakdown: v.breakdown,
      value: readableValue(v, lang),
      ...(v.comment ? { comment: v.comment } : {}),
    }));
}

/** What the contact is sending or has just sent, shown back in the form (after an error). */
export interface FormEcho {
  values: Record<string, string>;
  comments: Record<string, string>;
  narrative: string;
  reason: string;
}

/**
 * Everything the contact's page shows, read from PostgreSQL (never by querying the workflow): the form's
 * indicators grouped by objective with last cycle's values, what is saved (or `echo`, what was just sent),
 * the mode (edit, correct while the window is open, read only), the extension's state, why a request
 * ended. The correction window is computed from the policy in force, as the workflow computes it.
 */
export async function buildRespondPageModel({
  prisma,
  ctx,
  now,
  echo,
  errors = [],
  fieldErrors = {},
  notice,
  extensionForm,
  nonce,
}: {
  prisma: PrismaClient;
  ctx: RespondContext;
  now: Date;
  echo?: FormEcho;
  errors?: FormError[];
  fieldErrors?: Record<string, string>;
  notice?: RespondPageModel['notice'];
  extensionForm?: RespondPageModel['extensionForm'];
  nonce?: string;
}): Promise<RespondPageModel> {
  const { dataRequest, lang, zone } = ctx;
  const when = (at: Date) => formatDeadline({ at: at.toISOString(), zone, locale: lang });
  const moment = (at: Date) => formatMoment({ at: at.toISOString(), zone, locale: lang });
  const latest = await prisma.submission.findFirst({
    where: { dataRequestId: dataRequest.id },
    orderBy: { version: 'desc' },
    include: { values: { include: { indicator: { select: { code: true, textEs: true, textEn: true } } } } },
  });
  const correctionEndsAt = await correctionWindowEnd(prisma, ctx);
  const mode = respondMode({ dataRequest, correctionEndsAt, now });

  const saved: FormEcho = { values: {}, comments: {}, narrative: latest?.narrative ?? '', reason: '' };
  for (const v of latest?.values ?? []) {
    saved.values[`${v.indicator.code}|${v.breakdown}`] = inputText(v);
    if (v.comment) saved.comments[v.indicator.code] = v.comment;
  }
  const shown = echo ?? saved;
  const order = ctx.indicators.map((i) => i.code);

  return {
    lang,
    year: ctx.params.year,
    institution: { code: dataRequest.institution.code, name: { es: dataRequest.institution.nameEs, en: dataRequest.institution.nameEn } },
    status: dataRequest.status,
    mode,
    deadlineText: when(dataRequest.deadline),
    ...(mode === 'CORRECT' && correctionEndsAt ? { correctionEndsText: when(correctionEndsAt) } : {}),
    ...(mode === 'READ_ONLY' ? { endReason: await endReason(prisma, dataRequest.id) } : {}),
    ...(latest ? { latest: { version: latest.version, kind: latest.kind, atText: moment(latest.createdAt) }, latestRows: valueRows(latest.values, order, lang) } : {}),
    groups: await groups(prisma, ctx),
    values: shown.values,
    comments: shown.comments,
    narrative: shown.narrative,
    reason: shown.reason,
    extension: await extensionState(prisma, dataRequest.id, ctx),
    ...(extensionForm ? { extensionForm } : {}),
    errors,
    fieldErrors,
    ...(notice ? { notice } : {}),
    urls: {
      form: respondUrl(ctx),
      extension: respondUrl(ctx, { page: 'extension' }),
      ...(latest && latest.kind !== 'DRAFT' ? { receipt: respondUrl(ctx, { page: 'receipt' }) } : {}),
      switchLanguage: respondUrl(ctx, { lang: lang === 'en' ? 'es-MX' : 'en' }),
    },
    ...(nonce ? { nonce } : {}),
  };
}

/** What the contact may do: fill in (open), correct (submitted, window open), or only read. */
export function respondMode({ dataRequest, correctionEndsAt, now }: { dataRequest: { status: string; endedAt: Date | null }; correctionEndsAt: Date | null; now: Date }): RespondMode {
  if (OPEN_FOR_DATA.has(dataRequest.status) && !dataRequest.endedAt) return 'EDIT';
  if (dataRequest.status === 'SUBMITTED' && !dataRequest.endedAt && correctionEndsAt && correctionEndsAt > now) return 'CORRECT';
  return 'READ_ONLY';
}

/** When the correction window of a submitted request closes (null: no window, or not submitted). */
export async function correctionWindowEnd(prisma: PrismaClient, { dataRequest }: Pick<RespondContext, 'dataRequest'>): Promise<Date | null> {
  if (!dataRequest.submittedAt) return null;
  const policy = policyInForce({ cyclePolicy: dataRequest.cycle.policy, override: dataRequest.policyOverride });
  const end = computeCorrectionWindowEnd({ policy, submittedAt: dataRequest.submittedAt.toISOString(), calendar: await businessCalendar(prisma) });
  return end ? new Date(end) : null;
}

/** The form's indicators under their objectives, each with last cycle's reported values when there are any. */
async function groups(prisma: PrismaClient, ctx: RespondContext): Promise<RespondGroup[]> {
  const previous = await previousReport(prisma, ctx);
  const byObjective = new Map<string, RespondGroup>();
  for (const i of ctx.indicators) {
    const key = i.objective.code;
    if (!byObjective.has(key)) {
      byObjective.set(key, {
        objective: { code: key, text: { es: i.objective.textEs, en: i.objective.textEn }, ...(i.objective.needsConfirmation && i.objective.confirmationNote ? { confirmationNote: i.objective.confirmationNote } : {}) },
        indicators: [],
      });
    }
    const last = previous?.values.filter((v) => v.indicator.code === i.code) ?? [];
    byObjective.get(key)!.indicators.push({
      code: i.code,
      text: { es: i.textEs, en: i.textEn },
      unit: i.unit,
      disaggregation: i.disaggregation,
      ...(i.needsConfirmation && i.confirmationNote ? { confirmationNote: i.confirmationNote } : {}),
      ...(previous && last.length
        ? {
            previous: {
              year: previous.year,
              values: Object.fromEntries(last.filter((v) => readableValue(v, ctx.lang) !== null).map((v) => [v.breakdown, readableValue(v, ctx.lang)!])),
              ...(last.find((v) => v.comment)?.comment ? { comment: last.find((v) => v.comment)!.comment! } : {}),
            },
          }
        : {}),
    });
  }
  return [...byObjective.values()];
}

/** The institution's last report (final or corrected) of the previous year's cycle, if it sent one. */
async function previousReport(prisma: PrismaClient, { dataRequest, params }: RespondContext) {
  const submission = await prisma.submission.findFirst({
    where: { kind: { not: 'DRAFT' }, dataRequest: { institutionId: dataRequest.institutionId, cycle: { year: params.year - 1 } } },
    orderBy: { version: 'desc' },
    include: { values: { include: { indicator: { select: { code: true, textEs: true, textEn: true } } } } },
  });
  return submission ? { year: params.year - 1, values: submission.values } : undefined;
}

/** The latest extension event of a request, as the page states it (pending, or the last decision). */
export async function extensionState(prisma: PrismaClient, dataRequestId: string, ctx: RespondContext): Promise<RespondPageModel['extension']> {
  const event = await prisma.auditEvent.findFirst({
    where: { dataRequestId, action: { in: ['EXTENSION_REQUESTED', 'EXTENSION_APPROVED', 'EXTENSION_REJECTED', 'EXTENSION_GRANTED'] } },
    orderBy: { at: 'desc' },
  });
  if (!event) return undefined;
  const data = (event.data ?? {}) as Record<string, string | null | undefined>;
  const atText = formatMoment({ at: event.at.toISOString(), zone: ctx.zone, locale: ctx.lang });
  switch (event.action) {
    case 'EXTENSION_REQUESTED':
      return { state: 'PENDING', deadline: data.deadline ?? '', ...(data.reason ? { reason: data.reason } : {}), atText };
    case 'EXTENSION_REJECTED':
      return { state: 'REJECTED', deadline: data.deadline ?? '', ...(data.note ? { note: data.note } : {}), atText };
    default: {
      const to = data.to ? formatDeadline({ at: data.to, zone: ctx.zone, locale: ctx.lang }) : (data.requested ?? '');
      return { state: event.action === 'EXTENSION_GRANTED' ? 'GRANTED' : 'APPROVED', deadline: to, atText };
    }
  }
}

/** Why a request ended, in the secretariat's words (exemption, early close). */
export async function endReason(prisma: PrismaClient, dataRequestId: string): Promise<string | undefined> {
  const event = await prisma.auditEvent.findFirst({ where: { dataRequestId, action: { in: ['EXEMPTED', 'CLOSED_EARLY'] } }, orderBy: { at: 'desc' } });
  const reason = (event?.data as Record<string, unknown> | null)?.reason;
  return typeof reason === 'string' ? reason : undefined;
}
