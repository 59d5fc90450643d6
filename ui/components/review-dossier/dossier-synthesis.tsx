import { GOAL_STATUS_LABELS } from '../../../domain/goal-status';
import type { Locale } from '../../../domain/input-bounds';
import type { TReviewDossier, TSynthesisObjective } from '../../../domain/review/review-model';
import { numberText } from '../../report/report-text';
import { dossierWords } from '../../review/dossier-labels';
import { attentionCounts, flagWords, itemName, statusText } from '../../review/dossier-text';
import { StackTable } from '../stack-table';

function Flags({ words }: { words: string[] }) {
  return <>{words.length === 0 ? null : words.join(', ')}</>;
}

function SynthesisObjective({ objective: o, years, lang }: { objective: TSynthesisObjective; years: readonly number[]; lang: Locale }) {
  const w = dossierWords(lang);
  return (
    <section class="report-objective" aria-labelledby={`objective-${o.code}`}>
      <h4 id={`objective-${o.code}`}>
        <span class="code">
          {w.objective} {o.code}
        </span>
        {o.text[lang]}
      </h4>
      <p class="small">
        {w.area} {o.areaCode} · {w.institutionsInCharge}: {o.institutionsInCharge.join(', ')}
        {o.needsConfirmation ? ` · ${w.needsConfirmation}` : ''}
      </p>
      {o.indicators.length > 0 ? (
        <div class="table-wrap">
          <StackTable columns={[w.indicator, ...years.map(String), w.flags]} className="synthesis-indicators">
            {o.indicators.map((i) => (
              <tr id={`indicator-${i.code}`}>
                <td data-label={w.indicator}>
                  <span class="code">{i.code}</span> {i.text[lang]}
                  {i.derivedReporters.length > 0 ? (
                    <span class="small muted">
                      {' '}
                      · {w.derivedReporters}: {i.derivedReporters.join(', ')}
                    </span>
                  ) : null}
                </td>
                {years.map((y) => (
                  <td class="num" data-label={w.trendPoint(y - years[0] + 1, y)}>
                    {numberText(i.trend.find((p) => p.cycleYear === y)?.total ?? null, lang)}
                  </td>
                ))}
                <td data-label={w.flags}>
                  <Flags words={flagWords(i, lang)} />
                </td>
              </tr>
            ))}
          </StackTable>
        </div>
      ) : null}
      {o.goals.length > 0 ? (
        <div class="table-wrap">
          <StackTable columns={[w.goal, ...years.map(String), w.latestStatus, w.flags]} className="synthesis-goals">
            {o.goals.map((g) => (
              <tr id={`goal-${g.code}`}>
                <td data-label={w.goal}>
                  <span class="code">{g.code}</span> {g.text[lang]}
                  {g.indicatorCode ? <span class="muted"> ({itemName('INDICATOR', g.indicatorCode, lang)})</span> : null}
                </td>
                {years.map((y) => {
                  const s = g.statusByYear.find((p) => p.cycleYear === y);
                  return <td data-label={String(y)}>{s ? <span class={`status goal-${s.status}`}>{GOAL_STATUS_LABELS[s.status][lang]}</span> : '—'}</td>;
                })}
                <td data-label={w.latestStatus}>
                  <strong>{statusText(g.latestStatus, lang)}</strong>
                </td>
                <td data-label={w.flags}>
                  <Flags words={flagWords(g, lang)} />
                </td>
              </tr>
            ))}
          </StackTable>
        </div>
      ) : null}
    </section>
  );
}

/**
 * Section 1: what the stored annual reports say about the version under review: the counts of what
 * needs attention, the chronic non-reporters, the items the plan still marks "needs confirmation", then
 * per objective its indicators' totals by year and its goals' status by year, with their flags.
 */
export function DossierSynthesis({ model, lang }: { model: TReviewDossier; lang: Locale }) {
  const w = dossierWords(lang);
  const s = model.synthesis;
  return (
    <section aria-labelledby="synthesis">
      <h2 id="synthesis">{w.synthesis}</h2>
      <h3 id="attention">{w.countsTitle}</h3>
      <ul class="counts" aria-labelledby="attention">
        {attentionCounts(model, lang).map(([label, n]) => (
          <li>
            <span class="n">{n}</span> {label}
          </li>
        ))}
      </ul>
      <h4>{w.chronicNonReporters}</h4>
      {s.chronicNonReporters.length === 0 ? (
        <p>{w.none}</p>
      ) : (
        <ul id="chronic-non-reporters">
          {s.chronicNonReporters.map((n) => (
            <li>
              {n.name[lang]} — {w.nonReporterYears(n.years.join(', '), n.cycles)}
            </li>
          ))}
        </ul>
      )}
      <h4>{w.itemsNeedingConfirmation}</h4>
      {s.needsConfirmation.length === 0 ? (
        <p>{w.none}</p>
      ) : (
        <ul id="needs-confirmation">
          {s.needsConfirmation.map((c) => (
            <li>
              <strong>{itemName(c.kind, c.code, lang)}</strong>
              {c.note ? <span class="small"> — {c.note}</span> : null}
            </li>
          ))}
        </ul>
      )}
      {s.objectives.map((o) => (
        <SynthesisObjective objective={o} years={s.years} lang={lang} />
      ))}
    </section>
  );
}
