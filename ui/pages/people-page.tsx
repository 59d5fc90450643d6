import type { Locale } from '../../domain/input-bounds';
import { Role, ROLE_LABELS } from '../../domain/roles';
import { ActionButton } from '../components/action-button';
import { BreakableText } from '../components/breakable-text';
import { ErrorSummary } from '../components/error-summary';
import { describedBy, Field } from '../components/field';
import { Notice } from '../components/notice';
import { PostForm } from '../components/post-form';
import { StackTable } from '../components/stack-table';
import { PageShell } from '../page-shell';
import type { PeoplePageModel } from './people-model';
import { peopleText } from './people-text';

/**
 * Who signs in and the tokens of automation (secretariat only): the people with their role, state and
 * last sign-in, a button to deactivate each (not oneself); the tokens with their role, origin and use, a
 * button to revoke each; a form to add a person and one to create a token — whose value is shown once, on
 * the answer to that form. Tables on a desktop, cards on a phone.
 */
export function PeoplePage(m: PeoplePageModel) {
  const { frame } = m;
  const t = peopleText(frame.lang);
  return (
    <PageShell lang={frame.lang} title={t.title} switchLanguageHref={frame.switchLanguageHref} nav={frame.nav} wide>
      <h1>{t.title}</h1>
      {m.notice ? <Notice kind={m.notice.kind}>{m.notice.text}</Notice> : null}
      {m.newToken ? <NewToken {...m.newToken} lang={frame.lang} /> : null}
      <ErrorSummary lang={frame.lang} errors={[...m.userForm.errors, ...m.tokenForm.errors]} />
      <p>{t.intro}</p>
      <p class="muted">{t.zone}</p>
      <h2 id="users">{t.users}</h2>
      <UserTable {...m} />
      <AddUserForm {...m} />
      <h2 id="tokens">{t.tokens}</h2>
      <p>{t.tokensIntro}</p>
      <TokenTable {...m} />
      <AddTokenForm {...m} />
    </PageShell>
  );
}

function NewToken({ name, token, lang }: { name: string; token: string; lang: Locale }) {
  const t = peopleText(lang);
  return (
    <section class="notice warning new-token" aria-labelledby="new-token-title">
      <h2 id="new-token-title">{t.newToken(name)}</h2>
      <p>{t.newTokenWarning}</p>
      <label for="new-token">{t.newTokenLabel}</label>
      <textarea id="new-token" readOnly rows={2} class="secret" autoComplete="off" spellcheck={false} value={token} />
    </section>
  );
}

function RoleSelect({ id, value, error, lang }: { id: string; value: string; error?: string; lang: Locale }) {
  return (
    <select id={id} name="role" aria-describedby={describedBy(id, { error })}>
      {[Role.WORKING_GROUP, Role.SECRETARIAT].map((role) => (
        <option value={role} selected={value === role}>
          {ROLE_LABELS[role][lang]}
        </option>
      ))}
    </select>
  );
}

function UserTable(m: PeoplePageModel) {
  const t = peopleText(m.frame.lang);
  if (m.users.length === 0) return <p>{t.noUsers}</p>;
  return (
    <StackTable columns={[t.name, t.email, t.role, t.state, t.lastSignIn, t.actions]} labelledBy="users">
      {m.users.map((u) => (
        <tr key={u.id}>
          <td data-label={t.name}>
            {u.name} {u.self ? <span class="muted">{t.you}</span> : null}
          </td>
          <td data-label={t.email} class="actor">
            <BreakableText text={u.email} />
          </td>
          <td data-label={t.role}>{ROLE_LABELS[u.role][m.frame.lang]}</td>
          <td data-label={t.state}>
            <span class={u.active ? 'status' : 'status s-CLOSED'}>{u.active ? t.active : t.inactive}</span>
          </td>
          <td data-label={t.lastSignIn}>{u.lastSignInText ?? t.never}</td>
          <td>{u.active && !u.self ? <ActionButton action={`/people/users/${u.id}/deactivate`} csrfToken={m.frame.csrfToken} label={t.deactivate} ariaLabel={t.deactivateLabel(u.email)} /> : null}</td>
        </tr>
      ))}
    </StackTable>
  );
}

