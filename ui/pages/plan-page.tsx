import { Field } from '../components/field';
import { PlanObjective } from '../components/plan-objective';
import { PageShell } from '../page-shell';
import type { PlanPageModel } from './plan-model';
import { planText } from './plan-text';

/**
 * The plan browser: one version of the plan (a select shows another) as thematic areas → objectives →
 * lines of action → activities → indicators → goals, each area and objective folded in `<details>` so a
 * phone reads it as a short list; every item the secretariat still has to confirm is marked with its note,
 * and the count of them is given per objective and for the plan.
 */
export function PlanPage(m: PlanPageModel) {
  const t = planText(m.lang);
  const title = m.lang === 'en' ? m.plan.title.en : m.plan.title.es;
  return (
    <PageShell lang={m.lang} title={`${t.title} ${m.plan.key} v${m.plan.version}`} switchLanguageHref={m.switchLanguageHref} nav={m.nav}>
      <h1>{title}</h1>
      <form method="get" action="/plan" class="filters">
        <Field id="version" label={t.version}>
          <select id="version" name="version">
            {m.versions.map((v) => (
              <option value={v.value} selected={v.selected}>
                {v.label}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit" class="secondary">
          {t.show}
        </button>
      </form>
      <dl class="facts">
        {m.plan.adoptedOn ? (
          <>
            <dt>{t.adopted}</dt>
            <dd>{m.plan.adoptedOn}</dd>
          </>
        ) : null}
        <dt>{t.spanish}</dt>
        <dd>{m.plan.spanishOfficial ? t.official : t.unofficial}</dd>
        <dt>{t.pendingTotal}</dt>
        <dd>
          <span class={m.pending ? 'status s-DERIVED' : 'status'}>{t.pendingCount(m.pending)}</span>
        </dd>
      </dl>
      {m.pending ? <p class="muted">{t.pendingIntro}</p> : null}
      {m.areas.map((area) => (
        <details class="area" open>
          <summary>
            <h2>
              {t.area(area.code)}. {m.lang === 'en' ? area.name.en : area.name.es}
            </h2>
            {area.pending ? <span class="status s-DERIVED badge">{t.pendingBadge(area.pending)}</span> : null}
          </summary>
          <p class="muted">{m.lang === 'en' ? area.description.en : area.description.es}</p>
          {area.objectives.map((objective) => (
            <PlanObjective lang={m.lang} objective={objective} />
          ))}
        </details>
      ))}
    </PageShell>
  );
}
