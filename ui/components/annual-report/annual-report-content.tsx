import type { Locale } from '../../../domain/input-bounds';
import type { TAnnualReport } from '../../../domain/report/annual-report-model';
import { reportWords } from '../../report/report-labels';
import { ReportAnnex } from './report-annex';
import { ReportCompliance } from './report-compliance';
import { ReportFootnotes } from './report-footnotes';
import { ReportNarratives } from './report-narratives';
import { ReportProgress } from './report-progress';
import { ReportSummary } from './report-summary';
import { ReportTitleBlock } from './report-title-block';

/**
 * The annual report's content in one language, in the order: title block, 1 Summary, 2 Progress
 * by objective, 3 Institutional compliance, 4 Narratives, 5 Annex and method, then the notes. No script;
 * user text is escaped by preact.
 */
export function AnnualReportContent({ model, lang }: { model: TAnnualReport; lang: Locale }) {
  const w = reportWords(lang);
  return (
    <article class="annual-report">
      <ReportTitleBlock model={model} lang={lang} />
      <nav class="report-contents no-print" aria-label={w.contents}>
        <ul class="plain-list">
          <li>
            <a href="#summary">{w.summary}</a>
          </li>
          <li>
            <a href="#progress">{w.progress}</a>
          </li>
          <li>
            <a href="#compliance">{w.compliance}</a>
          </li>
          <li>
            <a href="#narratives">{w.narratives}</a>
          </li>
          <li>
            <a href="#annex">{w.annex}</a>
          </li>
        </ul>
      </nav>
      <ReportSummary model={model} lang={lang} />
      <ReportProgress areas={model.areas} lang={lang} />
      <ReportCompliance compliance={model.compliance} digest={model.digest} lang={lang} />
      <ReportNarratives narratives={model.digest ? model.digest.narratives.items : model.narratives} more={model.digest?.narratives.more ?? 0} lang={lang} />
      <ReportAnnex model={model} lang={lang} />
      <ReportFootnotes footnotes={model.footnotes} lang={lang} />
    </article>
  );
}
