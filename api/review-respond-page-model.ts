import { formatDeadline, formatMoment } from '../domain/deadline-text';
import { goalTargetText } from '../domain/goal-target-text';
import type { Locale } from '../domain/input-bounds';
import { itemsInCharge } from '../domain/review/items-in-charge';
import { ITEM_KIND_NAME } from '../domain/review/proposal-issue-text';
import { ZReviewProposals, type TReviewProposal } from '../domain/review/review-proposal';
import type { TGoalTarget } from '../domain/goal-target';
import type { PrismaClient } from '../prisma/client';
import { loadReviewPlan } from '../prisma/review-plan';
import type { FormError } from '../ui/components/error-summary';
import { itemKey, newRowKey, reviewFieldName, type ReviewFormGroup, type ReviewProposalRow, type ReviewRespondPageModel } from '../ui/pages/review-respond-model';
import { reviewRespondText } from '../ui/pages/review-respond-text';
import { respondUrl, type RespondContext } from './respond-context';
import { correctionWindowEnd, endReason, extensionState, respondMode } from './respond-page-model';
import { ADD_ROWS, type ReviewFormSubmission } from './review-respond-form';

/** A target's fields as the form shows them (kind + comparison + value + period + figure, or JSON). */
function targetFields(key: string, target: TGoalTarget | null): Record<string, string> {
  const name = (f: string) => reviewFieldName(f, key);
  if (target === null) return { [name('tk')]: 'NONE' };
  if (target.kind === 'COUNT' && target.counting !== null && target.dueByPlanYear === null) {
    return { [name('tk')]: 'COUNT', [name('tc')]: target.comparator, [name('tv')]: String(target.value), [name('tp')]: target.counting, [name('tfes')]: target.figure.es, [name('tfen')]: target.figure.en };
  }
  if (target.kind === 'OCCURRENCE' && target.dueByPlanYear === null) {
    return { [name('tk')]: 'OCCURRENCE', [name('tp')]: target.counting, [name('tfes')]: target.figure.es, [name('tfen')]: target.figure.en };
  }
  return { [name('tk')]: 'JSON', [name('tj')]: JSON.stringify(target) };
}

/** A stored proposal's fields, as the form shows them back (the "add" row `n` for an ADD). */
function proposalFields(p: TReviewProposal, addRow: number): Record<string, string> {
  const key = p.action === 'ADD' ? newRowKey(addRow) : itemKey(p.kind, p.code);
  const name = (f: string) => reviewFieldName(f, key);
  const c = p.change;
  return {
    ...(p.action === 'ADD' ? { [name('nk')]: p.kind, [name('nc')]: p.code, ...(p.objectiveCode ? { [name('no')]: p.objectiveCode } : {}) } : { [name('a')]: p.action }),
    [name('j')]: p.justification,
    ...(c?.text?.es ? { [name('tes')]: c.text.es } : {}),
    ...(c?.text?.en ? { [name('ten')]: c.text.en } : {}),
    ...(c?.unit ? { [name('u')]: c.unit } : {}),
    ...(c?.disaggregation ? { [name('d')]: c.disaggregation } : {}),
    ...(c?.target !== undefined ? targetFields(key, c.target) : {}),
  };
}

/** A stored version's proposals as the page lists them: "Indicador 4.b: modificar", its changes, its justification. */
export function proposalRows(stored: unknown, lang: Locale): ReviewProposalRow[] {
  const parsed = ZReviewProposals.safeParse(stored);
  if (!parsed.success) return [];
  const t = reviewRespondText(lang);
  return parsed.data.proposals.map((p) => {
    const c = p.change;
    const under = p.action === 'ADD' && p.objectiveCode && p.kind !== 'OBJECTIVE' ? ` (${t.objective(p.objectiveCode)})` : '';
    return {
      head: `${ITEM_KIND_NAME[lang][p.kind]} ${p.code}: ${t.actions[p.action].toLowerCase()}${under}`,
      lines: [
        ...(c?.text?.es ? [`${t.textEs}: ${c.text.es}`] : []),
        ...(c?.text?.en ? [`${t.textEn}: ${c.text.en}`] : []),
        ...(c?.unit ? [`${t.unit}: ${t.units[c.unit]}`] : []),
        ...(c?.disaggregation ? [`${t.breakdown}: ${t.breakdowns[c.disaggregation]}`] : []),
        ...(c?.target !== undefined ? [`${t.target}: ${c.target === null ? t.targetKinds.NONE : goalTargetText({ target: c.target, indicatorCode: c.indicatorCode ?? null })[lang]}`] : []),
        `${t.justification}: ${p.justification}`,
      ],
    };
  });
}

