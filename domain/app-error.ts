import type { FieldIssue } from './field-issues';

/**
 * The one error type of the service. Each code maps to one HTTP status (api/problem.ts) and to a
 * problem+json body whose `detail` is the message, written for the person who sent the request.
 */
export const AppErrorCode = {
  VALIDATION: 'VALIDATION',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  REQUEST_CLOSED: 'REQUEST_CLOSED',
  GONE: 'GONE',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  INTERNAL: 'INTERNAL',
  UNAVAILABLE: 'UNAVAILABLE',
} as const;
export type AppErrorCode = (typeof AppErrorCode)[keyof typeof AppErrorCode];

export const appErrorStatus: Record<AppErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  REQUEST_CLOSED: 409,
  GONE: 410,
  TOO_MANY_REQUESTS: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};

export interface AppErrorExtra {
  /** Each field's problem with its stable code (problem+json `errors`). */
  issues?: readonly FieldIssue[];
  /** A more specific machine-readable reason than the code (e.g. a refusal's `PAST_CUTOFF`). */
  reason?: string;
  /** Seconds after which a retry may succeed (503/429: the `Retry-After` header). */
  retryAfterSeconds?: number;
}

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** Optional per-field problems, e.g. `{ 'values[2].value': 'must be a number' }`. */
    readonly fields?: Record<string, string>,
    readonly extra: AppErrorExtra = {},
  ) {
    super(message);
  }
}
