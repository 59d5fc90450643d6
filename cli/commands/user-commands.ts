import { roleArgument } from '../argument-checks';
import { say, type CommandSpec } from '../command';
import { formatInstant } from '../format-instant';
import { printable } from '../printable';
import { renderTable } from '../render-table';

/** A user as the API lists them. */
interface UserView {
  id: string;
  email: string;
  name: string;
  role: string;
  active: boolean;
  createdAt: string;
  lastSignInAt: string | null;
}

const add: CommandSpec = {
  words: ['user', 'add'],
  args: ['<email>'],
  options: {
    name: { type: 'string', value: '"…"', required: true, help: { 'es-MX': 'nombre de la persona', en: "the person's name" } },
    role: { type: 'string', value: 'SECRETARIAT|WORKING_GROUP', required: true, help: { 'es-MX': 'rol: el secretariado actúa; el grupo de trabajo solo lee', en: 'role: the secretariat acts; the working group only reads' } },
  },
  summary: {
    'es-MX': 'Da acceso a una persona (entra con un enlace por correo); si ya existía, la reactiva con ese rol.',
    en: 'Gives a person access (they sign in with an emailed link); an existing one is reactivated with that role.',
  },
  route: 'POST /api/users',
  examples: ['nap1325 user add ana.lopez@example.gob.mx --name "Ana López" --role WORKING_GROUP'],
  async run(ctx) {
    const role = roleArgument(ctx.need('role'));
    const answer = (await ctx.api.request('POST', '/api/users', { body: { email: ctx.args[0], name: ctx.need('name'), role } })) as UserView;
    if (ctx.json) return ctx.printJson(answer);
    ctx.print(say(ctx.lang, { 'es-MX': `Usuario guardado: ${printable(answer.email)} — ${printable(answer.name)} (${answer.role}), id ${answer.id}.`, en: `User saved: ${printable(answer.email)} — ${printable(answer.name)} (${answer.role}), id ${answer.id}.` }));
  },
};

const list: CommandSpec = {
  words: ['user', 'list'],
  args: [],
  options: {},
  summary: { 'es-MX': 'Lista a las personas con acceso: rol, si está activa, último ingreso.', en: 'Lists the people with access: role, whether active, last sign-in.' },
  route: 'GET /api/users',
  examples: ['nap1325 user list'],
  async run(ctx) {
    const answer = (await ctx.api.request('GET', '/api/users')) as { users: UserView[] };
    if (ctx.json) return ctx.printJson(answer);
    const en = ctx.lang === 'en';
    if (!answer.users.length) return ctx.print(en ? 'No users.' : 'Ningún usuario.');
    ctx.print(
      renderTable({
        headers: en ? ['Id', 'Email', 'Name', 'Role', 'Active', 'Last sign-in'] : ['Id', 'Correo', 'Nombre', 'Rol', 'Activo', 'Último ingreso'],
        rows: answer.users.map((u) => [u.id, u.email, u.name, u.role, u.active ? (en ? 'yes' : 'sí') : 'no', formatInstant(u.lastSignInAt)]),
      }).join('\n'),
    );
  },
};

const deactivate: CommandSpec = {
  words: ['user', 'deactivate'],
  args: ['<id>'],
  options: {},
  summary: { 'es-MX': 'Quita el acceso a una persona: sus sesiones terminan de inmediato.', en: "Removes a person's access: their sessions end at once." },
  route: 'POST /api/users/:id/deactivate',
  examples: ['nap1325 user deactivate clx0v2k3e0000abcdefgh1234'],
  async run(ctx) {
    const answer = (await ctx.api.request('POST', `/api/users/${encodeURIComponent(ctx.args[0])}/deactivate`)) as UserView;
    if (ctx.json) return ctx.printJson(answer);
    ctx.print(say(ctx.lang, { 'es-MX': `Usuario desactivado: ${printable(answer.email)}; sus sesiones terminaron.`, en: `User deactivated: ${printable(answer.email)}; their sessions ended.` }));
  },
};

/** `user add`, `user list` and `user deactivate`: who signs in, with which role. */
export const USER_COMMANDS: readonly CommandSpec[] = [add, list, deactivate];
