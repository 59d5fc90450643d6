import { roleArgument } from '../argument-checks';
import { say, type CommandSpec } from '../command';
import { formatInstant } from '../format-instant';
import { printable } from '../printable';
import { renderTable } from '../render-table';

/** A token as the API lists it (never its secret, but once: `token` on creation). */
interface TokenView {
  id: string;
  name: string;
  role: string;
  prefix: string;
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  token?: string;
}

const ROLE_OPTION = { type: 'string', value: 'SECRETARIAT|WORKING_GROUP', required: true, help: { 'es-MX': 'rol: el secretariado actúa; el grupo de trabajo solo lee', en: 'role: the secretariat acts; the working group only reads' } } as const;

const create: CommandSpec = {
  words: ['token', 'create'],
  args: ['<name>'],
  options: { role: ROLE_OPTION },
  summary: { 'es-MX': 'Crea un token de API para automatización; se muestra una sola vez.', en: 'Creates an API token for automation; it is shown once.' },
  route: 'POST /api/tokens',
  examples: ['nap1325 token create tablero-gt --role WORKING_GROUP', 'NEW=$(nap1325 token create ci --role SECRETARIAT --json | jq -r .token)'],
  async run(ctx) {
    const role = roleArgument(ctx.need('role'));
    const answer = (await ctx.api.request('POST', '/api/tokens', { body: { name: ctx.args[0], role } })) as TokenView;
    if (ctx.json) return ctx.printJson(answer);
    ctx.print(
      say(ctx.lang, {
        'es-MX': `Token creado: ${printable(answer.name)} (${answer.role}), id ${answer.id}. Guárdelo ahora: no se volverá a mostrar.`,
        en: `Token created: ${printable(answer.name)} (${answer.role}), id ${answer.id}. Keep it now: it is not shown again.`,
      }),
    );
    ctx.print(answer.token ?? '');
  },
};

const list: CommandSpec = {
  words: ['token', 'list'],
  args: [],
  options: {},
  summary: { 'es-MX': 'Lista los tokens de API (sin secretos): rol, creación, último uso, revocación.', en: 'Lists the API tokens (no secrets): role, creation, last use, revocation.' },
  route: 'GET /api/tokens',
  examples: ['nap1325 token list'],
  async run(ctx) {
    const answer = (await ctx.api.request('GET', '/api/tokens')) as { tokens: TokenView[] };
    if (ctx.json) return ctx.printJson(answer);
    const en = ctx.lang === 'en';
    if (!answer.tokens.length) return ctx.print(en ? 'No tokens.' : 'Ningún token.');
    ctx.print(
      renderTable({
        headers: en ? ['Id', 'Name', 'Role', 'Prefix', 'Created by', 'Created', 'Last used', 'Revoked'] : ['Id', 'Nombre', 'Rol', 'Prefijo', 'Creado por', 'Creado', 'Último uso', 'Revocado'],
        rows: answer.tokens.map((t) => [t.id, t.name, t.role, t.prefix, t.createdBy, formatInstant(t.createdAt), formatInstant(t.lastUsedAt), formatInstant(t.revokedAt)]),
      }).join('\n'),
    );
  },
};

const revoke: CommandSpec = {
  words: ['token', 'revoke'],
  args: ['<id>'],
  options: {},
  summary: { 'es-MX': 'Revoca un token: deja de servir de inmediato.', en: 'Revokes a token: it stops working at once.' },
  route: 'DELETE /api/tokens/:id',
  examples: ['nap1325 token revoke clx0v2k3e0000abcdefgh1234'],
  async run(ctx) {
    const answer = (await ctx.api.request('DELETE', `/api/tokens/${encodeURIComponent(ctx.args[0])}`)) as TokenView;
    if (ctx.json) return ctx.printJson(answer);
    ctx.print(
      say(ctx.lang, {
        'es-MX': `Token revocado: ${printable(answer.name)} (${answer.prefix}…), desde ${formatInstant(answer.revokedAt)}.`,
        en: `Token revoked: ${printable(answer.name)} (${answer.prefix}…), since ${formatInstant(answer.revokedAt)}.`,
      }),
    );
  },
};

/** `token create`, `token list` and `token revoke`: the API tokens of automation. */
export const TOKEN_COMMANDS: readonly CommandSpec[] = [create, list, revoke];
