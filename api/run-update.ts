import { ActivityFailure, ApplicationFailure, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { AppError } from '../domain/app-error';
import { issueMessage, type FieldIssue } from '../domain/field-issues';
import type { Locale } from '../domain/input-bounds';
import { isRefusal, refusalMessage, type Refusal, type RefusalCode } from '../domain/refusals';

/** How long a caller waits for an update before being told to look again (the update may still finish). */
export const UPDATE_WAIT_MS = 45_000;

/** Refusals that are about a field of the command (400 naming it), not about the request's state (409). */
const FIELD_OF_REFUSAL: Partial<Record<RefusalCode, string>> = {
  CORRECTION_NEEDS_REASON: 'reason',
  REASON_REQUIRED: 'reason',
  DEADLINE_NOT_A_DATE: 'deadline',
  NO_CONTACTS: 'contacts',
  NOT_AN_EMAIL: 'contacts',
};

/**
 * Runs a Temporal update and turns its failures into what the caller should read, in `lang`: a refusal
 * (wrong state, past the cut-off…) is 409 with its code; one about a field (a correction without a reason,
 * a deadline not after the current one) is 400 naming the field; a submission that fails validation inside
 * the activity is 400 with its fields; something that did not answer in time is 503 with `Retry-After`; a
 * workflow that has ended is 409 "no longer takes…"; Temporal's limit on concurrent updates is 503 too.
 * The caller waits at most {@link UPDATE_WAIT_MS}.
 */
export async function runUpdate<T>(what: string, run: () => Promise<T>, lang: Locale = 'en'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AppError('UNAVAILABLE', lang === 'en' ? `${what}: still being processed; check its status in a minute.` : `${what}: aún en proceso; consulte su estado en un minuto.`, undefined, { retryAfterSeconds: 60 })), UPDATE_WAIT_MS);
  });
  try {
    return await Promise.race([run(), timeout]);
  } catch (err) {
    throw explainUpdateFailure({ err, what, lang });
  } finally {
    clearTimeout(timer);
  }
}

function explainUpdateFailure({ err, what, lang }: { err: unknown; what: string; lang: Locale }): unknown {
  if (err instanceof AppError) return err;
  if (err instanceof WorkflowUpdateFailedError) {
    const app = findApplicationFailure(err);
    const refusal = app?.details?.find(isRefusal);
    if (refusal) return refusalError(refusal, lang);
    if (app?.type === 'InvalidSubmission') {
      const fields = (app.details?.[0] as Record<string, string> | undefined) ?? undefined;
      return new AppError('VALIDATION', app.message, fields);
    }
    return new AppError('CONFLICT', app?.message ?? err.message);
  }
  if (err instanceof WorkflowNotFoundError || /not found|already completed/i.test((err as Error)?.message ?? '')) {
    return new AppError('REQUEST_CLOSED', lang === 'en' ? `${what} has ended: it no longer takes data or changes.` : `${what} terminó: ya no recibe datos ni cambios.`);
  }
  if (isResourceExhausted(err)) {
    return new AppError(
      'UNAVAILABLE',
      lang === 'en' ? 'Too many changes to this request at once; try again in a few seconds.' : 'Demasiados cambios a esta solicitud al mismo tiempo; intente de nuevo en unos segundos.',
      undefined,
      { retryAfterSeconds: 5 },
    );
  }
  return err;
}

/** The API's error for a workflow's refusal: 503/500 for UNAVAILABLE/INTERNAL, 400 for a field, else 409. */
export function refusalError(refusal: Refusal, lang: Locale): AppError {
  const message = refusalMessage(refusal, lang);
  if (refusal.code === 'UNAVAILABLE') return new AppError('UNAVAILABLE', message, undefined, { reason: refusal.code, retryAfterSeconds: 60 });
  if (refusal.code === 'INTERNAL') return new AppError('INTERNAL', message, undefined, { reason: refusal.code });
  const field = FIELD_OF_REFUSAL[refusal.code];
  if (field) {
    const issue: FieldIssue = { field, code: refusal.code, message: refusal.code === 'CORRECTION_NEEDS_REASON' ? issueMessage({ code: refusal.code, lang }) : message };
    return new AppError('VALIDATION', message, { [field]: issue.message }, { reason: refusal.code, issues: [issue] });
  }
  return new AppError('CONFLICT', message, undefined, { reason: refusal.code });
}

/** Temporal's RESOURCE_EXHAUSTED (gRPC 8): e.g. more in-flight updates on one workflow than the server allows. */
function isResourceExhausted(err: unknown): boolean {
  for (let cause: unknown = err, depth = 0; cause && depth < 6; depth++) {
    if ((cause as { code?: unknown }).code === 8 || /RESOURCE_EXHAUSTED|limit on number of concurrent in-flight updates/i.test((cause as Error).message ?? '')) return true;
    cause = (cause as Error).cause;
  }
  return false;
}

export function findApplicationFailure(err: unknown): ApplicationFailure | undefined {
  let cause: unknown = err;
  for (let depth = 0; cause && depth < 6; depth++) {
    if (cause instanceof ApplicationFailure) return cause;
    cause = cause instanceof ActivityFailure || cause instanceof Error ? (cause as Error).cause : undefined;
  }
  return undefined;
}
