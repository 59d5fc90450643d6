import type { Locale } from '../domain/input-bounds';

/** The texts every page shares (identity, navigation), in es-MX and English. */
export const SHELL_TEXT = {
  'es-MX': {
    group: 'Grupo de Trabajo Interinstitucional',
    plan: 'Plan Nacional de Acción 1325 · Mujeres, Paz y Seguridad',
    skip: 'Ir al contenido',
    otherLanguage: 'English',
    footer: 'Secretariado técnico del Grupo de Trabajo del PNA-1325. Los textos en español del plan son una traducción no oficial.',
  },
  en: {
    group: 'Inter-Secretariat Working Group',
    plan: 'National Action Plan 1325 · Women, Peace and Security',
    skip: 'Skip to content',
    otherLanguage: 'Español',
    footer: 'Technical secretariat of the NAP-1325 Working Group. Spanish texts of the plan are an unofficial translation.',
  },
} as const satisfies Record<Locale, Record<string, string>>;

/** The language a link to the other version of a page switches to. */
export const otherLocale = (lang: Locale): Locale => (lang === 'en' ? 'es-MX' : 'en');
