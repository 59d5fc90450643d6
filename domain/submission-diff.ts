/** One value of a version, as compared: which indicator and breakdown, the value as read, its comment. */
export interface ComparedValue {
  code: string;
  breakdown: string;
  value: string | null;
  comment?: string;
}

export interface ValueChange<T extends ComparedValue = ComparedValue> {
  code: string;
  breakdown: string;
  before?: T;
  after?: T;
}

const key = (v: ComparedValue) => `${v.code}|${v.breakdown}`;

/**
 * What changed from one version of a report to another: every indicator and breakdown whose value or
 * comment differs, was added or was removed, in the order of `order` (the plan's indicator codes), TOTAL
 * before WOMEN before MEN. Identical versions give no change.
 */
export function diffValues<T extends ComparedValue>(before: readonly T[], after: readonly T[], order: readonly string[]): ValueChange<T>[] {
  const old = new Map(before.map((v) => [key(v), v]));
  const now = new Map(after.map((v) => [key(v), v]));
  const rank = (b: string) => ['TOTAL', 'WOMEN', 'MEN'].indexOf(b);
  const changes: ValueChange<T>[] = [];
  for (const k of new Set([...old.keys(), ...now.keys()])) {
    const a = old.get(k);
    const b = now.get(k);
    if (a && b && a.value === b.value && (a.comment ?? '') === (b.comment ?? '')) continue;
    const [code, breakdown] = k.split('|');
    changes.push({ code, breakdown, ...(a ? { before: a } : {}), ...(b ? { after: b } : {}) });
  }
  return changes.sort((x, y) => order.indexOf(x.code) - order.indexOf(y.code) || x.code.localeCompare(y.code, 'en', { numeric: true }) || rank(x.breakdown) - rank(y.breakdown));
}
