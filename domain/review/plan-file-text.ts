import { ZPlanFile, type TPlanFile } from '../plan-schema';

/**
 * Keys whose value is left out of the written file when it equals the schema's default, as the
 * hand-written v1 file does: an item carries `needsConfirmation` only when it is true, and a target its
 * `dueByPlanYear` only when there is one. (A share's `breakdown: "TOTAL"`, also a default, is written: v1
 * writes it, and a reader of a percentage wants to see what it is a percentage of.)
 */
const OMITTED_DEFAULTS: Readonly<Record<string, unknown>> = { needsConfirmation: false, dueByPlanYear: null };

function withoutDefaults(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDefaults);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key, v]) => v !== undefined && !(key in OMITTED_DEFAULTS && OMITTED_DEFAULTS[key] === v))
      .map(([key, v]) => [key, withoutDefaults(v)]),
  );
}

/**
 * A plan version as the text of its file (`domain/plans/<key>.v<version>.json`, `PlanFile.content`):
 * `JSON.stringify(plan, null, 2)` and a newline, UTF-8 without escapes, keys in the order {@link ZPlanFile}
 * declares them at every level (the order of the v1 file), so two versions diff item by item whatever
 * order the plan's objects were built in. The plan is validated on the way (a plan ZPlanFile refuses
 * throws its ZodError: callers write only plans they have validated). Defaults are left out as in v1
 * (see {@link OMITTED_DEFAULTS}); parsing the text gives the same plan back.
 *
 * The v1 file itself is laid out by hand (short objects on one line); its content, key order included,
 * is exactly what this writes, only the whitespace differs (test/domain/review/plan-file-text.test.ts).
 */
export function planFileText(plan: TPlanFile): string {
  // Zod builds its output in the shape's key order, which is the file's order.
  const ordered = ZPlanFile.parse(plan);
  return `${JSON.stringify(withoutDefaults(ordered), null, 2)}\n`;
}

/** The file name of a plan version: `mx-nap-1325.v2.json`. */
export function planFileName({ key, version }: { key: string; version: number }): string {
  return `${key.toLowerCase()}.v${version}.json`;
}
