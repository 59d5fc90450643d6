import type { Locale } from '../../domain/input-bounds';
import { Notice } from '../components/notice';
import { PageShell } from '../page-shell';

export interface LinkProblemPageModel {
  lang: Locale;
  /** What is wrong with the link, in the reader's language (domain/signed-link). */
  problem: string;
  /** Where the "send me a new link" form posts; absent when no new link can be sent. */
  newLinkAction?: string;
  /** The token the reader came with (posted back, so an expired link names its request). */
  token?: string;
  switchLanguageHref?: string;
  /** After a new link was asked for: what happened (never who it went to). */
  outcome?: { kind: 'ok' | 'warning' | 'error'; text: string };
}

const TEXT = {
  'es-MX': {
    title: 'Enlace no válido',
    explain: 'Los enlaces de respuesta son personales: se envían a las personas de contacto de cada institución y vencen con el tiempo o cuando cambia el contacto.',
    ask: 'Podemos enviar un enlace nuevo a los contactos registrados de la institución (no mostramos las direcciones).',
    button: 'Enviarme un enlace nuevo',
    help: 'Si no lo recibe en unos minutos, escriba al secretariado del Grupo de Trabajo.',
  },
  en: {
    title: 'Link not valid',
    explain: "Response links are personal: they are sent to each institution's contacts, and they expire in time or when the contact changes.",
    ask: "We can send a new link to the institution's registered contacts (their addresses are not shown).",
    button: 'Send me a new link',
    help: "If it does not arrive within a few minutes, write to the Working Group's secretariat.",
  },
} as const;

/**
 * What a contact sees when a link cannot be used (forged, malformed, expired, issued for another request
 * or to a replaced contact): what happened, in their language, and a button that emails a fresh link to
 * the institution's current contacts.
 */
export function LinkProblemPage(m: LinkProblemPageModel) {
  const t = TEXT[m.lang];
  return (
    <PageShell lang={m.lang} title={t.title} switchLanguageHref={m.switchLanguageHref}>
      <h1>{t.title}</h1>
      {m.outcome ? <Notice kind={m.outcome.kind}>{m.outcome.text}</Notice> : <Notice kind="error">{m.problem}</Notice>}
      <p>{t.explain}</p>
      {m.newLinkAction && !m.outcome ? (
        <form method="post" action={m.newLinkAction}>
          <p>{t.ask}</p>
          {m.token ? <input type="hidden" name="token" value={m.token} /> : null}
          <input type="hidden" name="lang" value={m.lang} />
          <div class="actions">
            <button type="submit">{t.button}</button>
          </div>
        </form>
      ) : null}
      <p class="muted">{t.help}</p>
    </PageShell>
  );
}
