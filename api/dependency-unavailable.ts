/** Prisma codes of "the database cannot be reached right now" (Prisma's error reference: P1xxx connection, P2024 pool timeout). */
const PRISMA_UNREACHABLE = new Set(['P1001', 'P1002', 'P1008', 'P1011', 'P1017', 'P2024']);
/** What the driver adapter reports when the connection, not the statement, failed. */
const ADAPTER_UNREACHABLE = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections', 'DatabaseDoesNotExist']);
/** Socket errors. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** gRPC statuses of a Temporal server that is down or restarting: UNAVAILABLE, DEADLINE_EXCEEDED. */
const GRPC_UNAVAILABLE = new Set([14, 4]);

type TErrorLike = { name?: unknown; code?: unknown; kind?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown } } }; cause?: unknown; message?: unknown };

/**
 * Whether `err` means that a dependency (PostgreSQL, the Temporal server) could not be reached or dropped
 * the connection — a state that passes — rather than a fault of this request or of our code. The API
 * answers those 503 with `Retry-After` instead of 500 (api/problem.ts), so clients try again later and
 * nothing is logged as a bug. Looks through `cause` chains (a few levels).
 */
export function isDependencyUnavailable(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; current && typeof current === 'object' && depth < 6; depth++) {
    const e = current as TErrorLike;
    if (typeof e.code === 'string' && (PRISMA_UNREACHABLE.has(e.code) || SOCKET_CODES.has(e.code))) return true;
    // A gRPC error carries its status as a number, beside `metadata`.
    if (typeof e.code === 'number' && GRPC_UNAVAILABLE.has(e.code) && ('metadata' in e || /ServiceError|ConnectionError/.test(String(e.name)))) return true;
    const adapter = e.meta?.driverAdapterError?.cause;
    if (adapter && typeof adapter.kind === 'string' && ADAPTER_UNREACHABLE.has(adapter.kind)) return true;
    // SQLSTATE 08xxx (connection exception), 57P01–57P03 (the server is shutting down or starting).
    if (adapter && typeof adapter.originalCode === 'string' && /^(08...|57P0[123])$/.test(adapter.originalCode)) return true;
    if (e.name === 'PrismaClientInitializationError' || e.name === 'ConnectionError') return true;
    current = e.cause;
  }
  return false;
}
