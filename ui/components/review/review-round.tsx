import type { Locale } from '../../../domain/input-bounds';
import { displayStatus } from '../../../domain/request-display-status';
import type { ReviewPageModel } from '../../pages/reviews-model';
import { reviewsText } from '../../pages/reviews-text';
import { StackTable } from '../stack-table';
import { StatusBadge } from '../status-badge';

/** The round: each institution asked, the state of its review request and how far it was escalated. */
export function ReviewRound({ lang, requests }: { lang: Locale; requests: ReviewPageModel['requests'] }) {
  const t = reviewsText(lang);
  return (
    <section aria-labelledby="round-title">
      <h2 id="round-title">{t.round}</h2>
      <StackTable columns={[t.institution, t.requestStatus, t.escalation, t.deadline]} labelledBy="round-title">
        {requests.map((r) => (
          <tr key={r.institution}>
            <td data-label={t.institution}>
              <abbr title={r.name}>{r.institution}</abbr>
            </td>
            <td data-label={t.requestStatus}>
              <StatusBadge lang={lang} shown={displayStatus({ status: r.status, escalationLevel: r.escalationLevel, extensionRequestedAt: r.extensionRequestedAt, deliveryFailedAt: r.deliveryFailedAt })} />
            </td>
            <td data-label={t.escalation}>{t.level(r.escalationLevel)}</td>
            <td data-label={t.deadline}>{r.deadline}</td>
          </tr>
        ))}
      </StackTable>
    </section>
  );
}
