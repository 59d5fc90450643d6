/**
 * The data formats: JSON (the localized model), CSV (the annex, formulas neutralised) and XLSX (read back
 * with exceljs: sheets, row counts, values, no formula cells, hostile text intact).
 */
import ExcelJS from 'exceljs';
import { localizedReport } from '../../documents/annual-report/localized-report';
import { renderReportCsv } from '../../documents/annual-report/render-report-csv';
import { renderReportJson } from '../../documents/annual-report/render-report-json';
import { renderReportXlsx } from '../../documents/annual-report/render-report-xlsx';
import { annualReportFixture, HOSTILE } from '../support/annual-report-fixture';
import { parseCsv } from '../support/csv-text';

const model = annualReportFixture();

describe('JSON', () => {
  it('is the localized model, pretty-printed, with a trailing newline and no TWords left', () => {
    for (const lang of ['es-MX', 'en'] as const) {
      const text = renderReportJson(model, lang).toString('utf8');
      expect(text.endsWith('}\n')).toBe(true);
      expect(text).toContain('\n  "format": 1,');
      expect(JSON.parse(text)).toEqual(localizedReport(model, lang));
      expect(text).not.toContain('"es-MX":');
      expect(Object.keys(JSON.parse(text) as object)).toEqual(Object.keys(model));
    }
    const en = localizedReport(model, 'en');
    expect(en.areas[0].objectives[0].goals[0].statusLabel).toBe('not evaluable');
    expect(en.summary.attention.notReporting[0].name).toBe('National Institute of Women (INMUJERES)');
    expect(en.narratives[1].text).toContain(HOSTILE.script);
  });
});

describe('CSV', () => {
  const text = (lang: 'es-MX' | 'en') => renderReportCsv(model, lang).toString('utf8');

  it('starts with a BOM and a header row in the language, then one CRLF row per annex row', () => {
    expect(text('es-MX').charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(text('es-MX').slice(1));
    expect(rows[0]).toEqual(['Institución', 'Tipo', 'Indicador', 'Desglose', 'Valor', 'Comentario', 'Versión del envío']);
    expect(parseCsv(text('en').slice(1))[0]).toEqual(['Institution', 'Kind', 'Indicator', 'Breakdown', 'Value', 'Comment', 'Submission version']);
    expect(rows).toHaveLength(model.annex.rows.length + 1);
    expect(text('en')).toMatch(/\r\n$/);
    expect(rows[1]).toEqual(['INMUJERES', 'Dependencia federal', '2.a', 'Total', '1250', '', '1']);
    const short = rows.find((r) => r[0] === 'UNWOMEN' && r[2] === '2.a' && r[3] === 'Sexo no registrado');
    expect(short?.[4]).toBe('10');
  });

  it('neutralises formulas: cells starting with = or + begin with an apostrophe, the rest of the text intact', () => {
    const rows = parseCsv(text('en').slice(1));
    const comment = rows.find((r) => r[0] === 'UNWOMEN' && r[2] === '2.a' && r[3] === 'Total')?.[5];
    expect(comment).toBe(`${HOSTILE.script} ${HOSTILE.hyperlink}`);
    const command = rows.find((r) => r[0] === 'UNWOMEN' && r[2] === '2.b')?.[4];
    expect(command).toBe(`'${HOSTILE.command}`);
    for (const r of rows) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});

describe('XLSX', () => {
  let book: ExcelJS.Workbook;
  beforeAll(async () => {
    book = new ExcelJS.Workbook();
    const bytes = await renderReportXlsx(model, 'es-MX');
    // exceljs declares its own Buffer type, narrower than Node 20's generic one.
    await book.xlsx.load(bytes as unknown as Parameters<typeof book.xlsx.load>[0]);
  });

  it('has the five sheets, the annex with one row per annex row plus the header, values as in the model', () => {
    expect(book.worksheets.map((s) => s.name)).toEqual(['Anexo de datos', 'Metas', 'Cumplimiento', 'Narrativas', 'Método']);
    const annex = book.getWorksheet('Anexo de datos')!;
    expect(annex.rowCount).toBe(model.annex.rows.length + 1);
    expect(annex.getRow(1).values).toEqual([undefined, 'Institución', 'Tipo', 'Indicador', 'Desglose', 'Valor', 'Comentario', 'Versión del envío']);
    model.annex.rows.forEach((r, i) => {
      const row = annex.getRow(i + 2);
      expect(row.getCell(1).value).toBe(r.institutionCode);
      expect(row.getCell(3).value).toBe(r.indicatorCode);
      const expected = typeof r.value === 'boolean' ? (r.value ? 'Sí' : 'No') : r.value;
      expect(row.getCell(5).value ?? null).toEqual(expected);
      expect(row.getCell(7).value).toBe(r.submissionVersion);
    });
    expect(book.getWorksheet('Metas')!.rowCount).toBe(1 + 6);
    expect(book.getWorksheet('Cumplimiento')!.rowCount).toBe(1 + 7);
    expect(book.creator).toBe('nap1325');
    expect(book.created.toISOString()).toBe(model.compiledAt);
  });

  it('has no formula cell; hostile text is kept intact as a text cell', () => {
    const texts: string[] = [];
    for (const sheet of book.worksheets) {
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          if (typeof cell.value === 'string') {
            expect(cell.type).toBe(ExcelJS.ValueType.String);
            texts.push(cell.value);
          }
        }),
      );
    }
    const narrative = `${HOSTILE.script}\n${HOSTILE.hyperlink}\n${HOSTILE.command}\n${HOSTILE.rtl}`;
    expect(texts).toContain(narrative);
    expect(texts).toContain(HOSTILE.command);
    expect(texts).toContain(`${HOSTILE.script} ${HOSTILE.hyperlink}`);
  });
});
