import type { Locale } from '../../../domain/input-bounds';
import type { TReportArea, TReportGoal, TReportIndicator, TReportObjective } from '../../../domain/report/annual-report-model';
import { reportWords } from '../../report/report-labels';
import { FootnoteRefs } from './footnote-refs';
import { IndicatorTrend, IndicatorValues } from './indicator-values';

/** A goal: its original wording, target in words, status, the rule applied and (if any) the missing figure. */
function ReportGoal({ goal, lang }: { goal: TReportGoal; lang: Locale }) {
  const w = reportWords(lang);
  return (
    <div class="report-goal" id={`goal-${goal.code}`}>
      <p class="indicator-title">
        <span class="code">
          {w.goal} {goal.code}
        </span>
        {goal.text[lang]}
        <FootnoteRefs numbers={goal.footnotes} lang={lang} />
      </p>
      <dl class="facts">
        <dt>{w.target}</dt>
        <dd>{goal.target ? goal.target[lang] : w.noTarget}</dd>
        <dt>{w.status}</dt>
        <dd>
          <span class={`status goal-${goal.status}`}>{goal.statusLabel[lang]}</span>
        </dd>
        <dt>{w.rule}</dt>
        <dd>{goal.rule[lang]}</dd>
        {goal.notEvaluable ? (
          <>
            <dt>{w.missingFigure}</dt>
            <dd>{goal.notEvaluable.missing[lang]}</dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}

function ReportIndicator({ indicator, lang }: { indicator: TReportIndicator; lang: Locale }) {
  const w = reportWords(lang);
  return (
    <div class="report-indicator" id={`indicator-${indicator.code}`}>
      <h5>
        <span class="code">
          {w.indicator} {indicator.code}
        </span>
        {indicator.text[lang]}
        <FootnoteRefs numbers={indicator.footnotes} lang={lang} />
      </h5>
      <IndicatorValues indicator={indicator} lang={lang} />
      <IndicatorTrend indicator={indicator} lang={lang} />
    </div>
  );
}

function ReportObjective({ objective, lang }: { objective: TReportObjective; lang: Locale }) {
  const w = reportWords(lang);
  return (
    <section class="report-objective" aria-labelledby={`objective-${objective.code}`}>
      <h4 id={`objective-${objective.code}`}>
        <span class="code">
          {w.objective} {objective.code}
        </span>
        {objective.text[lang]}
        <FootnoteRefs numbers={objective.footnotes} lang={lang} />
      </h4>
      {objective.institutions.length > 0 ? (
        <p class="small">
          {w.institutionsInCharge}: {objective.institutions.join(', ')}
        </p>
      ) : null}
      <p class="label">{w.linesOfAction}</p>
      <ul class="plan-items">
        {objective.linesOfAction.map((l) => (
          <li>
            <span class="code">{l.code}</span> {l.text[lang]}
          </li>
        ))}
      </ul>
      {objective.indicators.map((i) => (
        <ReportIndicator indicator={i} lang={lang} />
      ))}
      {objective.goals.map((g) => (
        <ReportGoal goal={g} lang={lang} />
      ))}
    </section>
  );
}

/** Section 2: area → objective → lines of action → indicators (values, trend) → goals (status, rule). */
export function ReportProgress({ areas, lang }: { areas: readonly TReportArea[]; lang: Locale }) {
  const w = reportWords(lang);
  return (
    <section aria-labelledby="progress">
      <h2 id="progress">{w.progress}</h2>
      {areas.map((a) => (
        <section class="report-area" aria-labelledby={`area-${a.code}`}>
          <h3 class="area-name" id={`area-${a.code}`}>
            {w.area} {a.code}. {a.name[lang]}
          </h3>
          {a.objectives.map((o) => (
            <ReportObjective objective={o} lang={lang} />
          ))}
        </section>
      ))}
    </section>
  );
}
