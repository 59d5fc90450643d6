import type { Locale } from '../../../domain/input-bounds';
import type { TNarrative } from '../../../domain/report/annual-report-model';
import { reportWords } from '../../report/report-labels';
import { instantText } from '../../report/report-text';
import { AndMore } from './report-compliance';

/**
 * Section 4: the institutions' narratives, attributed, as received: no `lang` is claimed for them (they
 * may be in any language), and `dir="auto"` keeps right-to-left text (and its override characters) inside
 * its own block. Preact escapes the text. At scale the model's digest gives the first ones and how many more.
 */
export function ReportNarratives({ narratives, more = 0, lang }: { narratives: readonly TNarrative[]; more?: number; lang: Locale }) {
  const w = reportWords(lang);
  return (
    <section aria-labelledby="narratives">
      <h2 id="narratives">{w.narratives}</h2>
      {narratives.length === 0 ? <p>{w.noNarratives}</p> : null}
      {narratives.map((n) => (
        <article class="report-narrative" id={`narrative-${n.institutionCode}`}>
          <h3>{n.name[lang]}</h3>
          <p class="small muted">{w.narrativeBy(n.submittedBy, instantText(n.submittedAt, lang), n.version)}</p>
          <blockquote class="narrative" dir="auto">
            {n.text}
          </blockquote>
        </article>
      ))}
      <AndMore more={more} lang={lang} />
    </section>
  );
}
