import type { Locale } from '../../../domain/input-bounds';
import type { TFootnote } from '../../../domain/report/annual-report-model';
import { reportWords } from '../../report/report-labels';

/** The report's notes, each with the id its superscript references point to (`fn-<n>`). */
export function ReportFootnotes({ footnotes, lang }: { footnotes: readonly TFootnote[]; lang: Locale }) {
  const w = reportWords(lang);
  if (footnotes.length === 0) return null;
  return (
    <section class="report-notes" aria-labelledby="notes">
      <h2 id="notes">{w.notes}</h2>
      <ol class="footnotes">
        {footnotes.map((f) => (
          <li id={`fn-${f.n}`} value={f.n}>
            <strong>
              {f.about[lang]} · {w.footnoteKind[f.kind]}:
            </strong>{' '}
            <span lang="en">{f.text}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
