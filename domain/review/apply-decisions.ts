import { ZGoalTarget } from '../goal-target';
import {
  ReporterBasis,
  ZPlanFile,
  type TPlanActivity,
  type TPlanFile,
  type TPlanGoal,
  type TPlanIndicator,
  type TPlanLineOfAction,
  type TPlanObjective,
} from '../plan-schema';
import { automaticCrosswalk, checkCrosswalk } from './plan-crosswalk';
import { itemIssue, KIND_COLLECTION, kindOfCode, stableJson, type TPublicationIssue } from './publication-issue';
import {
  DecisionKind,
  ProposalAction,
  ReviewItemKind,
  type TCrosswalkEntry,
  type TProposalChange,
  type TReviewProposal,
} from './review-proposal';

/** One institution's proposal with the secretariat's decision on it. */
export type TDecidedProposal = {
  institutionCode: string;
  proposal: TReviewProposal;
  decision: DecisionKind;
  /** For ACCEPTED_WITH_CHANGES: the change as accepted, which replaces the proposal's. */
  acceptedChange?: TProposalChange | null;
};

export type TApplyDecisionsResult = { ok: true; plan: TPlanFile; crosswalk: TCrosswalkEntry[] } | { ok: false; issues: TPublicationIssue[] };

/** An accepted proposal as it will be applied: one per item (equal proposals of several institutions merged). */
type TAccepted = {
  kind: ReviewItemKind;
  code: string;
  action: ProposalAction;
  objectiveCode: string | null;
  change: TProposalChange;
  institutions: string[];
  path: string;
};

/** What a MODIFY may change, by kind of item. */
const CHANGEABLE: Record<ReviewItemKind, readonly (keyof TProposalChange)[]> = {
  OBJECTIVE: ['text'],
  LINE_OF_ACTION: ['text'],
  INDICATOR: ['text', 'unit', 'disaggregation'],
  GOAL: ['text', 'target', 'indicatorCode'],
};

const newText = (old: { en: string; es: string }, change: TProposalChange) => ({ en: change.text?.en ?? old.en, es: change.text?.es ?? old.es });

/** The accepted proposals, one per item; conflicting acceptances on one item become issues naming it. */
function acceptedByItem(decided: readonly TDecidedProposal[], issues: TPublicationIssue[]): Map<string, TAccepted> {
  const groups = new Map<string, TAccepted[]>();
  for (const d of decided) {
    if (d.decision === DecisionKind.REJECTED) continue;
    const p = d.proposal;
    const change = (d.decision === DecisionKind.ACCEPTED_WITH_CHANGES ? d.acceptedChange : undefined) ?? p.change ?? {};
    const accepted: TAccepted = {
      kind: p.kind,
      code: p.code,
      action: p.action,
      objectiveCode: p.objectiveCode ?? null,
      change,
      institutions: [d.institutionCode],
      path: `decisions[${d.institutionCode}/${p.kind}/${p.code}]`,
    };
    const key = `${p.kind}/${p.code}`;
    groups.set(key, [...(groups.get(key) ?? []), accepted]);
  }
  const byItem = new Map<string, TAccepted>();
  for (const [key, group] of groups) {
    const effect = (a: TAccepted) => stableJson({ action: a.action, objectiveCode: a.objectiveCode, change: a.change });
    const [first] = group;
    if (group.every((a) => effect(a) === effect(first))) {
      byItem.set(key, { ...first, institutions: group.map((a) => a.institutions[0]).sort() });
      continue;
    }
    const who = group.map((a) => `${a.institutions[0]} (${a.action})`).join(', ');
    issues.push(
      itemIssue(first.kind, first.code, group.map((a) => a.path).join(' '), {
        es: (item) => `se aceptaron propuestas distintas sobre ${item}: ${who}; rechace todas menos una, o acéptelas con el mismo cambio`,
        en: (item) => `different proposals on ${item} were accepted: ${who}; reject all but one, or accept them with the same change`,
      }),
    );
  }
  return byItem;
}

/** The objective a child code belongs to ("4" for "4.b"). */
const objectiveOf = (code: string) => code.slice(0, code.indexOf('.'));

