import { Notice } from '../components/notice';
import { PageShell } from '../page-shell';
import type { MailSignInPageModel } from './mail-model';
import { mailText } from './mail-text';

/**
 * The mail catcher's sign-in form (when a secretariat token is configured): the token, once, sets an
 * HttpOnly cookie for /mail. Answers a wrong token with the same form and the reason on top.
 */
export function MailSignInPage({ lang, refused, urls }: MailSignInPageModel) {
  const t = mailText(lang);
  return (
    <PageShell lang={lang} title={refused ? t.invalidTitle : t.signInTitle} switchLanguageHref={urls.switchLanguage}>
      <h1>{refused ? t.invalidTitle : t.signInTitle}</h1>
      {refused ? <Notice kind="error">{t.invalidText}</Notice> : null}
      <p>{t.signInIntro}</p>
      <form method="post" action="/mail/sign-in">
        <input type="hidden" name="lang" value={lang} />
        <div class="field">
          <label for="token">{t.token}</label>
          <input id="token" name="token" type="password" autoComplete="current-password" required maxLength={512} />
        </div>
        <div class="actions">
          <button type="submit">{refused ? t.tryAgain : t.signIn}</button>
        </div>
      </form>
    </PageShell>
  );
}
