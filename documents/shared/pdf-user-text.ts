import type { Locale } from '../../domain/input-bounds';

/** Bidirectional controls (embeddings, overrides, isolates, marks): pdfkit lays text out left to right and would draw them as nothing or as boxes. */
const BIDI_CONTROL = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/**
 * Runs of characters the PDF's font (Roboto: Latin, Greek, Cyrillic and common punctuation) cannot draw,
 * such as Arabic, Hebrew, CJK or emoji. pdfkit would draw them as overlapping boxes.
 */
const NOT_IN_FONT = /(?:(?![\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Common}\p{Script=Inherited}])\P{C}|\p{Extended_Pictographic})+/gu;

const PLACEHOLDER: Record<Locale, string> = {
  'es-MX': '[texto en una escritura que este PDF no puede mostrar; véase el HTML o el XLSX]',
  en: '[text in a script this PDF cannot show; see the HTML or XLSX]',
};

/**
 * Text people wrote, as the PDF can show it honestly: bidirectional controls appear as their code
 * (`[U+202E]`) instead of silently reordering nothing, and runs the font cannot draw become a visible
 * note pointing to the formats that keep them (HTML, XLSX, CSV, JSON carry the text exactly as received).
 * Everything else is left as written; pdfmake treats it as text, never markup.
 */
export function pdfUserText(text: string, lang: Locale): string {
  return text
    .replace(BIDI_CONTROL, (c) => `[U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`)
    .replace(NOT_IN_FONT, PLACEHOLDER[lang]);
}
