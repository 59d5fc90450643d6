import { ErrorSummary } from '../components/error-summary';
import { describedBy, Field } from '../components/field';
import { Notice } from '../components/notice';
import { PostForm } from '../components/post-form';
import { StackTable } from '../components/stack-table';
import { PageShell } from '../page-shell';
import type { ReviewsPageModel } from './reviews-model';
import { reviewsText } from './reviews-text';

/** The plan reviews (`/reviews`): each with its phase and round figures; the secretariat starts one now. */
export function ReviewsPage(m: ReviewsPageModel) {
  const { frame } = m;
  const t = reviewsText(frame.lang);
  return (
    <PageShell lang={frame.lang} title={t.title} switchLanguageHref={frame.switchLanguageHref} nav={frame.nav}>
      <h1>{t.title}</h1>
      {m.notice ? <Notice kind={m.notice.kind}>{m.notice.text}</Notice> : null}
      <ErrorSummary lang={frame.lang} errors={m.error ? [{ fieldId: 'review-days', message: `${t.startDays}: ${m.error.message}` }] : []} />
      <p>{t.intro}</p>
      {m.reviews.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <StackTable columns={[t.version, t.requestStatus, t.started, t.deadline, t.answered, t.published]}>
          {m.reviews.map((r) => (
            <tr key={r.href}>
              <td data-label={t.version}>
                <a href={r.href}>
                  {r.planKey} v{r.version}
                </a>
              </td>
              <td data-label={t.requestStatus}>{t.status[r.status] ?? r.status}</td>
              <td data-label={t.started}>{r.started}</td>
              <td data-label={t.deadline}>{r.deadline ?? '—'}</td>
              <td data-label={t.answered}>
                {r.answered} / {r.requests}
              </td>
              <td data-label={t.published}>{r.publishedVersion ? `v${r.publishedVersion}` : '—'}</td>
            </tr>
          ))}
        </StackTable>
      )}
      {frame.canAct ? (
        <PostForm id="start-review" title={t.startTitle} action="/reviews/start" csrfToken={frame.csrfToken} submit={t.start}>
          <Field id="review-days" label={t.startDays} hint={t.startHint} error={m.error?.message}>
            <input type="text" id="review-days" name="deadlineBusinessDays" inputMode="numeric" maxLength={3} class="num" value={m.error?.value ?? ''} aria-describedby={describedBy('review-days', { hint: true, error: m.error?.message })} />
          </Field>
        </PostForm>
      ) : (
        <p class="muted">{t.readOnly}</p>
      )}
    </PageShell>
  );
}
