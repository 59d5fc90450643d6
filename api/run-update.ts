import { ActivityFailure, ApplicationFailure, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { AppError } from '../domain/app-error';

/**
 * Runs a Temporal update and turns its failures into what the caller should read: a validator's
 * refusal (wrong state, wrong deadline…) is 409 with the validator's own sentence; an activity's
 * `InvalidSubmission` is 400 with its fields; a workflow that has ended is 409 "no longer takes…".
 */
export async function runUpdate<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) {
      const app = findApplicationFailure(err);
      if (app?.type === 'InvalidSubmission') {
        throw new AppError('VALIDATION', app.message, (app.details?.[0] as Record<string, string> | undefined) ?? undefined);
      }
      throw new AppError('CONFLICT', app?.message ?? err.message);
    }
    if (err instanceof WorkflowNotFoundError || /not found|already completed/i.test((err as Error)?.message ?? '')) {
      throw new AppError('REQUEST_CLOSED', `${what} has ended: it no longer takes data or changes.`);
    }
    throw err;
  }
}

export function findApplicationFailure(err: unknown): ApplicationFailure | undefined {
  let cause: unknown = err;
  for (let depth = 0; cause && depth < 6; depth++) {
    if (cause instanceof ApplicationFailure) return cause;
    cause = cause instanceof ActivityFailure || cause instanceof Error ? (cause as Error).cause : undefined;
  }
  return undefined;
}
