import { ApplicationFailure } from '@temporalio/activity';
import { fieldsOf } from '../../domain/field-issues';
import type { SubmitCommand } from '../../domain/request-types';
import { validateReviewSubmission } from '../../domain/review/validate-review-submission';
import type { PrismaClient } from '../../prisma/client';
import { loadReviewPlan, retiredPlanCodes } from '../../prisma/review-plan';
import type { RecordedContent } from '../recorded-content';

/**
 * A review request's content for `recordSubmission`: the proposals the API staged (by hash), parsed and
 * checked again against the plan version under review (the same function the API ran; with a final
 * submission or a correction, every item in charge needs its proposal). A refusal is `InvalidSubmission`
 * (not retried) whose details are the fields, by data path (`proposals[3].change.unit`), as for data.
 */
export async function reviewSubmissionContent(
  prisma: PrismaClient,
  { request, kind, command }: { request: { id: string; cycle: { planId: string }; institution: { code: string } }; kind: 'DRAFT' | 'FINAL' | 'CORRECTION'; command: SubmitCommand },
): Promise<RecordedContent> {
  if (!command.contentHash) throw ApplicationFailure.nonRetryable('A review submission carries no content hash', 'InvalidSubmission');
  const staged = await prisma.stagedSubmission.findUniqueOrThrow({ where: { dataRequestId_contentHash: { dataRequestId: request.id, contentHash: command.contentHash } } });
  const plan = await prisma.plan.findUniqueOrThrow({ where: { id: request.cycle.planId }, select: { key: true } });
  const validation = validateReviewSubmission({
    plan: await loadReviewPlan(prisma, request.cycle.planId),
    institutionCode: request.institution.code,
    input: staged.content,
    final: kind !== 'DRAFT',
    retiredCodes: await retiredPlanCodes(prisma, plan.key),
  });
  if (!validation.ok) throw ApplicationFailure.create({ message: validation.message, type: 'InvalidSubmission', nonRetryable: true, details: [fieldsOf(validation.issues)] });
  return {
    contentHash: validation.contentHash,
    narrative: validation.content.narrative,
    proposals: validation.content,
    values: [],
    counts: { proposals: validation.content.proposals.length },
  };
}
