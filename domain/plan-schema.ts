import { z } from 'zod';
import { GoalTargetKind, ZGoalTarget, type TGoalTarget } from './goal-target';

/**
 * The plan file: a national action plan in one version, as data (`domain/plans/<key>.v<version>.json`).
 *
 * The file is the source of truth for the plan's texts, targets and assignments; `prisma/seed-plan.ts`
 * loads it into the database. Items are flat, coded lists that point at each other by code (an indicator
 * names its objective, a goal its indicator), so a reviewer can diff one item at a time; {@link ZPlanFile}
 * checks every such reference and reports broken ones with the item's code.
 *
 * Values of the fixed sets below are the same strings as the Prisma enums of the same names, so a parsed
 * file can be written to the database without mapping — but domain/ does not import Prisma.
 */

/** Unit of an indicator's value. */
export const IndicatorUnit = { COUNT: 'COUNT', PERCENTAGE: 'PERCENTAGE', YES_NO: 'YES_NO', TEXT: 'TEXT' } as const;
export type IndicatorUnit = (typeof IndicatorUnit)[keyof typeof IndicatorUnit];

/**
 * How an indicator's value is broken down. SEX for indicators that count people of any sex; NONE for
 * indicators that count things, or only women by definition (their value already is the number of women).
 */
export const Disaggregation = { NONE: 'NONE', SEX: 'SEX' } as const;
export type Disaggregation = (typeof Disaggregation)[keyof typeof Disaggregation];

export const InstitutionKind = {
  FEDERAL_AGENCY: 'FEDERAL_AGENCY',
  INTERNATIONAL_PARTNER: 'INTERNATIONAL_PARTNER',
  TRAINING_CENTER: 'TRAINING_CENTER',
  STATE_AGENCY: 'STATE_AGENCY',
  MUNICIPALITY: 'MUNICIPALITY',
  CIVIL_SOCIETY: 'CIVIL_SOCIETY',
  OTHER: 'OTHER',
} as const;
export type InstitutionKind = (typeof InstitutionKind)[keyof typeof InstitutionKind];

/**
 * Why an institution reports an indicator. The plan never says who reports what, so assignments are
 * derived (`derived: true`) until the secretariat confirms them:
 * - IN_CHARGE_DEFAULT: every institution in charge of the indicator's objective reports it;
 * - NAMED_IN_TEXT: the indicator (or the goal measured on it) restricts what is counted to one named
 *   institution, which reports it (CECOPAM together with SEDENA);
 * - CONFIRMED: stated by the secretariat (`derived: false`).
 */
export const ReporterBasis = {
  IN_CHARGE_DEFAULT: 'IN_CHARGE_DEFAULT',
  NAMED_IN_TEXT: 'NAMED_IN_TEXT',
  CONFIRMED: 'CONFIRMED',
} as const;
export type ReporterBasis = (typeof ReporterBasis)[keyof typeof ReporterBasis];

const ZText = z.string().trim().min(1, 'must not be empty');

/** A text in English (as in the source) and Spanish (translation; official only if the plan says so). */
export const ZBilingualText = z.strictObject({ en: ZText, es: ZText });
export type TBilingualText = z.infer<typeof ZBilingualText>;

/**
 * Marks an item whose source text is cut or ambiguous. `confirmationNote` says what is missing, for the
 * secretariat; `notes` are remarks that need no answer (wording variants, code choices).
 */
const confirmationFields = {
  needsConfirmation: z.boolean().default(false),
  confirmationNote: ZText.optional(),
  notes: ZText.optional(),
};

const institutionCode = z.string().regex(/^[A-Z][A-Z0-9-]*$/, 'must be upper-case letters, digits or "-" (e.g. "SRE")');
const objectiveCode = z.string().regex(/^[1-9][0-9]*$/, 'must be a number without leading zeros (e.g. "3")');
const lineCode = z.string().regex(/^[1-9][0-9]*\.[1-9][0-9]*$/, 'must be "<objective>.<n>" (e.g. "3.2")');
const activityCode = z.string().regex(/^[1-9][0-9]*\.[ivxl]+$/, 'must be "<objective>.<roman numeral>" (e.g. "4.iii")');
const indicatorCode = z.string().regex(/^[1-9][0-9]*\.[a-z]$/, 'must be "<objective>.<letter>" (e.g. "4.b")');
const goalCode = z.string().regex(/^[1-9][0-9]*\.g[1-9][0-9]*$/, 'must be "<objective>.g<n>" (e.g. "4.g2")');

