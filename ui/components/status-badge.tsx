import type { Locale } from '../../domain/input-bounds';
import { displayStatusLabel, type DisplayStatus } from '../../domain/request-display-status';

/** A request's shown status as a coloured label (the colour repeats the words; it is never the only cue). */
export function StatusBadge({ lang, shown }: { lang: Locale; shown: { status: DisplayStatus; level?: number } }) {
  return <span class={`status s-${shown.status}`}>{displayStatusLabel(shown, lang)}</span>;
}
