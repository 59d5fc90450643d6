import type { Locale } from '../../domain/input-bounds';
import { institutionArgument, yearArgument } from '../argument-checks';
import { say, type CommandSpec } from '../command';
import { formatDay, formatInstant } from '../format-instant';
import { printable, shortened } from '../printable';
import { renderTable } from '../render-table';
import { commandResultLine, type CommandAnswer } from './command-result-line';
import { BY_OPTION, requestPath } from './shared-options';

/** `GET /api/cycles/:year/requests/:code`'s answer, as far as the CLI shows it. */
interface RequestAnswer {
  workflowId: string;
  status: string;
  deadline: string | null;
  escalationLevel: number;
  nextAction: { kind: string; at: string | null } | null;
  endedAt: string | null;
  attention: { since: string; reason: string | null } | null;
  workflow: { pendingExtension?: { deadline: string; reason: string; requestedBy: string; requestedAt: string }; resends?: number } | null;
  submissions: { version: number; kind: string; submittedBy: string | null; reason: string | null; createdAt: string }[];
  messages: { kind: string; to: string[] | string; subject: string | null; status: string; sentAt: string | null; error: string | null }[];
  audit: { at: string; actor: string; action: string }[];
}

/** How many of the latest audit entries the human view shows (`--json` has them all). */
const AUDIT_SHOWN = 15;

function requestLines(r: RequestAnswer, lang: Locale): string[] {
  const en = lang === 'en';
  const pending = r.workflow?.pendingExtension;
  const facts: [string, string][] = [
    [en ? 'Status' : 'Estado', printable(r.status)],
    [en ? 'Deadline' : 'Fecha límite', formatDay(r.deadline)],
    [en ? 'Escalation' : 'Escalamiento', String(r.escalationLevel)],
    [en ? 'Next action' : 'Próxima acción', r.nextAction ? `${printable(r.nextAction.kind)} ${formatInstant(r.nextAction.at)}` : '—'],
    [en ? 'Extension asked' : 'Prórroga pedida', pending ? `${pending.deadline} — ${shortened(pending.reason, 80)} (${printable(pending.requestedBy)}, ${formatInstant(pending.requestedAt)})` : '—'],
    [en ? 'Attention' : 'Atención', r.attention ? `${formatInstant(r.attention.since)} ${shortened(r.attention.reason ?? '', 100)}` : '—'],
    [en ? 'Ended' : 'Terminó', formatInstant(r.endedAt)],
  ];
  const lines = [`${r.workflowId}`, ...renderTable({ rows: facts.map(([k, v]) => [`${k}:`, v]) }).map((l) => `  ${l}`)];
  lines.push('', `${en ? 'Submissions' : 'Envíos'} (${r.submissions.length})`);
  if (r.submissions.length) {
    lines.push(
      ...renderTable({
        headers: en ? ['Version', 'Kind', 'By', 'When', 'Reason'] : ['Versión', 'Tipo', 'Por', 'Cuándo', 'Motivo'],
        rows: r.submissions.map((s) => [s.version, s.kind, s.submittedBy, formatInstant(s.createdAt), shortened(s.reason, 60)]),
        right: [0],
      }),
    );
  }
  lines.push('', `${en ? 'Emails' : 'Correos'} (${r.messages.length})`);
  if (r.messages.length) {
    lines.push(
      ...renderTable({
        headers: en ? ['Kind', 'Status', 'Sent', 'To', 'Subject'] : ['Tipo', 'Estado', 'Enviado', 'Para', 'Asunto'],
        rows: r.messages.map((m) => [m.kind, m.status, formatInstant(m.sentAt), shortened(Array.isArray(m.to) ? m.to.join(', ') : m.to, 40), shortened(m.error ? `${m.subject ?? ''} [${m.error}]` : m.subject, 70)]),
      }),
    );
  }
  const audit = r.audit.slice(-AUDIT_SHOWN);
  lines.push('', `${en ? 'Audit trail' : 'Bitácora'} (${audit.length < r.audit.length ? (en ? `last ${audit.length} of ${r.audit.length}` : `últimas ${audit.length} de ${r.audit.length}`) : r.audit.length})`);
  if (audit.length) lines.push(...renderTable({ headers: en ? ['When', 'Action', 'Actor'] : ['Cuándo', 'Acción', 'Actor'], rows: audit.map((a) => [formatInstant(a.at), a.action, a.actor]) }));
  return lines;
}