export const ZPlanInstitution = z.strictObject({
  code: institutionCode,
  name: ZBilingualText,
  kind: z.enum(InstitutionKind),
});
export type TPlanInstitution = z.infer<typeof ZPlanInstitution>;

export const ZPlanThematicArea = z.strictObject({
  /** Roman numeral as in Annex 3: "I".."IV". */
  code: z.string().regex(/^[IVX]+$/, 'must be a Roman numeral (e.g. "II")'),
  name: ZBilingualText,
  description: ZBilingualText,
});
export type TPlanThematicArea = z.infer<typeof ZPlanThematicArea>;

export const ZPlanObjective = z.strictObject({
  code: objectiveCode,
  thematicAreaCode: z.string(),
  text: ZBilingualText,
  /** Annex 3, last column, in the order of the annex. */
  institutionsInCharge: z.array(institutionCode).min(1, 'an objective needs at least one institution in charge'),
  ...confirmationFields,
});
export type TPlanObjective = z.infer<typeof ZPlanObjective>;

export const ZPlanLineOfAction = z.strictObject({
  code: lineCode,
  objectiveCode: objectiveCode,
  text: ZBilingualText,
  ...confirmationFields,
});
export type TPlanLineOfAction = z.infer<typeof ZPlanLineOfAction>;

export const ZPlanActivity = z.strictObject({
  code: activityCode,
  objectiveCode: objectiveCode,
  /** The line of action served, only where the annex makes it certain; otherwise null. */
  lineOfActionCode: lineCode.nullable(),
  text: ZBilingualText,
  ...confirmationFields,
});
export type TPlanActivity = z.infer<typeof ZPlanActivity>;

export const ZIndicatorReporter = z.strictObject({
  institutionCode: institutionCode,
  /** True while the assignment is our derivation and not the secretariat's word. */
  derived: z.boolean(),
  basis: z.enum(ReporterBasis),
});
export type TIndicatorReporter = z.infer<typeof ZIndicatorReporter>;

export const ZPlanIndicator = z.strictObject({
  code: indicatorCode,
  objectiveCode: objectiveCode,
  text: ZBilingualText,
  unit: z.enum(IndicatorUnit),
  disaggregation: z.enum(Disaggregation),
  reporters: z.array(ZIndicatorReporter).min(1, 'an indicator needs at least one reporting institution'),
  ...confirmationFields,
});
export type TPlanIndicator = z.infer<typeof ZPlanIndicator>;

export const ZPlanGoal = z.strictObject({
  code: goalCode,
  objectiveCode: objectiveCode,
  /** The indicator the goal is measured on, when that is certain; otherwise null. */
  indicatorCode: indicatorCode.nullable(),
  /** Original wording. */
  text: ZBilingualText,
  /**
   * What the text sets as the goal, in a form the goal rules judge (see domain/goal-target.ts); null where
   * the text gives neither a number nor a rhythm.
   */
  target: ZGoalTarget.nullable(),
  ...confirmationFields,
});
export type TPlanGoal = z.infer<typeof ZPlanGoal>;

/** A task of the working group (section V), shown in the README and the secretariat's pages. */
export const ZCoordinationTask = z.strictObject({
  code: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'must be UPPER_SNAKE_CASE'),
  text: ZBilingualText,
});
export type TCoordinationTask = z.infer<typeof ZCoordinationTask>;

