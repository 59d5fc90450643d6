import type { Locale } from '../../domain/input-bounds';
import type { Bilingual } from '../pages/respond-model';
import { respondText } from '../pages/respond-text';

/** One stored value as people read it: the indicator in both languages, the breakdown, the value as text. */
export interface ValueRow {
  code: string;
  text: Bilingual;
  breakdown: 'TOTAL' | 'WOMEN' | 'MEN';
  /** `null`: "no data" (then `comment` says why). */
  value: string | null;
  comment?: string;
}

/**
 * The values of one version of a report, as a table (receipt, read-only view): the indicator's code and
 * text, Total / Women / Men, the value ("sin dato" / "no data" when none), the comment.
 */
export function ValuesTable({ lang, rows, caption }: { lang: Locale; rows: readonly ValueRow[]; caption: string }) {
  const t = respondText(lang);
  const breakdown = { TOTAL: t.total, WOMEN: t.women, MEN: t.men } as const;
  if (rows.length === 0) return <p>{t.noValues}</p>;
  return (
    <div class="table-wrap">
      <table>
        <caption class="muted">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.indicator}</th>
            <th scope="col">{t.breakdown}</th>
            <th scope="col">{t.value}</th>
            <th scope="col">{t.comment}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <td>
                <span class="code">{r.code}</span> {lang === 'en' ? r.text.en : r.text.es}
              </td>
              <td>{breakdown[r.breakdown]}</td>
              <td class={r.value !== null && /^[\d.,\s-]+$/.test(r.value) ? 'number' : undefined}>{r.value ?? t.noData}</td>
              <td>{r.comment ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