const request: CommandSpec = {
  words: ['request'],
  args: ['<year>', '<code>'],
  options: {},
  summary: {
    'es-MX': 'Una solicitud en detalle: estado vivo del flujo, prórroga pedida, envíos, correos y bitácora.',
    en: "One request in detail: the workflow's live state, extension asked, submissions, emails and audit trail.",
  },
  route: 'GET /api/cycles/:year/requests/:code',
  examples: ['nap1325 request 2026 SEMAR', 'nap1325 request 2026 SEMAR --json | jq .workflow.pendingExtension'],
  async run(ctx) {
    const year = yearArgument(ctx.args[0]);
    const code = institutionArgument(ctx.args[1]);
    const answer = (await ctx.api.request('GET', requestPath(year, code))) as RequestAnswer;
    if (ctx.json) return ctx.printJson(answer);
    ctx.print(requestLines(answer, ctx.lang).join('\n'));
  },
};

const resend: CommandSpec = {
  words: ['resend'],
  args: ['<year>', '<code>'],
  options: { by: BY_OPTION },
  summary: { 'es-MX': 'Envía de nuevo la solicitud (en el mismo hilo, solo con lo que falta).', en: 'Sends the request again (threaded, listing only what is missing).' },
  route: 'POST /api/cycles/:year/requests/:code/resend',
  examples: ['nap1325 resend 2026 SEMAR'],
  async run(ctx) {
    const year = yearArgument(ctx.args[0]);
    const code = institutionArgument(ctx.args[1]);
    const by = ctx.str('by');
    const answer = (await ctx.api.request('POST', requestPath(year, code, '/resend'), { body: by ? { requestedBy: by } : {} })) as CommandAnswer;
    if (ctx.json) return ctx.printJson(answer);
    ctx.print(commandResultLine({ lang: ctx.lang, done: { 'es-MX': 'Solicitud reenviada', en: 'Request sent again' }, year, code, answer }));
  },
};

const exempt: CommandSpec = {
  words: ['exempt'],
  args: ['<year>', '<code>'],
  options: {
    reason: { type: 'string', value: '"…"', required: true, help: { 'es-MX': 'motivo (se comunica a la institución)', en: 'reason (told to the institution)' } },
    by: BY_OPTION,
  },
  summary: { 'es-MX': 'Exime a la institución del ciclo (EXEMPTED): ya no se le pide información.', en: 'Exempts the institution from the cycle (EXEMPTED): no more data is asked of it.' },
  route: 'POST /api/cycles/:year/requests/:code/exempt',
  examples: ['nap1325 exempt 2026 CECOPAM --reason "Sin indicadores a su cargo este año"'],
  async run(ctx) {
    const year = yearArgument(ctx.args[0]);
    const code = institutionArgument(ctx.args[1]);
    const by = ctx.str('by');
    const answer = (await ctx.api.request('POST', requestPath(year, code, '/exempt'), { body: { reason: ctx.need('reason'), ...(by ? { exemptedBy: by } : {}) } })) as CommandAnswer;
    if (ctx.json) return ctx.printJson(answer);
    ctx.print(commandResultLine({ lang: ctx.lang, done: { 'es-MX': 'Institución exenta', en: 'Institution exempted' }, year, code, answer }));
  },
};

/** `request`, `resend` and `exempt`: one institution's request of a cycle. */
export const REQUEST_COMMANDS: readonly CommandSpec[] = [request, resend, exempt];
