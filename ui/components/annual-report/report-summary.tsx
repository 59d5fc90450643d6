import { GOAL_STATUS_LABELS, GoalStatus } from '../../../domain/goal-status';
import type { Locale } from '../../../domain/input-bounds';
import type { TAnnualReport } from '../../../domain/report/annual-report-model';
import { reportWords } from '../../report/report-labels';

/** Section 1: goals by status, completeness of the cycle, and what needs the working group's attention. */
export function ReportSummary({ model, lang }: { model: TAnnualReport; lang: Locale }) {
  const w = reportWords(lang);
  const { goalsByStatus, goals, completeness: c, attention } = model.summary;
  const completeness: [string, number][] = [
    [w.institutions, c.institutions],
    [w.reported, c.reported],
    [w.onTime, c.onTime],
    [w.late, c.late],
    [w.afterExtension, c.afterExtension],
    [w.exempted, c.exempted],
    [w.notReported, c.notReported],
    [w.open, c.open],
  ];
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
      {attention.notReporting.length === 0 ? (
        <p>{w.none}</p>
      ) : (
        <ul>
          {attention.notReporting.map((i) => (
            <li>{i.name[lang]}</li>
          ))}
        </ul>
      )}
      <h4>{w.dataQuality}</h4>
      {attention.dataQuality.length === 0 ? (
        <p>{w.none}</p>
      ) : (
        <ul>
          {attention.dataQuality.map((f) => (
            <li>
              <span class="code">{f.institutionCode}</span>
              {f.indicatorCode ? <span class="code">{f.indicatorCode}</span> : null} {f.text[lang]}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
