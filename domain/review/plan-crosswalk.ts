import type { TPlanFile } from '../plan-schema';
import { itemIssue, KIND_COLLECTION, kindOfCode, stableJson, type TPublicationIssue } from './publication-issue';
import { CrosswalkKind, ReviewItemKind, type TCrosswalkEntry } from './review-proposal';

const KINDS = [ReviewItemKind.OBJECTIVE, ReviewItemKind.LINE_OF_ACTION, ReviewItemKind.INDICATOR, ReviewItemKind.GOAL] as const;

type TItem = { code: string; text: unknown } & Record<string, unknown>;

function itemsOf(plan: TPlanFile, kind: ReviewItemKind): TItem[] {
  return plan[KIND_COLLECTION[kind]] as unknown as TItem[];
}

/** What else than the wording a review can change, by kind (flags and notes are not a change of the item). */
const SUBSTANCE: Record<ReviewItemKind, { target: string | null; other: string[] }> = {
  OBJECTIVE: { target: null, other: ['thematicAreaCode', 'institutionsInCharge'] },
  LINE_OF_ACTION: { target: null, other: [] },
  INDICATOR: { target: null, other: ['unit', 'disaggregation'] },
  GOAL: { target: 'target', other: ['indicatorCode'] },
};

/** UNCHANGED / REWORDED (text only) / RETARGETED (target only) / MODIFIED (anything else, or several). */
function changeOf(kind: ReviewItemKind, before: TItem, after: TItem): CrosswalkKind {
  const differs = (key: string) => stableJson(before[key]) !== stableJson(after[key]);
  const text = differs('text');
  const { target: targetKey, other } = SUBSTANCE[kind];
  const target = targetKey !== null && differs(targetKey);
  const rest = other.some(differs);
  if (!text && !target && !rest) return CrosswalkKind.UNCHANGED;
  if (text && !target && !rest) return CrosswalkKind.REWORDED;
  if (target && !text && !rest) return CrosswalkKind.RETARGETED;
  return CrosswalkKind.MODIFIED;
}

/**
 * The crosswalk that follows from the decisions, when the secretariat gives none: per kind (objectives,
 * lines of action, indicators, goals), every item of the old plan in its order — RETIRED when the new
 * plan no longer has its code, else UNCHANGED, REWORDED, RETARGETED or MODIFIED by comparing the two
 * versions of the item — then every code new in the new plan, ADDED. `notes` (by code) says why an
 * item changed that no proposal was about ("objective 3 retired", "indicator 4.b retired").
 */
export function automaticCrosswalk({ oldPlan, newPlan, notes = new Map() }: { oldPlan: TPlanFile; newPlan: TPlanFile; notes?: ReadonlyMap<string, string> }): TCrosswalkEntry[] {
  const entries: TCrosswalkEntry[] = [];
  for (const kind of KINDS) {
    const after = new Map(itemsOf(newPlan, kind).map((i) => [i.code, i]));
    const before = new Set<string>();
    for (const item of itemsOf(oldPlan, kind)) {
      before.add(item.code);
      const now = after.get(item.code);
      const note = notes.get(item.code);
      const entry: TCrosswalkEntry = now
        ? { kind, change: changeOf(kind, item, now), from: [item.code], to: [item.code] }
        : { kind, change: CrosswalkKind.RETIRED, from: [item.code], to: [] };
      entries.push(note ? { ...entry, note } : entry);
    }
    for (const code of after.keys()) {
      if (!before.has(code)) entries.push({ kind, change: CrosswalkKind.ADDED, from: [], to: [code] });
    }
  }
  return entries;
}

/** How many old and new codes each kind of change links. */
function shapeProblem(entry: TCrosswalkEntry): { es: string; en: string } | null {
  const { from, to } = entry;
  switch (entry.change) {
    case CrosswalkKind.ADDED:
      return from.length === 0 && to.length > 0 ? null : { es: 'una línea ADDED no tiene códigos anteriores y tiene al menos uno nuevo', en: 'an ADDED line has no old code and at least one new one' };
    case CrosswalkKind.RETIRED:
      return to.length === 0 && from.length > 0 ? null : { es: 'una línea RETIRED tiene al menos un código anterior y ninguno nuevo', en: 'a RETIRED line has at least one old code and no new one' };
    case CrosswalkKind.SPLIT:
      return from.length === 1 && to.length >= 2 ? null : { es: 'una línea SPLIT lleva un código anterior a dos o más nuevos', en: 'a SPLIT line takes one old code to two or more new ones' };
    case CrosswalkKind.MERGED:
      return from.length >= 2 && to.length === 1 ? null : { es: 'una línea MERGED lleva dos o más códigos anteriores a uno nuevo', en: 'a MERGED line takes two or more old codes to one new one' };
    default:
      return from.length === 1 && to.length === 1 ? null : { es: `una línea ${entry.change} lleva un código anterior a uno nuevo`, en: `a ${entry.change} line takes one old code to one new one` };
  }
}

