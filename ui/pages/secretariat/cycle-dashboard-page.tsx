import type { Locale } from '../../../domain/input-bounds';
import { DisplayStatus, displayStatusLabel } from '../../../domain/request-display-status';
import type { CycleDashboard, DashboardQuery, DashboardRow } from '../../../api/queries/cycle-dashboard';
import { CsrfField } from '../../components/csrf-field';
import { ErrorSummary } from '../../components/error-summary';
import { describedBy, Field } from '../../components/field';
import { Moment } from '../../components/moment';
import { Notice } from '../../components/notice';
import type { NavModel } from '../../components/secretariat-nav';
import { StatusBadge } from '../../components/status-badge';
import { PageShell } from '../../page-shell';
import { dashboardText } from './dashboard-text';

export interface CycleDashboardPageModel {
  lang: Locale;
  nav: NavModel;
  switchLanguageHref: string;
  csrfToken: string;
  canAct: boolean;
  data: CycleDashboard;
  query: DashboardQuery;
  /** The Temporal Web UI's link to a workflow, when one is configured. */
  temporalLink?: (workflowId: string) => string;
  notice?: string;
  /** The close form's reason as typed and its error (a refused close). */
  close?: { reason: string; error?: string };
}

/** `/dashboard/:year?…` with the current filters and `changes` applied (undefined removes a parameter). */
function href(year: number, query: DashboardQuery, changes: Partial<Record<keyof DashboardQuery, string | undefined>>): string {
  const params = new URLSearchParams();
  const merged: Record<string, unknown> = { status: query.status, kind: query.kind, q: query.q, after: query.after, ...changes };
  for (const [key, value] of Object.entries(merged)) if (value !== undefined && value !== '') params.set(key, String(value));
  if (query.limit !== 50 && changes.limit === undefined) params.set('limit', String(query.limit));
  const qs = params.toString();
  return `/dashboard/${year}${qs ? `?${qs}` : ''}`;
}

function Counts({ m }: { m: CycleDashboardPageModel }) {
  const { data, lang } = m;
  const t = dashboardText(lang);
  const shown = Object.values(DisplayStatus).filter((s) => data.counts[s] > 0);
  return (
    <section aria-labelledby="progress-title">
      <h2 id="progress-title">{t.completeness}</h2>
      <p>{t.completenessText(data.completeness.reported, data.completeness.expected, data.completeness.percent)}</p>
      <progress class="meter" max={100} value={Math.min(100, data.completeness.percent)} aria-label={t.completeness}>
        {data.completeness.percent} %
      </progress>
      <p class="muted">{t.timeliness(data.onTime, data.late)}</p>
      <ul class="counts">
        {shown.map((s) => (
          <li key={s}>
            <a href={href(data.cycle.year, m.query, { status: s, after: undefined })}>
              <span class="n">{data.counts[s]}</span>
              {displayStatusLabel({ status: s }, lang)}
            </a>
          </li>
        ))}
        {data.counts.ATTENTION > 0 ? (
          <li>
            <a href={href(data.cycle.year, m.query, { status: 'ATTENTION', after: undefined })}>
              <span class="n">{data.counts.ATTENTION}</span>
              {t.attention}
            </a>
          </li>
        ) : null}
      </ul>
    </section>
  );
}

