/**
 * Who may do what. People sign in (a session) or automation presents a token; either way it carries one
 * role. Agency contacts have no role: their signed link opens their own request and nothing else.
 */
export const Role = {
  /** Everything: run cycles, decide extensions, edit contacts, manage users and tokens. */
  SECRETARIAT: 'SECRETARIAT',
  /** Reads dashboards, submissions, reports and the audit log; changes nothing. */
  WORKING_GROUP: 'WORKING_GROUP',
} as const;
export type Role = (typeof Role)[keyof typeof Role];

/** What a route needs: to read the record, or to act on it. */
export const Access = { READ: 'READ', ACT: 'ACT' } as const;
export type Access = (typeof Access)[keyof typeof Access];

/** Whether `role` may do what `access` names: the secretariat reads and acts; the working group reads. */
export function roleAllows(role: Role, access: Access): boolean {
  return role === Role.SECRETARIAT || access === Access.READ;
}

/** How a role reads, in es-MX and English. */
export const ROLE_LABELS: Record<Role, { 'es-MX': string; en: string }> = {
  SECRETARIAT: { 'es-MX': 'Secretariado', en: 'Secretariat' },
  WORKING_GROUP: { 'es-MX': 'Grupo de Trabajo', en: 'Working group' },
};