/**
 * Checks a crosswalk the secretariat wrote (the whole crosswalk, see ZPublishPlanVersionInput): each line's
 * codes are of its kind and as many as its change says (SPLIT one to several, MERGED several to one, ADDED
 * none to some, RETIRED some to none, the others one to one); every code of the old plan is in exactly one
 * line's `from`, and only codes of the old plan are; every `to` code is in the new plan, and every code of
 * the new plan is in some `to`. Each issue names the code.
 */
export function checkCrosswalk({ oldPlan, newPlan, crosswalk }: { oldPlan: TPlanFile; newPlan: TPlanFile; crosswalk: readonly TCrosswalkEntry[] }): TPublicationIssue[] {
  const issues: TPublicationIssue[] = [];
  const oldCodes = new Map(KINDS.map((k) => [k, new Set(itemsOf(oldPlan, k).map((i) => i.code))]));
  const newCodes = new Map(KINDS.map((k) => [k, new Set(itemsOf(newPlan, k).map((i) => i.code))]));
  const mapped = new Map<string, string>();
  const reached = new Set<string>();
  const from = oldPlan.version;
  const to = newPlan.version;

  crosswalk.forEach((entry, i) => {
    const at = `crosswalk[${i}]`;
    const shape = shapeProblem(entry);
    const first = entry.from[0] ?? entry.to[0] ?? '?';
    if (shape) issues.push(itemIssue(entry.kind, first, at, { es: (item) => `${item}: ${shape.es}`, en: (item) => `${item}: ${shape.en}` }));
    entry.from.forEach((code, j) => {
      const path = `${at}.from[${j}]`;
      if (kindOfCode(code) !== entry.kind || !oldCodes.get(entry.kind)!.has(code)) {
        issues.push(itemIssue(entry.kind, code, path, { es: (item) => `${item} no existe en la versión ${from}`, en: (item) => `${item} is not in version ${from}` }));
        return;
      }
      const twice = mapped.get(`${entry.kind}/${code}`);
      if (twice !== undefined) {
        issues.push(itemIssue(entry.kind, code, path, { es: (item) => `${item} aparece dos veces en la tabla de correspondencia (también en ${twice})`, en: (item) => `${item} is mapped twice (also in ${twice})` }));
      }
      mapped.set(`${entry.kind}/${code}`, path);
    });
    entry.to.forEach((code, j) => {
      if (kindOfCode(code) === entry.kind && newCodes.get(entry.kind)!.has(code)) {
        reached.add(`${entry.kind}/${code}`);
        return;
      }
      issues.push(
        itemIssue(entry.kind, code, `${at}.to[${j}]`, {
          es: (item) => `la tabla de correspondencia lleva a ${item}, que no existe en la versión ${to}`,
          en: (item) => `the crosswalk maps to ${item}, which is not in version ${to}`,
        }),
      );
    });
  });

  for (const kind of KINDS) {
    for (const code of oldCodes.get(kind)!) {
      if (mapped.has(`${kind}/${code}`)) continue;
      issues.push(
        itemIssue(kind, code, 'crosswalk', {
          es: (item) => `${item} de la versión ${from} no aparece en la tabla de correspondencia: diga en qué se convirtió (o RETIRED)`,
          en: (item) => `${item} of version ${from} is left unmapped: say what it became (or RETIRED)`,
        }),
      );
    }
    for (const code of newCodes.get(kind)!) {
      if (reached.has(`${kind}/${code}`)) continue;
      issues.push(
        itemIssue(kind, code, 'crosswalk', {
          es: (item) => `${item} de la versión ${to} no aparece en ningún destino de la tabla de correspondencia (ADDED, si es nuevo)`,
          en: (item) => `${item} of version ${to} is in no line's "to" (ADDED, if it is new)`,
        }),
      );
    }
  }
  return issues;
}
