import type { Locale } from '../../domain/input-bounds';
import { requestStatusLabel } from '../../domain/request-status-labels';
import { respondText } from '../pages/respond-text';

/**
 * The facts at the top of a contact's page, data request or review request alike: the deadline, the
 * request's status, and the latest version received (its kind in the page's words, and when).
 */
export function RequestFacts({ lang, deadlineText, status, latest, kindLabel }: { lang: Locale; deadlineText: string; status: string; latest?: { version: number; kind: string; atText: string } | null; kindLabel: Record<string, string> }) {
  const t = respondText(lang);
  return (
    <dl class="facts">
      <dt>{t.deadline}</dt>
      <dd>{deadlineText}</dd>
      <dt>{t.status}</dt>
      <dd>
        <span class="status">{requestStatusLabel(status, lang)}</span>
      </dd>
      {latest ? (
        <>
          <dt>{t.version}</dt>
          <dd>
            {latest.version} ({kindLabel[latest.kind]}, {latest.atText})
          </dd>
        </>
      ) : null}
    </dl>
  );
}
