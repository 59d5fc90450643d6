import { dateArgument, institutionArgument, yearArgument } from '../argument-checks';
import { UsageError } from '../cli-errors';
import type { CommandSpec } from '../command';
import { commandResultLine, type CommandAnswer } from './command-result-line';
import { BY_OPTION, requestPath } from './shared-options';

const DECIDE = ['extension', 'decide'];

const decide: CommandSpec = {
  words: DECIDE,
  args: ['<year>', '<code>'],
  options: {
    approve: { type: 'boolean', help: { 'es-MX': 'aprueba la prórroga pedida', en: 'approve the extension asked for' } },
    reject: { type: 'boolean', help: { 'es-MX': 'la rechaza', en: 'reject it' } },
    deadline: { type: 'string', value: 'yyyy-MM-dd', help: { 'es-MX': 'otra fecha que la pedida (solo con --approve)', en: 'a date other than the one asked for (with --approve only)' } },
    note: { type: 'string', value: '"…"', help: { 'es-MX': 'nota para la institución', en: 'a note for the institution' } },
    by: BY_OPTION,
  },
  summary: { 'es-MX': 'Decide la prórroga que pidió una institución: la aprueba o la rechaza; se le avisa.', en: 'Decides the extension an institution asked for: approve or reject; it is told.' },
  route: 'POST /api/cycles/:year/requests/:code/extension-decision',
  examples: ['nap1325 extension decide 2026 SEMAR --approve', 'nap1325 extension decide 2026 SSPC --reject --note "El plazo es suficiente"'],
  async run(ctx) {
    const year = yearArgument(ctx.args[0]);
    const code = institutionArgument(ctx.args[1]);
    const approve = ctx.flag('approve');
    if (approve === ctx.flag('reject')) {
      throw new UsageError({ 'es-MX': 'indique --approve o --reject (uno de los dos)', en: 'give --approve or --reject (one of them)' }, DECIDE);
    }
    const deadline = ctx.str('deadline');
    if (deadline !== undefined && !approve) throw new UsageError({ 'es-MX': '--deadline va solo con --approve', en: '--deadline goes with --approve only' }, DECIDE);
    const note = ctx.str('note');
    const by = ctx.str('by');
    const body = { approve, ...(deadline ? { deadline: dateArgument(deadline, '--deadline') } : {}), ...(note ? { note } : {}), ...(by ? { decidedBy: by } : {}) };
    const answer = (await ctx.api.request('POST', requestPath(year, code, '/extension-decision'), { body })) as CommandAnswer;
    if (ctx.json) return ctx.printJson(answer);
    const done = approve ? { 'es-MX': 'Prórroga aprobada', en: 'Extension approved' } : { 'es-MX': 'Prórroga rechazada', en: 'Extension rejected' };
    ctx.print(commandResultLine({ lang: ctx.lang, done, year, code, answer }));
  },
};

const grant: CommandSpec = {
  words: ['extension', 'grant'],
  args: ['<year>', '<code>'],
  options: {
    deadline: { type: 'string', value: 'yyyy-MM-dd', required: true, help: { 'es-MX': 'nueva fecha límite (posterior a la vigente)', en: 'new deadline (after the current one)' } },
    reason: { type: 'string', value: '"…"', required: true, help: { 'es-MX': 'motivo (se comunica a la institución)', en: 'reason (told to the institution)' } },
    by: BY_OPTION,
  },
  summary: { 'es-MX': 'Otorga más tiempo sin que se haya pedido; el calendario de recordatorios se recalcula.', en: 'Grants more time without being asked; the reminder timeline is recomputed.' },
  route: 'POST /api/cycles/:year/requests/:code/extension',
  examples: ['nap1325 extension grant 2026 INMUJERES --deadline 2027-01-29 --reason "Sismo en la Ciudad de México"'],
  async run(ctx) {
    const year = yearArgument(ctx.args[0]);
    const code = institutionArgument(ctx.args[1]);
    const by = ctx.str('by');
    const body = { deadline: dateArgument(ctx.need('deadline'), '--deadline'), reason: ctx.need('reason'), ...(by ? { grantedBy: by } : {}) };
    const answer = (await ctx.api.request('POST', requestPath(year, code, '/extension'), { body })) as CommandAnswer;
    if (ctx.json) return ctx.printJson(answer);
    ctx.print(commandResultLine({ lang: ctx.lang, done: { 'es-MX': 'Prórroga otorgada', en: 'Extension granted' }, year, code, answer }));
  },
};

/** `extension decide` and `extension grant`. */
export const EXTENSION_COMMANDS: readonly CommandSpec[] = [decide, grant];