const ZPlanFileShape = z.strictObject({
  /**
   * 2: targets have a `kind` (domain/goal-target.ts). 1: the first format, whose targets
   * (`value`, `comparator`, `period`, `unit`) are still read, as the equivalent kind.
   */
  formatVersion: z.union([z.literal(1), z.literal(2)]),
  /** Stable key across versions, e.g. "MX-NAP-1325". */
  key: z.string().regex(/^[A-Z0-9]+(-[A-Z0-9]+)*$/, 'must be upper-case words joined by "-" (e.g. "MX-NAP-1325")'),
  version: z.number().int().positive(),
  title: ZBilingualText,
  shortTitle: ZBilingualText,
  /** ISO 3166-1 alpha-2. */
  countryCode: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code (e.g. "MX")'),
  /** ISO date of adoption; null when the source does not give it (say why in adoptedOnNote). */
  adoptedOn: z.iso.date().nullable(),
  adoptedOnNote: ZText.optional(),
  /** Whether the Spanish texts are the official wording (false: our unofficial translation). */
  spanishOfficial: z.boolean(),
  source: z.strictObject({ description: ZText, spanishNote: ZText.optional() }),
  /** How the source was turned into data: the rules a reviewer needs to check the file. */
  conventions: z.array(ZText),
  institutions: z.array(ZPlanInstitution).min(1),
  thematicAreas: z.array(ZPlanThematicArea).min(1),
  objectives: z.array(ZPlanObjective).min(1),
  linesOfAction: z.array(ZPlanLineOfAction),
  activities: z.array(ZPlanActivity),
  indicators: z.array(ZPlanIndicator),
  goals: z.array(ZPlanGoal),
  coordinationTasks: z.array(ZCoordinationTask),
});

type TPlanFileShape = z.infer<typeof ZPlanFileShape>;
type Ctx = z.RefinementCtx;

/** The objective a child code belongs to: "4" for "4.b", "4.iii", "4.g2" and "4.2". */
function objectiveOf(code: string): string {
  return code.slice(0, code.indexOf('.'));
}

function checkUnique(ctx: Ctx, items: readonly { code: string }[], collection: string): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const first = seen.get(item.code);
    if (first === undefined) {
      seen.set(item.code, i);
      return;
    }
    ctx.addIssue({
      code: 'custom',
      path: [collection, i, 'code'],
      message: `duplicate code "${item.code}" (already used by ${collection}[${first}])`,
    });
  });
}

function checkConfirmation(
  ctx: Ctx,
  items: readonly { code: string; needsConfirmation: boolean; confirmationNote?: string }[],
  collection: string,
  label: string,
): void {
  items.forEach((item, i) => {
    if (item.needsConfirmation && !item.confirmationNote) {
      ctx.addIssue({
        code: 'custom',
        path: [collection, i, 'confirmationNote'],
        message: `${label} ${item.code} needs confirmation but has no confirmationNote saying what is missing`,
      });
    }
    if (!item.needsConfirmation && item.confirmationNote) {
      ctx.addIssue({
        code: 'custom',
        path: [collection, i, 'needsConfirmation'],
        message: `${label} ${item.code} has a confirmationNote but needsConfirmation is false (use "notes" for remarks)`,
      });
    }
  });
}

/**
 * A target is judged on values that add up across institutions, so its indicators must be COUNT ones; a
 * share's breakdown by sex needs an indicator broken down by sex; a missing period or a share without a
 * denominator indicator leaves the goal not evaluable, which is allowed only while it needs confirmation.
 */
function checkTarget({
  ctx,
  goal,
  target,
  path,
  indicators,
}: {
  ctx: Ctx;
  goal: TPlanGoal;
  target: TGoalTarget;
  path: (string | number)[];
  indicators: ReadonlyMap<string, TPlanIndicator>;
}): void {
  const issue = (at: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path: [...path, ...at], message });
  const measured = (indicatorCode: string | null, breakdown: string, at: (string | number)[]) => {
    const indicator = indicatorCode === null ? undefined : indicators.get(indicatorCode);
    if (!indicator) return;
    if (indicator.unit !== IndicatorUnit.COUNT) {
      issue(at, `goal ${goal.code}: has a numeric target but its indicator ${indicator.code} is ${indicator.unit}; targets are judged on COUNT values, which add up across institutions`);
    } else if (breakdown !== 'TOTAL' && indicator.disaggregation !== Disaggregation.SEX) {
      issue(at, `goal ${goal.code}: counts ${breakdown} on indicator ${indicator.code}, which is not broken down by sex`);
    }
  };
  measured(goal.indicatorCode, target.kind === GoalTargetKind.SHARE ? target.breakdown : 'TOTAL', []);
  if ('counting' in target && target.counting === null && !goal.needsConfirmation) {
    issue(['counting'], `goal ${goal.code}: target counting is null (period not stated), which is only allowed while the goal needs confirmation`);
  }
  if (target.kind !== GoalTargetKind.SHARE) return;
  const { denominator } = target;
  if (denominator.indicatorCode === null) {
    if (!goal.needsConfirmation) {
      issue(['denominator', 'indicatorCode'], `goal ${goal.code}: a share without a denominator indicator cannot be judged; mark the goal needsConfirmation and say which figure is missing`);
    }
    return;
  }
  if (!indicators.has(denominator.indicatorCode)) {
    issue(['denominator', 'indicatorCode'], `goal ${goal.code}: unknown denominator indicator "${denominator.indicatorCode}"`);
    return;
  }
  measured(denominator.indicatorCode, denominator.breakdown, ['denominator']);
}

