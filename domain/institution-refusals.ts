import { AppError, type AppErrorCode } from './app-error';
import { CONTACT_ROLE_LABELS, type ContactRole } from './contact-roles';
import type { Locale } from './input-bounds';

type Params = Record<string, string | number | undefined>;
type Text = (p: Params) => string;

const role = (p: Params, lang: Locale) => CONTACT_ROLE_LABELS[p.role as ContactRole]?.[lang].name ?? String(p.role ?? '');

/**
 * Why a change to an institution's contacts or indicators is refused: a stable code, the HTTP meaning of
 * the refusal, and the sentence in es-MX and English.
 */
const REFUSALS = {
  INSTITUTION_NOT_FOUND: {
    appCode: 'NOT_FOUND',
    'es-MX': (p) => `No hay una institución con el código ${p.code}.`,
    en: (p) => `No institution has the code ${p.code}.`,
  },
  CONTACT_NOT_FOUND: {
    appCode: 'NOT_FOUND',
    'es-MX': (p) => `La institución ${p.code} no tiene ese contacto (quizá se cambió mientras tanto): vuelva a cargar la página.`,
    en: (p) => `Institution ${p.code} has no such contact (it may have changed meanwhile): reload the page.`,
  },
  CONTACT_EXISTS: {
    appCode: 'CONFLICT',
    'es-MX': (p) => `${p.email} ya es un contacto activo de la institución con el rol «${role(p, 'es-MX')}».`,
    en: (p) => `${p.email} is already an active contact of the institution as ${role(p, 'en')}.`,
  },
  DUPLICATE_CONTACT: {
    appCode: 'VALIDATION',
    'es-MX': (p) => `${p.email} aparece más de una vez con el rol «${role(p, 'es-MX')}».`,
    en: (p) => `${p.email} is listed more than once as ${role(p, 'en')}.`,
  },
  PRIMARY_REQUIRED: {
    appCode: 'CONFLICT',
    'es-MX': (p) =>
      `La institución tiene ${p.open === 1 ? 'una solicitud en curso' : `${p.open} solicitudes en curso`} y se quedaría sin contacto principal activo: agregue primero otro contacto principal.`,
    en: (p) => `The institution has ${p.open === 1 ? 'a request' : `${p.open} requests`} under way and would be left without an active primary contact: add another primary contact first.`,
  },
  PLAN_NOT_FOUND: {
    appCode: 'NOT_FOUND',
    'es-MX': (p) => (p.key ? `No hay un plan ${p.key} versión ${p.version}.` : 'Todavía no se ha cargado ningún plan.'),
    en: (p) => (p.key ? `There is no plan ${p.key} version ${p.version}.` : 'No plan has been loaded yet.'),
  },
  INDICATOR_NOT_IN_PLAN: {
    appCode: 'VALIDATION',
    'es-MX': (p) => `El plan ${p.plan} no tiene el indicador ${p.indicator}.`,
    en: (p) => `Plan ${p.plan} has no indicator ${p.indicator}.`,
  },
  ALREADY_REPORTS: {
    appCode: 'CONFLICT',
    'es-MX': (p) => `${p.code} ya informa el indicador ${p.indicator}.`,
    en: (p) => `${p.code} already reports indicator ${p.indicator}.`,
  },
  NOT_A_REPORTER: {
    appCode: 'NOT_FOUND',
    'es-MX': (p) => `${p.code} no informa el indicador ${p.indicator}.`,
    en: (p) => `${p.code} does not report indicator ${p.indicator}.`,
  },
} satisfies Record<string, { appCode: AppErrorCode } & Record<Locale, Text>>;

/** The stable codes of these refusals (problem+json `code`). */
export type InstitutionRefusalCode = keyof typeof REFUSALS;

/**
 * The refusal as the one error type: its status from the table, its sentence in `lang`, and — with
 * `field` — one field issue carrying the stable code, so a form puts the sentence beside that input and
 * the JSON answer names the field.
 */
export function institutionRefusal({ code, params = {}, lang, field }: { code: InstitutionRefusalCode; params?: Params; lang: Locale; field?: string }): AppError {
  const refusal = REFUSALS[code];
  const message = refusal[lang](params);
  const issues = field ? [{ field, code, message }] : undefined;
  return new AppError(refusal.appCode, message, issues ? { [field!]: message } : undefined, { reason: code, ...(issues ? { issues } : {}) });
}
