import { requestStatusLabel } from '../../domain/request-status-labels';
import type { InstitutionPageModel } from '../pages/institution-model';
import { institutionText } from '../pages/institution-text';

/**
 * The institution's requests across cycles, newest first — status, deadline, when the final report came,
 * on time or late or not reported — with its timeliness (the share on time of the requests that count)
 * and a link to each cycle's dashboard.
 */
export function InstitutionRequests(m: InstitutionPageModel) {
  const t = institutionText(m.lang);
  const s = m.timeliness;
  return (
    <section aria-labelledby="requests-title" id="requests">
      <h2 id="requests-title">{t.requestsTitle}</h2>
      {m.requests.length === 0 ? (
        <p class="muted">{t.noRequests}</p>
      ) : (
        <>
          <p>
            <strong>{s.shareOnTime === null ? t.shareNone : t.share(Math.round(s.shareOnTime * 100), s.counted)}</strong> {t.summary(s.onTime, s.late, s.notReported)}
          </p>
          {s.shareOnTime === null ? null : <meter class="share" min={0} max={1} value={s.shareOnTime} aria-label={t.timeliness} />}
          <table class="stack requests">
            <thead>
              <tr>
                <th scope="col">{t.year}</th>
                <th scope="col">{t.status}</th>
                <th scope="col">{t.deadline}</th>
                <th scope="col">{t.submittedAt}</th>
                <th scope="col">{t.timeliness}</th>
              </tr>
            </thead>
            <tbody>
              {m.requests.map((r) => (
                <tr>
                  <td data-label={t.year}>
                    <a href={r.href}>
                      {r.year}
                      <span class="vh"> {t.dashboard}</span>
                    </a>
                  </td>
                  <td data-label={t.status}>
                    <span class={`status s-${r.status}`}>{requestStatusLabel(r.status, m.lang)}</span>
                  </td>
                  <td data-label={t.deadline}>{r.deadlineText}</td>
                  <td data-label={t.submittedAt}>{r.submittedText ?? '—'}</td>
                  <td data-label={t.timeliness}>
                    <span class={`status t-${r.timeliness}`}>{t.timelinessLabels[r.timeliness]}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
