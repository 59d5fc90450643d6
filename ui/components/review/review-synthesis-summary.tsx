import type { Locale } from '../../../domain/input-bounds';
import type { TReviewSynthesis } from '../../../domain/review/review-model';
import { reviewsText } from '../../pages/reviews-text';

/** What the annual reports say, in four short lists: what never had data, never evaluable, not reported, to confirm. */
export function ReviewSynthesisSummary({ lang, synthesis }: { lang: Locale; synthesis: TReviewSynthesis | null }) {
  const t = reviewsText(lang);
  if (!synthesis?.objectives) return null;
  const indicators = synthesis.objectives.flatMap((o) => o.indicators).filter((i) => i.neverHadData);
  const goals = synthesis.objectives.flatMap((o) => o.goals).filter((g) => g.neverEvaluable);
  const lists: [string, string[]][] = [
    [t.neverData, indicators.map((i) => `${i.code} — ${i.text[lang]}`)],
    [t.neverEvaluable, goals.map((g) => `${g.code} — ${g.text[lang]}`)],
    [t.chronic, synthesis.chronicNonReporters.map((c) => `${c.institutionCode} (${c.years.join(', ')})`)],
    [t.needsConfirmation, synthesis.needsConfirmation.map((n) => `${t.kind[n.kind] ?? n.kind} ${n.code}${n.note ? `: ${n.note}` : ''}`)],
  ];
  return (
    <section aria-labelledby="synthesis-title">
      <h2 id="synthesis-title">{t.synthesis}</h2>
      <p>{t.years(synthesis.years)}</p>
      {lists.map(([title, items]) => (
        <details key={title}>
          <summary>
            {title}: {items.length}
          </summary>
          <ul>
            {items.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </details>
      ))}
    </section>
  );
}
