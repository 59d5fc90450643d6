import type { Locale } from '../../domain/input-bounds';
import { ErrorSummary } from '../components/error-summary';
import { describedBy, Field } from '../components/field';
import { Notice } from '../components/notice';
import { PageShell } from '../page-shell';

/**
 * The steps of signing in without a password: ask for a link (`form`), told it is on its way (`sent`),
 * the emailed link's page with a button — mail scanners open links before people do, so opening the link
 * changes nothing; pressing the button signs in (`confirm`) — and a link that can no longer be used
 * (`invalid`).
 */
export type SignInStep = 'form' | 'sent' | 'confirm' | 'invalid';

export interface SignInPageModel {
  lang: Locale;
  step: SignInStep;
  csrfToken: string;
  /** The emailed link's token (`confirm`). */
  token?: string;
  /** The page to go back to once signed in (carried through the emailed link). */
  next?: string;
  email?: string;
  error?: string;
  switchLanguageHref: string;
}

const TEXT = {
  'es-MX': {
    title: 'Entrar',
    intro: 'El secretariado y el Grupo de Trabajo entran con un enlace que se envía a su correo: no hay contraseñas.',
    email: 'Correo electrónico',
    emailHint: 'El correo con el que el secretariado le registró.',
    send: 'Enviarme un enlace para entrar',
    sent: 'Si la dirección está registrada, le enviamos un enlace para entrar. Vale 15 minutos y una sola vez.',
    sentHelp: 'Revise también la carpeta de spam. ¿No llegó? Puede pedir otro en unos minutos.',
    confirm: 'Confirme que desea entrar',
    confirmText: 'Este enlace abre una sesión en este navegador.',
    confirmButton: 'Entrar',
    invalid: 'Este enlace ya se usó o venció.',
    again: 'Pedir un enlace nuevo',
  },
  en: {
    title: 'Sign in',
    intro: 'The secretariat and the working group sign in with a link sent to their email: there are no passwords.',
    email: 'Email address',
    emailHint: 'The address the secretariat registered you with.',
    send: 'Email me a sign-in link',
    sent: 'If the address is registered, we sent it a sign-in link. It is valid for 15 minutes, once.',
    sentHelp: 'Check the spam folder too. Not there? You can ask for another in a few minutes.',
    confirm: 'Confirm you want to sign in',
    confirmText: 'This link opens a session in this browser.',
    confirmButton: 'Sign in',
    invalid: 'This link has already been used or has expired.',
    again: 'Ask for a new link',
  },
} as const;

export function SignInPage(m: SignInPageModel) {
  const t = TEXT[m.lang];
  return (
    <PageShell lang={m.lang} title={t.title} switchLanguageHref={m.switchLanguageHref}>
      <h1>{m.step === 'confirm' ? t.confirm : t.title}</h1>
      {m.step === 'form' ? (
        <>
          <ErrorSummary lang={m.lang} errors={m.error ? [{ fieldId: 'email', message: m.error }] : []} />
          <p>{t.intro}</p>
          <form method="post" action="/sign-in" noValidate>
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            <input type="hidden" name="lang" value={m.lang} />
            {m.next ? <input type="hidden" name="next" value={m.next} /> : null}
            <Field id="email" label={t.email} hint={t.emailHint} error={m.error}>
              <input type="email" id="email" name="email" autoComplete="email" required value={m.email ?? ''} aria-describedby={describedBy('email', { hint: true, error: m.error })} />
            </Field>
            <div class="actions">
              <button type="submit">{t.send}</button>
            </div>
          </form>
        </>
      ) : null}
      {m.step === 'sent' ? (
        <>
          <Notice>{t.sent}</Notice>
          <p>{t.sentHelp}</p>
        </>
      ) : null}
      {m.step === 'confirm' ? (
        <form method="post" action="/sign-in/confirm">
          <p>{t.confirmText}</p>
          <input type="hidden" name="_csrf" value={m.csrfToken} />
          <input type="hidden" name="token" value={m.token ?? ''} />
          <input type="hidden" name="lang" value={m.lang} />
          {m.next ? <input type="hidden" name="next" value={m.next} /> : null}
          <div class="actions">
            <button type="submit">{t.confirmButton}</button>
          </div>
        </form>
      ) : null}
      {m.step === 'invalid' ? (
        <>
          <Notice kind="error">{t.invalid}</Notice>
          <p>
            <a href={`/sign-in?lang=${m.lang}`}>{t.again}</a>
          </p>
        </>
      ) : null}
    </PageShell>
  );
}
