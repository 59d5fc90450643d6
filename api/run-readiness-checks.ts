import { performance } from 'node:perf_hooks';

/**
 * One dependency's reachability check: resolves when it answered, rejects (or never settles) when not.
 * It is given an AbortSignal that fires at its time limit, and the limit itself, to bound its own I/O.
 */
export type ReadinessCheck = (context: { signal: AbortSignal; timeoutMs: number }) => Promise<unknown>;

/** How one check went: `ms` it took; when it failed, a short `error` code and the full `message`. */
export interface ReadinessCheckResult {
  ok: boolean;
  ms: number;
  /** `TIMEOUT`, a socket or driver code (`ECONNREFUSED`, `EAUTH`, `P1001`), a gRPC status (`UNAVAILABLE`), or the error's name. */
  error?: string;
  /** The error's own message: may name hosts, ports and users, so shown only to operators (api/health-routes). */
  message?: string;
}

/** Every check's outcome, by name; `ready` when all passed. */
export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, ReadinessCheckResult>;
}

/** gRPC status codes by number (what the Temporal client throws carries only the number). */
const GRPC_STATUS: Record<number, string> = {
  1: 'CANCELLED',
  2: 'UNKNOWN',
  4: 'DEADLINE_EXCEEDED',
  5: 'NOT_FOUND',
  7: 'PERMISSION_DENIED',
  8: 'RESOURCE_EXHAUSTED',
  13: 'INTERNAL',
  14: 'UNAVAILABLE',
  16: 'UNAUTHENTICATED',
};

/** A short, stable name for what went wrong, free of addresses and user names. */
function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[A-Za-z0-9_]{1,40}$/.test(code)) return code;
  if (typeof code === 'number') return GRPC_STATUS[code] ?? `GRPC_${code}`;
  const cause = (error as { cause?: unknown } | null)?.cause;
  if (cause && cause !== error) {
    const inner = errorCode(cause);
    if (inner !== 'Error') return inner;
  }
  return error instanceof Error && /^[A-Za-z0-9_]{1,40}$/.test(error.name) ? error.name : 'Error';
}

class CheckTimeout extends Error {
  override name = 'CheckTimeout';
  readonly code = 'TIMEOUT';
}

/** Runs one check against its time limit; never rejects. */
async function runOne(check: ReadinessCheck, timeoutMs: number, track?: (work: Promise<unknown>) => void): Promise<ReadinessCheckResult> {
  const controller = new AbortController();
  const start = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new CheckTimeout(`no answer within ${timeoutMs} ms`);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    // The check may ignore the signal; the race still ends at the limit (its own I/O then ends on its own).
    const work = Promise.resolve().then(() => check({ signal: controller.signal, timeoutMs }));
    track?.(work.catch(() => undefined));
    await Promise.race([work, timeout]);
    return { ok: true, ms: Math.round(performance.now() - start) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, ms: Math.round(performance.now() - start), error: errorCode(error), message: message.slice(0, 500) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs every check at once, each bounded by `timeoutMs` (a hung dependency costs that long, not more),
 * and reports each one's outcome and time: ready when all answered. A check's own work may go on after
 * its limit (the Temporal client ends its retries at the next attempt after the deadline); `track`
 * receives each check's work (never rejecting), for whoever must not close a client under it.
 */
export async function runReadinessChecks({
  checks,
  timeoutMs,
  track,
}: {
  checks: Record<string, ReadinessCheck>;
  timeoutMs: number;
  track?: (work: Promise<unknown>) => void;
}): Promise<ReadinessReport> {
  const names = Object.keys(checks);
  const results = await Promise.all(names.map((name) => runOne(checks[name], timeoutMs, track)));
  return { ready: results.every((r) => r.ok), checks: Object.fromEntries(names.map((name, i) => [name, results[i]])) };
}
