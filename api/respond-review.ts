import type { Client } from '@temporalio/client';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../domain/app-error';
import { fieldsOf, localizeZodIssues } from '../domain/field-issues';
import { LIMITS, zOptionalText } from '../domain/input-bounds';
import type { SubmitResult } from '../domain/request-types';
import { flatItemsInCharge } from '../domain/review/items-in-charge';
import { validateReviewSubmission, type ReviewFieldIssue } from '../domain/review/validate-review-submission';
import type { PrismaClient } from '../prisma/client';
import { loadReviewPlan, retiredPlanCodes } from '../prisma/review-plan';
import { ReviewRespondPage } from '../ui/pages/review-respond-page';
import { reviewRespondText } from '../ui/pages/review-respond-text';
import { renderPage } from '../ui/render-page';
import { submitUpdate } from '../workflows';
import { respondUrl, type RespondContext } from './respond-context';
import { buildReviewRespondPageModel } from './review-respond-page-model';
import { formToProposals, placeReviewIssues, type ReviewFormSubmission } from './review-respond-form';
import { answerSubmission, submitStaged } from './submit-staged';

/** What a program reads behind a review request's link (`Accept: application/json`). */
export const ZReviewRespondView = z
  .strictObject({
    kind: z.literal('REVIEW'),
    year: z.number().int(),
    plan: z.strictObject({ key: z.string(), version: z.number().int() }),
    institution: z.strictObject({ code: z.string(), nameEs: z.string(), nameEn: z.string() }),
    status: z.string(),
    deadline: z.date().or(z.string()),
    contact: z.string(),
    items: z.array(
      z.strictObject({
        kind: z.enum(['OBJECTIVE', 'LINE_OF_ACTION', 'INDICATOR', 'GOAL']),
        code: z.string(),
        objectiveCode: z.string(),
        textEs: z.string(),
        textEn: z.string(),
        unit: z.string().optional(),
        disaggregation: z.string().optional(),
        indicatorCode: z.string().nullable().optional(),
        target: z.unknown().optional(),
      }),
    ),
    latestVersion: z.number().int().nullable(),
  })
  .meta({ id: 'ReviewRespondView', description: 'A plan review request: the items the institution is in charge of (propose KEEP, MODIFY, RETIRE on each, or ADD), as domain/review ZReviewProposals.' });

/** The command part of a review submission (beside `proposals` and `narrative`). */
const ZReviewCommand = z.object({ final: z.boolean().default(true), reason: zOptionalText(LIMITS.reason).optional() });

export interface RespondReviewDeps {
  prisma: PrismaClient;
  temporal: Client;
  now: () => Date;
}

const nonceOf = (reply: FastifyReply) => (reply as FastifyReply & { cspNonce?: { script: string } }).cspNonce?.script;
const html = (reply: FastifyReply, page: Parameters<typeof renderPage>[0], status = 200) => reply.status(status).type('text/html; charset=utf-8').send(renderPage(page));

/**
 * The contact's routes for a plan review's request (cycle kind REVIEW) behind the same signed link as a
 * data request: the proposal page, the JSON view, and submissions (drafts, final proposals, corrections
 * with a reason) from the page's form or as JSON (ZReviewProposals + `final` + `reason`). Proposals are
 * validated against the plan version under review (domain/review/validate-review-submission): a proposal
 * on an item not in charge is 403, any other problem 400, each naming the item, in the contact's language.
 * Accepted content is staged, then recorded by the request's workflow by its hash, as for data.
 */
