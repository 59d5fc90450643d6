/**
 * The review dossier's entry point: the annual report's file shape (five formats × es-MX, en, in a stable
 * order with their content types), byte-identical when rendered twice from the same data.
 */
import { createHash } from 'node:crypto';
import { renderReviewDossierFile, renderReviewDossierFiles } from '../../documents/review-dossier/render-review-dossier-files';
import { reviewDossierFixture } from '../support/review-dossier-fixture';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

it('renders 10 files in the annual report order, twice with identical bytes', async () => {
  const first = await renderReviewDossierFiles(reviewDossierFixture());
  const second = await renderReviewDossierFiles(reviewDossierFixture());
  expect(first.map((f) => `${f.format}/${f.lang}`)).toEqual(['json/es-MX', 'json/en', 'html/es-MX', 'html/en', 'pdf/es-MX', 'pdf/en', 'xlsx/es-MX', 'xlsx/en', 'csv/es-MX', 'csv/en']);
  expect(first.map((f) => sha256(f.content))).toEqual(second.map((f) => sha256(f.content)));
  expect(new Set(first.map((f) => sha256(f.content))).size).toBe(10);
  expect(first.map((f) => f.contentType)).toEqual([
    'application/json; charset=utf-8',
    'application/json; charset=utf-8',
    'text/html; charset=utf-8',
    'text/html; charset=utf-8',
    'application/pdf',
    'application/pdf',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'text/csv; charset=utf-8',
    'text/csv; charset=utf-8',
  ]);
  const one = await renderReviewDossierFile(reviewDossierFixture(), 'xlsx', 'en');
  expect(sha256(one.content)).toBe(sha256(first[7].content));
});

it('an undecided review renders every file too, and differently', async () => {
  const undecided = await renderReviewDossierFiles(reviewDossierFixture({ decided: false }));
  expect(undecided).toHaveLength(10);
  const decided = await renderReviewDossierFile(reviewDossierFixture(), 'pdf', 'es-MX');
  expect(sha256(undecided[4].content)).not.toBe(sha256(decided.content));
});

it('refuses an unknown format or language', async () => {
  const model = reviewDossierFixture();
  await expect(renderReviewDossierFile(model, 'docx' as 'pdf', 'en')).rejects.toThrow('unknown dossier format "docx"');
  await expect(renderReviewDossierFile(model, 'pdf', 'fr' as 'en')).rejects.toThrow('unknown dossier language "fr"');
});
