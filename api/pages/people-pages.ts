import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../domain/app-error';
import { LIMITS, zEmailAddress, zLine } from '../../domain/input-bounds';
import { Access, Role } from '../../domain/roles';
import { momentText } from '../../ui/moment-text';
import type { FormState, PageNotice } from '../../ui/pages/admin-frame';
import type { PeoplePageModel, TokenField, UserField } from '../../ui/pages/people-model';
import { PeoplePage } from '../../ui/pages/people-page';
import { peopleText } from '../../ui/pages/people-text';
import { createApiToken, deactivateUser, revokeApiToken, saveUser, ZId, ZRole } from '../commands/people';
import { listTokens, listUsers } from '../queries/people';
import { formIssues, formState, type FormFields } from './form-state';
import { seeOther, sendPage, type PageContext } from './page-context';
import type { PageDeps } from './register-pages';
import { PAGE, PAGE_FORM } from './route-config';

const ZUserForm = z.object({ email: zEmailAddress(), name: zLine(LIMITS.name), role: ZRole });
const ZTokenForm = z.object({ name: zLine(LIMITS.name), role: ZRole });

const userFields = (ctx: PageContext): FormFields<UserField> => {
  const t = peopleText(ctx.lang);
  return { email: { id: 'user-email', label: t.email }, name: { id: 'user-name', label: t.name }, role: { id: 'user-role', label: t.role } };
};
const tokenFields = (ctx: PageContext): FormFields<TokenField> => {
  const t = peopleText(ctx.lang);
  return { name: { id: 'token-name', label: t.name }, role: { id: 'token-role', label: t.role } };
};
const blankRole = { role: Role.WORKING_GROUP };

interface Parts {
  userForm?: FormState<UserField>;
  tokenForm?: FormState<TokenField>;
  notice?: PageNotice;
  newToken?: PeoplePageModel['newToken'];
  status?: number;
}

/**
 * The people page (`/people`, secretariat only: the working group gets 403): users and API tokens with
 * api/commands/people.ts's commands. Adding a person (`POST /people/users`) refuses an address an active
 * person has (400 in place) and reactivates a deactivated one; deactivating (`…/:id/deactivate`) ends
 * their sessions, never one's own (409 on the page); a token created (`POST /people/tokens`) is shown on
 * that response only — 201, not a redirect, so the token is in no URL and no history (`no-store`);
 * revoking (`…/:id/revoke`) is immediate. The rest answer 303 back with a notice.
 */
export function registerPeoplePages(app: FastifyInstance, deps: PageDeps): void {
  const { prisma } = deps;

  async function render(reply: FastifyReply, ctx: PageContext, { userForm, tokenForm, notice, newToken, status = 200 }: Parts) {
    const lang = ctx.lang;
    const [users, tokens] = await Promise.all([listUsers({ prisma }), listTokens({ prisma })]);
    const when = (at: Date | null) => (at ? momentText({ at, lang }) : undefined);
    const page = PeoplePage({
      frame: ctx,
      users: users.map((u) => ({ ...u, self: u.id === ctx.principal.userId, lastSignInText: when(u.lastSignInAt) })),
      tokens: tokens.map((k) => ({ ...k, createdAtText: momentText({ at: k.createdAt, lang }), lastUsedText: when(k.lastUsedAt), revokedText: when(k.revokedAt) })),
      notice,
      newToken,
      userForm: userForm ?? formState({ body: blankRole, fields: userFields(ctx) }),
      tokenForm: tokenForm ?? formState({ body: blankRole, fields: tokenFields(ctx) }),
    });
    return sendPage(reply, page, status);
  }

  const act = (request: Parameters<PageDeps['pageContext']>[0], reply: FastifyReply) => deps.pageContext(request, reply, 'people', Access.ACT);

  app.get('/people', { config: PAGE }, async (request, reply) => {
    const ctx = await act(request, reply);
    const code = (request.query as { notice?: unknown } | undefined)?.notice;
    const text = typeof code === 'string' ? peopleText(ctx.lang).notices[code] : undefined;
    return render(reply, ctx, { notice: text ? { kind: 'ok', text } : undefined });
  });

  app.post('/people/users', { config: PAGE_FORM }, async (request, reply) => {
    const ctx = await act(request, reply);
    const fields = userFields(ctx);
    const parsed = ZUserForm.safeParse(request.body ?? {});
    if (!parsed.success) return render(reply, ctx, { userForm: formState({ body: request.body, fields, issues: formIssues(parsed.error, ctx.lang) }), status: 400 });
    const saved = await saveUser({ prisma, by: ctx.principal, user: parsed.data, refuseActive: true });
    if (saved.outcome === 'DUPLICATE') {
      const issues = [{ field: 'email', code: 'DUPLICATE', message: peopleText(ctx.lang).duplicate }];
      return render(reply, ctx, { userForm: formState({ body: request.body, fields, issues }), status: 400 });
    }
    return seeOther(reply, '/people', saved.outcome === 'REACTIVATED' ? 'user-reactivated' : 'user-added');
  });

  app.post('/people/users/:id/deactivate', { config: PAGE_FORM }, async (request, reply) => {
    const ctx = await act(request, reply);
    const t = peopleText(ctx.lang);
    const { id } = ZId.parse(request.params);
    const result = await deactivateUser({ prisma, by: ctx.principal, id, now: deps.now() });
    if (result.outcome === 'NOT_FOUND') throw new AppError('NOT_FOUND', t.noSuchUser);
    if (result.outcome === 'SELF') return render(reply, ctx, { notice: { kind: 'error', text: t.cannotDeactivateSelf }, status: 409 });
    return seeOther(reply, '/people', 'user-deactivated');
  });

  app.post('/people/tokens', { config: PAGE_FORM }, async (request, reply) => {
    const ctx = await act(request, reply);
    const parsed = ZTokenForm.safeParse(request.body ?? {});
    if (!parsed.success) {
      return render(reply, ctx, { tokenForm: formState({ body: request.body, fields: tokenFields(ctx), issues: formIssues(parsed.error, ctx.lang) }), status: 400 });
    }
    const created = await createApiToken({ prisma, by: ctx.principal, token: parsed.data });
    return render(reply, ctx, { newToken: { name: created.name, token: created.token }, status: 201 });
  });

  app.post('/people/tokens/:id/revoke', { config: PAGE_FORM }, async (request, reply) => {
    const ctx = await act(request, reply);
    const { id } = ZId.parse(request.params);
    const revoked = await revokeApiToken({ prisma, by: ctx.principal, id, now: deps.now() });
    if (!revoked) throw new AppError('NOT_FOUND', peopleText(ctx.lang).noSuchToken);
    return seeOther(reply, '/people', 'token-revoked');
  });
}