export function createRespondReview({ prisma, temporal, now }: RespondReviewDeps) {
  async function planOf(ctx: RespondContext) {
    const plan = await loadReviewPlan(prisma, ctx.dataRequest.cycle.planId);
    return { plan, items: flatItemsInCharge({ plan, institutionCode: ctx.dataRequest.institution.code }) };
  }

  return {
    /** The proposal page, with a notice after a redirect (`?notice=draft&v=2`). */
    async page(reply: FastifyReply, ctx: RespondContext, notice?: { key: 'draft' | 'submitted' | 'corrected' | 'duplicate' | 'extension'; v: number }) {
      const t = reviewRespondText(ctx.lang);
      const model = await buildReviewRespondPageModel({
        prisma,
        ctx,
        now: now(),
        nonce: nonceOf(reply),
        ...(notice ? { notice: { kind: notice.key === 'duplicate' ? 'warning' : 'ok', text: t.notices[notice.key](notice.v) } } : {}),
      });
      return html(reply, ReviewRespondPage(model));
    },

    /** The page after a refused extension request: its form's values and errors in place. */
    async extensionRefused(reply: FastifyReply, ctx: RespondContext, extensionForm: { deadline: string; reason: string; errors: Record<string, string> }, status: number) {
      const errors = Object.entries(extensionForm.errors).map(([k, message]) => ({ fieldId: `extension-${k}`, message }));
      const model = await buildReviewRespondPageModel({ prisma, ctx, now: now(), nonce: nonceOf(reply), errors, extensionForm });
      return html(reply, ReviewRespondPage(model), status);
    },

    /** The request as JSON: the items in charge, in plan order. */
    async view(ctx: RespondContext) {
      const [{ items }, plan, latest] = await Promise.all([
        planOf(ctx),
        prisma.plan.findUniqueOrThrow({ where: { id: ctx.dataRequest.cycle.planId }, select: { key: true, version: true } }),
        prisma.submission.findFirst({ where: { dataRequestId: ctx.dataRequest.id }, orderBy: { version: 'desc' }, select: { version: true } }),
      ]);
      return {
        kind: 'REVIEW' as const,
        year: ctx.params.year,
        plan,
        institution: { code: ctx.dataRequest.institution.code, nameEs: ctx.dataRequest.institution.nameEs, nameEn: ctx.dataRequest.institution.nameEn },
        status: ctx.dataRequest.status,
        deadline: ctx.dataRequest.deadline,
        contact: ctx.claims.c,
        items: items.map((i) => ({
          kind: i.kind,
          code: i.code,
          objectiveCode: i.objectiveCode,
          textEs: i.text.es,
          textEn: i.text.en,
          ...(i.unit ? { unit: i.unit, disaggregation: i.disaggregation } : {}),
          ...(i.kind === 'GOAL' ? { indicatorCode: i.indicatorCode ?? null, target: i.target ?? null } : {}),
        })),
        latestVersion: latest?.version ?? null,
      };
    },

    /** A submission from the page's form (`isForm`) or as JSON. */
    async submit(request: FastifyRequest, reply: FastifyReply, ctx: RespondContext, isForm: boolean) {
      const { plan, items } = await planOf(ctx);
      const form: ReviewFormSubmission | undefined = isForm ? formToProposals((request.body ?? {}) as Record<string, unknown>, items) : undefined;
      const raw = (form ? form.body : (request.body ?? {})) as Record<string, unknown>;

      /** JSON callers get problem+json; the form gets its page back, errors in place, what was sent kept. */
      const refuse = async (error: AppError, issues: readonly ReviewFieldIssue[] = error.extra.issues ?? []) => {
        if (!form) throw error;
        const placed = placeReviewIssues(issues, form.origins, form.fields);
        const errors = placed.errors.length ? placed.errors : [{ message: error.message }];
        const model = await buildReviewRespondPageModel({ prisma, ctx, now: now(), form, errors, fieldErrors: placed.fieldErrors, nonce: nonceOf(reply) });
        const status = { VALIDATION: 400, FORBIDDEN: 403, UNAVAILABLE: 503 }[error.code as string] ?? 409;
        return html(reply, ReviewRespondPage(model), status);
      };

      const { final: rawFinal, reason: rawReason, ...content } = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {};
      const command = ZReviewCommand.safeParse({ final: rawFinal, reason: rawReason });
      if (!command.success) {
        const issues = localizeZodIssues({ issues: command.error.issues, lang: ctx.lang });
        return refuse(new AppError('VALIDATION', `${issues[0].field}: ${issues[0].message}`, fieldsOf(issues), { issues }));
      }
      const { final, reason } = command.data;
      const validation = validateReviewSubmission({
        plan,
        institutionCode: ctx.dataRequest.institution.code,
        input: content,
        final,
        retiredCodes: await retiredPlanCodes(prisma, (await prisma.plan.findUniqueOrThrow({ where: { id: ctx.dataRequest.cycle.planId }, select: { key: true } })).key),
        lang: ctx.lang,
      });
      if (!validation.ok) return refuse(new AppError(validation.kind, validation.message, fieldsOf(validation.issues), { issues: validation.issues }));

      const { contentHash } = validation;
      await prisma.stagedSubmission.createMany({ data: [{ dataRequestId: ctx.dataRequest.id, contentHash, content: validation.content }], skipDuplicates: true });
      let result: SubmitResult;
      try {
        result = await submitStaged({ prisma, temporal }, { ctx, name: requestName(ctx), contentHash, final, reason });
      } catch (err) {
        if (err instanceof AppError) return refuse(err);
        throw err;
      }
      return answerSubmission(reply, ctx, result, { form: Boolean(form) });
    },
  };

}

function requestName(ctx: RespondContext): string {
  return ctx.lang === 'en' ? `The plan review request of ${ctx.params.institution}` : `La solicitud de revisión del plan a ${ctx.params.institution}`;
}
