import type { Locale } from '../../../domain/input-bounds';
import type { TCrosswalkEntry } from '../../../domain/review/review-proposal';
import { reviewsText } from '../../pages/reviews-text';
import { StackTable } from '../stack-table';

/** Old codes → new codes, kind of change per item (unchanged lines folded into a count). */
export function CrosswalkTable({ lang, crosswalk, preview, roundEnded }: { lang: Locale; crosswalk: readonly TCrosswalkEntry[] | null; preview: boolean; roundEnded: boolean }) {
  const t = reviewsText(lang);
  if (!crosswalk) return <p class="muted">{roundEnded ? t.crosswalkBlocked : t.crosswalkNone}</p>;
  const changed = crosswalk.filter((c) => c.change !== 'UNCHANGED');
  const unchanged = crosswalk.length - changed.length;
  return (
    <>
      {preview ? <p>{t.crosswalkPreview}</p> : null}
      <StackTable columns={[t.item, t.from, t.to, t.changeKind]} labelledBy="crosswalk-title">
        {changed.map((c) => (
          <tr key={`${c.kind}/${c.from.join(',')}/${c.to.join(',')}`}>
            <td data-label={t.item}>{t.kind[c.kind]}</td>
            <td data-label={t.from}>{c.from.join(', ') || '—'}</td>
            <td data-label={t.to}>{c.to.join(', ') || '—'}</td>
            <td data-label={t.changeKind}>{t.changeKinds[c.change]}</td>
          </tr>
        ))}
      </StackTable>
      <p class="muted">
        {t.changeKinds.UNCHANGED}: {unchanged}
      </p>
    </>
  );
}