/**
 * Everything the contact's review page shows, read from PostgreSQL: the items in charge grouped by
 * objective (goals with their target in words), the objectives new items may go under, what is saved
 * (or `form`, what was just sent, after an error), the mode, the extension's state, why a request ended.
 */
export async function buildReviewRespondPageModel({
  prisma,
  ctx,
  now,
  form,
  errors = [],
  fieldErrors = {},
  notice,
  extensionForm,
  nonce,
}: {
  prisma: PrismaClient;
  ctx: RespondContext;
  now: Date;
  form?: ReviewFormSubmission;
  errors?: FormError[];
  fieldErrors?: Record<string, string>;
  notice?: ReviewRespondPageModel['notice'];
  extensionForm?: ReviewRespondPageModel['extensionForm'];
  nonce?: string;
}): Promise<ReviewRespondPageModel> {
  const { dataRequest, lang, zone } = ctx;
  const [plan, reviewPlan, latest, correctionEndsAt] = await Promise.all([
    prisma.plan.findUniqueOrThrow({ where: { id: dataRequest.cycle.planId }, select: { version: true } }),
    loadReviewPlan(prisma, dataRequest.cycle.planId),
    prisma.submission.findFirst({ where: { dataRequestId: dataRequest.id }, orderBy: { version: 'desc' } }),
    correctionWindowEnd(prisma, ctx),
  ]);
  const mode = respondMode({ dataRequest, correctionEndsAt, now });
  const institutionCode = dataRequest.institution.code;
  const charged = itemsInCharge({ plan: reviewPlan, institutionCode });
  const groups: ReviewFormGroup[] = charged.map((g) => ({
    objective: { code: g.objective.code, text: g.objective.text, inCharge: g.objective.inCharge },
    items: g.items.map((i) => ({
      kind: i.kind,
      code: i.code,
      text: i.text,
      ...(i.unit ? { unit: i.unit, disaggregation: i.disaggregation } : {}),
      // "Meta: …" / "Target: …" without its lead word: the page says "Meta vigente — …".
      ...(i.kind === 'GOAL' ? { targetText: i.target ? goalTargetText({ target: i.target, indicatorCode: i.indicatorCode ?? null })[lang].replace(/^(Meta|Target): /, '') : null, ...(i.target ? { figure: i.target.figure } : {}) } : {}),
    })),
  }));

  const stored = ZReviewProposals.safeParse(latest?.proposals);
  const saved: Record<string, string> = {};
  // What a goal's target fields count, prefilled from the target in force.
  for (const g of groups) {
    for (const i of g.items) {
      if (i.figure) Object.assign(saved, { [reviewFieldName('tfes', itemKey(i.kind, i.code))]: i.figure.es, [reviewFieldName('tfen', itemKey(i.kind, i.code))]: i.figure.en });
    }
  }
  let adds = 0;
  for (const p of stored.success ? stored.data.proposals : []) Object.assign(saved, proposalFields(p, p.action === 'ADD' ? ++adds : 0));

  const when = (at: Date) => formatDeadline({ at: at.toISOString(), zone, locale: lang });
  const fields = form?.fields ?? saved;
  const sentAdds = form ? form.origins.filter((o) => o.startsWith('new|')).length : adds;
  return {
    lang,
    year: ctx.params.year,
    planVersion: plan.version,
    institution: { code: institutionCode, name: { es: dataRequest.institution.nameEs, en: dataRequest.institution.nameEn } },
    status: dataRequest.status,
    mode,
    deadlineText: when(dataRequest.deadline),
    ...(mode === 'CORRECT' && correctionEndsAt ? { correctionEndsText: when(correctionEndsAt) } : {}),
    ...(mode === 'READ_ONLY' ? { endReason: await endReason(prisma, dataRequest.id) } : {}),
    ...(latest
      ? { latest: { version: latest.version, kind: latest.kind, atText: formatMoment({ at: latest.createdAt.toISOString(), zone, locale: lang }) }, latestRows: proposalRows(latest.proposals, lang) }
      : {}),
    groups,
    addObjectives: charged.filter((g) => g.objective.inCharge).map((g) => ({ code: g.objective.code, text: g.objective.text })),
    addRows: Math.max(ADD_ROWS, sentAdds + 1),
    fields,
    narrative: form ? form.narrative : stored.success ? (stored.data.narrative ?? '') : '',
    reason: form?.reason ?? '',
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