/** Inserts `item` after the last item of its objective (at the end when the objective has none yet). */
function insertInObjective<T extends { objectiveCode: string }>(list: T[], item: T): T[] {
  let at = -1;
  list.forEach((x, i) => {
    if (x.objectiveCode === item.objectiveCode) at = i;
  });
  return at === -1 ? [...list, item] : [...list.slice(0, at + 1), item, ...list.slice(at + 1)];
}

function flagged<T extends { needsConfirmation: boolean; confirmationNote?: string }>(item: T, note: string): T {
  return { ...item, needsConfirmation: true, confirmationNote: item.confirmationNote ? `${item.confirmationNote} ${note}` : note };
}

/** The plan file's issues after applying, each named by the item it is about. */
function schemaIssues(plan: TPlanFile): TPublicationIssue[] {
  const parsed = ZPlanFile.safeParse(plan);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => {
    const [collection, index] = issue.path;
    const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
    const kind = (Object.keys(KIND_COLLECTION) as ReviewItemKind[]).find((k) => KIND_COLLECTION[k] === collection);
    const code = kind && typeof index === 'number' ? (plan[KIND_COLLECTION[kind]][index] as { code: string } | undefined)?.code : undefined;
    if (kind && code) {
      return itemIssue(kind, code, path, { es: (item) => `${item}: el plan resultante no es válido: ${issue.message}`, en: (item) => `${item}: ${issue.message}` });
    }
    return { item: `plan ${plan.key} v${plan.version}`, path, message: { 'es-MX': `El plan resultante no es válido: ${issue.message}`, en: issue.message } };
  });
}

/**
 * The plan's next version: the old plan file with the accepted (or accepted-with-changes) proposals of a
 * review applied, `version + 1`, `adoptedOn` as given, validated with {@link ZPlanFile}, and its crosswalk;
 * or every reason it cannot be published, each naming the item ("goal 4.g2"). Pure.
 *
 * Rules:
 * - REJECTED proposals and accepted KEEPs change nothing. Accepted proposals of several institutions on one
 *   item must say the same (same action, same change): otherwise an issue names the item.
 * - MODIFY changes the wording (either language may be left as it was), an indicator's unit and breakdown,
 *   a goal's target (null: no target) and the indicator it is measured on; any other field is an issue.
 *   Confirmation flags and notes stay as they were.
 * - RETIRE removes the item. Retiring an objective removes its lines of action, activities, indicators and
 *   goals (each RETIRED in the crosswalk, noted "objective N retired"). Retiring an indicator does not
 *   refuse the goals measured on it: their `indicatorCode` (and a share's denominator that points at it)
 *   becomes null and the goal is marked needsConfirmation saying so, so the goal shows as not evaluable
 *   and comes back in the next review instead of silently measuring something else; its crosswalk line
 *   is MODIFIED with that note. Retiring a line of action unlinks its activities the same way.
 * - ADD inserts the item after the last item of its objective, with the code proposed: it must be of the
 *   kind's form, start with its objective ("4.e" under "4"), not exist, and not be a code an earlier
 *   version retired (a code means one thing across versions). A new indicator needs its unit and breakdown;
 *   its reporters are the institutions in charge of its objective (derived, IN_CHARGE_DEFAULT, as the plan
 *   derives every reporter). A new objective is in charge of the institutions that proposed it, in the
 *   thematic area where they are in charge (an issue when that is not one area), and needs a line of action
 *   and an indicator added with it (the plan file's own rule).
 * - KEEP or MODIFY of an item retired by this review (its objective retired) or by an earlier version
 *   (`retiredEarlier`, codes) is an issue; so is any proposal on a code the plan does not have.
 * - A target the goal-target schema refuses, or that the plan file's cross checks refuse once applied
 *   (a COUNT target on a PERCENTAGE indicator, a period left null on a goal not needing confirmation…), is
 *   an issue naming the goal.
 * - The crosswalk is `crosswalk` when given (checked: see {@link checkCrosswalk}), else the one that
 *   follows from the decisions ({@link automaticCrosswalk}). Splits and merges need the given one.
 */
