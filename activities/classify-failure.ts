import { ApplicationFailure } from '@temporalio/activity';

/** Failure types that retrying will not fix; workflows list them as `nonRetryableErrorTypes` too. */
export const FailureType = {
  /** The database refused a value or a constraint (SQLSTATE 22xxx/23xxx, Prisma P2000–P2023): same input, same refusal. */
  DATA_ERROR: 'DataError',
  /** A row the activity needs does not exist (Prisma P2025). */
  NOT_FOUND: 'NotFound',
} as const;

/** Prisma codes of refusals that depend on the data, not on the moment (see Prisma's error reference). */
const PRISMA_DATA_CODES = new Set(['P2000', 'P2002', 'P2003', 'P2004', 'P2005', 'P2006', 'P2007', 'P2011', 'P2012', 'P2013', 'P2014', 'P2019', 'P2020', 'P2023']);
/** SQLSTATE classes of refusals that depend on the data or the statement: data exception, integrity, syntax. */
const DATA_SQLSTATE_CLASSES = new Set(['22', '23', '42', '2B', '44']);

interface PrismaLikeError {
  name?: string;
  code?: unknown;
  meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; code?: unknown } } };
  message?: string;
}

/** The SQLSTATE a driver-adapter error carries (Prisma wraps them as P2039 with the original code). */
function sqlState(err: PrismaLikeError): string | undefined {
  const cause = err.meta?.driverAdapterError?.cause;
  const code = cause?.originalCode ?? cause?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/**
 * Decides whether an activity's error will fail the same way again. Refusals that depend on the data —
 * a value the column cannot hold, a violated constraint, a missing row, an invalid query — become a
 * non-retryable `ApplicationFailure` (type {@link FailureType}), so the workflow learns at once instead of
 * retrying forever. Everything else (connection refused, timeouts, deadlocks, SMTP 4xx) is returned as
 * it is: transient, retried within the activity's bounded schedule. ApplicationFailures pass unchanged.
 */
export function classifyFailure(err: unknown): unknown {
  if (err instanceof ApplicationFailure || typeof err !== 'object' || err === null) return err;
  const e = err as PrismaLikeError;
  const message = (e.message ?? String(err)).split('\n').filter(Boolean).slice(-1)[0]?.slice(0, 500) ?? 'error';
  if (e.code === 'P2025') return ApplicationFailure.create({ type: FailureType.NOT_FOUND, message, nonRetryable: true, cause: err as Error });
  const state = sqlState(e);
  const dataError =
    // A domain rule refused the input (domain/app-error): the same input is refused again.
    e.name === 'AppError' ||
    (typeof e.code === 'string' && PRISMA_DATA_CODES.has(e.code)) ||
    (state !== undefined && DATA_SQLSTATE_CLASSES.has(state.slice(0, 2))) ||
    e.name === 'PrismaClientValidationError';
  if (dataError) {
    return ApplicationFailure.create({ type: FailureType.DATA_ERROR, message: state ? `${message} (SQLSTATE ${state})` : message, nonRetryable: true, cause: err as Error });
  }
  return err;
}

/**
 * The same activities, each of whose errors goes through {@link classifyFailure}: one place decides
 * retryable vs not for every activity.
 */
export function withClassifiedFailures<T extends Record<string, (...args: never[]) => Promise<unknown>>>(activities: T): T {
  return Object.fromEntries(
    Object.entries(activities).map(([name, fn]) => [
      name,
      async (...args: never[]) => {
        try {
          return await fn(...args);
        } catch (err) {
          throw classifyFailure(err);
        }
      },
    ]),
  ) as T;
}