/** Every cross-reference of the file, reported with the code of the item that breaks it. */
function checkReferences(plan: TPlanFileShape, ctx: Ctx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });

  checkUnique(ctx, plan.institutions, 'institutions');
  checkUnique(ctx, plan.thematicAreas, 'thematicAreas');
  checkUnique(ctx, plan.objectives, 'objectives');
  checkUnique(ctx, plan.linesOfAction, 'linesOfAction');
  checkUnique(ctx, plan.activities, 'activities');
  checkUnique(ctx, plan.indicators, 'indicators');
  checkUnique(ctx, plan.goals, 'goals');
  checkUnique(ctx, plan.coordinationTasks, 'coordinationTasks');

  checkConfirmation(ctx, plan.objectives, 'objectives', 'objective');
  checkConfirmation(ctx, plan.linesOfAction, 'linesOfAction', 'line of action');
  checkConfirmation(ctx, plan.activities, 'activities', 'activity');
  checkConfirmation(ctx, plan.indicators, 'indicators', 'indicator');
  checkConfirmation(ctx, plan.goals, 'goals', 'goal');

  if (plan.adoptedOn === null && !plan.adoptedOnNote) {
    issue(['adoptedOnNote'], 'adoptedOn is null: say in adoptedOnNote why the adoption date is unknown');
  }

  const institutions = new Set(plan.institutions.map((i) => i.code));
  const areas = new Set(plan.thematicAreas.map((a) => a.code));
  const objectives = new Map(plan.objectives.map((o) => [o.code, o]));
  const lines = new Map(plan.linesOfAction.map((l) => [l.code, l]));
  const indicators = new Map(plan.indicators.map((i) => [i.code, i]));
  const knownInstitutions = [...institutions].join(', ');

  plan.objectives.forEach((o, i) => {
    if (!areas.has(o.thematicAreaCode)) {
      issue(['objectives', i, 'thematicAreaCode'], `objective ${o.code}: unknown thematic area "${o.thematicAreaCode}"`);
    }
    const seen = new Set<string>();
    o.institutionsInCharge.forEach((code, j) => {
      if (!institutions.has(code)) {
        issue(
          ['objectives', i, 'institutionsInCharge', j],
          `objective ${o.code}: institution in charge "${code}" is not listed in institutions (${knownInstitutions})`,
        );
      }
      if (seen.has(code)) issue(['objectives', i, 'institutionsInCharge', j], `objective ${o.code}: "${code}" listed twice`);
      seen.add(code);
    });
  });

  const children: [string, readonly { code: string; objectiveCode: string }[], string][] = [
    ['linesOfAction', plan.linesOfAction, 'line of action'],
    ['activities', plan.activities, 'activity'],
    ['indicators', plan.indicators, 'indicator'],
    ['goals', plan.goals, 'goal'],
  ];
  for (const [collection, items, label] of children) {
    items.forEach((item, i) => {
      if (!objectives.has(item.objectiveCode)) {
        issue([collection, i, 'objectiveCode'], `${label} ${item.code}: unknown objective "${item.objectiveCode}"`);
      } else if (objectiveOf(item.code) !== item.objectiveCode) {
        issue(
          [collection, i, 'code'],
          `${label} ${item.code}: code does not start with its objective "${item.objectiveCode}." (objective mismatch)`,
        );
      }
    });
  }

  plan.activities.forEach((a, i) => {
    if (a.lineOfActionCode === null) return;
    const line = lines.get(a.lineOfActionCode);
    if (!line) {
      issue(['activities', i, 'lineOfActionCode'], `activity ${a.code}: unknown line of action "${a.lineOfActionCode}"`);
    } else if (line.objectiveCode !== a.objectiveCode) {
      issue(
        ['activities', i, 'lineOfActionCode'],
        `activity ${a.code}: line of action ${line.code} belongs to objective ${line.objectiveCode}, not ${a.objectiveCode}`,
      );
    }
  });

  plan.indicators.forEach((ind, i) => {
    const objective = objectives.get(ind.objectiveCode);
    const seen = new Set<string>();
    ind.reporters.forEach((r, j) => {
      const path = ['indicators', i, 'reporters', j];
      if (!institutions.has(r.institutionCode)) {
        issue([...path, 'institutionCode'], `indicator ${ind.code}: reporter "${r.institutionCode}" is not listed in institutions (${knownInstitutions})`);
      }
      if (seen.has(r.institutionCode)) issue(path, `indicator ${ind.code}: reporter "${r.institutionCode}" listed twice`);
      seen.add(r.institutionCode);
      if (r.derived !== (r.basis !== ReporterBasis.CONFIRMED)) {
        issue([...path, 'derived'], `indicator ${ind.code}: reporter "${r.institutionCode}" must be derived unless its basis is CONFIRMED (and vice versa)`);
      }
      if (r.basis === ReporterBasis.IN_CHARGE_DEFAULT && objective && !objective.institutionsInCharge.includes(r.institutionCode)) {
        issue(
          [...path, 'basis'],
          `indicator ${ind.code}: reporter "${r.institutionCode}" has basis IN_CHARGE_DEFAULT but is not in charge of objective ${objective.code}`,
        );
      }
    });
  });

  plan.goals.forEach((g, i) => {
    const indicator = g.indicatorCode === null ? undefined : indicators.get(g.indicatorCode);
    if (g.indicatorCode !== null && !indicator) {
      issue(['goals', i, 'indicatorCode'], `goal ${g.code}: unknown indicator "${g.indicatorCode}"`);
    }
    if (indicator && indicator.objectiveCode !== g.objectiveCode) {
      issue(
        ['goals', i, 'indicatorCode'],
        `goal ${g.code}: indicator ${indicator.code} belongs to objective ${indicator.objectiveCode}, not ${g.objectiveCode}`,
      );
    }
    if (g.target) checkTarget({ ctx, goal: g, target: g.target, path: ['goals', i, 'target'], indicators });
  });

  plan.objectives.forEach((o, i) => {
    if (!plan.indicators.some((ind) => ind.objectiveCode === o.code)) {
      issue(['objectives', i], `objective ${o.code} has no indicator: it could not be monitored`);
    }
    if (!plan.linesOfAction.some((l) => l.objectiveCode === o.code)) {
      issue(['objectives', i], `objective ${o.code} has no line of action`);
    }
  });
}

