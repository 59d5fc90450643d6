import path from 'node:path';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import type * as PdfMake from 'pdfmake';

type TPdfMake = typeof PdfMake;

/** pdfmake's own copy of Roboto (Apache 2.0), read from disk: no network, no system fonts. */
const ROBOTO_DIR = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
const ROBOTO = {
  normal: path.join(ROBOTO_DIR, 'Roboto-Regular.ttf'),
  bold: path.join(ROBOTO_DIR, 'Roboto-Medium.ttf'),
  italics: path.join(ROBOTO_DIR, 'Roboto-Italic.ttf'),
  bolditalics: path.join(ROBOTO_DIR, 'Roboto-MediumItalic.ttf'),
};
const FONT_FILES = new Set(Object.values(ROBOTO));

let configured: TPdfMake | undefined;

/**
 * pdfmake's Node singleton, set up once for the report: Roboto by absolute path (the same files serve
 * the text and the charts' SVG text), every URL refused and every local path refused but those four
 * font files (a document can fetch nothing; the charts are SVG strings already in memory). Loaded when
 * the first PDF is made, not with this module: the report's process renders its annex formats (JSON, CSV,
 * XLSX) first, without pdfmake's and echarts' 60 MB in memory.
 */
function engine(): TPdfMake {
  if (configured) return configured;
  const pdfMake = require('pdfmake') as TPdfMake;
  pdfMake.setFonts({ Roboto: { ...ROBOTO } });
  pdfMake.setUrlAccessPolicy(() => false);
  pdfMake.setLocalAccessPolicy((file) => FONT_FILES.has(file));
  configured = pdfMake;
  return pdfMake;
}

/**
 * A document definition as PDF bytes. pdfkit derives the file ID from the info dictionary and the font
 * subset tags from font ids, so fixed `info.creationDate` / `modDate` give identical bytes every time.
 */
export async function pdfBytes(definition: TDocumentDefinitions): Promise<Buffer> {
  return engine().createPdf(definition).getBuffer();
}
