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
 * The values of one version of a report (receipt, read-only view), one row per indicator: its code and
 * text, then its value — or Total / Women / Men, one per line — with "sin dato" / "no data" when there is
 * none, and the comment under it. Two columns, so it reads on a phone.
 */
export function ValuesTable({ lang, rows, caption }: { lang: Locale; rows: readonly ValueRow[]; caption: string }) {
  const t = respondText(lang);
  const breakdown = { TOTAL: t.total, WOMEN: t.women, MEN: t.men } as const;
  if (rows.length === 0) return <p>{t.noValues}</p>;
  const byIndicator = new Map<string, ValueRow[]>();
  for (const r of rows) byIndicator.set(r.code, [...(byIndicator.get(r.code) ?? []), r]);
  return (
    <div class="table-wrap">
      <table class="values">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.indicator}</th>
            <th scope="col">{t.value}</th>
          </tr>
        </thead>
        <tbody>
          {[...byIndicator.values()].map((group) => {
            const [first] = group;
            const comment = group.find((r) => r.comment)?.comment;
            const byBreakdown = group.some((r) => r.breakdown !== 'TOTAL');
            return (
              <tr>
                <th scope="row">
                  <span class="code">{first.code}</span> {lang === 'en' ? first.text.en : first.text.es}
                </th>
                <td>
                  {byBreakdown ? (
                    <dl class="breakdown-values">
                      {group.map((r) => (
                        <>
                          <dt>{breakdown[r.breakdown]}</dt>
                          <dd>{r.value ?? t.noData}</dd>
                        </>
                      ))}
                    </dl>
                  ) : (
                    <span class="value">{first.value ?? t.noData}</span>
                  )}
                  {comment ? (
                    <p class="value-comment">
                      {t.comment}: {comment}
                    </p>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
