import type { Content, StyleDictionary, Style, TableCell } from 'pdfmake/interfaces';

/**
 * The building blocks every PDF document of the service shares (the annual report, the review dossier):
 * colours, heading styles, tables with a repeated header row, label–value lines, and the page frame's
 * styles, so that both documents look alike.
 */

/** The government's guinda, for titles and headings. */
export const GUINDA = '#611232';
/** Secondary text (headers, footers, notes). */
export const MUTED = '#4a4a4a';

/** A heading; `toc` lists it in the table of contents, indented by `tocMargin`. */
export const heading = (text: string, style: 'h1' | 'h2' | 'h3' | 'h4', toc: boolean, tocMargin = 0): Content =>
  toc ? { text, style, tocItem: true, tocMargin: [tocMargin, 0, 0, 0] } : { text, style };

/** A table with a repeated header row, light rules, and cells given as text. */
export function table(header: string[], rows: TableCell[][], widths: (string | number)[]): Content {
  return {
    table: { headerRows: 1, dontBreakRows: true, widths, body: [header.map((h) => ({ text: h, style: 'th' })), ...rows] },
    layout: 'lightHorizontalLines',
    style: 'table',
  };
}

/** Label–value lines (a title block, a goal). */
export function facts(rows: [string, Content][]): Content {
  return {
    table: { widths: ['auto', '*'], body: rows.map(([k, v]) => [{ text: k, bold: true }, v]) },
    layout: 'noBorders',
    margin: [0, 2, 0, 6],
  };
}

/** The default text style (pdfmake's own Roboto, see pdf-engine). */
export const PDF_DEFAULT_STYLE: Style = { font: 'Roboto', fontSize: 9.5, lineHeight: 1.15 };

/** The named styles the blocks above and the documents use. */
export const PDF_STYLES: StyleDictionary = {
  title: { fontSize: 20, bold: true, color: GUINDA, margin: [0, 0, 0, 6] },
  h2: { fontSize: 15, bold: true, color: GUINDA, margin: [0, 8, 0, 6] },
  h3: { fontSize: 12, bold: true, margin: [0, 10, 0, 4] },
  h4: { fontSize: 10.5, bold: true, margin: [0, 8, 0, 3] },
  th: { bold: true, fillColor: '#f5f2ee' },
  table: { margin: [0, 2, 0, 8] },
  small: { fontSize: 8, color: MUTED },
  caption: { fontSize: 9, bold: true, color: MUTED, margin: [0, 0, 0, 2] },
  notice: { margin: [0, 6, 0, 6], color: '#5a3e00' },
};
