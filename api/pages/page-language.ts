import type { FastifyRequest } from 'fastify';
import type { Locale } from '../../domain/input-bounds';
import { acceptedLanguage, setRequestLanguage } from '../request-language';

type SessionRequest = FastifyRequest & { session?: { get(key: string): unknown; set(key: string, value: unknown): void } };

/**
 * The language of the secretariat's and working group's pages: `?lang=` (remembered in the session
 * cookie, so every later page follows the switch), else what the session remembers, else
 * `Accept-Language`, else es-MX. Error pages and problems answer in the same language.
 */
export function pageLanguage(request: FastifyRequest): Locale {
  const session = (request as SessionRequest).session;
  const query = (request.query ?? {}) as Record<string, unknown>;
  let lang: Locale;
  if (query.lang === 'es-MX' || query.lang === 'en') {
    lang = query.lang;
    if (session && session.get('lang') !== lang) session.set('lang', lang);
  } else {
    const remembered = session?.get('lang');
    lang = remembered === 'es-MX' || remembered === 'en' ? remembered : (acceptedLanguage(request.headers['accept-language']) ?? 'es-MX');
  }
  setRequestLanguage(request, lang);
  return lang;
}

/** The current URL with `lang` set to the other language (the header's switch). */
export function switchLanguageHref(request: FastifyRequest, lang: Locale): string {
  const url = new URL(request.url, 'http://x');
  url.searchParams.set('lang', lang === 'en' ? 'es-MX' : 'en');
  return `${url.pathname}${url.search}`;
}