export function applyDecisions({
  plan,
  decided,
  crosswalk,
  adoptedOn,
  retiredEarlier = new Set(),
}: {
  plan: TPlanFile;
  decided: readonly TDecidedProposal[];
  crosswalk?: readonly TCrosswalkEntry[];
  /** ISO date of the new version's adoption. */
  adoptedOn: string;
  /** Codes of items that earlier versions retired. */
  retiredEarlier?: ReadonlySet<string>;
}): TApplyDecisionsResult {
  const issues: TPublicationIssue[] = [];
  const accepted = acceptedByItem(decided, issues);
  const exists = (kind: ReviewItemKind, code: string) => (plan[KIND_COLLECTION[kind]] as { code: string }[]).some((i) => i.code === code);
  const issue = (a: TAccepted, at: string, es: (item: string) => string, en: (item: string) => string) => issues.push(itemIssue(a.kind, a.code, `${a.path}${at}`, { es, en }));

  // Retirements first: what they remove decides what else may be changed.
  const retiredObjectives = new Set<string>();
  const retired = new Map<string, string>(); // code → crosswalk note ("" for the retired item itself)
  for (const a of accepted.values()) {
    if (a.action !== ProposalAction.RETIRE || !exists(a.kind, a.code) || retiredEarlier.has(a.code)) continue;
    retired.set(a.code, '');
    if (a.kind === ReviewItemKind.OBJECTIVE) retiredObjectives.add(a.code);
  }
  for (const o of retiredObjectives) {
    for (const child of [...plan.linesOfAction, ...plan.indicators, ...plan.goals]) {
      if (child.objectiveCode === o && !retired.has(child.code)) retired.set(child.code, `objective ${o} retired`);
    }
  }

  const addedObjectives = new Map<string, TAccepted>();
  for (const a of accepted.values()) {
    if (a.action === ProposalAction.ADD && a.kind === ReviewItemKind.OBJECTIVE) addedObjectives.set(a.code, a);
  }
  const objectiveInNewPlan = (code: string) => (exists(ReviewItemKind.OBJECTIVE, code) && !retiredObjectives.has(code)) || addedObjectives.has(code);

  for (const a of accepted.values()) {
    if (a.action === ProposalAction.ADD) {
      if (kindOfCode(a.code) !== a.kind) {
        issue(a, '.code', (item) => `${item}: el código no tiene la forma de su tipo`, (item) => `${item}: the code is not of its kind's form`);
      } else if (exists(a.kind, a.code)) {
        issue(a, '.code', (item) => `${item} ya existe: un elemento nuevo necesita un código nuevo`, (item) => `${item} already exists: a new item needs a new code`);
      } else if (retiredEarlier.has(a.code)) {
        issue(a, '.code', (item) => `${item} fue retirado en una versión anterior: un elemento nuevo necesita un código nuevo`, (item) => `${item} was retired by an earlier version: a new item needs a new code`);
      } else if (a.kind !== ReviewItemKind.OBJECTIVE && (a.objectiveCode === null || objectiveOf(a.code) !== a.objectiveCode)) {
        issue(a, '.objectiveCode', (item) => `${item}: el código debe empezar con el de su objetivo (${a.objectiveCode}.)`, (item) => `${item}: the code must start with its objective's (${a.objectiveCode}.)`);
      } else if (a.kind !== ReviewItemKind.OBJECTIVE && !objectiveInNewPlan(a.objectiveCode!)) {
        issue(a, '.objectiveCode', (item) => `${item}: el objetivo ${a.objectiveCode} no está en la nueva versión`, (item) => `${item}: objective ${a.objectiveCode} is not in the new version`);
      } else if (a.kind === ReviewItemKind.INDICATOR && (!a.change.unit || !a.change.disaggregation)) {
        issue(a, '.change', (item) => `${item}: un indicador nuevo necesita su unidad y su desglose`, (item) => `${item}: a new indicator needs its unit and breakdown`);
      }
      continue;
    }
    if (retiredEarlier.has(a.code)) {
      issue(a, '', (item) => `${item} fue retirado en una versión anterior y ya no se puede conservar, modificar ni retirar`, (item) => `${item} was retired by an earlier version: it cannot be kept, modified or retired`);
      continue;
    }
    if (!exists(a.kind, a.code)) {
      issue(a, '.code', (item) => `${item} no existe en la versión ${plan.version} del plan`, (item) => `${item} is not in version ${plan.version} of the plan`);
      continue;
    }
    if (a.action === ProposalAction.RETIRE) continue;
    if (retired.has(a.code)) {
      const why = retired.get(a.code)!;
      issue(
        a,
        '',
        (item) => `${item} se retira en esta revisión (${why.replace(/^objective (\S+) retired$/, 'se retira el objetivo $1')}): no se puede ${a.action === ProposalAction.KEEP ? 'conservar' : 'modificar'}`,
        (item) => `${item} is retired by this review (${why}): it cannot be ${a.action === ProposalAction.KEEP ? 'kept' : 'modified'}`,
      );
      continue;
    }
  }
  for (const a of accepted.values()) {
    if (a.action !== ProposalAction.MODIFY && a.action !== ProposalAction.ADD) continue;
    if (a.action === ProposalAction.MODIFY && !exists(a.kind, a.code)) continue;
    for (const field of Object.keys(a.change) as (keyof TProposalChange)[]) {
      if (a.change[field] === undefined || CHANGEABLE[a.kind].includes(field)) continue;
      issue(a, `.change.${field}`, (item) => `${item}: "${field}" no es algo que se pueda cambiar en este tipo de elemento`, (item) => `${item}: "${field}" cannot be changed on this kind of item`);
    }
    const target = a.change.target;
    if (a.kind !== ReviewItemKind.GOAL || target === undefined || target === null) continue;
    const parsed = ZGoalTarget.safeParse(target);
    if (parsed.success) continue;
    for (const zi of parsed.error.issues) {
      issue(a, `.change.target${zi.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}`, (item) => `${item}: la meta propuesta no es válida: ${zi.message}`, (item) => `${item}: the target is refused: ${zi.message}`);
    }
  }
  // New objectives: in charge of their proposers, in the area where those are in charge.
  const newObjectives: TPlanObjective[] = [];
  for (const a of addedObjectives.values()) {
    const areas = new Set(plan.objectives.filter((o) => o.institutionsInCharge.some((c) => a.institutions.includes(c))).map((o) => o.thematicAreaCode));
    if (areas.size !== 1) {
      issue(
        a,
        '',
        (item) => `${item}: no se sabe en qué área temática va (${a.institutions.join(', ')} tiene${a.institutions.length > 1 ? 'n' : ''} objetivos a cargo en ${areas.size === 0 ? 'ninguna área' : 'varias áreas'})`,
        (item) => `${item}: its thematic area is unknown (${a.institutions.join(', ')} in charge of objectives in ${areas.size === 0 ? 'no area' : 'several areas'})`,
      );
      continue;
    }
    newObjectives.push({ code: a.code, thematicAreaCode: [...areas][0], text: newText({ en: '', es: '' }, a.change), institutionsInCharge: a.institutions, needsConfirmation: false });
  }
  if (issues.length > 0) return { ok: false, issues };

  const next = buildPlan({ plan, accepted: [...accepted.values()], retired, newObjectives, adoptedOn });
  const planIssues = schemaIssues(next.plan);
  if (planIssues.length > 0) return { ok: false, issues: planIssues };
  const newPlan = ZPlanFile.parse(next.plan);
  if (crosswalk) {
    const crosswalkIssues = checkCrosswalk({ oldPlan: plan, newPlan, crosswalk });
    if (crosswalkIssues.length > 0) return { ok: false, issues: crosswalkIssues };
    return { ok: true, plan: newPlan, crosswalk: [...crosswalk] };
  }
  return { ok: true, plan: newPlan, crosswalk: automaticCrosswalk({ oldPlan: plan, newPlan, notes: next.notes }) };
}

