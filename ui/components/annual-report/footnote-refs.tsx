import type { Locale } from '../../../domain/input-bounds';
import { reportWords } from '../../report/report-labels';

/** Superscript links to the report's notes list (ids `fn-<n>`, see `ReportFootnotes`). */
export function FootnoteRefs({ numbers, lang }: { numbers: readonly number[]; lang: Locale }) {
  if (numbers.length === 0) return null;
  const w = reportWords(lang);
  return (
    <>
      {numbers.map((n) => (
        <sup class="fn-ref">
          <a href={`#fn-${n}`} aria-label={w.noteRef(n)}>
            {n}
          </a>
        </sup>
      ))}
    </>
  );
}
