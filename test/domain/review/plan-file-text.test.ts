import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePlanFile, ZPlanFile, type TPlanFile } from '../../../domain/plan-schema';
import { planFileName, planFileText } from '../../../domain/review/plan-file-text';

const V1_PATH = path.resolve(__dirname, '../../../domain/plans/mx-nap-1325.v1.json');
const v1Text = readFileSync(V1_PATH, 'utf8');
const v1 = parsePlanFile(JSON.parse(v1Text), 'mx-nap-1325.v1.json');

describe('planFileText', () => {
  it('writes v1 with the content and key order of the v1 file: only the layout differs (v1 puts short objects on one line)', () => {
    expect(planFileText(v1)).toBe(`${JSON.stringify(JSON.parse(v1Text), null, 2)}\n`);
    expect(planFileText(v1)).not.toBe(v1Text);
  });

  it('leaves out the defaults parsing adds (needsConfirmation false, dueByPlanYear null), as the v1 file does', () => {
    // What parsing adds to v1: needsConfirmation on every unflagged item, dueByPlanYear on counts and occurrences.
    const parsed = JSON.stringify(ZPlanFile.parse(JSON.parse(v1Text)));
    expect(parsed).toContain('"needsConfirmation":false');
    expect(parsed).toContain('"dueByPlanYear":null');
    const text = planFileText(v1);
    expect(text).not.toContain('"needsConfirmation": false');
    expect(text).not.toContain('"dueByPlanYear": null');
    expect(text).toContain('"needsConfirmation": true');
    // A share's breakdown stays, as in v1.
    expect(text).toContain('"breakdown": "TOTAL"');
  });

  it('parses back to the same plan', () => {
    expect(ZPlanFile.parse(JSON.parse(planFileText(v1)))).toEqual(v1);
  });

  it('orders keys as the schema declares them, whatever order the objects were built in', () => {
    const shuffled = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).reverse());
    const built = {
      ...shuffled(v1 as unknown as Record<string, unknown>),
      goals: v1.goals.map((g) => shuffled({ ...g, notes: 'a note added last', confirmationNote: g.confirmationNote } as unknown as Record<string, unknown>)),
    } as unknown as TPlanFile;
    const text = planFileText(built);
    expect(text.indexOf('"formatVersion"')).toBe(4);
    const goal = JSON.parse(text).goals[0];
    expect(Object.keys(goal)).toEqual(['code', 'objectiveCode', 'indicatorCode', 'text', 'target', 'needsConfirmation', 'confirmationNote', 'notes']);
  });

  it('ends with one newline and keeps non-ASCII characters as they are', () => {
    const text = planFileText(v1);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('Secretaría de Relaciones Exteriores');
  });

  it('names the file after the key and version', () => {
    expect(planFileName({ key: 'MX-NAP-1325', version: 2 })).toBe('mx-nap-1325.v2.json');
  });
});