function Upcoming({ m }: { m: CycleDashboardPageModel }) {
  const t = dashboardText(m.lang);
  return (
    <section aria-labelledby="upcoming-title">
      <h2 id="upcoming-title">{t.upcoming}</h2>
      {m.data.upcoming.length === 0 ? (
        <p class="muted">{t.noUpcoming}</p>
      ) : (
        <ul>
          {m.data.upcoming.map((u) => (
            <li key={`${u.code}-${u.kind}`}>
              <Moment lang={m.lang} at={u.at} /> — {t.stepKind[u.kind] ?? u.kind}: <a href={`/dashboard/${m.data.cycle.year}/${u.code}`}>{u.name[m.lang]}</a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Filters({ m }: { m: CycleDashboardPageModel }) {
  const t = dashboardText(m.lang);
  const kinds = Object.keys(t.kind);
  return (
    <form method="get" action={`/dashboard/${m.data.cycle.year}`} class="filters" role="search" aria-label={t.filters}>
      <div class="field">
        <label for="f-status">{t.filterStatus}</label>
        <select id="f-status" name="status">
          <option value="">{t.all}</option>
          {Object.values(DisplayStatus).map((s) => (
            <option key={s} value={s} selected={m.query.status === s}>
              {displayStatusLabel({ status: s }, m.lang)}
            </option>
          ))}
          <option value="ATTENTION" selected={m.query.status === 'ATTENTION'}>
            {t.attention}
          </option>
        </select>
      </div>
      <div class="field">
        <label for="f-kind">{t.filterKind}</label>
        <select id="f-kind" name="kind">
          <option value="">{t.anyKind}</option>
          {kinds.map((k) => (
            <option key={k} value={k} selected={m.query.kind === k}>
              {t.kind[k]}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="f-q">{t.search}</label>
        <input id="f-q" name="q" type="search" value={m.query.q ?? ''} placeholder={t.searchHint} maxLength={100} />
      </div>
      <button type="submit" class="secondary">
        {t.apply}
      </button>
      {m.query.status || m.query.kind || m.query.q ? <a href={`/dashboard/${m.data.cycle.year}`}>{t.clear}</a> : null}
    </form>
  );
}

function RowCells({ m, row }: { m: CycleDashboardPageModel; row: DashboardRow }) {
  const t = dashboardText(m.lang);
  return (
    <>
      {m.data.indicators.map((i) => {
        const state = row.cells[i.id];
        return state ? (
          <td key={i.id} class={`cell cell-${state}`} data-label={i.code} title={`${i.code} · ${t.cell[state]}`}>
            <span aria-hidden="true">{t.cellMark[state]}</span>
            <span class="visually-hidden">{t.cell[state]}</span>
          </td>
        ) : (
          <td key={i.id} class="cell" />
        );
      })}
    </>
  );
}

function Matrix({ m }: { m: CycleDashboardPageModel }) {
  const { data, lang } = m;
  const t = dashboardText(lang);
  const year = data.cycle.year;
  if (data.rows.length === 0) return <p class="muted">{t.none}</p>;
  return (
    <>
      <ul class="cell-key" aria-label={t.legend}>
        {Object.keys(t.cell).map((c) => (
          <li key={c}>
            <span class={`status cell-${c}`} aria-hidden="true">
              {t.cellMark[c]}
            </span>{' '}
            {t.cell[c]}
          </li>
        ))}
      </ul>
      <div class="table-wrap">
        <table class="stack matrix">
          <caption class="muted">{t.matrixCaption(data.rows.length, data.total)}</caption>
          <thead>
            <tr>
              <th scope="col">{t.institution}</th>
              <th scope="col">{t.status}</th>
              <th scope="col">{t.deadline}</th>
              <th scope="col">{t.indicators}</th>
              {data.indicators.map((i) => (
                <th scope="col" class="ind" key={i.id} title={i.text[lang]}>
                  {i.code}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.rows.map((row) => (
              <tr key={row.code}>
                <td data-label={t.institution}>
                  <a href={`/dashboard/${year}/${row.code}`}>
                    <strong>{row.code}</strong>
                  </a>{' '}
                  <span class="muted">{row.name[lang]}</span>
                  {m.temporalLink ? (
                    <>
                      {' '}
                      <a class="muted small" href={m.temporalLink(row.workflowId)}>
                        {t.temporal}
                      </a>
                    </>
                  ) : null}
                </td>
                <td data-label={t.status}>
                  <StatusBadge lang={lang} shown={row.shown} />
                  {row.attention !== null ? <span class="status s-DELIVERY_FAILED">{t.attention}</span> : null}
                </td>
                <td data-label={t.deadline}>
                  <Moment lang={lang} at={row.deadline} />
                </td>
                <td data-label={t.indicators}>
                  {row.reported}/{row.expected}
                </td>
                <RowCells m={m} row={row} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav class="pager" aria-label={t.matrix}>
        {m.query.after ? <a href={href(year, m.query, { after: undefined })}>{t.first}</a> : null}
        {data.more ? <a href={href(year, m.query, { after: data.rows[data.rows.length - 1].code })}>{t.next} →</a> : null}
      </nav>
    </>
  );
}

function CloseForm({ m }: { m: CycleDashboardPageModel }) {
  const t = dashboardText(m.lang);
  const error = m.close?.error;
  return (
    <details open={!!error}>
      <summary>{t.closeTitle}</summary>
      <ErrorSummary lang={m.lang} errors={error ? [{ fieldId: 'close-reason', message: error }] : []} />
      <p>{t.closeIntro}</p>
      <form method="post" action={`/dashboard/${m.data.cycle.year}/close`} noValidate>
        <CsrfField token={m.csrfToken} />
        <Field id="close-reason" label={t.reason} error={error}>
          <textarea id="close-reason" name="reason" rows={2} required aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy('close-reason', { error })}>
            {m.close?.reason ?? ''}
          </textarea>
        </Field>
        <div class="actions">
          <button type="submit" class="danger">
            {t.closeButton}
          </button>
        </div>
      </form>
    </details>
  );
}

/**
 * `/dashboard/:year`: a cycle at a glance — progress and timeliness, counts by shown status (each a
 * filter), the next scheduled steps, and the institutions × indicators matrix, filtered and paged;
 * the secretariat can close the cycle early from here.
 */
export function CycleDashboardPage(m: CycleDashboardPageModel) {
  const t = dashboardText(m.lang);
  const { cycle } = m.data;
  return (
    <PageShell lang={m.lang} title={t.dashboardTitle(cycle.year)} switchLanguageHref={m.switchLanguageHref} nav={m.nav} wide>
      <p>
        <a href="/dashboard">← {t.cyclesTitle}</a>
      </p>
      <h1>{t.dashboardTitle(cycle.year)}</h1>
      {m.notice ? <Notice>{m.notice}</Notice> : null}
      <p>
        <a class="button secondary" href={`/dashboard/${cycle.year}/report`}>
          {t.annualReport(cycle.year)} →
        </a>
      </p>
      <dl class="facts">
        <dt>{t.status}</dt>
        <dd>{t.cycleStatus[cycle.status] ?? cycle.status}</dd>
        <dt>{t.opened}</dt>
        <dd>
          <Moment lang={m.lang} at={cycle.openedAt} />
        </dd>
        <dt>{t.deadline}</dt>
        <dd>
          <Moment lang={m.lang} at={cycle.deadline} />
        </dd>
        {m.temporalLink ? (
          <>
            <dt>Temporal</dt>
            <dd>
              <a href={m.temporalLink(cycle.workflowId)}>{cycle.workflowId}</a>
            </dd>
          </>
        ) : null}
      </dl>
      <div class="two-columns">
        <Counts m={m} />
        <Upcoming m={m} />
      </div>
      <h2>{t.matrix}</h2>
      <Filters m={m} />
      <Matrix m={m} />
      {m.canAct && cycle.status === 'OPEN' ? <CloseForm m={m} /> : null}
    </PageShell>
  );
}
