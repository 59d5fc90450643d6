import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../domain/app-error';
import { ZPublishPlanVersionInput, ZReviewDecisionInput } from '../../domain/review/review-proposal';
import { Access } from '../../domain/roles';
import { decisionFieldId } from '../../ui/components/review/decision-form';
import type { PageNotice } from '../../ui/pages/admin-frame';
import { ReviewPage } from '../../ui/pages/review-page';
import type { DecisionFormError, PublishFormError } from '../../ui/pages/reviews-model';
import { ReviewsPage } from '../../ui/pages/reviews-page';
import { reviewsText } from '../../ui/pages/reviews-text';
import { momentText } from '../../ui/moment-text';
import { publishReviewedPlan, recordReviewDecision } from '../commands/review-commands';
import { startPlanReview } from '../commands/start-plan-review';
import { listPlanReviews, planReviewDetail, waitForPlanReview } from '../queries/plan-reviews';
import { formIssues } from './form-state';
import { seeOther, sendPage, type PageContext } from './page-context';
import type { PageDeps } from './register-pages';
import { PAGE, PAGE_FORM } from './route-config';

const ZNotice = z.object({ notice: z.string().max(40).optional().catch(undefined) });
const ZReviewParams = z.strictObject({ planKey: z.string().regex(/^[A-Z0-9]+(-[A-Z0-9]+)*$/).max(64), version: z.coerce.number().int().min(1).max(10_000) });
const ZStartForm = z.object({ deadlineBusinessDays: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.coerce.number().int().min(5).max(120).optional()) });

type Body = Record<string, unknown>;
const text = (body: Body, field: string): string => (typeof body[field] === 'string' ? (body[field] as string) : '');
const blankAsAbsent = (value: string): string | undefined => (value.trim() === '' ? undefined : value);

/** A form's JSON field: absent when blank, the parsed value, or a refusal naming the field. */
function jsonField(value: string, field: string, lang: PageContext['lang']): { ok: true; value: unknown } | { ok: false; field: string; message: string } {
  if (value.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(value) };
  } catch {
    return { ok: false, field, message: lang === 'en' ? 'is not valid JSON' : 'no es JSON válido' };
  }
}

/** The decision form's fields as ZReviewDecisionInput (changes only when accepting with changes). */
function decisionInput(body: Body, lang: PageContext['lang']) {
  const decision = text(body, 'decision');
  const target = jsonField(text(body, 'changeTarget'), 'change.target', lang);
  if (!target.ok) return target;
  const textChange = { es: blankAsAbsent(text(body, 'changeEs')), en: blankAsAbsent(text(body, 'changeEn')) };
  const withChanges = decision === 'ACCEPTED_WITH_CHANGES';
  const change = withChanges ? { ...(textChange.es || textChange.en ? { text: textChange } : {}), ...(target.value !== undefined ? { target: target.value } : {}) } : undefined;
  return { ok: true as const, value: { proposalKey: text(body, 'proposalKey'), decision, note: blankAsAbsent(text(body, 'note')), ...(change && Object.keys(change).length ? { change } : {}) } };
}

/**
 * The plan review's pages: `/reviews` (list, start now) and `/reviews/:planKey/:version` (round, synthesis,
 * proposals with decision forms, crosswalk, publication, dossier), through the same commands as the JSON
 * API. Forms redirect back with a notice, or show the page again with the refusal in place.
 */
