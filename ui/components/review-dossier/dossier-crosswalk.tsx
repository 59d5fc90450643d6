import type { Locale } from '../../../domain/input-bounds';
import type { TReviewDossier } from '../../../domain/review/review-model';
import { CROSSWALK_KIND_LABELS, dossierWords, ITEM_KIND_LABELS } from '../../review/dossier-labels';
import { StackTable } from '../stack-table';

/** Section 3: old codes → new codes, kind of item and of change, the note; or why there is none yet. */
export function DossierCrosswalk({ model, lang }: { model: TReviewDossier; lang: Locale }) {
  const w = dossierWords(lang);
  return (
    <section aria-labelledby="crosswalk">
      <h2 id="crosswalk">{w.crosswalk}</h2>
      {model.crosswalk.length === 0 ? (
        <p class="notice">{w.noCrosswalk}</p>
      ) : (
        <div class="table-wrap">
          <StackTable columns={[w.kind, w.from, w.to, w.kindOfChange, w.note]} labelledBy="crosswalk" className="crosswalk">
            {model.crosswalk.map((e) => (
              <tr>
                <td data-label={w.kind}>{ITEM_KIND_LABELS[e.kind][lang]}</td>
                <td data-label={w.from}>{e.from.length > 0 ? <strong>{e.from.join(', ')}</strong> : '—'}</td>
                <td data-label={w.to}>{e.to.length > 0 ? <strong>{e.to.join(', ')}</strong> : '—'}</td>
                <td data-label={w.kindOfChange}>{CROSSWALK_KIND_LABELS[e.change][lang]}</td>
                <td data-label={w.note} class="user-text" dir="auto">
                  {e.note ?? ''}
                </td>
              </tr>
            ))}
          </StackTable>
        </div>
      )}
    </section>
  );
}
