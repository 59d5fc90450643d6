import { formatNumber } from '../../../domain/goal-target-text';
import type { Locale } from '../../../domain/input-bounds';
import type { TAnnualReport } from '../../../domain/report/annual-report-model';
import { reportWords } from '../../report/report-labels';
import { instantText } from '../../report/report-text';

/** The report's first lines: title, cycle, versions, compilation instant, data hash and the plan-year basis. */
export function ReportTitleBlock({ model, lang }: { model: TAnnualReport; lang: Locale }) {
  const w = reportWords(lang);
  return (
    <header class="report-title">
      <h1>{model.title[lang]}</h1>
      <p class="muted">{model.plan.title[lang]}</p>
      <dl class="facts">
        <dt>{w.cycleYear}</dt>
        <dd>{model.cycleYear}</dd>
        <dt>{w.version}</dt>
        <dd>{model.version}</dd>
        <dt>{w.plan}</dt>
        <dd>
          {model.plan.key} · {w.planVersion} {model.plan.version} · {w.planYear} {model.plan.planYear}
        </dd>
        <dt>{w.compiledAt}</dt>
        <dd>
          {instantText(model.compiledAt, lang)} · {model.compiledBy}
        </dd>
        <dt>{w.snapshotHash}</dt>
        <dd>
          <code class="hash">{model.snapshotHash}</code>
        </dd>
      </dl>
      <p class="notice warning plan-year-basis">{model.plan.planYearText[lang]}</p>
      {model.cycle.openRequests.length > 0 ? (
        <p class="notice warning">
          {w.draftOpen}: {(model.digest ? model.digest.openRequests.items : model.cycle.openRequests.map((r) => r.institutionCode)).join(', ')}
          {model.digest && model.digest.openRequests.more > 0 ? ` ${w.andMore(formatNumber(model.digest.openRequests.more, lang))}` : ''}
        </p>
      ) : null}
      <p class="small muted">{w.timeZoneNote}</p>
    </header>
  );
}