function TokenTable(m: PeoplePageModel) {
  const t = peopleText(m.frame.lang);
  if (m.tokens.length === 0) return <p>{t.noTokens}</p>;
  return (
    <StackTable columns={[t.name, t.role, t.prefix, t.createdBy, t.createdAt, t.lastUsed, t.state, t.actions]} labelledBy="tokens">
      {m.tokens.map((k) => (
        <tr key={k.id}>
          <td data-label={t.name}>{k.name}</td>
          <td data-label={t.role}>{ROLE_LABELS[k.role][m.frame.lang]}</td>
          <td data-label={t.prefix}>
            <code class="prefix">{k.prefix}…</code>
          </td>
          <td data-label={t.createdBy} class="actor">
            <BreakableText text={k.createdBy} />
          </td>
          <td data-label={t.createdAt}>{k.createdAtText}</td>
          <td data-label={t.lastUsed}>{k.lastUsedText ?? t.never}</td>
          <td data-label={t.state}>
            <span class={k.revokedText ? 'status s-CLOSED' : 'status'}>{k.revokedText ? t.revoked : t.valid}</span>
            {k.revokedText ? <span class="muted"> {t.revokedAt(k.revokedText)}</span> : null}
          </td>
          <td>{k.revokedText ? null : <ActionButton action={`/people/tokens/${k.id}/revoke`} csrfToken={m.frame.csrfToken} label={t.revoke} ariaLabel={t.revokeLabel(k.name)} />}</td>
        </tr>
      ))}
    </StackTable>
  );
}

/** The name and role fields both forms ask for (`<prefix>-name`, `<prefix>-role`). */
function NameAndRole({ prefix, values, errors, nameHint, lang }: { prefix: string; values: { name: string; role: string }; errors: { name?: string; role?: string }; nameHint?: string; lang: Locale }) {
  const t = peopleText(lang);
  return (
    <>
      <Field id={`${prefix}-name`} label={t.name} hint={nameHint} error={errors.name}>
        <input type="text" id={`${prefix}-name`} name="name" value={values.name} maxLength={200} autoComplete="off" required aria-describedby={describedBy(`${prefix}-name`, { hint: nameHint, error: errors.name })} />
      </Field>
      <Field id={`${prefix}-role`} label={t.role} error={errors.role}>
        <RoleSelect id={`${prefix}-role`} value={values.role} error={errors.role} lang={lang} />
      </Field>
    </>
  );
}

function AddUserForm(m: PeoplePageModel) {
  const t = peopleText(m.frame.lang);
  const { values, fieldErrors: e } = m.userForm;
  return (
    <PostForm id="add-user" title={t.addUser} level={3} action="/people/users" csrfToken={m.frame.csrfToken} submit={t.addUserButton}>
      <Field id="user-email" label={t.email} hint={t.emailHint} error={e.email}>
        <input type="email" id="user-email" name="email" value={values.email} maxLength={254} autoComplete="off" required aria-describedby={describedBy('user-email', { hint: true, error: e.email })} />
      </Field>
      <NameAndRole prefix="user" values={values} errors={e} lang={m.frame.lang} />
    </PostForm>
  );
}

function AddTokenForm(m: PeoplePageModel) {
  const t = peopleText(m.frame.lang);
  return (
    <PostForm id="add-token" title={t.addToken} level={3} action="/people/tokens" csrfToken={m.frame.csrfToken} submit={t.addTokenButton}>
      <NameAndRole prefix="token" values={m.tokenForm.values} errors={m.tokenForm.fieldErrors} nameHint={t.tokenNameHint} lang={m.frame.lang} />
    </PostForm>
  );
}
