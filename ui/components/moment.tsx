import { formatMoment } from '../../domain/deadline-text';
import type { Locale } from '../../domain/input-bounds';

/** An instant in Mexico City time, short (`30 de nov. de 2026, 13:19`), machine-readable in `datetime`. */
export function Moment({ lang, at }: { lang: Locale; at: Date | null | undefined }) {
  if (!at) return <span class="muted">—</span>;
  const iso = at.toISOString();
  return <time dateTime={iso}>{formatMoment({ at: iso, locale: lang })}</time>;
}
