/**
 * The public entry point: all five formats in both languages, in a stable order with their content
 * types, and byte-identical on a second render (SHA-256 of each file).
 */
import { createHash } from 'node:crypto';
import { renderReportFile, renderReportFiles } from '../../documents/annual-report/render-report-files';
import { annualReportFixture } from '../support/annual-report-fixture';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

it('renders 10 files in a stable order, twice with identical bytes', async () => {
  const model = annualReportFixture();
  const first = await renderReportFiles(model);
  const second = await renderReportFiles(annualReportFixture());
  expect(first.map((f) => `${f.format}/${f.lang}`)).toEqual(['json/es-MX', 'json/en', 'html/es-MX', 'html/en', 'pdf/es-MX', 'pdf/en', 'xlsx/es-MX', 'xlsx/en', 'csv/es-MX', 'csv/en']);
  expect(first.map((f) => sha256(f.content))).toEqual(second.map((f) => sha256(f.content)));
  expect(new Set(first.map((f) => sha256(f.content))).size).toBe(10);
  expect(first.find((f) => f.format === 'xlsx')?.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  expect(first.find((f) => f.format === 'csv')?.contentType).toBe('text/csv; charset=utf-8');
  const one = await renderReportFile(model, 'pdf', 'en');
  expect(sha256(one.content)).toBe(sha256(first[5].content));
});

it('refuses an unknown format or language', async () => {
  const model = annualReportFixture();
  await expect(renderReportFile(model, 'docx' as 'pdf', 'en')).rejects.toThrow('unknown report format "docx"');
  await expect(renderReportFile(model, 'pdf', 'fr' as 'en')).rejects.toThrow('unknown report language "fr"');
});
