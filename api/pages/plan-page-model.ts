import { formatDay } from '../../domain/day-text';
import type { Locale } from '../../domain/input-bounds';
import type { PlanAreaModel, PlanGoalModel, PlanItemModel, PlanObjectiveModel, PlanPageModel } from '../../ui/pages/plan-model';
import type { listPlans } from '../queries/list-plans';
import type { PlanTree } from '../queries/plan-tree';
import type { PageContext } from './page-context';

type TreeObjective = PlanTree['areas'][number]['objectives'][number];
type TreeItem = { code: string; textEs: string; textEn: string; needsConfirmation: boolean; confirmationNote: string | null };
type TreeGoal = TreeObjective['goals'][number];

const item = (i: TreeItem): PlanItemModel => ({
  code: i.code,
  text: { es: i.textEs, en: i.textEn },
  needsConfirmation: i.needsConfirmation,
  ...(i.confirmationNote ? { confirmationNote: i.confirmationNote } : {}),
});
const goal = (g: TreeGoal): PlanGoalModel => ({ ...item(g), ...(g.target ? { target: g.target } : {}) });
const pendingOf = (items: readonly PlanItemModel[]) => items.filter((i) => i.needsConfirmation).length;

function objective(o: TreeObjective): PlanObjectiveModel {
  const linesOfAction = o.linesOfAction.map((l) => ({ ...item(l), activities: l.activities.map(item) }));
  const activities = o.activities.map(item);
  const indicators = o.indicators.map((i) => ({ ...item(i), unit: i.unit, disaggregation: i.disaggregation, reporters: i.reporters, reporterCount: i.reporterCount, goals: i.goals.map(goal) }));
  const goals = o.goals.map(goal);
  const everything: PlanItemModel[] = [item(o), ...linesOfAction, ...linesOfAction.flatMap((l) => l.activities), ...activities, ...indicators, ...indicators.flatMap((i) => i.goals), ...goals];
  return { ...item(o), institutionsInCharge: o.institutionsInCharge, linesOfAction, activities, indicators, goals, pending: pendingOf(everything) };
}

/** The plan browser's model: the tree in the reader's language's terms, pending counts per objective, area and plan, and the version select. */
export function buildPlanPageModel({ ctx, tree, plans }: { ctx: PageContext; tree: PlanTree; plans: Awaited<ReturnType<typeof listPlans>> }): PlanPageModel {
  const lang: Locale = ctx.lang;
  const areas: PlanAreaModel[] = tree.areas.map((a) => {
    const objectives = a.objectives.map(objective);
    return {
      code: a.code,
      name: { es: a.nameEs, en: a.nameEn },
      description: { es: a.descriptionEs, en: a.descriptionEn },
      objectives,
      pending: objectives.reduce((n, o) => n + o.pending, 0),
    };
  });
  const { plan } = tree;
  return {
    lang,
    nav: ctx.nav,
    switchLanguageHref: ctx.switchLanguageHref,
    plan: {
      key: plan.key,
      version: plan.version,
      title: { es: plan.titleEs, en: plan.titleEn },
      ...(plan.adoptedOn ? { adoptedOn: formatDay({ date: plan.adoptedOn.toISOString().slice(0, 10), locale: lang }) } : {}),
      spanishOfficial: plan.spanishOfficial,
    },
    versions: plans.map((p) => ({
      value: `${p.key}/${p.version}`,
      label: `${p.key} v${p.version}${p.adoptedOn ? ` (${p.adoptedOn.toISOString().slice(0, 4)})` : ''}`,
      selected: p.key === plan.key && p.version === plan.version,
    })),
    areas,
    pending: areas.reduce((n, a) => n + a.pending, 0),
  };
}
