import { yearArgument } from '../argument-checks';
import { say, type CommandSpec, type OptionSpec } from '../command';
import { printable } from '../printable';
import { renderTable } from '../render-table';

interface ScheduleListAnswer {
  schedules: { id: string; kind: string; specText: string; paused: boolean; note: string | null; nextRuns: { at: string; local: string }[] }[];
  notices: { code: string; scheduleId: string; message: string }[];
}

const NOTE_OPTION: OptionSpec = { type: 'string', value: '"…"', required: true, help: { 'es-MX': 'por qué (queda como nota y en la bitácora)', en: 'why (kept as the note and in the audit log)' } };
const schedulePath = (id: string, action: string) => `/api/schedules/${encodeURIComponent(id)}/${action}`;

const list: CommandSpec = {
  words: ['schedules', 'list'],
  args: [],
  options: {},
  summary: { 'es-MX': 'Calendarios automáticos (ciclo anual, revisión del plan) y sus próximas ejecuciones en hora de la Ciudad de México.', en: 'The schedules (yearly cycle, plan review) and their next runs in Mexico City time.' },
  route: 'GET /api/schedules',
  examples: ['nap1325 schedules list'],
  async run(ctx) {
    const answer = (await ctx.api.request('GET', '/api/schedules', { query: { lang: ctx.lang } })) as ScheduleListAnswer;
    if (ctx.json) return ctx.printJson(answer);
    const en = ctx.lang === 'en';
    ctx.print(
      renderTable({
        headers: en ? ['Schedule', 'State', 'Next runs (Mexico City)'] : ['Calendario', 'Estado', 'Próximas ejecuciones (Ciudad de México)'],
        rows: answer.schedules.map((s) => [s.id, s.paused ? `${en ? 'paused' : 'en pausa'}${s.note ? `: ${printable(s.note)}` : ''}` : en ? 'active' : 'activo', s.nextRuns.slice(0, 2).map((r) => r.local).join('; ')]),
      }).join('\n'),
    );
    for (const n of answer.notices) ctx.print(printable(n.message));
  },
};

const pauseOrResume = (action: 'pause' | 'resume'): CommandSpec => ({
  words: ['schedules', action],
  args: ['<id>'],
  options: { note: NOTE_OPTION },
  summary: action === 'pause' ? { 'es-MX': 'Pausa un calendario (no pone nada en marcha hasta reanudarlo).', en: 'Pauses a schedule (it starts nothing until resumed).' } : { 'es-MX': 'Reanuda un calendario pausado.', en: 'Resumes a paused schedule.' },
  route: `POST /api/schedules/:id/${action}`,
  examples: [`nap1325 schedules ${action} yearly-cycle --note "${action === 'pause' ? 'Plan en revisión' : 'Listo'}"`],
  async run(ctx) {
    const id = ctx.args[0];
    const answer = (await ctx.api.request('POST', schedulePath(id, action), { body: { note: ctx.need('note') } })) as { id: string; paused: boolean };
    if (ctx.json) return ctx.printJson(answer);
    ctx.print(answer.paused ? say(ctx.lang, { 'es-MX': `Calendario ${answer.id} en pausa.`, en: `Schedule ${answer.id} paused.` }) : say(ctx.lang, { 'es-MX': `Calendario ${answer.id} reanudado.`, en: `Schedule ${answer.id} resumed.` }));
  },
});

const trigger: CommandSpec = {
  words: ['schedules', 'trigger'],
  args: ['<id>'],
  options: {},
  summary: { 'es-MX': 'Ejecuta un calendario ahora (el anual abre el ciclo del año pasado si aún no está abierto).', en: "Runs a schedule now (the yearly one opens last year's cycle if it is not open yet)." },
  route: 'POST /api/schedules/:id/trigger',
  examples: ['nap1325 schedules trigger yearly-cycle'],
  async run(ctx) {
    const answer = (await ctx.api.request('POST', schedulePath(ctx.args[0], 'trigger'))) as { id: string; triggeredAt: string };
    if (ctx.json) return ctx.printJson(answer);
    ctx.print(say(ctx.lang, { 'es-MX': `Calendario ${answer.id} puesto en marcha (${answer.triggeredAt}).`, en: `Schedule ${answer.id} triggered (${answer.triggeredAt}).` }));
  },
};

const backfill: CommandSpec = {
  words: ['schedules', 'backfill'],
  args: ['<year>'],
  options: {},
  summary: { 'es-MX': 'Pone en marcha el arranque de un año de ciclo omitido (kickoff/cycle/<año>).', en: "Starts a missed cycle year's kickoff (kickoff/cycle/<year>)." },
  route: 'POST /api/schedules/yearly-cycle/backfill',
  examples: ['nap1325 schedules backfill 2025'],
  async run(ctx) {
    const year = yearArgument(ctx.args[0]);
    const answer = (await ctx.api.request('POST', '/api/schedules/yearly-cycle/backfill', { body: { year } })) as { year: number; workflowId: string };
    if (ctx.json) return ctx.printJson(answer);
    ctx.print(say(ctx.lang, { 'es-MX': `Arranque del ciclo ${answer.year} en marcha (${answer.workflowId}).`, en: `Kickoff of the ${answer.year} cycle started (${answer.workflowId}).` }));
  },
};

/** `schedules list|pause|resume|trigger|backfill`: the Temporal Schedules, through /api/schedules. */
export const SCHEDULE_COMMANDS: readonly CommandSpec[] = [list, pauseOrResume('pause'), pauseOrResume('resume'), trigger, backfill];
