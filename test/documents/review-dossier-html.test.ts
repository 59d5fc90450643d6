/**
 * The dossier's HTML: the annual report's shell (stylesheet inlined, no script), title page with the
 * round's figures, the three sections in order, proposals grouped by item with their decisions, the
 * crosswalk, user text escaped and kept as written.
 */
import { renderDossierHtml } from '../../documents/review-dossier/render-dossier-html';
import { expectMarkup, expectText, pageText, textById } from '../support/html-text';
import { HOSTILE, reviewDossierFixture } from '../support/review-dossier-fixture';

const model = reviewDossierFixture();
const html = { 'es-MX': renderDossierHtml(model, 'es-MX').toString('utf8'), en: renderDossierHtml(model, 'en').toString('utf8') };

it('is a full document of the shared page shell, in the language asked, stylesheet inlined, no script', () => {
  for (const lang of ['es-MX', 'en'] as const) {
    expect(html[lang].startsWith(`<!doctype html><html lang="${lang}">`)).toBe(true);
    expectMarkup(html[lang], /<style>[\s\S]*@media print[\s\S]*<\/style>/);
    expect(html[lang]).not.toMatch(/<script/i);
    expect(html[lang]).not.toMatch(/<link /i);
  }
});

it('has the title page with versions, dates and the round, then the three sections in order', () => {
  const facts = textById(html['es-MX'], 'dossier-facts') ?? '';
  for (const t of ['Versiones de la versión 1 a la versión 2', 'Solicitudes 7', 'Respondieron 5', 'No respondieron 2 · CECOPAM, UNWOMEN', 'Escaladas 2 · CECOPAM, SEMAR', 'Compilado 15/03/2027 12:30']) expect(facts).toContain(t);
  const text = pageText(html['es-MX']);
  const order = ['Expediente de la revisión de la versión 1 del plan', '1. Síntesis de los informes anuales', '2. Propuestas y decisiones', '3. Tabla de equivalencias'];
  const at = order.map((t) => text.lastIndexOf(t));
  expect(at.every((n) => n >= 0)).toBe(true);
  expect([...at].sort((a, b) => a - b)).toEqual(at);
  expectText(html.en, 'Review dossier of plan version 1', 'from version 1 to version 2', 'Times in Mexico City time.');
});

it('shows the synthesis: trends by year, statuses by year, flags and chronic non-reporters', () => {
  expect(textById(html['es-MX'], 'indicator-2.b')).toContain('nunca tuvo datos, por confirmar');
  expect(textById(html['es-MX'], 'indicator-1.b')).toMatch(/20 sin datos 30/);
  expect(textById(html.en, 'goal-1.g1')).toContain('never evaluable, needs confirmation');
  expect(textById(html['es-MX'], 'chronic-non-reporters')).toContain('Secretaría de Marina (SEMAR) — sin informe en 2 ciclos: 2025, 2026');
  expect(textById(html.en, 'needs-confirmation')).toContain('Line of action 7.1');
});

it('groups the proposals by item with their decisions, the stale mark and the accepted change', () => {
  const item = textById(html['es-MX'], 'item-INDICATOR-1.a') ?? '';
  expect(item.indexOf('SEMAR')).toBeLessThan(item.indexOf('SSPC'));
  const semar = textById(html['es-MX'], 'proposal-SEMAR-INDICATOR-1.a') ?? '';
  for (const t of ['modificar', 'Desglose por sexo', 'aceptada con cambios', 'Cambio aceptado · Texto (español) Número de cursos de capacitación previos al despliegue', 'la propuesta cambió después de esta decisión']) expect(semar).toContain(t);
  expect(textById(html.en, 'proposal-SRE-INDICATOR-1.c')).toContain('add (under objective 1)');
  expect(textById(html.en, 'proposal-SRE-INDICATOR-1.c')).toContain('not decided');
  expect(textById(html.en, 'proposal-SRE-LINE_OF_ACTION-1.1')).toContain('Decision note La campaña debe repetirse');
});

it('shows the crosswalk, and says there is none while undecided', () => {
  expectText(html['es-MX'], 'Indicador 6.b 6.b, 6.c dividido Delegaciones de negociación (6.b) y de mediación (6.c).', 'Meta 7.g1, 7.g2 7.g1 fusionado');
  const undecided = renderDossierHtml(reviewDossierFixture({ decided: false }), 'en').toString('utf8');
  expectText(undecided, 'version 1; new version: undecided', 'No crosswalk yet: the review has not published a new plan version.');
  expect(undecided).not.toContain('class="stack crosswalk"');
});

it('escapes user text: the script tag is only text, formulas and right-to-left text kept as written', () => {
  for (const lang of ['es-MX', 'en'] as const) {
    expect(html[lang]).not.toContain(HOSTILE.script);
    expect(html[lang]).toContain('&lt;script>alert(1)&lt;/script>');
    expect(textById(html[lang], 'proposal-INMUJERES-GOAL-1.g2')).toContain(`${HOSTILE.script} ${HOSTILE.hyperlink} ${HOSTILE.rtl}`);
  }
  expectMarkup(html.en, /<dd class="user-text" dir="auto">Ningún indicador la mide\./);
});
