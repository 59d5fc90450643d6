/**
 * The HTML report: sections in order, key figures and status words in both languages, user text escaped
 * (the script tag appears only as text), footnote links that resolve, the full annex only when small.
 */
import { renderReportHtml } from '../../documents/annual-report/render-report-html';
import { GOAL_STATUS_LABELS, GoalStatus } from '../../domain/goal-status';
import { annualReportFixture, HOSTILE, largeAnnualReport } from '../support/annual-report-fixture';
import { expectMarkup, expectText, pageText, textById } from '../support/html-text';

const model = annualReportFixture();
const html = { 'es-MX': renderReportHtml(model, 'es-MX').toString('utf8'), en: renderReportHtml(model, 'en').toString('utf8') };

it('is a full document of the shared page shell, in the language asked, stylesheet inlined, no script', () => {
  for (const lang of ['es-MX', 'en'] as const) {
    expect(html[lang].startsWith('<!doctype html><html lang="' + lang + '">')).toBe(true);
    expectMarkup(html[lang], /<meta name="viewport" content="width=device-width, initial-scale=1"\/?>/);
    expectMarkup(html[lang], /<style>[\s\S]*@media print[\s\S]*<\/style>/);
    expect(html[lang]).not.toMatch(/<script/i);
  }
});

it('has the title block and the five sections in order', () => {
  const text = pageText(html['es-MX']);
  const order = ['Informe anual 2026 del PNA-1325', '1. Resumen', '2. Avance por objetivo', '3. Cumplimiento institucional', '4. Narrativas', '5. Anexo de datos y método', 'Notas'];
  const at = order.map((t) => text.indexOf(t, text.indexOf('Huella')));
  expect(at.slice(1).every((n) => n > 0)).toBe(true);
  expect([...at.slice(1)].sort((a, b) => a - b)).toEqual(at.slice(1));
  expectText(html['es-MX'], 'Versión del informe 2', 'MX-NAP-1325', '03/02/2027 12:04', model.snapshotHash, model.plan.planYearText['es-MX']);
  expectText(html.en, 'Report version 2', '3 Feb 2027, 12:04', model.plan.planYearText.en, 'Times in Mexico City time.');
});

it('shows every goal status, the completeness figures and the sex breakdown, in both languages', () => {
  for (const lang of ['es-MX', 'en'] as const) {
    for (const s of Object.values(GoalStatus)) expectText(html[lang], GOAL_STATUS_LABELS[s][lang]);
  }
  expect(textById(html['es-MX'], 'goal-8.g3')).toContain('atrasada');
  expect(textById(html.en, 'goal-8.g3')).toContain('behind');
  expect(textById(html.en, 'goal-1.g1')).toContain('an indicator that records the outreach campaigns');
  expectText(html['es-MX'], 'Sexo no registrado', '1,250', 'sin datos', 'Sin valor este ciclo: INMUJERES', 'Año 2 del plan (2026): 8');
  expectText(html.en, 'Sex not recorded', 'no data', 'Plan year 2 (2026): 1,370');
  const unwomen = textById(html.en, 'compliance-UNWOMEN') ?? '';
  expect(unwomen).toContain('on time');
  expect(textById(html.en, 'compliance-SEMAR')).toContain('new deadline 2027-02-13; decided by secretaria@inmujeres.gob.mx');
  expect(textById(html['es-MX'], 'compliance-INMUJERES')).toContain('550 mailbox unavailable');
});

it('escapes user text: the script tag is only text, formulas and right-to-left text are kept as received', () => {
  for (const lang of ['es-MX', 'en'] as const) {
    expect(html[lang]).not.toContain(HOSTILE.script);
    expect(html[lang]).toContain('&lt;script>alert(1)&lt;/script>');
    expectText(html[lang], HOSTILE.script, HOSTILE.hyperlink, HOSTILE.command, HOSTILE.rtl);
    const narrative = /<article class="report-narrative" id="narrative-UNWOMEN">[\s\S]*?<\/article>/.exec(html[lang])?.[0] ?? '';
    expect(narrative).toMatch(/<blockquote class="narrative" dir="auto">/);
    expect(narrative).not.toMatch(/\slang=/);
  }
});

it('links every footnote reference to a note of the list', () => {
  const refs = [...html.en.matchAll(/href="#fn-(\d+)"/g)].map((m) => m[1]);
  expect(refs.length).toBeGreaterThanOrEqual(3);
  for (const n of refs) expectMarkup(html.en, new RegExp(`<li id="fn-${n}"`));
  expect(textById(html.en, 'fn-3')).toContain('Counts deployed women only');
});

it('shows the annex table when small and a note instead at 300,000 rows, with aggregates for thousands of institutions', () => {
  expect((html.en.match(/<table class="stack report-annex"/g) ?? []).length).toBe(1);
  const large = renderReportHtml(largeAnnualReport({ institutions: 1_000 }), 'en').toString('utf8');
  expect(large).not.toContain('report-annex');
  expectText(large, 'The annex has 30,000 rows: the full table is in the XLSX and CSV files.', 'By kind of institution', 'Largest contributors', '990 other institutions');
  expect(large.length).toBeLessThan(2_000_000);
});

it('at thousands of institutions shows compliance counts by kind × status and only the institutions needing attention, capped', () => {
  const model3000 = largeAnnualReport({ institutions: 3_000 });
  const digest = model3000.digest!;
  const large = renderReportHtml(model3000, 'en').toString('utf8');
  expectText(large, 'By kind of institution and status', 'Institutions needing attention (not reported, late, exempted or open)', 'Municipality', 'All');
  // Counts, not names: 3,000 institutions, of which the first 100 needing attention are listed.
  expect(digest.complianceAttention.items).toHaveLength(100);
  expect((large.match(/<tr id="compliance-/g) ?? []).length).toBe(100);
  expectText(large, `and ${digest.complianceAttention.more.toLocaleString('en')} more: the full list is in the data files (XLSX, CSV, JSON).`);
  expectText(large, `and ${digest.notReporting.more.toLocaleString('en')} more`, `and ${digest.dataQuality.more.toLocaleString('en')} more`, `and ${digest.narratives.more.toLocaleString('en')} more`);
  expectText(large, `${digest.dataQualityByKind[0].count.toLocaleString('en')} values by sex short of the total (sex not recorded)`);
  // An institution on time is counted, not named; the last ones needing attention are left to the data files.
  expect(large).not.toContain('id="compliance-E00002"');
  expect(large).not.toContain('Municipality E03000');
  expect(large.length).toBeLessThan(600_000);
  // The small report lists every institution, as before.
  expect((html.en.match(/<tr id="compliance-/g) ?? []).length).toBe(model.compliance.length);
  expect(html.en).not.toContain('By kind of institution and status');
  expect(html.en).not.toMatch(/more: the full list/);
});
