/**
 * The dossier's data formats: JSON (the localized model), CSV (the proposals with their decisions,
 * formulas neutralised) and XLSX (read back with exceljs: sheets, rows, values, no formula cells).
 */
import ExcelJS from 'exceljs';
import { renderDossierCsv } from '../../documents/review-dossier/render-dossier-csv';
import { renderDossierJson } from '../../documents/review-dossier/render-dossier-json';
import { renderDossierXlsx } from '../../documents/review-dossier/render-dossier-xlsx';
import { localized } from '../../documents/shared/localized';
import { parseCsv } from '../support/csv-text';
import { HOSTILE, reviewDossierFixture } from '../support/review-dossier-fixture';

const model = reviewDossierFixture();

describe('JSON', () => {
  it('is the localized model, pretty-printed, keys in the model order, no TWords left, user text as written', () => {
    for (const lang of ['es-MX', 'en'] as const) {
      const text = renderDossierJson(model, lang).toString('utf8');
      expect(text.endsWith('}\n')).toBe(true);
      expect(text).toContain('\n  "format": 1,');
      expect(text).not.toContain('"es-MX":');
      const json = JSON.parse(text) as Record<string, unknown>;
      expect(json).toEqual(localized(model, lang));
      expect(Object.keys(json)).toEqual(Object.keys(model));
    }
    const es = localized(model, 'es-MX');
    expect(es.planTitle).toMatch(/^Plan Nacional de Acción/);
    expect(es.synthesis.objectives[0].text).toMatch(/^Difundir y sensibilizar/);
    expect(es.proposals.find((p) => p.key === 'INMUJERES/GOAL/1.g2')?.justification).toContain(HOSTILE.script);
    expect(es.crosswalk.find((e) => e.change === 'SPLIT')).toEqual({ kind: 'INDICATOR', change: 'SPLIT', from: ['6.b'], to: ['6.b', '6.c'], note: 'Delegaciones de negociación (6.b) y de mediación (6.c).' });
  });
});

describe('CSV', () => {
  const text = (lang: 'es-MX' | 'en') => renderDossierCsv(model, lang).toString('utf8');

  it('has a BOM and a header in the language, then one CRLF row per proposal, in the model order', () => {
    expect(text('es-MX').charCodeAt(0)).toBe(0xfeff);
    expect(text('en')).toMatch(/\r\n$/);
    const rows = parseCsv(text('es-MX').slice(1));
    expect(rows[0].slice(0, 7)).toEqual(['Tipo', 'Elemento', 'Institución', 'Propuesta', 'Objetivo', 'Cambio propuesto', 'Justificación']);
    expect(parseCsv(text('en').slice(1))[0].slice(10)).toEqual(['Decision', 'Change as accepted', 'Decision note', 'Decided by', 'Decided at', 'Decision out of date']);
    expect(rows).toHaveLength(model.proposals.length + 1);
    expect(rows.slice(1).map((r) => `${r[2]}/${r[1]}`)).toEqual(model.proposals.map((p) => `${p.institutionCode}/${p.code}`));
    const semar = rows.find((r) => r[2] === 'SEMAR' && r[1] === '1.a')!;
    expect(semar.slice(0, 4)).toEqual(['Indicador', '1.a', 'SEMAR', 'modificar']);
    expect(semar[10]).toBe('aceptada con cambios');
    expect(semar[12]).toBe('Se acepta la nueva redacción; el desglose por sexo no aplica a un número de cursos.');
    expect(semar[15]).toBe('Sí');
    expect(rows.find((r) => r[1] === '1.c')?.[10]).toBe('sin decisión');
    expect(rows.find((r) => r[1] === '2.g1')?.[5]).toBe('Meta cuantitativa: Meta: personas servidoras públicas capacitadas, al menos 200 por año (indicador 2.a)');
  });

  it('keeps hostile text inert: nothing starts with a formula character', () => {
    const rows = parseCsv(text('en').slice(1));
    expect(rows.find((r) => r[1] === '1.g2')?.[6]).toBe(`Ningún indicador la mide. ${HOSTILE.script} ${HOSTILE.hyperlink} ${HOSTILE.rtl}`);
    for (const r of rows) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});

describe('XLSX', () => {
  const load = async (lang: 'es-MX' | 'en') => {
    const book = new ExcelJS.Workbook();
    // exceljs declares its own Buffer type, narrower than Node 20's generic one.
    await book.xlsx.load((await renderDossierXlsx(model, lang)) as unknown as Parameters<typeof book.xlsx.load>[0]);
    return book;
  };

  it('has the six sheets in the language, a row per indicator, goal, proposal and crosswalk line', async () => {
    const book = await load('es-MX');
    expect(book.worksheets.map((s) => s.name)).toEqual(['Resumen', 'Indicadores', 'Metas', 'No informan', 'Propuestas', 'Equivalencias']);
    expect((await load('en')).worksheets.map((s) => s.name)).toEqual(['Summary', 'Indicators', 'Goals', 'Non-reporters', 'Proposals', 'Crosswalk']);
    const objectives = model.synthesis.objectives;
    expect(book.getWorksheet('Indicadores')!.rowCount).toBe(1 + objectives.flatMap((o) => o.indicators).length);
    expect(book.getWorksheet('Metas')!.rowCount).toBe(1 + objectives.flatMap((o) => o.goals).length);
    expect(book.getWorksheet('No informan')!.rowCount).toBe(1 + 2);
    expect(book.getWorksheet('Propuestas')!.rowCount).toBe(1 + model.proposals.length);
    expect(book.getWorksheet('Equivalencias')!.rowCount).toBe(1 + model.crosswalk.length);
    expect(book.getWorksheet('Equivalencias')!.getRow(1).values).toEqual([undefined, 'Tipo', 'Códigos anteriores', 'Códigos nuevos', 'Cambio', 'Nota']);
    const merged = book.getWorksheet('Equivalencias')!.getRows(2, model.crosswalk.length)!.find((r) => r.getCell(4).value === 'fusionado')!;
    expect([merged.getCell(2).value, merged.getCell(3).value]).toEqual(['7.g1, 7.g2', '7.g1']);
    const indicators = book.getWorksheet('Indicadores')!;
    expect(indicators.getRow(1).values).toEqual([undefined, 'Objetivo', 'Indicador', 'Indicadores', '2024', '2025', '2026', 'Avisos', 'Informantes derivados (sin confirmar)']);
    expect(indicators.getRow(2).getCell(4).value).toBe(model.synthesis.objectives[0].indicators[0].trend[0].total);
    expect(book.getWorksheet('Resumen')!.getRow(2).values).toEqual([undefined, 'Expediente de la revisión de la versión 1 del plan', model.planTitle['es-MX']]);
    expect(book.creator).toBe('nap1325');
    expect(book.created.toISOString()).toBe(model.compiledAt);
  });

  it('has no formula cell; hostile text is a text cell, intact', async () => {
    const book = await load('en');
    const texts: string[] = [];
    for (const sheet of book.worksheets) {
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          if (typeof cell.value === 'string') texts.push(cell.value);
        }),
      );
    }
    expect(texts).toContain(`Ningún indicador la mide. ${HOSTILE.script} ${HOSTILE.hyperlink} ${HOSTILE.rtl}`);
  });
});
