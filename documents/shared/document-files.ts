import type { Locale } from '../../domain/input-bounds';

export type TDocumentFormat = 'json' | 'html' | 'pdf' | 'xlsx' | 'csv';
export type TDocumentLang = Locale;
export type TRenderedFile = { format: TDocumentFormat; lang: TDocumentLang; contentType: string; content: Buffer };

/** The formats of every document (annual report, review dossier), in the order files are rendered and listed. */
export const DOCUMENT_FORMATS: readonly TDocumentFormat[] = ['json', 'html', 'pdf', 'xlsx', 'csv'];
/** The languages, es-MX first. */
export const DOCUMENT_LANGS: readonly TDocumentLang[] = ['es-MX', 'en'];

/** Each format's Content-Type (text formats say UTF-8). */
export const DOCUMENT_CONTENT_TYPES: Record<TDocumentFormat, string> = {
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** A document's renderer per format (the model in one language as bytes), and what the document is called in errors. */
export type TDocumentRenderers<M> = { document: string; formats: Record<TDocumentFormat, (model: M, lang: TDocumentLang) => Buffer | Promise<Buffer>> };

/**
 * One file of a document: `model` rendered in `format` and `lang` by `renderers`. The renderers are pure
 * with respect to the model: the same model gives the same bytes (no clock, no randomness, no network,
 * no machine locale or zone). An unknown format or language is a RangeError.
 */
export async function renderDocumentFile<M>(renderers: TDocumentRenderers<M>, model: M, format: TDocumentFormat, lang: TDocumentLang): Promise<TRenderedFile> {
  const render = Object.hasOwn(renderers.formats, format) ? renderers.formats[format] : undefined;
  if (!render) throw new RangeError(`unknown ${renderers.document} format "${String(format)}"`);
  if (!DOCUMENT_LANGS.includes(lang)) throw new RangeError(`unknown ${renderers.document} language "${String(lang)}"`);
  return { format, lang, contentType: DOCUMENT_CONTENT_TYPES[format], content: await render(model, lang) };
}

/**
 * Every file of a document: the 5 formats × 2 languages, in a stable order (formats as in
 * {@link DOCUMENT_FORMATS}, es-MX before en within each). Rendered one after the other, so memory holds
 * one large file being built at a time.
 */
export async function renderDocumentFiles<M>(renderers: TDocumentRenderers<M>, model: M): Promise<TRenderedFile[]> {
  const files: TRenderedFile[] = [];
  for (const format of DOCUMENT_FORMATS) {
    for (const lang of DOCUMENT_LANGS) files.push(await renderDocumentFile(renderers, model, format, lang));
  }
  return files;
}
