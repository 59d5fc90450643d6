import { readFileSync } from 'node:fs';
import { isIsoDate } from '../domain/iso-date';
import { RequestStatus } from '../domain/request-types';
import { Role } from '../domain/roles';
import { UsageError } from './cli-errors';

/**
 * Checks of the command line's values, made before anything is sent: the shape only (four digits, a real
 * date, an integer). What the values mean (a year in range, a deadline in the future, a known institution)
 * is the API's to say: the CLI may talk to a newer server. Each failure is a {@link UsageError} (exit 2).
 */

/** A year written with four digits (`2026`). */
export function yearArgument(value: string): number {
  if (!/^\d{4}$/.test(value)) throw new UsageError({ 'es-MX': `el año debe escribirse con cuatro dígitos (se recibió "${value}")`, en: `the year must be written with four digits (got "${value}")` });
  return Number(value);
}

/** A real calendar date `yyyy-MM-dd` (no 2026-02-30); `name` is the option, for the message. */
export function dateArgument(value: string, name: string): string {
  if (!isIsoDate(value)) throw new UsageError({ 'es-MX': `${name} debe ser una fecha aaaa-MM-dd que exista (se recibió "${value}")`, en: `${name} must be a real date written yyyy-MM-dd (got "${value}")` });
  return value;
}

/** An institution code, upper-cased (`semar` → `SEMAR`): letters, digits and `-`, starting with a letter. */
export function institutionArgument(value: string): string {
  const code = value.trim().toUpperCase();
  if (!/^[A-Z][A-Z0-9-]*$/.test(code)) throw new UsageError({ 'es-MX': `"${value}" no es una clave de institución (como SRE o MUN-09015)`, en: `"${value}" is not an institution code (such as SRE or MUN-09015)` });
  return code;
}

/** A comma-separated list of institution codes (`SRE,SEMAR`), each checked by {@link institutionArgument}. */
export function institutionListArgument(value: string): string[] {
  const codes = value.split(',').map((c) => c.trim()).filter(Boolean);
  if (!codes.length) throw new UsageError({ 'es-MX': '--institutions necesita al menos una clave (A,B)', en: '--institutions needs at least one code (A,B)' });
  return codes.map(institutionArgument);
}

/** A whole number of at least `min`; `name` is the option, for the message. */
export function integerArgument(value: string, name: string, min = 0): number {
  if (!/^\d+$/.test(value) || Number(value) < min || !Number.isSafeInteger(Number(value))) {
    throw new UsageError({ 'es-MX': `${name} debe ser un número entero ≥ ${min} (se recibió "${value}")`, en: `${name} must be a whole number ≥ ${min} (got "${value}")` });
  }
  return Number(value);
}

/** A role: `SECRETARIAT` or `WORKING_GROUP` (any case; `working-group` too). */
export function roleArgument(value: string): Role {
  const role = value.trim().toUpperCase().replace(/-/g, '_');
  if (role === Role.SECRETARIAT || role === Role.WORKING_GROUP) return role;
  throw new UsageError({ 'es-MX': `--role debe ser SECRETARIAT o WORKING_GROUP (se recibió "${value}")`, en: `--role must be SECRETARIAT or WORKING_GROUP (got "${value}")` });
}

/** A request status as the API filters by it (`overdue` → `OVERDUE`). */
export function statusArgument(value: string): RequestStatus {
  const status = value.trim().toUpperCase();
  const known = Object.values(RequestStatus) as string[];
  if (known.includes(status)) return status as RequestStatus;
  throw new UsageError({ 'es-MX': `--status debe ser uno de ${known.join(', ')} (se recibió "${value}")`, en: `--status must be one of ${known.join(', ')} (got "${value}")` });
}

/** The JSON object a file holds (a policy); `name` is the option, for the message. */
export function jsonObjectFileArgument(file: string, name: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new UsageError({ 'es-MX': `${name}: no se pudo leer ${file} (${reason})`, en: `${name}: cannot read ${file} (${reason})` });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new UsageError({ 'es-MX': `${name}: ${file} no es JSON válido (${(err as Error).message})`, en: `${name}: ${file} is not valid JSON (${(err as Error).message})` });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError({ 'es-MX': `${name}: ${file} debe contener un objeto JSON`, en: `${name}: ${file} must hold a JSON object` });
  }
  return value as Record<string, unknown>;
}
