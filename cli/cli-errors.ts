import type { Text } from './command';

/**
 * What the command's exit status means, for scripts: 0 done; 1 the API refused the command (a 4xx other
 * than 401/403: not found, conflict, validation…); 2 the command line itself is wrong (nothing was sent);
 * 3 the server could not be reached, did not answer in time, or failed (5xx, an answer that is not the
 * API's JSON); 4 not signed in or not allowed (401/403: no token, a revoked token, a read-only role).
 * 70 (EX_SOFTWARE) is a fault of the command line itself.
 */
export const ExitCode = { OK: 0, REFUSED: 1, USAGE: 2, UNREACHABLE: 3, DENIED: 4, INTERNAL: 70 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** The command line is wrong (unknown option, missing argument, bad date…): nothing was sent. */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    readonly text: Text,
    /** The command whose help to point at (its words); absent: the general help. */
    readonly command?: readonly string[],
  ) {
    super(text.en);
  }
}

/** The API answered with an error status (its problem+json read into `code`, `detail` and `fields`). */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly fields: Readonly<Record<string, string>> | undefined,
    /** The answer's body as parsed (the problem document), or its text when it was not JSON. */
    readonly body: unknown,
    /** Whether the request carried a token (a 401 without one gets a hint). */
    readonly withToken: boolean,
  ) {
    super(detail);
  }
}

/** No usable answer: connection refused, name not found, TLS failure, timeout, or not the API's JSON. */
export class UnreachableError extends Error {
  override name = 'UnreachableError';
  constructor(
    /** A short code: `ECONNREFUSED`, `ENOTFOUND`, `TIMEOUT`, `NOT_JSON`… */
    readonly reason: string,
    readonly text: Text,
  ) {
    super(text.en);
  }
}

/** The exit status for a failure (see {@link ExitCode}). */
export function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof UsageError) return ExitCode.USAGE;
  if (error instanceof UnreachableError) return ExitCode.UNREACHABLE;
  if (error instanceof ApiError) {
    if (error.status === 401 || error.status === 403) return ExitCode.DENIED;
    if (error.status >= 400 && error.status < 500) return ExitCode.REFUSED;
    return ExitCode.UNREACHABLE;
  }
  return ExitCode.INTERNAL;
}
