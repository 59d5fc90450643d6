import { institutionArgument, integerArgument, yearArgument } from '../argument-checks';
import { ApiError, UnreachableError } from '../cli-errors';
import type { CommandContext, CommandSpec } from '../command';
import { formatInstant } from '../format-instant';
import { printable, shortened } from '../printable';

/**
 * The audit route this command reads, as agreed with the branch that adds it (not in this one yet):
 * `GET /api/audit` answers `{ events, nextCursor }`, newest first, one page at a time (`cursor` = the
 * previous answer's `nextCursor`, null after the last page), filtered by these query parameters. Should the
 * route name them differently, this table is the one place to change.
 */
export const AUDIT_ROUTE = {
  path: '/api/audit',
  query: { year: 'year', institution: 'institution', actor: 'actor', action: 'action', limit: 'limit', cursor: 'cursor' },
} as const;

/**
 * An audit event, as far as the CLI relies on it: `at`, `actor`, `action`; where it happened as `year` /
 * `institution` (or `workflowId`), and `data`, when the route gives them. An `id` identifies it when
 * following; without one, the event's whole JSON does.
 */
interface AuditEvent {
  id?: string | number;
  at?: string;
  actor?: string;
  action?: string;
  year?: number | null;
  institution?: string | null;
  workflowId?: string | null;
  data?: unknown;
}

interface AuditPage {
  events: AuditEvent[];
  nextCursor?: string | null;
}

/** How many new events one poll of `--follow` reads at most (pages of 100), before printing them. */
const FOLLOW_MAX_PAGES = 10;
/** How many events `--follow` remembers having printed. */
const SEEN_MAX = 5_000;

const keyOf = (e: AuditEvent) => (e.id !== undefined && e.id !== null ? `id:${String(e.id)}` : JSON.stringify(e));

/** One event as one line: when, action, actor, where, data (fixed widths, so a stream stays aligned). */
function eventLine(e: AuditEvent): string {
  const where = e.year || e.institution ? [e.year, e.institution].filter(Boolean).join('/') : (e.workflowId ?? '—');
  const data = e.data === undefined || e.data === null ? '' : shortened(e.data, 160);
  return [formatInstant(e.at).padEnd(16), shortened(e.action, 24).padEnd(24), shortened(e.actor, 32).padEnd(32), shortened(where, 28).padEnd(28), data].join('  ').trimEnd();
}

/** Whether a failure while following is one to wait out (server away or failing) rather than to stop on. */
const isTransient = (err: unknown) => err instanceof UnreachableError || (err instanceof ApiError && err.status >= 500);

function filters(ctx: CommandContext): Record<string, string | number | undefined> {
  const cycle = ctx.str('cycle');
  const institution = ctx.str('institution');
  const q = AUDIT_ROUTE.query;
  return {
    [q.year]: cycle !== undefined ? yearArgument(cycle) : undefined,
    [q.institution]: institution !== undefined ? institutionArgument(institution) : undefined,
    [q.actor]: ctx.str('actor'),
    [q.action]: ctx.str('action')?.toUpperCase(),
  };
}

/**
 * `--follow`: every `interval` ms, reads the newest page and the pages after it until an event already
 * printed (at most {@link FOLLOW_MAX_PAGES}), and prints the new ones oldest first. The server being away
 * or failing is reported once on stderr and waited out; a refusal (4xx) ends the command.
 */
