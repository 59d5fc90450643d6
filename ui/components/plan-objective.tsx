import type { ComponentChildren } from 'preact';
import type { Locale } from '../../domain/input-bounds';
import { planItemId, type PlanGoalModel, type PlanIndicatorModel, type PlanItemModel, type PlanObjectiveModel } from '../pages/plan-model';
import { planText } from '../pages/plan-text';
import { ConfirmationMark } from './confirmation-mark';

const say = (lang: Locale, text: { es: string; en: string }) => (lang === 'en' ? text.en : text.es);

/**
 * One objective of the plan, folded (`<details>`) so a phone shows the plan as a list of objectives: its
 * text and the count of items to confirm in the summary; unfolded, the institutions in charge, lines of
 * action with their activities, indicators (unit, who reports them) with their goals, and every
 * confirmation note in place.
 */
export function PlanObjective({ lang, objective: o }: { lang: Locale; objective: PlanObjectiveModel }) {
  const t = planText(lang);
  return (
    <details class="objective" id={planItemId('objective', o.code)}>
      <summary>
        <h3>{t.objective(o.code)}</h3> {say(lang, o.text)}
        {o.pending ? <span class="status s-DERIVED badge">{t.pendingBadge(o.pending)}</span> : null}
      </summary>
      <ConfirmationMark lang={lang} item={o} />
      <p>
        <strong>{t.inCharge}:</strong>{' '}
        {o.institutionsInCharge.length
          ? o.institutionsInCharge.map((code, i) => (
              <>
                {i ? ', ' : ''}
                <a href={`/institutions/${code}`}>{code}</a>
              </>
            ))
          : t.nobody}
      </p>
      {o.linesOfAction.length ? (
        <>
          <h4>{t.lines}</h4>
          <ul class="plan-items">
            {o.linesOfAction.map((line) => (
              <Item lang={lang} kind="line" item={line}>
                {line.activities.length ? <Items lang={lang} kind="activity" items={line.activities} label={t.activities} /> : null}
              </Item>
            ))}
          </ul>
        </>
      ) : null}
      {o.activities.length ? (
        <>
          <h4>{o.linesOfAction.length ? t.otherActivities : t.activities}</h4>
          <ul class="plan-items">
            {o.activities.map((a) => (
              <Item lang={lang} kind="activity" item={a} />
            ))}
          </ul>
        </>
      ) : null}
      {o.indicators.length ? (
        <>
          <h4>{t.indicators}</h4>
          <ul class="plan-items">
            {o.indicators.map((i) => (
              <IndicatorItem lang={lang} indicator={i} />
            ))}
          </ul>
        </>
      ) : null}
      {o.goals.length ? (
        <>
          <h4>{o.indicators.length ? t.otherGoals : t.goals}</h4>
          <ul class="plan-items">
            {o.goals.map((g) => (
              <GoalItem lang={lang} goal={g} />
            ))}
          </ul>
        </>
      ) : null}
    </details>
  );
}

/** One item: its code and text, a line of detail (unit, target), the confirmation note, then what hangs under it. */
function Item({ lang, kind, item, detail, children }: { lang: Locale; kind: string; item: PlanItemModel; detail?: ComponentChildren; children?: ComponentChildren }) {
  return (
    <li id={planItemId(kind, item.code)} class={item.needsConfirmation ? 'pending' : undefined}>
      <span class="code">{item.code}</span>
      {say(lang, item.text)}
      {detail ? <p class="hint">{detail}</p> : null}
      <ConfirmationMark lang={lang} item={item} />
      {children}
    </li>
  );
}

function Items({ lang, kind, items, label }: { lang: Locale; kind: string; items: PlanItemModel[]; label: string }) {
  return (
    <ul class="plan-items nested" aria-label={label}>
      {items.map((item) => (
        <Item lang={lang} kind={kind} item={item} />
      ))}
    </ul>
  );
}

function IndicatorItem({ lang, indicator: i }: { lang: Locale; indicator: PlanIndicatorModel }) {
  const t = planText(lang);
  // Derived assignments are marked once when all are ("… — to confirm"), else each one.
  const allDerived = i.reporters.length > 0 && i.reporters.every((r) => r.derived);
  const more = i.reporterCount - i.reporters.length;
  const detail = (
    <>
      {t.units[i.unit] ?? i.unit}
      {i.disaggregation === 'SEX' ? `, ${t.bySex}` : ''} · {t.reportedBy}:{' '}
      {i.reporters.length
        ? i.reporters.map((r, n) => (
            <>
              {n ? ', ' : ''}
              <a href={`/institutions/${r.institution}`}>{r.institution}</a>
              {r.derived && !allDerived ? ` (${t.derivedOne})` : ''}
            </>
          ))
        : t.nobody}
      {more > 0 ? ` ${t.more(more)}` : ''}
      {allDerived ? ` — ${t.derivedAll}` : ''}
    </>
  );
  return (
    <Item lang={lang} kind="indicator" item={i} detail={detail}>
      {i.goals.length ? (
        <ul class="plan-items nested" aria-label={t.goals}>
          {i.goals.map((g) => (
            <GoalItem lang={lang} goal={g} />
          ))}
        </ul>
      ) : null}
    </Item>
  );
}

function GoalItem({ lang, goal: g }: { lang: Locale; goal: PlanGoalModel }) {
  const t = planText(lang);
  const target = g.target;
  const detail = target
    ? `${t.target}: ${t.comparators[target.comparator] ?? target.comparator} ${target.value}${target.unit === 'PERCENTAGE' ? ' %' : ''}${target.period ? ` ${t.periods[target.period] ?? target.period}` : ''}`
    : undefined;
  return <Item lang={lang} kind="goal" item={g} detail={detail} />;
}
