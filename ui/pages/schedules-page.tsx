import { ActionButton } from '../components/action-button';
import { ErrorSummary } from '../components/error-summary';
import { describedBy, Field } from '../components/field';
import { Notice } from '../components/notice';
import { PostForm } from '../components/post-form';
import { PageShell } from '../page-shell';
import type { ScheduleRow, SchedulesPageModel } from './schedules-model';
import { schedulesText } from './schedules-text';

/** The path of one schedule's action (its id URL-encoded: review ids hold slashes). */
const actionPath = (id: string, action: string) => `/schedules/${encodeURIComponent(id)}/${action}`;
/** A schedule's note field id (one per schedule on the page). */
export const noteFieldId = (id: string) => `note-${id.replace(/[^A-Za-z0-9-]/g, '-')}`;

/**
 * The schedules: each with its rule in words, paused or not (and why), its next runs and latest runs in
 * Mexico City time; the secretariat pauses or resumes with a note, runs one now, and starts a missed
 * year. The working group reads. Notices say which plan version has no review schedule and why.
 */
export function SchedulesPage(m: SchedulesPageModel) {
  const { frame } = m;
  const t = schedulesText(frame.lang);
  const errors = m.error ? [{ fieldId: m.error.field === 'year' ? 'backfill-year' : noteFieldId(m.error.scheduleId ?? ''), message: m.error.message }] : [];
  return (
    <PageShell lang={frame.lang} title={t.title} switchLanguageHref={frame.switchLanguageHref} nav={frame.nav}>
      <h1>{t.title}</h1>
      {m.notice ? <Notice kind={m.notice.kind}>{m.notice.text}</Notice> : null}
      <ErrorSummary lang={frame.lang} errors={errors} />
      <p>{t.intro}</p>
      {m.notices.length ? (
        <Notice kind="warning">
          <ul>
            {m.notices.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      {m.schedules.length === 0 ? <p>{t.none}</p> : m.schedules.map((s) => <ScheduleSection key={s.id} m={m} s={s} />)}
      {frame.canAct ? <BackfillForm {...m} /> : <p class="muted">{t.readOnly}</p>}
    </PageShell>
  );
}

function ScheduleSection({ m, s }: { m: SchedulesPageModel; s: ScheduleRow }) {
  const t = schedulesText(m.frame.lang);
  const headingId = `schedule-${noteFieldId(s.id)}`;
  const noteId = noteFieldId(s.id);
  const error = m.error?.field === 'note' && m.error.scheduleId === s.id ? m.error : undefined;
  return (
    <section aria-labelledby={headingId} class="schedule">
      <h2 id={headingId}>
        {t.kind[s.kind] ?? s.kind} <code>{s.id}</code>
      </h2>
      <p>{s.specText}</p>
      <dl>
        <dt>{t.state}</dt>
        <dd>{s.paused ? t.paused : t.active}</dd>
        {s.note ? (
          <>
            <dt>{t.note}</dt>
            <dd>{s.note}</dd>
          </>
        ) : null}
        <dt>{t.nextRuns}</dt>
        <dd>
          <ul>
            {s.nextRuns.map((r) => (
              <li key={r.at}>
                <time dateTime={r.at}>{r.local}</time>
              </li>
            ))}
          </ul>
        </dd>
        <dt>{t.recent}</dt>
        <dd>
          {s.recentActions.length === 0 ? (
            t.noRecent
          ) : (
            <ul>
              {s.recentActions.map((r) => (
                <li key={r.workflowId}>
                  <time dateTime={r.scheduledAt}>{r.local}</time> · <code>{r.workflowId}</code>
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      {m.frame.canAct ? (
        <>
          <PostForm id={`${noteId}-form`} level={3} title={s.paused ? t.resume : t.pause} action={actionPath(s.id, s.paused ? 'resume' : 'pause')} csrfToken={m.frame.csrfToken} submit={s.paused ? t.resume : t.pause}>
            <Field id={noteId} label={t.noteLabel} error={error?.message}>
              <input type="text" id={noteId} name="note" maxLength={2000} required value={error?.value ?? ''} aria-describedby={describedBy(noteId, { error: error?.message })} />
            </Field>
          </PostForm>
          <p class="muted">{s.kind === 'YEARLY_CYCLE' ? t.triggerHint : null}</p>
          <ActionButton action={actionPath(s.id, 'trigger')} csrfToken={m.frame.csrfToken} label={t.trigger} ariaLabel={`${t.trigger}: ${s.id}`} />
        </>
      ) : null}
    </section>
  );
}

function BackfillForm(m: SchedulesPageModel) {
  const t = schedulesText(m.frame.lang);
  if (!m.schedules.some((s) => s.kind === 'YEARLY_CYCLE')) return null;
  const error = m.error?.field === 'year' ? m.error : undefined;
  return (
    <PostForm id="backfill" title={t.backfillTitle} action="/schedules/yearly-cycle/backfill" csrfToken={m.frame.csrfToken} submit={t.backfill}>
      <Field id="backfill-year" label={t.backfillYear} hint={t.backfillHint} error={error?.message}>
        <input type="text" id="backfill-year" name="year" inputMode="numeric" maxLength={4} class="num" required value={error?.value ?? ''} aria-describedby={describedBy('backfill-year', { hint: true, error: error?.message })} />
      </Field>
    </PostForm>
  );
}
