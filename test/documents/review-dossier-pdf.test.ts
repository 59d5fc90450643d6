/**
 * The dossier's PDF as a person reads it (poppler): the Spanish title page first with the versions and the
 * round's figures, "Página n de N" and the header on every page, the three sections, proposals with their
 * decisions and the stale mark, crosswalk lines; fixed dates; pages drawn by pdftoppm.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderDossierPdf } from '../../documents/review-dossier/render-dossier-pdf';
import type { TReviewDossier } from '../../domain/review/review-model';
import { reviewDossierFixture } from '../support/review-dossier-fixture';

const dir = mkdtempSync(path.join(tmpdir(), 'dossier-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Fails naming the missing needles only (a PDF's text is never printed whole). */
function expectIn(text: string, ...needles: string[]): void {
  const missing = needles.filter((n) => !text.includes(n));
  if (missing.length > 0) throw new Error(`PDF text lacks ${missing.map((m) => JSON.stringify(m)).join(', ')}; it begins: ${text.slice(0, 200)}…`);
}

async function readPdf(model: TReviewDossier, lang: 'es-MX' | 'en', name: string): Promise<{ file: string; pages: number; pageTexts: string[] }> {
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, await renderDossierPdf(model, lang));
  const pages = Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  return { file, pages, pageTexts: text.split('\f').slice(0, pages).map((t) => t.replace(/\s+/g, ' ')) };
}

it('reads in Spanish: title page, contents, sections, proposals, crosswalk lines, "Página n de N" on every page', async () => {
  const { file, pages, pageTexts } = await readPdf(reviewDossierFixture(), 'es-MX', 'decided-es');
  expect(pages).toBeGreaterThan(8);
  expectIn(pageTexts[0], 'Expediente de la revisión de la versión 1 del plan', 'Plan Nacional de Acción para el Seguimiento de la Resolución 1325');
  expectIn(pageTexts[0], 'Versiones de la versión 1 a la versión 2', 'Solicitudes 7', 'Respondieron 5', 'No respondieron 2 · CECOPAM, UNWOMEN', 'Escaladas 2 · CECOPAM, SEMAR');
  expectIn(pageTexts[0], 'Inicio de la revisión 04/01/2027 09:00', '2026: versión 3 (borrador)');
  expect(pageTexts[1]).toMatch(/Índice 1\. Síntesis de los informes anuales \d/);
  pageTexts.forEach((t, i) => {
    expectIn(t, `Página ${i + 1} de ${pages}`);
    expectIn(t, 'MX-NAP-1325 de la versión 1 a la versión 2 · Compilado 15/03/2027 12:30');
  });
  const all = pageTexts.join(' ');
  expectIn(all, '2. Propuestas y decisiones', '3. Tabla de equivalencias', 'Metas del objetivo 1 por estado y año');
  expectIn(all, 'Indicadores que nunca tuvieron datos', 'Centro de Entrenamiento Conjunto de Operaciones de Paz de México (CECOPAM) — sin informe en 3 ciclos: 2024, 2025, 2026');
  expectIn(all, 'nunca tuvo datos', 'nunca evaluable', 'por confirmar', 'sin datos');
  expectIn(all, 'SEMAR · modificar', 'aceptada con cambios', 'la propuesta cambió después de esta decisión', 'SRE · agregar (bajo el objetivo 1)', 'sin decisión', 'rechazada');
  expectIn(all, 'Meta: personas servidoras públicas capacitadas, al menos 200 por año (indicador 2.a)');
  // Crosswalk lines: kind, old codes, new codes, kind of change.
  expectIn(all, 'Indicador 6.b 6.b, 6.c dividido', 'Meta 7.g1, 7.g2 7.g1 fusionado', 'Meta 1.g2 — retirado', 'Indicador — 1.c agregado', 'Línea de acción 3.2 3.2 nueva redacción');
  expectIn(all, '<script>alert(1)</script> =HYPERLINK("http://x","y")');

  execFileSync('pdftoppm', ['-r', '30', '-png', file, path.join(dir, 'page')]);
  expect(readdirSync(dir).filter((f) => f.startsWith('page') && f.endsWith('.png'))).toHaveLength(pages);
});

it('reads in English while undecided: "undecided", no crosswalk yet, "Page 1 of N"', async () => {
  const { pages, pageTexts } = await readPdf(reviewDossierFixture({ decided: false }), 'en', 'undecided-en');
  expectIn(pageTexts[0], 'Review dossier of plan version 1', 'Versions version 1; new version: undecided', `Page 1 of ${pages}`, 'No crosswalk yet');
  const all = pageTexts.join(' ');
  expectIn(all, '1. Synthesis of the annual reports', '2. Proposals and decisions', '3. Crosswalk', 'never had data', 'accepted with changes', 'the proposal changed after this decision');
  expectIn(all, '[text in a script this PDF cannot show; see the HTML or XLSX] [U+202E]');
});

it('has fixed dates and the same bytes on every render', async () => {
  const [a, b] = [await renderDossierPdf(reviewDossierFixture(), 'en'), await renderDossierPdf(reviewDossierFixture(), 'en')];
  expect(a.equals(b)).toBe(true);
  const file = path.join(dir, 'dates.pdf');
  writeFileSync(file, a);
  const info = execFileSync('pdfinfo', ['-isodates', file], { encoding: 'utf8' });
  expect(/^CreationDate:\s+(\S+)/m.exec(info)?.[1]).toBe('2027-03-15T18:30:05Z');
  expect(/^Title:\s+(.+)$/m.exec(info)?.[1]).toBe('Review dossier of plan version 1');
});
