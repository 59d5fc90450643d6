import type { Locale } from '../input-bounds';
import type { TProposalIssue } from './check-proposals';
import type { ReviewItemKind } from './review-proposal';

/** An item's kind as a person names it, with its code: "Indicador 4.b" / "Indicator 4.b". */
export const ITEM_KIND_NAME: Record<Locale, Record<ReviewItemKind, string>> = {
  'es-MX': { OBJECTIVE: 'Objetivo', LINE_OF_ACTION: 'Línea de acción', INDICATOR: 'Indicador', GOAL: 'Meta' },
  en: { OBJECTIVE: 'Objective', LINE_OF_ACTION: 'Line of action', INDICATOR: 'Indicator', GOAL: 'Goal' },
};

/** "Indicador 4.b". */
export function itemName({ kind, code, lang }: { kind: ReviewItemKind; code: string; lang: Locale }): string {
  return `${ITEM_KIND_NAME[lang][kind]} ${code}`;
}

type P = Record<string, string>;
const FIELD_NAME: Record<Locale, P> = {
  'es-MX': { unit: 'una unidad', disaggregation: 'un desglose', target: 'una meta', indicatorCode: 'un indicador de medición' },
  en: { unit: 'a unit', disaggregation: 'a breakdown', target: 'a target', indicatorCode: 'a measured indicator' },
};
const FIELD_OWNER: Record<Locale, P> = {
  'es-MX': { unit: 'los indicadores', disaggregation: 'los indicadores', target: 'las metas', indicatorCode: 'las metas' },
  en: { unit: 'indicators', disaggregation: 'indicators', target: 'goals', indicatorCode: 'goals' },
};

const TEXT: Record<TProposalIssue['code'], Record<Locale, (p: P) => string>> = {
  NOT_IN_CHARGE: {
    'es-MX': (p) =>
      p.objective ? `la institución no está a cargo del objetivo ${p.objective}` : p.area ? `la institución no está a cargo de ningún objetivo del área temática ${p.area}` : 'la institución no está a cargo de este elemento',
    en: (p) => (p.objective ? `the institution is not in charge of objective ${p.objective}` : p.area ? `the institution is in charge of no objective of thematic area ${p.area}` : 'the institution is not in charge of this item'),
  },
  UNKNOWN_ITEM: {
    'es-MX': (p) => `el código ${p.code} no existe en esta versión del plan`,
    en: (p) => `code ${p.code} does not exist in this version of the plan`,
  },
  CODE_EXISTS: { 'es-MX': () => 'ese código ya existe en el plan: un elemento nuevo necesita un código nuevo', en: () => 'that code already exists in the plan: a new item needs a new code' },
  CODE_FORM: {
    'es-MX': (p) => (p.objective ? `el código debe empezar con su objetivo (${p.objective}.)` : 'el código no tiene la forma de su tipo (objetivo "4", línea "4.2", indicador "4.b", meta "4.g2")'),
    en: (p) => (p.objective ? `the code must start with its objective (${p.objective}.)` : 'the code is not of its kind\'s form (objective "4", line "4.2", indicator "4.b", goal "4.g2")'),
  },
  WRONG_FIELD_FOR_KIND: {
    'es-MX': (p) => `no admite ${FIELD_NAME['es-MX'][p.field]}: solo ${FIELD_OWNER['es-MX'][p.field]} la tienen`,
    en: (p) => `takes no ${FIELD_NAME.en[p.field].replace(/^an? /, '')}: only ${FIELD_OWNER.en[p.field]} have one`,
  },
  RETIRED_EARLIER: { 'es-MX': () => 'este código fue retirado del plan; no puede conservarse, modificarse ni reutilizarse', en: () => 'this code was retired from the plan; it cannot be kept, modified or reused' },
  TARGET_REJECTED: {
    'es-MX': (p) =>
      p.rule === 'NOT_BY_SEX'
        ? `la meta cuenta mujeres u hombres, pero el indicador ${p.indicator} no está desagregado por sexo`
        : `una meta numérica se mide en un indicador de tipo número, y el indicador ${p.indicator} es ${p.unit}`,
    en: (p) => (p.rule === 'NOT_BY_SEX' ? `the target counts women or men, but indicator ${p.indicator} is not broken down by sex` : `a numeric target is measured on a COUNT indicator, and indicator ${p.indicator} is ${p.unit}`),
  },
  WRONG_OBJECTIVE: {
    'es-MX': (p) => `el indicador ${p.indicator} no pertenece al objetivo ${p.objective}`,
    en: (p) => `indicator ${p.indicator} does not belong to objective ${p.objective}`,
  },
  UNIT_REQUIRED: { 'es-MX': () => 'un indicador nuevo necesita su unidad', en: () => 'a new indicator needs its unit' },
  MISSING_PROPOSAL: {
    'es-MX': () => 'falta su propuesta (conservar, modificar o retirar, con su justificación)',
    en: () => 'its proposal is missing (keep, modify or retire, with a justification)',
  },
};

/**
 * A problem of a proposal as a person reads it, in `lang`, naming the item and where it is:
 * "Indicador 4.b (proposals[3]): la institución no está a cargo de este elemento".
 */
export function proposalIssueMessage(issue: TProposalIssue, lang: Locale): string {
  const where = issue.index === null ? '' : ` (proposals[${issue.index}])`;
  return `${itemName({ kind: issue.kind, code: issue.itemCode, lang })}${where}: ${TEXT[issue.code][lang](issue.params ?? {})}`;
}
