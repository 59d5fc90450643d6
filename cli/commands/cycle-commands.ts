import type { Locale } from '../../domain/input-bounds';
import { dateArgument, institutionListArgument, integerArgument, jsonObjectFileArgument, statusArgument, yearArgument } from '../argument-checks';
import { say, type CommandSpec } from '../command';
import { formatDay, formatInstant } from '../format-instant';
import { printable, shortened } from '../printable';
import { renderTable } from '../render-table';
import { BY_OPTION } from './shared-options';

/** `POST /api/cycles`'s answer (202). */
interface OpenAnswer {
  year: number;
  workflowId: string;
  /** The effective deadline: the business day on or after the one asked for. */
  deadline: string;
  status: string;
}

/** One row of `GET /api/cycles/:year`. */
interface StatusRow {
  institution: string;
  name?: { es?: string; en?: string };
  status: string;
  deadline: string | null;
  escalationLevel: number;
  nextAction: { kind: string; at: string | null } | null;
  attention: { since: string; reason: string | null } | null;
}

/** `GET /api/cycles/:year`'s answer (`status: OPENING` and no rows while the cycle starts). */
interface StatusAnswer {
  year: number;
  status: string;
  deadline?: string;
  openedAt?: string;
  counts: Record<string, number>;
  total?: number;
  needsAttention?: number;
  page?: { offset: number; limit: number; status?: string };
  requests: StatusRow[];
}

const open: CommandSpec = {
  words: ['cycle', 'open'],
  args: ['<year>'],
  options: {
    deadline: { type: 'string', value: 'yyyy-MM-dd', required: true, help: { 'es-MX': 'fecha límite (Ciudad de México); un día inhábil se recorre al siguiente hábil', en: 'deadline (Mexico City); a rest day moves to the next business day' } },
    institutions: { type: 'string', value: 'A,B', help: { 'es-MX': 'claves de institución (por omisión, todas las que reportan un indicador)', en: 'institution codes (default: every one that reports an indicator)' } },
    'policy-file': { type: 'string', value: 'f.json', help: { 'es-MX': 'política de recordatorios (JSON parcial sobre la predeterminada)', en: 'reporting policy (partial JSON over the default)' } },
    'overrides-file': { type: 'string', value: 'f.json', help: { 'es-MX': 'políticas por institución: {"SEMAR": {…}}', en: 'per-institution policies: {"SEMAR": {…}}' } },
    by: BY_OPTION,
  },
  summary: { 'es-MX': 'Abre el ciclo del año: una solicitud por institución, con recordatorios y escalamientos.', en: "Opens the year's cycle: one request per institution, with reminders and escalations." },
  route: 'POST /api/cycles',
  examples: ['nap1325 cycle open 2026 --deadline 2026-12-28', 'nap1325 cycle open 2026 --deadline 2026-12-28 --institutions SRE,SEMAR --policy-file policy.json --json'],
  async run(ctx) {
    const year = yearArgument(ctx.args[0]);
    const deadline = dateArgument(ctx.need('deadline'), '--deadline');
    const institutions = ctx.str('institutions');
    const policyFile = ctx.str('policy-file');
    const overridesFile = ctx.str('overrides-file');
    const body = {
      year,
      deadline,
      ...(institutions ? { institutions: institutionListArgument(institutions) } : {}),
      ...(policyFile ? { policy: jsonObjectFileArgument(policyFile, '--policy-file') } : {}),
      ...(overridesFile ? { policyOverrides: jsonObjectFileArgument(overridesFile, '--overrides-file') } : {}),
      ...(ctx.str('by') ? { openedBy: ctx.str('by') } : {}),
    };
    const answer = (await ctx.api.request('POST', '/api/cycles', { body })) as OpenAnswer;
    if (ctx.json) return ctx.printJson(answer);
    const moved = answer.deadline !== deadline;
    ctx.print(
      say(ctx.lang, {
        'es-MX': `Ciclo ${answer.year} abierto (${answer.workflowId}): fecha límite ${answer.deadline}${moved ? ` (recorrida desde ${deadline}, día inhábil)` : ''}.`,
        en: `Cycle ${answer.year} opened (${answer.workflowId}): deadline ${answer.deadline}${moved ? ` (moved from ${deadline}, a rest day)` : ''}.`,
      }),
    );
    ctx.print(say(ctx.lang, { 'es-MX': `Estado: nap1325 status ${answer.year}`, en: `Status: nap1325 status ${answer.year}` }));
  },
};

const close: CommandSpec = {
  words: ['cycle', 'close'],
  args: ['<year>'],
  options: {
    reason: { type: 'string', value: '"…"', required: true, help: { 'es-MX': 'motivo (se comunica a las instituciones)', en: 'reason (told to the institutions)' } },
    by: BY_OPTION,
  },
  summary: { 'es-MX': 'Cierra el ciclo antes de tiempo: las solicitudes abiertas quedan CLOSED; lo enviado se conserva.', en: 'Closes the cycle early: open requests become CLOSED; what was submitted is kept.' },
  route: 'POST /api/cycles/:year/close',
  examples: ['nap1325 cycle close 2026 --reason "Cierre anticipado por acuerdo del Grupo de Trabajo"'],
  async run(ctx) {
    const year = yearArgument(ctx.args[0]);
    const by = ctx.str('by');
    const answer = (await ctx.api.request('POST', `/api/cycles/${year}/close`, { body: { reason: ctx.need('reason'), ...(by ? { closedBy: by } : {}) } })) as { message?: string };
    if (ctx.json) return ctx.printJson(answer);
    ctx.print(say(ctx.lang, { 'es-MX': `Ciclo ${year}: cierre en curso; las solicitudes abiertas se están cerrando.`, en: printable(answer.message ?? `Cycle ${year}: closing.`) }));
  },
};

