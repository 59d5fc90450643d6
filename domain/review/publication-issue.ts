import type { TWords } from '../goal-target-text';
import { ReviewItemKind } from './review-proposal';

/**
 * Why a new plan version cannot be published as decided: the item it is about ("goal 4.g2", the stable
 * English name the API's 400 carries), where the problem is (`decisions[SRE/GOAL/4.g2].change.target`,
 * `goals[12].target.value`, `crosswalk[3].to[0]`) and what to do, in es-MX and English.
 */
export type TPublicationIssue = { item: string; path: string; message: TWords };

const KIND_NAMES: Record<ReviewItemKind, TWords> = {
  OBJECTIVE: { 'es-MX': 'objetivo', en: 'objective' },
  LINE_OF_ACTION: { 'es-MX': 'línea de acción', en: 'line of action' },
  INDICATOR: { 'es-MX': 'indicador', en: 'indicator' },
  GOAL: { 'es-MX': 'meta', en: 'goal' },
};

/** "goal 4.g2" / "meta 4.g2". */
export function itemName(kind: ReviewItemKind, code: string): TWords {
  return { 'es-MX': `${KIND_NAMES[kind]['es-MX']} ${code}`, en: `${KIND_NAMES[kind].en} ${code}` };
}

/** An issue about one item; `say` receives the item's name in each language and writes the sentence. */
export function itemIssue(kind: ReviewItemKind, code: string, path: string, say: { es: (item: string) => string; en: (item: string) => string }): TPublicationIssue {
  const name = itemName(kind, code);
  return { item: name.en, path, message: { 'es-MX': say.es(name['es-MX']), en: say.en(name.en) } };
}

/** The plan file's collection of each reviewed kind of item, and back. */
export const KIND_COLLECTION = {
  OBJECTIVE: 'objectives',
  LINE_OF_ACTION: 'linesOfAction',
  INDICATOR: 'indicators',
  GOAL: 'goals',
} as const satisfies Record<ReviewItemKind, string>;

/** The kind of item a plan code is, by its form ("4", "4.2", "4.b", "4.g2"); null for any other code. */
export function kindOfCode(code: string): ReviewItemKind | null {
  if (/^[1-9][0-9]*$/.test(code)) return ReviewItemKind.OBJECTIVE;
  if (/^[1-9][0-9]*\.[1-9][0-9]*$/.test(code)) return ReviewItemKind.LINE_OF_ACTION;
  if (/^[1-9][0-9]*\.[a-z]$/.test(code)) return ReviewItemKind.INDICATOR;
  if (/^[1-9][0-9]*\.g[1-9][0-9]*$/.test(code)) return ReviewItemKind.GOAL;
  return null;
}

/** JSON with object keys sorted (arrays in order): equal content, equal string. */
export function stableJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}
