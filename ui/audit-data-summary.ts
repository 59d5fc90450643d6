import type { Locale } from '../domain/input-bounds';
import { REQUEST_STATUS_LABELS } from '../domain/request-status-labels';
import { ROLE_LABELS } from '../domain/roles';
import { momentText } from './moment-text';

/** The data's keys people read in the log, in words; other keys are shown as they are. */
const KEY_LABELS: Record<string, Record<Locale, string>> = {
  reason: { 'es-MX': 'motivo', en: 'reason' },
  note: { 'es-MX': 'nota', en: 'note' },
  deadline: { 'es-MX': 'fecha límite', en: 'deadline' },
  requested: { 'es-MX': 'fecha pedida', en: 'date asked' },
  email: { 'es-MX': 'correo', en: 'email' },
  role: { 'es-MX': 'rol', en: 'role' },
  name: { 'es-MX': 'nombre', en: 'name' },
  nameEs: { 'es-MX': 'nombre', en: 'name (es)' },
  date: { 'es-MX': 'fecha', en: 'date' },
  kind: { 'es-MX': 'tipo', en: 'kind' },
  to: { 'es-MX': 'para', en: 'to' },
  cc: { 'es-MX': 'copia', en: 'cc' },
  version: { 'es-MX': 'versión', en: 'version' },
  values: { 'es-MX': 'valores', en: 'values' },
  year: { 'es-MX': 'año', en: 'year' },
  institutions: { 'es-MX': 'instituciones', en: 'institutions' },
  escalationLevel: { 'es-MX': 'nivel', en: 'level' },
  status: { 'es-MX': 'estado', en: 'status' },
  prefix: { 'es-MX': 'prefijo', en: 'prefix' },
  error: { 'es-MX': 'error', en: 'error' },
  before: { 'es-MX': 'antes', en: 'before' },
  after: { 'es-MX': 'después', en: 'after' },
};

/** Keys that only identify rows or messages: in the full JSON, not in the summary. */
const HIDDEN = new Set(['userId', 'messageId', 'stepKey', 'key']);
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const MAX_PIECE = 60;
const MAX_SUMMARY = 220;

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** One value, short: a request status in words, an instant in Mexico City time, a list joined. */
function valueText(value: unknown, lang: Locale): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') {
    const words = REQUEST_STATUS_LABELS[value as keyof typeof REQUEST_STATUS_LABELS] ?? ROLE_LABELS[value as keyof typeof ROLE_LABELS];
    if (words) return words[lang];
    if (ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return momentText({ at: new Date(value), lang });
    return clip(value, MAX_PIECE);
  }
  if (Array.isArray(value)) return clip(value.map((v) => (typeof v === 'object' && v !== null ? '{…}' : String(v))).join(', '), MAX_PIECE) || '—';
  if (typeof value === 'object') return '{…}';
  return String(value);
}

/**
 * An audit row's data as one short line people read (`de solicitado, sin respuesta a vencido · nivel: 1`;
 * `motivo: …`), in `lang`: a change's `from` → `to` first (`estado: …` when it stayed), then the other
 * keys in words with their values (statuses and roles in words, instants in Mexico City time, long texts
 * cut), ids left out. The full JSON is shown
 * beside it; this is only the gist. Empty when there is no data.
 */
export function auditDataSummary(data: unknown, lang: Locale): string {
  if (data === null || data === undefined) return '';
  if (typeof data !== 'object' || Array.isArray(data)) return clip(valueText(data, lang), MAX_SUMMARY);
  const record = data as Record<string, unknown>;
  const pieces: string[] = [];
  const change = 'from' in record && 'to' in record && !Array.isArray(record.to);
  const [from, to] = [valueText(record.from, lang), valueText(record.to, lang)];
  if (change && from === to) pieces.push(`${KEY_LABELS.status[lang]}: ${to}`);
  else if (change) pieces.push(lang === 'en' ? `from ${from} to ${to}` : `de ${from} a ${to}`);
  for (const [key, value] of Object.entries(record)) {
    if (HIDDEN.has(key) || (change && (key === 'from' || key === 'to'))) continue;
    pieces.push(`${KEY_LABELS[key]?.[lang] ?? key}: ${valueText(value, lang)}`);
  }
  return clip(pieces.join(' · '), MAX_SUMMARY);
}
