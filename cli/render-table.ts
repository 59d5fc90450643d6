import { printable } from './printable';

/** Display width of a cell: code points (accented letters are composed first, by {@link printable}). */
const width = (text: string) => [...text].length;

/**
 * Lines of a table with aligned columns: each cell made printable (one line, no control characters),
 * columns two spaces apart, padded to their widest cell, a rule of dashes under the headers. Columns named
 * in `right` are right-aligned (numbers). The last column is not padded, so lines carry no trailing spaces.
 */
export function renderTable({ headers, rows, right = [] }: { headers?: readonly string[]; rows: readonly (readonly unknown[])[]; right?: readonly number[] }): string[] {
  const cells = rows.map((row) => row.map((cell) => printable(cell)));
  const head = headers ? [headers.map((h) => printable(h))] : [];
  const all = [...head, ...cells];
  const columns = Math.max(0, ...all.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, c) => Math.max(0, ...all.map((r) => width(r[c] ?? ''))));
  const line = (row: readonly string[]) =>
    widths
      .map((w, c) => {
        const cell = row[c] ?? '';
        const pad = ' '.repeat(w - width(cell));
        if (right.includes(c)) return pad + cell;
        return c === columns - 1 ? cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  const rule = headers ? [widths.map((w) => '-'.repeat(w)).join('  ')] : [];
  return [...head.map(line), ...rule, ...cells.map(line)];
}