async function follow(ctx: CommandContext, query: Record<string, string | number | undefined>, seen: Set<string>, interval: number, emit: (e: AuditEvent) => void): Promise<never> {
  const q = AUDIT_ROUTE.query;
  let failing = false;
  for (;;) {
    await ctx.sleep(interval);
    try {
      const fresh: AuditEvent[] = [];
      let cursor: string | null | undefined;
      for (let page = 0; page < FOLLOW_MAX_PAGES; page++) {
        const answer = (await ctx.api.request('GET', AUDIT_ROUTE.path, { query: { ...query, [q.limit]: 100, [q.cursor]: cursor ?? undefined } })) as AuditPage;
        const events = answer.events ?? [];
        const firstSeen = events.findIndex((e) => seen.has(keyOf(e)));
        fresh.push(...(firstSeen < 0 ? events : events.slice(0, firstSeen)));
        cursor = answer.nextCursor;
        if (firstSeen >= 0 || !cursor || !seen.size) break;
      }
      if (failing) ctx.warn(ctx.lang === 'en' ? 'note: the server answers again' : 'nota: el servidor responde de nuevo');
      failing = false;
      for (const e of fresh.reverse()) {
        seen.add(keyOf(e));
        emit(e);
      }
      while (seen.size > SEEN_MAX) seen.delete(seen.values().next().value as string);
    } catch (err) {
      if (!isTransient(err)) throw err;
      if (!failing) {
        const why = printable(err instanceof Error ? err.message : String(err));
        ctx.warn(ctx.lang === 'en' ? `warning: ${why}; trying again every ${interval / 1000} s` : `aviso: ${why}; se reintenta cada ${interval / 1000} s`);
      }
      failing = true;
    }
  }
}

const tail: CommandSpec = {
  words: ['audit', 'tail'],
  args: [],
  options: {
    cycle: { type: 'string', value: 'YEAR', help: { 'es-MX': 'solo los eventos de ese ciclo', en: "only that cycle's events" } },
    institution: { type: 'string', value: 'CODE', help: { 'es-MX': 'solo los de esa institución', en: "only that institution's" } },
    actor: { type: 'string', value: 'WHO', help: { 'es-MX': 'solo los de ese actor (correo, token:nombre…)', en: "only that actor's (email, token:name…)" } },
    action: { type: 'string', value: 'ACTION', help: { 'es-MX': 'solo esa acción (TOKEN_CREATED, HOLIDAY_ADDED…)', en: 'only that action (TOKEN_CREATED, HOLIDAY_ADDED…)' } },
    limit: { type: 'string', value: 'N', help: { 'es-MX': 'cuántos de los últimos eventos mostrar (por omisión 20)', en: 'how many of the latest events to show (default 20)' } },
    follow: { type: 'boolean', short: 'f', help: { 'es-MX': 'sigue mostrando los nuevos (Ctrl-C para terminar)', en: 'keep printing new ones (Ctrl-C to stop)' } },
    interval: { type: 'string', value: 'SECONDS', help: { 'es-MX': 'cada cuánto consultar con --follow (por omisión 5)', en: 'how often to poll with --follow (default 5)' } },
  },
  summary: {
    'es-MX': 'Los últimos eventos de la bitácora, del más antiguo al más reciente; --follow sigue los nuevos.',
    en: 'The latest audit events, oldest to newest; --follow keeps printing new ones.',
  },
  route: 'GET /api/audit (cursor-paged, newest first: {events, nextCursor})',
  examples: ['nap1325 audit tail --cycle 2026 --institution SEMAR', 'nap1325 audit tail --follow --json | jq -c .'],
  async run(ctx) {
    const query = filters(ctx);
    const limit = ctx.str('limit');
    const interval = ctx.str('interval');
    const intervalMs = (interval !== undefined ? integerArgument(interval, '--interval', 1) : 5) * 1000;
    const q = AUDIT_ROUTE.query;
    const first = (await ctx.api.request('GET', AUDIT_ROUTE.path, { query: { ...query, [q.limit]: limit !== undefined ? integerArgument(limit, '--limit', 1) : 20 } })) as AuditPage;
    const events = [...(first.events ?? [])].reverse();
    if (!ctx.flag('follow')) {
      if (ctx.json) return ctx.printJson(first);
      if (!events.length) return ctx.print(ctx.lang === 'en' ? 'No audit events.' : 'Ningún evento en la bitácora.');
      return ctx.print(events.map(eventLine).join('\n'));
    }
    // Following is a stream: with --json, one event per line (JSON Lines), not one document.
    const emit = (e: AuditEvent) => (ctx.json ? ctx.print(JSON.stringify(e)) : ctx.print(eventLine(e)));
    const seen = new Set<string>();
    for (const e of events) {
      seen.add(keyOf(e));
      emit(e);
    }
    await follow(ctx, query, seen, intervalMs, emit);
  },
};

/** `audit tail`: the audit log, against the route another branch adds (see {@link AUDIT_ROUTE}). */
export const AUDIT_COMMANDS: readonly CommandSpec[] = [tail];
