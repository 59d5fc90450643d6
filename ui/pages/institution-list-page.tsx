import { INSTITUTION_KIND_LABELS } from '../../domain/institution-kind-labels';
import { InstitutionKind } from '../../domain/plan-schema';
import { describedBy, Field } from '../components/field';
import { PageShell } from '../page-shell';
import type { InstitutionListPageModel } from './institution-model';
import { institutionText } from './institution-text';

/**
 * Every reporting entity, a page at a time (10,000 municipalities as well as the seven of the plan):
 * code, name, kind, active contacts, indicators reported and how many of those are still to confirm.
 * Filtered by kind and by a text in the code or name (a plain GET form); a table on a desktop, cards on a
 * phone.
 */
export function InstitutionListPage(m: InstitutionListPageModel) {
  const t = institutionText(m.lang);
  return (
    <PageShell lang={m.lang} title={t.listTitle} switchLanguageHref={m.switchLanguageHref} nav={m.nav} wide>
      <h1>{t.listTitle}</h1>
      <p>{t.listIntro}</p>
      <form method="get" action="/institutions" class="filters stack-on-phone" role="search">
        <Field id="q" label={t.search} hint={t.searchHint}>
          <input type="search" id="q" name="q" value={m.filters.q} maxLength={200} aria-describedby={describedBy('q', { hint: true })} />
        </Field>
        <Field id="kind" label={t.kind}>
          <select id="kind" name="kind">
            <option value="">{t.anyKind}</option>
            {Object.values(InstitutionKind).map((kind) => (
              <option value={kind} selected={m.filters.kind === kind}>
                {INSTITUTION_KIND_LABELS[kind][m.lang]}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit">{t.filter}</button>
        {m.filters.q || m.filters.kind ? (
          <a href={m.urls.clear} class="clear-filters">
            {t.clear}
          </a>
        ) : null}
      </form>
      {m.rows.length ? (
        <>
          <p class="muted" role="status">
            {t.showing(m.offset + 1, m.offset + m.rows.length, m.total)}
          </p>
          <table class="stack institutions">
            <thead>
              <tr>
                <th scope="col">{t.code}</th>
                <th scope="col">{t.name}</th>
                <th scope="col">{t.kind}</th>
                <th scope="col">{t.activeContacts}</th>
                <th scope="col">{t.indicators}</th>
                <th scope="col">{t.derivedUnconfirmed}</th>
              </tr>
            </thead>
            <tbody>
              {m.rows.map((r) => (
                <tr>
                  <td data-label={t.code}>
                    <a href={r.href}>{r.code}</a>
                  </td>
                  <td data-label={t.name}>
                    {m.lang === 'en' ? r.name.en : r.name.es}
                    {r.active ? null : <span class="muted"> ({t.inactive})</span>}
                  </td>
                  <td data-label={t.kind}>{INSTITUTION_KIND_LABELS[r.kind][m.lang]}</td>
                  <td data-label={t.activeContacts} class="num">
                    {r.activeContacts}
                  </td>
                  <td data-label={t.indicators} class="num">
                    {r.indicators}
                  </td>
                  <td data-label={t.derivedUnconfirmed} class="num">
                    {r.derivedUnconfirmed ? <span class="status s-DERIVED">{r.derivedUnconfirmed}</span> : '0'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p role="status">{t.none}</p>
      )}
      {m.urls.previous || m.urls.next ? (
        <nav class="pager" aria-label={t.pages}>
          {m.urls.previous ? <a href={m.urls.previous}>← {t.previous}</a> : null}
          {m.urls.next ? <a href={m.urls.next}>{t.next} →</a> : null}
        </nav>
      ) : null}
    </PageShell>
  );
}
