import type { ComponentChildren } from 'preact';
import type { Locale } from '../domain/input-bounds';
import { CLIENT_SCRIPT_PATH } from './client-script';
import { SecretariatNav, type NavModel } from './components/secretariat-nav';
import { otherLocale, SHELL_TEXT } from './labels';
import { STYLESHEET, STYLESHEET_PATH } from './stylesheet';

export interface PageShellProps {
  lang: Locale;
  /** The page's title; the site's name follows it in the browser's tab. */
  title: string;
  /** The same page in the other language (a link in the header), when there is one. */
  switchLanguageHref?: string;
  /** The CSP nonce of this response, put on the script tag. */
  nonce?: string;
  /** Load the enhancing script (live totals). */
  withScript?: boolean;
  /** The signed-in navigation (secretariat and working group pages). */
  nav?: NavModel;
  /** Wide content (tables of the dashboards) on a desktop; a phone is one column either way. */
  wide?: boolean;
  /**
   * The stylesheet inside the document (a file that must stand alone, such as the annual report's HTML
   * download) instead of a link to the app's copy. Our own constant, never user text.
   */
  inlineStylesheet?: boolean;
  children: ComponentChildren;
}

/**
 * The one layout of every page: the working group's identity (es-MX first), a skip link, the language
 * switch, the content in `<main>`, a footer. Phone first (the viewport meta; one column), no script
 * needed.
 */
export function PageShell({ lang, title, switchLanguageHref, nonce, withScript, nav, wide, inlineStylesheet, children }: PageShellProps) {
  const t = SHELL_TEXT[lang];
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${title} · PNA-1325`}</title>
        {inlineStylesheet ? <style dangerouslySetInnerHTML={{ __html: STYLESHEET }} /> : <link rel="stylesheet" href={STYLESHEET_PATH} />}
        {withScript ? <script src={CLIENT_SCRIPT_PATH} nonce={nonce} defer /> : null}
      </head>
      <body>
        <a class="skip" href="#main">
          {t.skip}
        </a>
        <header class="site-header">
          <div class={wide || nav ? 'bar wide' : 'bar'}>
            <a class="brand" href="/">
              PNA-1325 · {t.group}
              <small>{t.plan}</small>
            </a>
            {switchLanguageHref ? (
              <a class="lang" href={switchLanguageHref} lang={otherLocale(lang)} hrefLang={otherLocale(lang)}>
                {t.otherLanguage}
              </a>
            ) : null}
          </div>
          {nav ? <SecretariatNav lang={lang} nav={nav} /> : null}
          <div class="gold" />
        </header>
        <main id="main" tabIndex={-1} class={wide ? 'wide' : undefined}>
          {children}
        </main>
        <footer class="site-footer">{t.footer}</footer>
      </body>
    </html>
  );
}
