/**
 * The PDF as a person reads it: poppler's pdftotext finds the title block, the statuses, the key figures
 * and "Página 1 de N"; pdfinfo gives N; pdftoppm draws N pages. Plus: the header on every page, the
 * table of contents, bounded charts and no annex table at 300,000 rows.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pdfUserText } from '../../documents/shared/pdf-user-text';
import { reportPdfDefinition } from '../../documents/annual-report/report-pdf-definition';
import { renderReportPdf } from '../../documents/annual-report/render-report-pdf';
import { GOAL_STATUS_LABELS, GoalStatus } from '../../domain/goal-status';
import { annualReportFixture, largeAnnualReport } from '../support/annual-report-fixture';

const dir = mkdtempSync(path.join(tmpdir(), 'report-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const model = annualReportFixture();

/** Fails naming the missing needles only (a PDF's text is never printed whole). */
function expectIn(text: string, ...needles: string[]): void {
  const missing = needles.filter((n) => !text.includes(n));
  if (missing.length > 0) throw new Error(`PDF text lacks ${missing.map((m) => JSON.stringify(m)).join(', ')}; it begins: ${text.slice(0, 200)}…`);
}

/** Fails naming the needles found that should not be there. */
function expectNotIn(text: string, ...needles: string[]): void {
  const found = needles.filter((n) => text.includes(n));
  if (found.length > 0) throw new Error(`PDF text has ${found.map((m) => JSON.stringify(m)).join(', ')}`);
}

/** Writes the PDF and reads it back with poppler: page count, text per page (form feeds). */
async function readPdf(lang: 'es-MX' | 'en', m = model): Promise<{ file: string; pages: number; pageTexts: string[] }> {
  const file = path.join(dir, `report-${lang}-${m.annex.rows.length}.pdf`);
  writeFileSync(file, await renderReportPdf(m, lang));
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const pageTexts = text.split('\f').slice(0, pages).map((t) => t.replace(/\s+/g, ' '));
  return { file, pages, pageTexts };
}

it('reads in Spanish: title block first, contents, statuses, key figures, "Página n de N" and the header on every page', async () => {
  const { file, pages, pageTexts } = await readPdf('es-MX');
  expect(pages).toBeGreaterThanOrEqual(8);
  expect(pageTexts).toHaveLength(pages);
  expectIn(pageTexts[0], 'Informe anual 2026 del PNA-1325');
  expectIn(pageTexts[0], model.plan.planYearText['es-MX']);
  expectIn(pageTexts[0], model.snapshotHash);
  expect(pageTexts[1]).toMatch(/Índice 1\. Resumen \d/);
  pageTexts.forEach((t, i) => {
    expectIn(t, `Página ${i + 1} de ${pages}`);
    expectIn(t, 'Versión del informe 2 · MX-NAP-1325 v1 · Compilado 03/02/2027 12:04');
  });
  const all = pageTexts.join(' ');
  for (const s of Object.values(GoalStatus)) expectIn(all, GOAL_STATUS_LABELS[s]['es-MX']);
  for (const figure of ['1,250', 'Sexo no registrado', 'Metas por estado (6)', 'Estado de las metas por objetivo', 'Participación de mujeres, indicador 2.a', 'Tendencia del indicador 1.a', 'no informó']) expectIn(all, figure);
  expectIn(all, '<script>alert(1)</script>');
  expectIn(all, '=HYPERLINK("http://x","y")');

  execFileSync('pdftoppm', ['-r', '30', '-png', file, path.join(dir, 'page')]);
  expect(readdirSync(dir).filter((f) => f.startsWith('page') && f.endsWith('.png'))).toHaveLength(pages);
});

it('reads in English: "Page 1 of N", statuses and figures', async () => {
  const { pages, pageTexts } = await readPdf('en');
  expectIn(pageTexts[0], `Page 1 of ${pages}`);
  const all = pageTexts.join(' ');
  for (const s of Object.values(GoalStatus)) expectIn(all, GOAL_STATUS_LABELS[s].en);
  expectIn(all, '[text in a script this PDF cannot show; see the HTML or XLSX] [U+202E][text in a script this PDF cannot show; see the HTML or XLSX] evil.exe');
  for (const figure of ['Sex not recorded', 'Goal status by objective', "Women's share, indicator 8.a", 'not reported', 'after an extension', 'Counts deployed women only']) expectIn(all, figure);
});

it('has fixed dates and the same bytes on every render', async () => {
  const [a, b] = [await renderReportPdf(model, 'en'), await renderReportPdf(model, 'en')];
  expect(a.equals(b)).toBe(true);
  const file = path.join(dir, 'dates.pdf');
  writeFileSync(file, a);
  const info = execFileSync('pdfinfo', ['-isodates', file], { encoding: 'utf8' });
  expect(/^CreationDate:\s+(\S+)/m.exec(info)?.[1]).toBe('2027-02-03T18:04:05Z');
  expect(/^ModDate:\s+(\S+)/m.exec(info)?.[1]).toBe('2027-02-03T18:04:05Z');
});

it('for 10,000 institutions: aggregates, at most 40 charts, a note instead of the 300,000-row annex', async () => {
  const large = largeAnnualReport();
  const definition = JSON.stringify(reportPdfDefinition(large, 'en').content);
  expect((definition.match(/"svg":"/g) ?? []).length).toBeLessThanOrEqual(40);
  const { pages, pageTexts } = await readPdf('en', large);
  expect(pages).toBeLessThan(80);
  const all = pageTexts.join(' ');
  expectIn(all, 'The annex has 300,000 rows: the full table is in the XLSX and CSV files.');
  expectIn(all, '9,990 other institutions');
  expectNotIn(all, 'E05000');
  // Compliance: counts by kind × status, the first 100 institutions needing attention, the rest counted.
  const digest = large.digest!;
  expectIn(all, 'By kind of institution and status', 'Institutions needing attention', `and ${digest.complianceAttention.more.toLocaleString('en')} more: the full list is in the data files`);
  expectIn(all, `and ${digest.notReporting.more.toLocaleString('en')} more`, `and ${digest.dataQuality.more.toLocaleString('en')} more`, `and ${digest.narratives.more.toLocaleString('en')} more`);
  expectIn(all, digest.complianceAttention.items[99].text.en);
  expectNotIn(all, 'Municipality E00002', 'Municipality E10000');
});

it('shows user text the font cannot draw as a visible note, bidi controls as their code, the rest as written', () => {
  expect(pdfUserText('Año 2026: <b>ok</b> «sí» — Ж', 'es-MX')).toBe('Año 2026: <b>ok</b> «sí» — Ж');
  expect(pdfUserText('a\u202Eb', 'en')).toBe('a[U+202E]b');
  expect(pdfUserText('hola שלום 🙂', 'es-MX')).toBe('hola [texto en una escritura que este PDF no puede mostrar; véase el HTML o el XLSX] [texto en una escritura que este PDF no puede mostrar; véase el HTML o el XLSX]');
});
