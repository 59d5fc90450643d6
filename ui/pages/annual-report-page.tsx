import type { Locale } from '../../domain/input-bounds';
import type { TAnnualReport } from '../../domain/report/annual-report-model';
import { AnnualReportContent } from '../components/annual-report/annual-report-content';
import { PageShell } from '../page-shell';

export interface AnnualReportPageProps {
  model: TAnnualReport;
  lang: Locale;
  /** The same report in the other language, when served by the app. */
  switchLanguageHref?: string;
  /**
   * A file that stands alone (the HTML download): the stylesheet inside the document rather than linked
   * from the app. Pages served by the app link it (the CSP allows no inline style without a nonce).
   */
  standalone?: boolean;
}

/**
 * The annual report as a page of the app: the shared shell and stylesheet, wide on a desktop, one column on
 * a phone, printable (the stylesheet's print rules), no script.
 */
export function AnnualReportPage({ model, lang, switchLanguageHref, standalone = false }: AnnualReportPageProps) {
  return (
    <PageShell lang={lang} title={model.title[lang]} switchLanguageHref={switchLanguageHref} wide inlineStylesheet={standalone}>
      <AnnualReportContent model={model} lang={lang} />
    </PageShell>
  );
}
