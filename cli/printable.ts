/**
 * Text from the API made safe for one terminal line: control characters (newlines, tabs, ESC and the C1
 * set, which could move the cursor or recolour the terminal) become spaces, runs of spaces one, the ends
 * trimmed; composed to NFC so column widths count what is seen. `null`/`undefined` print as `—`.
 */
export function printable(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  const text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  return text.normalize('NFC').replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/ {2,}/g, ' ').trim();
}

/** {@link printable}, cut to `max` characters with an ellipsis. */
export function shortened(value: unknown, max: number): string {
  const text = printable(value);
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}
