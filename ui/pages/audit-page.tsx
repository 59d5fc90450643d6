import { BreakableText } from '../components/breakable-text';
import { ErrorSummary } from '../components/error-summary';
import { describedBy, Field } from '../components/field';
import { StackTable } from '../components/stack-table';
import { PageShell } from '../page-shell';
import type { AuditPageModel, AuditRow } from './audit-model';
import { auditText } from './audit-text';

/**
 * The audit log, newest first: filters (cycle year, institution, who, action) that a plain GET form
 * applies, one page of rows (when, who, the action in words, the institution and year linked to its
 * dashboard, the data in short with the full JSON folded away), and links to older pages. Read-only for
 * everybody. A table on a desktop, cards on a phone.
 */
export function AuditPage(m: AuditPageModel) {
  const { frame } = m;
  const t = auditText(frame.lang);
  return (
    <PageShell lang={frame.lang} title={t.title} switchLanguageHref={frame.switchLanguageHref} nav={frame.nav} wide>
      <h1>{t.title}</h1>
      <ErrorSummary lang={frame.lang} errors={m.filters.errors} />
      <p>{t.intro}</p>
      <AuditFilters {...m} />
      {m.rows.length ? <AuditTable {...m} /> : <p>{m.filtered ? t.none : t.empty}</p>}
      {m.olderHref || m.newestHref ? (
        <nav class="pager" aria-label={t.pages}>
          {m.newestHref ? <a href={m.newestHref}>{t.newest}</a> : null}
          {m.olderHref ? <a href={m.olderHref}>{t.older}</a> : null}
        </nav>
      ) : null}
    </PageShell>
  );
}

function AuditFilters(m: AuditPageModel) {
  const t = auditText(m.frame.lang);
  const { values, fieldErrors: e } = m.filters;
  return (
    <form method="get" action="/audit" class="filters" role="search" aria-label={t.filters} noValidate>
      <Field id="filter-year" label={t.year} error={e.year}>
        <input type="text" id="filter-year" name="year" inputMode="numeric" maxLength={4} value={values.year} aria-describedby={describedBy('filter-year', { error: e.year })} />
      </Field>
      <Field id="filter-institution" label={t.institution} error={e.institution}>
        <input type="text" id="filter-institution" name="institution" maxLength={32} autoCapitalize="characters" value={values.institution} aria-describedby={describedBy('filter-institution', { error: e.institution })} />
      </Field>
      <Field id="filter-actor" label={t.actor} error={e.actor}>
        <input type="text" id="filter-actor" name="actor" maxLength={200} value={values.actor} aria-describedby={describedBy('filter-actor', { error: e.actor })} />
      </Field>
      <Field id="filter-action" label={t.action} error={e.action}>
        <select id="filter-action" name="action" aria-describedby={describedBy('filter-action', { error: e.action })}>
          <option value="">{t.anyAction}</option>
          {m.actions.map((a) => (
            <option value={a.value} selected={a.value === values.action}>
              {a.label}
            </option>
          ))}
        </select>
      </Field>
      <div class="filter-buttons">
        <button type="submit">{t.filter}</button>
        {m.filtered ? <a href="/audit">{t.clear}</a> : null}
      </div>
    </form>
  );
}

function AuditTable(m: AuditPageModel) {
  const t = auditText(m.frame.lang);
  return (
    <>
      <p class="muted">{t.shown(m.rows.length)}</p>
      <StackTable columns={[t.when, t.who, t.what, t.about, t.data]} className="audit-log">
        {m.rows.map((row) => (
          <AuditTableRow key={row.id} row={row} lang={m.frame.lang} />
        ))}
      </StackTable>
    </>
  );
}

function AuditTableRow({ row, lang }: { row: AuditRow; lang: AuditPageModel['frame']['lang'] }) {
  const t = auditText(lang);
  const about = [row.institutionCode, row.cycleYear].filter((x) => x !== undefined).join(' · ');
  return (
    <tr id={`event-${row.id}`}>
      <td data-label={t.when} class="when">
        <time dateTime={row.atIso}>{row.atText}</time>
      </td>
      <td data-label={t.who} class="actor">
        <BreakableText text={row.actor} />
      </td>
      <td data-label={t.what}>
        <span title={row.action}>{row.actionText}</span>
      </td>
      <td data-label={t.about}>{about ? row.href ? <a href={row.href}>{about}</a> : about : ''}</td>
      <td data-label={t.data}>
        {row.summary}
        {row.json ? (
          <details>
            <summary>{t.json}</summary>
            <pre>{row.json}</pre>
          </details>
        ) : null}
      </td>
    </tr>
  );
}
