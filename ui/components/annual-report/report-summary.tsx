import { GOAL_STATUS_LABELS, GoalStatus } from '../../../domain/goal-status';
import type { Locale } from '../../../domain/input-bounds';
import type { TAnnualReport } from '../../../domain/report/annual-report-model';
import { formatNumber } from '../../../domain/goal-target-text';
import { reportWords } from '../../report/report-labels';
import { completenessRows } from '../../report/report-text';
import { AndMore, ComplianceByKind } from './report-compliance';

/**
 * Section 1: goals by status, completeness of the cycle, and what needs the working group's attention; at
 * scale (the model's digest) the counts by kind × status and the attention lists capped.
 */
export function ReportSummary({ model, lang }: { model: TAnnualReport; lang: Locale }) {
  const w = reportWords(lang);
  const { goalsByStatus, goals, completeness: c, attention } = model.summary;
  const { digest } = model;
  const notReporting = digest ? digest.notReporting : { items: attention.notReporting, more: 0 };
  const dataQuality = digest ? digest.dataQuality : { items: attention.dataQuality, more: 0 };
  const completeness = completenessRows(c, lang);
  return (
    <section aria-labelledby="summary">
      <h2 id="summary">{w.summary}</h2>
      <h3 id="goals-by-status">
        {w.goalsByStatus} ({goals})
      </h3>
      <ul class="counts" aria-labelledby="goals-by-status">
        {Object.values(GoalStatus).map((s) => (
          <li class={`goal-${s}`}>
            <span class="n">{goalsByStatus[s]}</span> {GOAL_STATUS_LABELS[s][lang]}
          </li>
        ))}
      </ul>
      <h3 id="completeness">{w.completeness}</h3>
      <ul class="counts" aria-labelledby="completeness">
        {completeness.map(([label, n]) => (
          <li>
            <span class="n">{n}</span> {label}
          </li>
        ))}
      </ul>
      {digest ? (
        <>
          <h4>{w.byKindAndStatus}</h4>
          <ComplianceByKind digest={digest} lang={lang} />
        </>
      ) : null}
      <h3>{w.attention}</h3>
      <h4>{w.goalsBehind}</h4>
      {attention.goalsBehind.length === 0 ? (
        <p>{w.none}</p>
      ) : (
        <ul>
          {attention.goalsBehind.map((g) => (
            <li>
              <a href={`#goal-${g.code}`}>{g.code}</a> {g.text[lang]}
            </li>
          ))}
        </ul>
      )}
      <h4>{w.notReporting}</h4>
      {notReporting.items.length === 0 ? (
        <p>{w.none}</p>
      ) : (
        <ul>
          {notReporting.items.map((i) => (
            <li>{i.name[lang]}</li>
          ))}
        </ul>
      )}
      <AndMore more={notReporting.more} lang={lang} />
      <h4>{w.dataQuality}</h4>
      {digest && digest.dataQualityByKind.length > 0 ? (
        <ul class="counts" aria-label={w.flagsByKind}>
          {digest.dataQualityByKind.map((f) => (
            <li>
              <span class="n">{formatNumber(f.count, lang)}</span> {f.label[lang]}
            </li>
          ))}
        </ul>
      ) : null}
      {dataQuality.items.length === 0 ? (
        <p>{w.none}</p>
      ) : (
        <ul>
          {dataQuality.items.map((f) => (
            <li>
              <span class="code">{f.institutionCode}</span>
              {f.indicatorCode ? <span class="code">{f.indicatorCode}</span> : null} {f.text[lang]}
            </li>
          ))}
        </ul>
      )}
      <AndMore more={dataQuality.more} lang={lang} />
    </section>
  );
}
