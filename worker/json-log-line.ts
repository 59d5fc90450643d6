import type { LogEntry, LogLevel } from '@temporalio/worker';
import { hostname } from 'node:os';

/** pino's numeric levels, so that the Worker's lines and the API's (Fastify's pino) parse alike. */
const PINO_LEVEL: Record<LogLevel, number> = { TRACE: 10, DEBUG: 20, INFO: 30, WARN: 40, ERROR: 50 };

/** Fields every line starts with; metadata of the same name never overrides them. */
const FIXED = new Set(['level', 'time', 'pid', 'hostname', 'msg']);
/**
 * Metadata left out: an activity's task token (≈ 200 base64 characters on every activity line, and a
 * handle that completes the activity for whoever can also reach Temporal).
 */
const OMITTED = new Set(['taskToken']);

const HOST = hostname();

/** An Error as pino's `err` serializer writes it (type, message, stack), with its cause chain. */
function serializeError(error: Error, depth = 0): Record<string, unknown> {
  const cause = (error as { cause?: unknown }).cause;
  return {
    type: error.name,
    message: error.message,
    ...(error.stack ? { stack: error.stack } : {}),
    ...(cause instanceof Error && depth < 5 ? { cause: serializeError(cause, depth + 1) } : {}),
  };
}

/**
 * One log entry of the Temporal runtime as one JSON line (no trailing newline), in pino's shape:
 * `{"level":30,"time":1767225600000,"pid":…,"hostname":…,"msg":"email sent",…metadata}`. The metadata is
 * what the SDK attaches — `workflowId`, `workflowRunId`, `workflowType`, `activityType`, `activityId`,
 * `attempt`, `taskQueue`, `namespace`, `sdkComponent` (`workflow`, `activity`, `worker`, `core`) — plus
 * what the caller logged; not the activity's `taskToken`. Errors become `{type, message, stack, cause}`,
 * bigints strings, and an object met twice `"[Circular]"`. `time` is the entry's own timestamp (core logs
 * are forwarded in batches), in milliseconds since the epoch.
 */
export function jsonLogLine(entry: LogEntry, { pid = process.pid, host = HOST }: { pid?: number; host?: string } = {}): string {
  const line: Record<string, unknown> = {
    level: PINO_LEVEL[entry.level] ?? 30,
    time: Number(entry.timestampNanos / 1_000_000n),
    pid,
    hostname: host,
    msg: entry.message,
  };
  for (const [key, value] of Object.entries(entry.meta ?? {})) {
    if (!FIXED.has(key) && !OMITTED.has(key) && value !== undefined) line[key] = value;
  }
  const seen = new WeakSet<object>();
  return JSON.stringify(line, (_key, value: unknown) => {
    if (typeof value === 'bigint') return value.toString();
    if (value instanceof Error) return serializeError(value);
    if (value !== null && typeof value === 'object') {
      if (seen.has(value)) return '[Circular]';
      seen.add(value);
    }
    return value;
  });
}
