import type { Locale } from '../../../domain/input-bounds';
import { ActionButton } from '../../components/action-button';
import { Moment } from '../../components/moment';
import { Notice } from '../../components/notice';
import { StackTable } from '../../components/stack-table';
import { formatMoment } from '../../../domain/deadline-text';
import { PageShell } from '../../page-shell';
import type { AdminFrame, PageNotice } from '../admin-frame';
import { reportVersionsText } from './report-versions-text';

/** A report version as the page shows it (api/queries/report-versions gives it). */
export interface ReportVersionRow {
  version: number;
  status: string;
  createdAt: Date;
  compiledBy: string;
  snapshotHash: string;
  openRequests: number;
  outdated: boolean;
  publishedAt: Date | null;
  publishedBy: string | null;
  files: { format: string; lang: string; size: number }[];
}

export interface ReportVersionsModel {
  year: number;
  openRequests: { institution: string; status: string }[];
  versions: ReportVersionRow[];
}

const kb = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('es-MX')} kB`;

function Downloads({ lang, year, version, files }: { lang: Locale; year: number; version: number; files: ReportVersionRow['files'] }) {
  const t = reportVersionsText(lang);
  const langs = [...new Set(files.map((f) => f.lang))].sort((a) => (a === lang ? -1 : 1));
  return (
    <>
      {langs.map((l) => (
        <p class="downloads">
          <span class="hint">{t.language[l]}: </span>
          {files
            .filter((f) => f.lang === l)
            .map((f, i) => (
              <>
                {i > 0 ? ' · ' : ''}
                <a href={`/reports/${year}/${version}.${f.format}?lang=${l}`} hreflang={l} title={kb(f.size)}>
                  {f.format.toUpperCase()}
                </a>
              </>
            ))}
        </p>
      ))}
    </>
  );
}

function VersionRow({ m, v }: { m: AdminFrame & { year: number }; v: ReportVersionRow }) {
  const t = reportVersionsText(m.lang);
  return (
    <tr>
      <th scope="row" data-label={t.columns[0]}>
        v{v.version}
      </th>
      <td data-label={t.columns[1]}>
        <span class={`status r-${v.status}`}>{t.status[v.status] ?? v.status}</span>
        {v.outdated ? <p class="hint">{t.outdated}</p> : null}
        {v.publishedAt && v.publishedBy ? <p class="hint">{t.published(formatMoment({ at: v.publishedAt.toISOString(), locale: m.lang }), v.publishedBy)}</p> : null}
      </td>
      <td data-label={t.columns[2]}>
        <Moment lang={m.lang} at={v.createdAt} />
        <p class="hint">{t.by(v.compiledBy)}</p>
      </td>
      <td data-label={t.columns[3]}>
        <code>{t.snapshot(v.snapshotHash)}</code>
        {v.openRequests ? <p class="hint">{t.openAtCompile(v.openRequests)}</p> : null}
      </td>
      <td data-label={t.columns[4]}>
        <Downloads lang={m.lang} year={m.year} version={v.version} files={v.files} />
      </td>
      <td data-label={t.columns[5]}>
        {m.canAct && v.status !== 'PUBLISHED' ? (
          <ActionButton action={`/dashboard/${m.year}/report/versions/${v.version}/publish`} csrfToken={m.csrfToken} label={t.publish} ariaLabel={t.publishLabel(v.version)} />
        ) : null}
      </td>
    </tr>
  );
}

/**
 * `/dashboard/:year/report`: the cycle's annual report — its versions (status, outdated, who compiled it,
 * the snapshot's hash), downloads in both languages and five formats (both roles), and the secretariat's
 * buttons to compile a new version and to publish one. Works without script; a table on a desktop, cards
 * on a phone.
 */
export function ReportVersionsPage(m: AdminFrame & { data: ReportVersionsModel; notice?: PageNotice }) {
  const t = reportVersionsText(m.lang);
  const { year } = m.data;
  return (
    <PageShell lang={m.lang} title={t.title(year)} switchLanguageHref={m.switchLanguageHref} nav={m.nav}>
      <p>
        <a href={`/dashboard/${year}`}>← {t.back(year)}</a>
      </p>
      <h1>{t.title(year)}</h1>
      {m.notice ? <Notice kind={m.notice.kind}>{m.notice.text}</Notice> : null}
      <p>{t.intro}</p>
      {m.data.openRequests.length ? (
        <Notice kind="warning">{t.openRequests(m.data.openRequests.length, m.data.openRequests.map((r) => r.institution).slice(0, 20).join(', '))}</Notice>
      ) : null}
      {m.canAct ? (
        <form method="post" action={`/dashboard/${year}/report/compile`} class="narrow">
          <input type="hidden" name="_csrf" value={m.csrfToken} />
          <p class="hint">{t.compileHint}</p>
          <div class="actions">
            <button type="submit">{t.compile}</button>
          </div>
        </form>
      ) : null}
      <h2 id="versions-title">{t.versions}</h2>
      {m.data.versions.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <StackTable columns={t.columns} labelledBy="versions-title">
          {m.data.versions.map((v) => (
            <VersionRow m={{ ...m, year }} v={v} />
          ))}
        </StackTable>
      )}
    </PageShell>
  );
}
