import { formatNumber } from '../../../domain/goal-target-text';
import type { Locale } from '../../../domain/input-bounds';
import type { TAnnualReport } from '../../../domain/report/annual-report-model';
import { BREAKDOWN_LABELS, kindLabel, reportWords } from '../../report/report-labels';
import { annexValueText } from '../../report/report-text';
import { StackTable } from '../stack-table';

/** Above this many rows the HTML says where the full annex is instead of showing it. */
export const HTML_ANNEX_MAX_ROWS = 2_000;

/** Section 5: how statuses are decided, the plan's conventions and version, the data hash, and the annex table when small. */
export function ReportAnnex({ model, lang }: { model: TAnnualReport; lang: Locale }) {
  const w = reportWords(lang);
  const { rows, method } = model.annex;
  return (
    <section aria-labelledby="annex">
      <h2 id="annex">{w.annex}</h2>
      <h3>{w.method}</h3>
      <ul>
        {method.rules.map((r) => (
          <li>{r[lang]}</li>
        ))}
      </ul>
      <h3>{w.conventions}</h3>
      <ul>
        {method.conventions.map((c) => (
          <li lang="en">{c}</li>
        ))}
      </ul>
      <dl class="facts">
        <dt>{w.planVersion}</dt>
        <dd>
          {model.plan.key} v{model.plan.version}
        </dd>
        <dt>{w.snapshotHash}</dt>
        <dd>
          <code class="hash">{model.snapshotHash}</code>
        </dd>
      </dl>
      <h3 id="annex-table">{w.annexTable}</h3>
      {rows.length > HTML_ANNEX_MAX_ROWS ? (
        <p class="notice">{w.annexTooLarge(formatNumber(rows.length, lang))}</p>
      ) : (
        <StackTable columns={[w.institution, w.kind, w.indicator, w.breakdown, w.value, w.comment, w.submissionVersion]} labelledBy="annex-table" className="report-annex">
          {rows.map((r) => (
            <tr>
              <td data-label={w.institution}>{r.institutionCode}</td>
              <td data-label={w.kind}>{kindLabel(r.institutionKind, lang)}</td>
              <td data-label={w.indicator}>{r.indicatorCode}</td>
              <td data-label={w.breakdown}>{BREAKDOWN_LABELS[r.breakdown][lang]}</td>
              <td data-label={w.value} class="num" dir="auto">
                {annexValueText(r.value, lang)}
              </td>
              <td data-label={w.comment} dir="auto">
                {r.comment ?? ''}
              </td>
              <td data-label={w.submissionVersion} class="num">
                {r.submissionVersion}
              </td>
            </tr>
          ))}
        </StackTable>
      )}
    </section>
  );
}