const HEAD = {
  'es-MX': ['Institución', 'Estado', 'Fecha límite', 'Escalamiento', 'Próxima acción', 'Atención'],
  en: ['Institution', 'Status', 'Deadline', 'Escalation', 'Next action', 'Attention'],
} as const satisfies Record<Locale, readonly string[]>;

/** The status page as a person reads it: a summary line, the counts, and one aligned row per institution. */
function statusLines(answer: StatusAnswer, lang: Locale): string[] {
  if (answer.status === 'OPENING') {
    return [say(lang, { 'es-MX': `Ciclo ${answer.year}: abriéndose (OPENING); las solicitudes aparecerán en unos segundos.`, en: `Cycle ${answer.year}: opening (OPENING); its requests appear within seconds.` })];
  }
  const total = answer.total ?? 0;
  const counts = Object.entries(answer.counts ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([s, n]) => `${s} ${n}`)
    .join(' · ');
  const attention = answer.needsAttention ?? 0;
  const lines = [
    say(lang, {
      'es-MX': `Ciclo ${answer.year} · ${answer.status} · fecha límite ${formatDay(answer.deadline)} · abierto ${formatInstant(answer.openedAt)}`,
      en: `Cycle ${answer.year} · ${answer.status} · deadline ${formatDay(answer.deadline)} · opened ${formatInstant(answer.openedAt)}`,
    }),
    say(lang, { 'es-MX': `${total} solicitudes${counts ? `: ${counts}` : ''}`, en: `${total} requests${counts ? `: ${counts}` : ''}` }) +
      (attention ? say(lang, { 'es-MX': ` · ${attention} requieren atención`, en: ` · ${attention} need attention` }) : ''),
    '',
  ];
  if (!answer.requests.length) {
    return [...lines, say(lang, { 'es-MX': 'Ninguna solicitud en esta página o con este filtro.', en: 'No request on this page or with this filter.' })];
  }
  const rows = answer.requests.map((r) => [
    r.institution,
    r.status,
    formatDay(r.deadline),
    r.escalationLevel,
    r.nextAction ? `${r.nextAction.kind} ${formatInstant(r.nextAction.at)}` : '—',
    r.attention ? `${formatInstant(r.attention.since)} ${shortened(r.attention.reason ?? '', 60)}` : '—',
  ]);
  lines.push(...renderTable({ headers: HEAD[lang], rows, right: [3] }));
  const page = answer.page;
  const matching = page?.status ? (answer.counts[page.status] ?? 0) : total;
  if (page && (page.offset > 0 || answer.requests.length < matching)) {
    const from = page.offset + 1;
    const to = page.offset + answer.requests.length;
    lines.push('', say(lang, { 'es-MX': `Filas ${from}–${to} de ${matching} (--offset, --limit)`, en: `Rows ${from}–${to} of ${matching} (--offset, --limit)` }));
  }
  return lines;
}

const status: CommandSpec = {
  words: ['status'],
  args: ['<year>'],
  options: {
    status: { type: 'string', value: 'STATUS', help: { 'es-MX': 'solo las solicitudes en ese estado (REQUESTED, OVERDUE, SUBMITTED…)', en: 'only the requests in that status (REQUESTED, OVERDUE, SUBMITTED…)' } },
    limit: { type: 'string', value: 'N', help: { 'es-MX': 'cuántas filas (1–1000; por omisión 1000)', en: 'how many rows (1–1000; default 1000)' } },
    offset: { type: 'string', value: 'N', help: { 'es-MX': 'cuántas filas saltar (por omisión 0)', en: 'how many rows to skip (default 0)' } },
  },
  summary: {
    'es-MX': 'Estado del ciclo por institución: estado, fecha límite, escalamiento, próxima acción, atención.',
    en: "The cycle's status per institution: status, deadline, escalation, next action, attention.",
  },
  route: 'GET /api/cycles/:year',
  examples: ['nap1325 status 2026', 'nap1325 status 2026 --status overdue', 'nap1325 status 2026 --json | jq .counts'],
  async run(ctx) {
    const year = yearArgument(ctx.args[0]);
    const s = ctx.str('status');
    const limit = ctx.str('limit');
    const offset = ctx.str('offset');
    const query = {
      status: s ? statusArgument(s) : undefined,
      limit: limit !== undefined ? integerArgument(limit, '--limit', 1) : undefined,
      offset: offset !== undefined ? integerArgument(offset, '--offset') : undefined,
    };
    const answer = (await ctx.api.request('GET', `/api/cycles/${year}`, { query })) as StatusAnswer;
    if (ctx.json) return ctx.printJson(answer);
    ctx.print(statusLines(answer, ctx.lang).join('\n'));
  },
};

/** `cycle open`, `cycle close` and `status`. */
export const CYCLE_COMMANDS: readonly CommandSpec[] = [open, close, status];
