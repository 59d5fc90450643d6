import type { Client } from '@temporalio/client';
import type { FastifyReply } from 'fastify';
import type { SubmitResult } from '../domain/request-types';
import type { PrismaClient } from '../prisma/client';
import { submitUpdate } from '../workflows';
import { respondUrl, type RespondContext } from './respond-context';
import { runUpdate } from './run-update';

/**
 * Submits content already staged under its hash (a data report or a review's proposals) through the
 * request's submit update. An identical resubmission is answered `duplicate: true` even when the update
 * is refused because the request has ended: nothing accepted is lost or doubled. Other refusals are thrown
 * as AppErrors in the contact's language (api/run-update).
 */
export async function submitStaged(
  { prisma, temporal }: { prisma: PrismaClient; temporal: Client },
  { ctx, name, contentHash, final, reason }: { ctx: RespondContext; name: string; contentHash: string; final: boolean; reason?: string },
): Promise<SubmitResult> {
  try {
    return await runUpdate(
      name,
      () => temporal.workflow.getHandle(ctx.dataRequest.workflowId).executeUpdate(submitUpdate, { args: [{ contentHash, final, submittedBy: ctx.claims.c, ...(reason ? { reason } : {}) }] }),
      ctx.lang,
    );
  } catch (err) {
    const duplicate = await duplicateOfLatest(prisma, ctx, contentHash);
    if (duplicate) return duplicate;
    throw err;
  }
}

/** A submission taken: the page again with its notice (a form, 303), or the result as JSON (201; 200 for a duplicate). */
export function answerSubmission(reply: FastifyReply, ctx: RespondContext, result: SubmitResult, { form }: { form: boolean }): FastifyReply {
  if (form) {
    const notice = result.duplicate ? 'duplicate' : result.kind === 'DRAFT' ? 'draft' : result.kind === 'CORRECTION' ? 'corrected' : 'submitted';
    return reply.redirect(respondUrl(ctx, { extra: { notice, v: String(result.version) } }), 303);
  }
  const { contentHash: _hash, ...answer } = result;
  return reply.status(result.duplicate ? 200 : 201).send(answer);
}

/** The latest version when it is final (or a correction) with the same content. */
async function duplicateOfLatest(prisma: PrismaClient, ctx: RespondContext, contentHash: string): Promise<SubmitResult | undefined> {
  const latest = await prisma.submission.findFirst({ where: { dataRequestId: ctx.dataRequest.id }, orderBy: { version: 'desc' } });
  if (latest && latest.contentHash === contentHash && latest.kind !== 'DRAFT') {
    const row = await prisma.dataRequest.findUniqueOrThrow({ where: { id: ctx.dataRequest.id }, select: { status: true } });
    return { status: row.status, version: latest.version, duplicate: true, kind: latest.kind, contentHash };
  }
  return undefined;
}
