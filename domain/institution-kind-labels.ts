import type { InstitutionKind } from './plan-schema';

/** How each kind reads, in es-MX and English. */
export const INSTITUTION_KIND_LABELS: Record<InstitutionKind, { 'es-MX': string; en: string }> = {
  FEDERAL_AGENCY: { 'es-MX': 'Dependencia federal', en: 'Federal agency' },
  INTERNATIONAL_PARTNER: { 'es-MX': 'Organismo internacional', en: 'International partner' },
  TRAINING_CENTER: { 'es-MX': 'Centro de capacitación', en: 'Training centre' },
  STATE_AGENCY: { 'es-MX': 'Dependencia estatal', en: 'State agency' },
  MUNICIPALITY: { 'es-MX': 'Municipio', en: 'Municipality' },
  CIVIL_SOCIETY: { 'es-MX': 'Sociedad civil', en: 'Civil society' },
  OTHER: { 'es-MX': 'Otra', en: 'Other' },
};