/** The new plan from checked decisions, and the crosswalk notes of the items changed as a consequence. */
function buildPlan({
  plan,
  accepted,
  retired,
  newObjectives,
  adoptedOn,
}: {
  plan: TPlanFile;
  accepted: readonly TAccepted[];
  retired: ReadonlyMap<string, string>;
  newObjectives: readonly TPlanObjective[];
  adoptedOn: string;
}): { plan: TPlanFile; notes: Map<string, string> } {
  const notes = new Map([...retired].filter(([, note]) => note !== ''));
  const modify = new Map(accepted.filter((a) => a.action === ProposalAction.MODIFY).map((a) => [`${a.kind}/${a.code}`, a.change]));
  const adds = (kind: ReviewItemKind) => accepted.filter((a) => a.action === ProposalAction.ADD && a.kind === kind);
  const kept = <T extends { code: string }>(items: readonly T[]) => items.filter((i) => !retired.has(i.code));
  const next = `version ${plan.version + 1}`;

  const objectives = [
    ...kept(plan.objectives).map((o) => {
      const change = modify.get(`OBJECTIVE/${o.code}`);
      return change ? { ...o, text: newText(o.text, change) } : o;
    }),
    ...newObjectives,
  ];
  const inCharge = new Map(objectives.map((o) => [o.code, o.institutionsInCharge]));

  let linesOfAction: TPlanLineOfAction[] = kept(plan.linesOfAction).map((l) => {
    const change = modify.get(`LINE_OF_ACTION/${l.code}`);
    return change ? { ...l, text: newText(l.text, change) } : l;
  });
  for (const a of adds(ReviewItemKind.LINE_OF_ACTION)) {
    linesOfAction = insertInObjective(linesOfAction, { code: a.code, objectiveCode: a.objectiveCode!, text: newText({ en: '', es: '' }, a.change), needsConfirmation: false });
  }

  const activities: TPlanActivity[] = plan.activities
    .filter((act) => !retired.has(act.objectiveCode))
    .map((act) =>
      act.lineOfActionCode !== null && retired.has(act.lineOfActionCode)
        ? flagged({ ...act, lineOfActionCode: null }, `Line of action ${act.lineOfActionCode} was retired in ${next}: say which line this activity serves.`)
        : act,
    );

  let indicators: TPlanIndicator[] = kept(plan.indicators).map((ind) => {
    const change = modify.get(`INDICATOR/${ind.code}`);
    if (!change) return ind;
    return { ...ind, text: newText(ind.text, change), unit: change.unit ?? ind.unit, disaggregation: change.disaggregation ?? ind.disaggregation };
  });
  for (const a of adds(ReviewItemKind.INDICATOR)) {
    const reporters = (inCharge.get(a.objectiveCode!) ?? []).map((institutionCode) => ({ institutionCode, derived: true, basis: ReporterBasis.IN_CHARGE_DEFAULT }));
    indicators = insertInObjective(indicators, {
      code: a.code,
      objectiveCode: a.objectiveCode!,
      text: newText({ en: '', es: '' }, a.change),
      unit: a.change.unit!,
      disaggregation: a.change.disaggregation!,
      reporters,
      needsConfirmation: false,
    });
  }

  const retiredIndicator = (code: string | null) => code !== null && retired.has(code);
  let goals: TPlanGoal[] = kept(plan.goals).map((g) => {
    const change = modify.get(`GOAL/${g.code}`);
    let goal: TPlanGoal = change
      ? {
          ...g,
          text: newText(g.text, change),
          target: change.target === undefined ? g.target : change.target,
          indicatorCode: change.indicatorCode === undefined ? g.indicatorCode : change.indicatorCode,
        }
      : g;
    if (retiredIndicator(goal.indicatorCode)) {
      notes.set(g.code, `indicator ${goal.indicatorCode} retired`);
      goal = flagged({ ...goal, indicatorCode: null }, `Indicator ${goal.indicatorCode} was retired in ${next}: say which indicator measures this goal.`);
    }
    if (goal.target?.kind === 'SHARE' && retiredIndicator(goal.target.denominator.indicatorCode)) {
      const gone = goal.target.denominator.indicatorCode;
      notes.set(g.code, `indicator ${gone} retired`);
      goal = flagged({ ...goal, target: { ...goal.target, denominator: { ...goal.target.denominator, indicatorCode: null } } }, `Indicator ${gone}, the denominator of this share, was retired in ${next}: say which indicator records it.`);
    }
    return goal;
  });
  for (const a of adds(ReviewItemKind.GOAL)) {
    goals = insertInObjective(goals, {
      code: a.code,
      objectiveCode: a.objectiveCode!,
      indicatorCode: a.change.indicatorCode ?? null,
      text: newText({ en: '', es: '' }, a.change),
      target: a.change.target ?? null,
      needsConfirmation: false,
    });
  }

  return {
    // Targets are parsed into kinds whatever the old file's format, so the new file is written in format 2;
    // the old adoptedOnNote explained a missing date, which the new version has.
    plan: { ...plan, formatVersion: 2, version: plan.version + 1, adoptedOn, adoptedOnNote: undefined, objectives, linesOfAction, activities, indicators, goals },
    notes,
  };
}
