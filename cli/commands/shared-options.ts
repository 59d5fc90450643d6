import type { OptionSpec } from '../command';

/** `--by NAME`: who the audit trail names for an action (default: the token's name, or the signed-in person). */
export const BY_OPTION: OptionSpec = {
  type: 'string',
  value: 'NAME',
  help: { 'es-MX': 'quién actúa, para la bitácora (por omisión, el nombre del token)', en: "who acts, for the audit trail (default: the token's name)" },
};

/** `/api/cycles/2026/requests/SEMAR`: one institution's request of a cycle. */
export const requestPath = (year: number, code: string, action = '') => `/api/cycles/${year}/requests/${encodeURIComponent(code)}${action}`;
