/** The kinds of reporting entity (prisma `InstitutionKind`), in the order pages list them. */
export const InstitutionKind = {
  FEDERAL_AGENCY: 'FEDERAL_AGENCY',
  INTERNATIONAL_PARTNER: 'INTERNATIONAL_PARTNER',
  TRAINING_CENTER: 'TRAINING_CENTER',
  STATE_AGENCY: 'STATE_AGENCY',
  MUNICIPALITY: 'MUNICIPALITY',
  CIVIL_SOCIETY: 'CIVIL_SOCIETY',
  OTHER: 'OTHER',
} as const;
export type InstitutionKind = (typeof InstitutionKind)[keyof typeof InstitutionKind];

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