export function registerReviewPages(app: FastifyInstance, deps: PageDeps): void {
  const { prisma, temporal, pageContext } = deps;
  const commandDeps = { prisma, temporal, taskQueue: deps.taskQueue };

  async function listPage(reply: FastifyReply, ctx: PageContext, { notice, error, status = 200 }: { notice?: PageNotice; error?: { value: string; message: string }; status?: number }) {
    const reviews = await listPlanReviews(prisma);
    const rows = reviews.map((r) => ({
      planKey: r.planKey,
      version: r.version,
      status: r.status,
      started: momentText({ at: r.startedAt, lang: ctx.lang }),
      deadline: r.deadline ? momentText({ at: r.deadline, lang: ctx.lang }) : null,
      requests: r.requests,
      answered: r.answered,
      publishedVersion: r.publishedVersion,
      href: `/reviews/${encodeURIComponent(r.planKey)}/${r.version}`,
    }));
    return sendPage(reply, ReviewsPage({ frame: ctx, reviews: rows, notice, error }), status);
  }

  async function reviewPage(reply: FastifyReply, ctx: PageContext, { planKey, version }: { planKey: string; version: number }, extra: { notice?: PageNotice; decisionError?: DecisionFormError; publishError?: PublishFormError; status?: number } = {}) {
    const d = await planReviewDetail(prisma, { planKey, version, lang: ctx.lang });
    const page = ReviewPage({
      frame: ctx,
      planKey,
      version,
      workflowId: d.workflowId,
      status: d.status,
      started: momentText({ at: d.startedAt, lang: ctx.lang }),
      publishedVersion: d.publishedVersion,
      requests: d.requests.map((r) => ({ ...r, deadline: momentText({ at: r.deadline, lang: ctx.lang }) })),
      synthesis: d.synthesis,
      proposals: d.proposals,
      itemTexts: d.itemTexts,
      crosswalk: d.crosswalk,
      publicationIssues: d.publicationIssues.map((i) => sentence(i.message)),
      files: d.files.map((f) => ({ format: f.format, lang: f.lang, url: f.url, size: f.size })),
      base: `/reviews/${encodeURIComponent(planKey)}/${version}`,
      notice: extra.notice,
      decisionError: extra.decisionError,
      publishError: extra.publishError,
    });
    return sendPage(reply, page, extra.status ?? 200);
  }

  const noticeFor = (ctx: PageContext, query: unknown): PageNotice | undefined => {
    const code = ZNotice.parse(query ?? {}).notice;
    const said = code ? reviewsText(ctx.lang).notices[code] : undefined;
    return said ? { kind: 'ok', text: said } : undefined;
  };

  app.get('/reviews', { config: PAGE }, async (request, reply) => {
    const ctx = await pageContext(request, reply, 'reviews');
    return listPage(reply, ctx, { notice: noticeFor(ctx, request.query) });
  });

  app.post('/reviews/start', { config: PAGE_FORM }, async (request, reply) => {
    const ctx = await pageContext(request, reply, 'reviews', Access.ACT);
    const body = (request.body ?? {}) as Body;
    const value = text(body, 'deadlineBusinessDays').slice(0, 10);
    const parsed = ZStartForm.safeParse(body);
    if (!parsed.success) return listPage(reply, ctx, { error: { value, message: formIssues(parsed.error, ctx.lang)[0]?.message ?? '' }, status: 400 });
    try {
      const started = await startPlanReview(commandDeps, { deadlineBusinessDays: parsed.data.deadlineBusinessDays }, ctx.principal.name, ctx.lang);
      // The review's page reads its record, which the workflow writes a moment after the start.
      if (!(await waitForPlanReview(prisma, { workflowId: started.workflowId }))) return seeOther(reply, '/reviews', 'starting');
      return seeOther(reply, `/reviews/${encodeURIComponent(started.planKey)}/${started.version}`, 'started');
    } catch (err) {
      if (err instanceof AppError && (err.code === 'CONFLICT' || err.code === 'NOT_FOUND')) return listPage(reply, ctx, { notice: { kind: 'warning', text: err.message }, status: err.code === 'CONFLICT' ? 409 : 404 });
      throw err;
    }
  });

  app.get('/reviews/:planKey/:version', { config: PAGE }, async (request, reply) => {
    const ctx = await pageContext(request, reply, 'reviews');
    return reviewPage(reply, ctx, ZReviewParams.parse(request.params), { notice: noticeFor(ctx, request.query) });
  });

  app.post('/reviews/:planKey/:version/decisions', { config: PAGE_FORM }, async (request, reply) => {
    const ctx = await pageContext(request, reply, 'reviews', Access.ACT);
    const params = ZReviewParams.parse(request.params);
    const body = (request.body ?? {}) as Body;
    const values = Object.fromEntries(['decision', 'changeEs', 'changeEn', 'changeTarget', 'note'].map((f) => [f, text(body, f).slice(0, 4000)]));
    const proposalKey = text(body, 'proposalKey').slice(0, 200);
    // Beside the field its message; in the summary the field's label too (a sentence naming the item as is).
    const refused = (field: string, said: string, summary = message(ctx, field, said)) => reviewPage(reply, ctx, params, { decisionError: { proposalKey, field, message: said, summary, values }, status: 400 });
    const built = decisionInput(body, ctx.lang);
    if (!built.ok) return refused(built.field, built.message);
    const parsed = ZReviewDecisionInput.safeParse(built.value);
    if (!parsed.success) {
      const issue = formIssues(parsed.error, ctx.lang)[0];
      return refused(issue?.field ?? 'decision', issue?.message ?? '');
    }
    try {
      await recordReviewDecision(commandDeps, { ...params, input: parsed.data, who: ctx.principal.name, lang: ctx.lang });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      if (err.code === 'VALIDATION') return refused(err.extra.issues?.[0]?.field ?? 'decision', sentence(err.message), sentence(err.message));
      if (err.code === 'NOT_FOUND' || err.code === 'CONFLICT') return reviewPage(reply, ctx, params, { notice: { kind: 'warning', text: err.message }, status: err.code === 'NOT_FOUND' ? 404 : 409 });
      throw err;
    }
    return seeOther(reply, `/reviews/${encodeURIComponent(params.planKey)}/${params.version}#p-${proposalKey.replace(/[^A-Za-z0-9-]/g, '-')}`, 'decided');
  });

  app.post('/reviews/:planKey/:version/publish', { config: PAGE_FORM }, async (request, reply) => {
    const ctx = await pageContext(request, reply, 'reviews', Access.ACT);
    const params = ZReviewParams.parse(request.params);
    const body = (request.body ?? {}) as Body;
    const values = Object.fromEntries(['adoptedOn', 'crosswalk', 'note'].map((f) => [f, text(body, f).slice(0, 200_000)]));
    const refused = (fieldErrors: Record<string, string>, issues: PublishFormError['issues']) => reviewPage(reply, ctx, params, { publishError: { values, fieldErrors, issues }, status: 400 });
    const crosswalk = jsonField(values.crosswalk, 'crosswalk', ctx.lang);
    if (!crosswalk.ok) return refused({ crosswalk: crosswalk.message }, [{ fieldId: PUBLISH_INPUT.crosswalk, message: message(ctx, 'crosswalk', crosswalk.message) }]);
    const parsed = ZPublishPlanVersionInput.safeParse({ adoptedOn: blankAsAbsent(values.adoptedOn), crosswalk: crosswalk.value, note: blankAsAbsent(values.note) });
    if (!parsed.success) {
      const issues = formIssues(parsed.error, ctx.lang);
      const top = (f: string) => f.split(/[.[]/)[0];
      return refused(
        Object.fromEntries(issues.map((i) => [top(i.field), i.field === top(i.field) ? i.message : `${i.field}: ${i.message}`])),
        issues.map((i) => ({ fieldId: PUBLISH_INPUT[top(i.field)], message: message(ctx, top(i.field), i.field === top(i.field) ? i.message : `${i.field}: ${i.message}`) })),
      );
    }
    try {
      await publishReviewedPlan(commandDeps, { ...params, input: parsed.data, who: ctx.principal.name, lang: ctx.lang });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      if (err.code === 'VALIDATION') {
        // Crosswalk issues beside the crosswalk; a decision's issue links to that proposal's form.
        const issues = (err.extra.issues ?? []).map((i) => ({ ...i, message: sentence(i.message) }));
        const onCrosswalk = issues.filter((i) => i.field.startsWith('crosswalk'));
        return refused(
          onCrosswalk.length ? { crosswalk: onCrosswalk.map((i) => i.message).join(' ') } : {},
          issues.length ? issues.map((i) => ({ fieldId: issueInput(i.field), message: i.message })) : [{ message: err.message }],
        );
      }
      if (err.code === 'CONFLICT' || err.code === 'NOT_FOUND') return reviewPage(reply, ctx, params, { notice: { kind: 'warning', text: err.message }, status: err.code === 'CONFLICT' ? 409 : 404 });
      throw err;
    }
    return seeOther(reply, `/reviews/${encodeURIComponent(params.planKey)}/${params.version}`, 'published');
  });
}

/** The publish form's inputs by field. */
const PUBLISH_INPUT: Record<string, string> = { adoptedOn: 'publish-adopted-on', crosswalk: 'publish-crosswalk', note: 'publish-note' };

/** Where a publication issue's path (`crosswalk[2].to[0]`, `decisions[SEMAR/GOAL/5.g2]`) is fixed on the page. */
function issueInput(path: string): string | undefined {
  if (path.startsWith('crosswalk')) return PUBLISH_INPUT.crosswalk;
  const decision = /^decisions\[(.+)\]$/.exec(path);
  return decision ? decisionFieldId(decision[1], 'decision') : undefined;
}

/** A refusal that begins with the item's name ("indicador 5.c se retira…") as a sentence on the page. */
const sentence = (said: string): string => said.charAt(0).toLocaleUpperCase() + said.slice(1);

/** "Nota: …" — a field's label and its message, for the summary. */
function message(ctx: PageContext, field: string, said: string): string {
  const t = reviewsText(ctx.lang);
  const labels: Record<string, string> = { decision: t.decisionLabel, note: t.noteLabel, change: t.changeEs, 'change.target': t.changeTarget, crosswalk: t.crosswalkJson, adoptedOn: t.adoptedOn };
  return `${labels[field] ?? field}: ${said}`;
}
