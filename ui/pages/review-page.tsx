import { CrosswalkTable } from '../components/review/crosswalk-table';
import { decisionFieldId, decisionInputOf } from '../components/review/decision-form';
import { ProposalList } from '../components/review/proposal-list';
import { PublishForm } from '../components/review/publish-form';
import { ReviewRound } from '../components/review/review-round';
import { ReviewSynthesisSummary } from '../components/review/review-synthesis-summary';
import { ErrorSummary, type FormError } from '../components/error-summary';
import { Notice } from '../components/notice';
import { PageShell } from '../page-shell';
import type { ReviewPageModel } from './reviews-model';
import { reviewsText } from './reviews-text';

/**
 * One plan review (`/reviews/:planKey/:version`): the round, the synthesis, the proposals with their
 * decisions (forms for the secretariat until publication), the crosswalk or what stops it, the publication
 * form once the round has ended, and the dossier's files.
 */
export function ReviewPage(m: ReviewPageModel) {
  const { frame } = m;
  const t = reviewsText(frame.lang);
  const title = `${t.title}: ${m.planKey} v${m.version}`;
  const errors: FormError[] = [
    ...(m.decisionError ? [{ fieldId: decisionFieldId(m.decisionError.proposalKey, decisionInputOf(m.decisionError.field)), message: m.decisionError.summary }] : []),
    ...(m.publishError?.issues ?? []),
  ];
  const deciding = m.status === 'DECIDING';
  return (
    <PageShell lang={frame.lang} title={title} switchLanguageHref={frame.switchLanguageHref} nav={frame.nav}>
      <h1>
        {t.title}: <span class="nowrap">{`${m.planKey} v${m.version}`}</span>
      </h1>
      {m.notice ? <Notice kind={m.notice.kind}>{m.notice.text}</Notice> : null}
      <ErrorSummary lang={frame.lang} errors={errors} />
      <dl>
        <dt>{t.requestStatus}</dt>
        <dd>{t.status[m.status] ?? m.status}</dd>
        <dt>{t.started}</dt>
        <dd>{m.started}</dd>
        {m.publishedVersion ? (
          <>
            <dt>{t.published}</dt>
            <dd>v{m.publishedVersion}</dd>
          </>
        ) : null}
      </dl>
      <ReviewRound lang={frame.lang} requests={m.requests} />
      <ReviewSynthesisSummary lang={frame.lang} synthesis={m.synthesis} />
      <ProposalList lang={frame.lang} proposals={m.proposals} itemTexts={m.itemTexts} canDecide={frame.canAct && m.status !== 'PUBLISHED'} action={`${m.base}/decisions`} csrfToken={frame.csrfToken} error={m.decisionError} />
      <section aria-labelledby="crosswalk-title">
        <h2 id="crosswalk-title">{t.crosswalk}</h2>
        <CrosswalkTable lang={frame.lang} crosswalk={m.crosswalk} preview={m.status !== 'PUBLISHED'} roundEnded={m.status !== 'ROUND_OPEN'} />
        {m.publicationIssues.length ? (
          <Notice kind="warning">
            <p>{t.issues}:</p>
            <ul>
              {m.publicationIssues.map((i) => (
                <li key={i}>{i}</li>
              ))}
            </ul>
          </Notice>
        ) : null}
      </section>
      {frame.canAct && deciding ? <PublishForm lang={frame.lang} action={`${m.base}/publish`} csrfToken={frame.csrfToken} error={m.publishError} /> : null}
      {frame.canAct && m.status === 'ROUND_OPEN' ? <p class="muted">{t.roundOpen}</p> : null}
      <section aria-labelledby="dossier-title">
        <h2 id="dossier-title">{t.dossier}</h2>
        {m.files.length === 0 ? (
          <p class="muted">{t.dossierNone}</p>
        ) : (
          <ul>
            {m.files.map((f) => (
              <li key={f.url}>
                <a href={f.url}>
                  {f.format.toUpperCase()} · {f.lang}
                </a>{' '}
                <span class="muted">({Math.ceil(f.size / 1024)} KB)</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </PageShell>
  );
}