/**
 * The plan file schema with every cross-reference checked: unique codes per list; objectives point at
 * existing thematic areas and listed institutions; lines, activities, indicators and goals point at an
 * existing objective that matches their code prefix; an activity's line and a goal's indicator belong to
 * the same objective; reporters are listed institutions (and, when derived by the default rule, in charge
 * of the objective); a target is measured on COUNT indicators (a share's denominator too, and a breakdown
 * by sex only where the indicator has one); a flagged item says what is missing. Messages name the item's
 * code ("indicator 4.b: …").
 */
export const ZPlanFile = ZPlanFileShape.superRefine(checkReferences);
export type TPlanFile = z.infer<typeof ZPlanFile>;

/** Thrown by {@link parsePlanFile}; its message lists every problem, one per line, with its path. */
export class PlanFileError extends Error {
  override name = 'PlanFileError';
  constructor(
    message: string,
    readonly issues: readonly { path: string; message: string }[],
  ) {
    super(message);
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    return acc === '' ? String(key) : `${acc}.${String(key)}`;
  }, '');
}

/**
 * Parses and validates a plan file's JSON value. Throws {@link PlanFileError} whose message lists each
 * problem as `  <path>: <message>`, e.g. `  indicators[7].reporters[0].institutionCode: indicator 4.b:
 * reporter "SEDNA" is not listed in institutions (…)`. `source` (a file name) prefixes the message.
 */
export function parsePlanFile(json: unknown, source = 'plan file'): TPlanFile {
  const result = ZPlanFile.safeParse(json);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: formatPath(i.path) || '(file)', message: i.message }));
  const lines = issues.map((i) => `  ${i.path}: ${i.message}`);
  throw new PlanFileError(`Invalid ${source}:\n${lines.join('\n')}`, issues);
}
