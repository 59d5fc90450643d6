import type { TWords } from '../../domain/goal-target-text';
import type { Locale } from '../../domain/input-bounds';

/** `T` with every {@link TWords} replaced by the string of one language (unions and arrays included). */
export type TLocalized<T> = T extends TWords ? string : T extends readonly (infer U)[] ? TLocalized<U>[] : T extends object ? { [K in keyof T]: TLocalized<T[K]> } : T;

/** A TWords is an object with exactly the keys `es-MX` and `en`, both strings. */
function isWords(value: object): value is TWords {
  const keys = Object.keys(value);
  return keys.length === 2 && typeof (value as Record<string, unknown>)['es-MX'] === 'string' && typeof (value as Record<string, unknown>).en === 'string';
}

/** `value` localized; a part with no TWords inside is returned as it is (not copied). */
function localize(value: unknown, lang: Locale): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const items = value.map((v) => localize(v, lang));
    return items.every((v, i) => v === value[i]) ? value : items;
  }
  if (isWords(value)) return value[lang];
  const entries = Object.entries(value);
  const localized = entries.map(([k, v]) => [k, localize(v, lang)] as const);
  return localized.every(([, v], i) => v === entries[i][1]) ? value : Object.fromEntries(localized);
}

/**
 * A document model (the annual report, the review dossier) with every {@link TWords} turned into its
 * `lang` string, everything else (numbers, codes, texts people wrote) as it is; keys keep the model's
 * order, so the JSON file's order is the model's. Pure: the model is not changed. Parts without TWords
 * are shared with the model rather than copied, so treat the result as read-only.
 */
export function localized<T>(model: T, lang: Locale): TLocalized<T> {
  return localize(model, lang) as TLocalized<T>;
}
