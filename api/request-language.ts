import type { FastifyRequest } from 'fastify';
import type { Locale } from '../domain/input-bounds';

const chosen = new WeakMap<FastifyRequest, Locale>();

/** Records the language a route settled on for this request (the link's contact, `?lang=`). */
export function setRequestLanguage(request: FastifyRequest, lang: Locale): void {
  chosen.set(request, lang);
}

/**
 * The language to answer `request` in: what its route settled on, else `?lang=es-MX|en`, else the first
 * of `Accept-Language` we write (es… → es-MX, en… → en), else `fallback` (es-MX for contacts' pages,
 * en for the secretariat's JSON API).
 */
export function requestLanguage(request: FastifyRequest, fallback: Locale): Locale {
  const set = chosen.get(request);
  if (set) return set;
  const query = (request.query ?? {}) as Record<string, unknown>;
  if (query.lang === 'es-MX' || query.lang === 'en') return query.lang;
  return acceptedLanguage(request.headers['accept-language']) ?? fallback;
}

/** The first language of an `Accept-Language` header we can answer in (by q-value), or undefined. */
export function acceptedLanguage(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .slice(0, 20)
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((l) => l.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === 'es' || tag.startsWith('es-')) return 'es-MX';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return undefined;
}
