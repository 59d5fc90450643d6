/**
 * The zone instants are shown in: the service's business calendar is Mexico City's (deadlines end at
 * 23:59:59.999 there), so a deadline reads as its own date wherever the operator's machine is.
 */
export const DISPLAY_ZONE = 'America/Mexico_City';

const formatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: DISPLAY_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function parts(value: unknown): Record<string, string> | undefined {
  if (typeof value !== 'string' && !(value instanceof Date)) return undefined;
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  return Object.fromEntries(formatter.formatToParts(ms).map((p) => [p.type, p.value]));
}

/**
 * An API instant (ISO 8601) as `yyyy-MM-dd HH:mm` in {@link DISPLAY_ZONE}; a plain date `yyyy-MM-dd`
 * as it is; `—` for null or absent; anything else as received.
 */
export function formatInstant(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const p = parts(value);
  return p ? `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}` : String(value);
}

/** An API instant's date `yyyy-MM-dd` in {@link DISPLAY_ZONE} (a deadline's day); `—` for null or absent. */
export function formatDay(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const p = parts(value);
  return p ? `${p.year}-${p.month}-${p.day}` : String(value);
}
