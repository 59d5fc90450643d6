import { dateArgument, yearArgument } from '../argument-checks';
import { say, type CommandSpec } from '../command';
import { printable } from '../printable';
import { renderTable } from '../render-table';
import { BY_OPTION } from './shared-options';

interface HolidayAnswer {
  date: string;
  nameEs: string;
  nameEn: string;
  created: boolean;
}

interface HolidayListAnswer {
  year: number;
  statutory: { date: string; nameEs: string; nameEn: string }[];
  extra: { date: string; nameEs: string; nameEn: string; createdBy: string }[];
}

const add: CommandSpec = {
  words: ['holiday', 'add'],
  args: ['<date>'],
  options: {
    'name-es': { type: 'string', value: '"…"', required: true, help: { 'es-MX': 'nombre en español', en: 'name in Spanish' } },
    'name-en': { type: 'string', value: '"…"', required: true, help: { 'es-MX': 'nombre en inglés', en: 'name in English' } },
    by: BY_OPTION,
  },
  summary: {
    'es-MX': 'Agrega un día inhábil al calendario (cuenta para los plazos que se calculen desde ahora).',
    en: 'Adds a rest day to the business calendar (it counts for timelines computed from now on).',
  },
  route: 'POST /api/holidays',
  examples: ['nap1325 holiday add 2026-11-02 --name-es "Día de Muertos" --name-en "Day of the Dead"'],
  async run(ctx) {
    const date = dateArgument(ctx.args[0], '<date>');
    const by = ctx.str('by');
    const answer = (await ctx.api.request('POST', '/api/holidays', { body: { date, nameEs: ctx.need('name-es'), nameEn: ctx.need('name-en'), ...(by ? { createdBy: by } : {}) } })) as HolidayAnswer;
    if (ctx.json) return ctx.printJson(answer);
    const name = printable(ctx.lang === 'en' ? answer.nameEn : answer.nameEs);
    ctx.print(
      answer.created
        ? say(ctx.lang, { 'es-MX': `Día inhábil agregado: ${answer.date} (${name}).`, en: `Rest day added: ${answer.date} (${name}).` })
        : say(ctx.lang, { 'es-MX': `Ya era día inhábil: ${answer.date} (${name}); sin cambios.`, en: `Already a rest day: ${answer.date} (${name}); nothing changed.` }),
    );
  },
};

/** The weekday of a plain date, short, in the operator's language. */
const weekday = (date: string, lang: string) => new Intl.DateTimeFormat(lang, { weekday: 'short', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));

const list: CommandSpec = {
  words: ['holiday', 'list'],
  args: ['<year>'],
  options: {},
  summary: { 'es-MX': 'Días inhábiles del año: los de ley (LFT art. 74) y los agregados por el secretariado.', en: 'Rest days of the year: statutory (LFT art. 74) and those the secretariat added.' },
  route: 'GET /api/holidays/:year',
  examples: ['nap1325 holiday list 2026'],
  async run(ctx) {
    const year = yearArgument(ctx.args[0]);
    const answer = (await ctx.api.request('GET', `/api/holidays/${year}`)) as HolidayListAnswer;
    if (ctx.json) return ctx.printJson(answer);
    const en = ctx.lang === 'en';
    const rows = [
      ...answer.statutory.map((d) => ({ ...d, source: en ? 'statutory (LFT art. 74)' : 'de ley (LFT art. 74)' })),
      ...answer.extra.map((d) => ({ ...d, source: `${en ? 'added by' : 'agregado por'} ${d.createdBy}` })),
    ].sort((a, b) => a.date.localeCompare(b.date));
    ctx.print(
      renderTable({
        headers: en ? ['Date', 'Day', 'Name', 'Source'] : ['Fecha', 'Día', 'Nombre', 'Origen'],
        rows: rows.map((d) => [d.date, weekday(d.date, ctx.lang), en ? d.nameEn : d.nameEs, d.source]),
      }).join('\n'),
    );
  },
};

/** `holiday add` and `holiday list`: the business calendar's rest days. */
export const HOLIDAY_COMMANDS: readonly CommandSpec[] = [add, list];
