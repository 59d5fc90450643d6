import { formatNumber } from '../../../domain/goal-target-text';
import type { Locale } from '../../../domain/input-bounds';
import type { TReportIndicator } from '../../../domain/report/annual-report-model';
import { capped } from '../../../domain/report/report-digest';
import { reportWords } from '../../report/report-labels';
import { numberText, unitNumberText, valueText } from '../../report/report-text';
import { StackTable } from '../stack-table';

/** One indicator's values by institution (and by sex, with "sex not recorded"), each cell labelled for a phone. */
function ValuesByInstitution({ indicator, lang }: { indicator: TReportIndicator; lang: Locale }) {
  const w = reportWords(lang);
  const bySex = indicator.disaggregation === 'SEX';
  const columns = bySex ? [w.institution, w.total, w.women, w.men, w.sexNotRecorded, w.comment] : [w.institution, w.value, w.comment];
  return (
    <StackTable columns={columns} className="report-values">
      {indicator.values.map((v) => (
        <tr>
          <td data-label={w.institution}>{v.institutionCode}</td>
          <td data-label={bySex ? w.total : w.value} class="num">
            {valueText(v, indicator.unit, lang)}
          </td>
          {bySex ? (
            <>
              <td data-label={w.women} class="num">
                {v.total === null ? '' : numberText(v.women, lang)}
              </td>
              <td data-label={w.men} class="num">
                {v.total === null ? '' : numberText(v.men, lang)}
              </td>
              <td data-label={w.sexNotRecorded} class="num">
                {v.total === null ? '' : numberText(v.sexNotRecorded, lang)}
              </td>
            </>
          ) : null}
          <td data-label={w.comment} class="user-text" dir="auto">
            {v.comment ?? ''}
          </td>
        </tr>
      ))}
    </StackTable>
  );
}

/** For thousands of institutions: the model's aggregate by kind and its largest contributors. */
function AggregateValues({ indicator, lang }: { indicator: TReportIndicator; lang: Locale }) {
  const w = reportWords(lang);
  const aggregate = indicator.aggregate;
  if (!aggregate) return null;
  const bySex = indicator.disaggregation === 'SEX';
  const sexColumns = bySex ? [w.women, w.men] : [];
  return (
    <>
      <h6>{w.aggregateByKind}</h6>
      <StackTable columns={[w.kind, w.institutions, w.total, ...sexColumns]} className="report-values">
        {aggregate.byKind.map((k) => (
          <tr>
            <td data-label={w.kind}>{k.label[lang]}</td>
            <td data-label={w.institutions} class="num">
              {numberText(k.institutions, lang)}
            </td>
            <td data-label={w.total} class="num">
              {unitNumberText(k.total, indicator.unit, lang)}
            </td>
            {bySex ? (
              <>
                <td data-label={w.women} class="num">
                  {numberText(k.women, lang)}
                </td>
                <td data-label={w.men} class="num">
                  {numberText(k.men, lang)}
                </td>
              </>
            ) : null}
          </tr>
        ))}
      </StackTable>
      <h6>{w.topContributors}</h6>
      <ValuesByInstitution indicator={{ ...indicator, values: aggregate.top }} lang={lang} />
      {aggregate.others > 0 ? <p class="small">{w.others(formatNumber(aggregate.others, lang))}</p> : null}
    </>
  );
}

/** An indicator's values this cycle: by institution when the model lists them, else its aggregate; the institutions without a value, capped. */
export function IndicatorValues({ indicator, lang }: { indicator: TReportIndicator; lang: Locale }) {
  const w = reportWords(lang);
  const missing = capped(indicator.missing);
  return (
    <>
      {indicator.aggregate ? <AggregateValues indicator={indicator} lang={lang} /> : <ValuesByInstitution indicator={indicator} lang={lang} />}
      {indicator.missing.length > 0 ? (
        <p class="small">
          {w.missing}: {missing.items.join(', ')}
          {missing.more > 0 ? ` ${w.andMore(formatNumber(missing.more, lang))}` : ''}
        </p>
      ) : null}
    </>
  );
}

/** The indicator's trend over the plan's years so far, one line per plan year. */
export function IndicatorTrend({ indicator, lang }: { indicator: TReportIndicator; lang: Locale }) {
  const w = reportWords(lang);
  if (indicator.trend.length === 0) return null;
  return (
    <div class="trend">
      <h6>{w.trend}</h6>
      <ul class="plan-items">
        {indicator.trend.map((p) => (
          <li>
            {w.trendPoint(p.planYear, p.cycleYear)}: <strong>{unitNumberText(p.total, indicator.unit, lang)}</strong>
            {p.bySex ? ` (${w.women} ${numberText(p.bySex.women, lang)} · ${w.men} ${numberText(p.bySex.men, lang)} · ${w.sexNotRecorded} ${numberText(p.bySex.sexNotRecorded, lang)})` : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}
