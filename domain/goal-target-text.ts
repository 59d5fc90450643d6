import {
  GoalCounting,
  GoalTargetKind,
  type GoalComparator,
  type TBilingualFigure,
  type TCountTarget,
  type TGoalTarget,
  type TMilestonesTarget,
  type TOccurrenceTarget,
  type TShareTarget,
} from './goal-target';
import type { Locale } from './input-bounds';

/** A sentence in both languages of the report. */
export type TWords = Record<Locale, string>;

const COMPARATOR_WORDS: Record<GoalComparator, TWords> = {
  AT_LEAST: { 'es-MX': 'al menos', en: 'at least' },
  AT_MOST: { 'es-MX': 'como máximo', en: 'at most' },
  MORE_THAN: { 'es-MX': 'más de', en: 'more than' },
  LESS_THAN: { 'es-MX': 'menos de', en: 'less than' },
  EXACTLY: { 'es-MX': 'exactamente', en: 'exactly' },
};

/** A number as the report prints it: grouped thousands, at most one decimal ("1,234.5" in both locales). */
export function formatNumber(value: number, lang: Locale): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(value);
}

/** "a, b y c" / "a, b and c". */
function listWords(items: readonly string[], lang: Locale): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${lang === 'en' ? 'and' : 'y'} ${items[items.length - 1]}`;
}

/** Builds a {@link TWords} from one function of the language. */
export function inBoth(say: (lang: Locale, en: boolean) => string): TWords {
  return { 'es-MX': say('es-MX', false), en: say('en', true) };
}

const figureIn = (figure: TBilingualFigure, en: boolean) => (en ? figure.en : figure.es);

function indicatorRef(indicatorCode: string | null, en: boolean): string {
  if (indicatorCode === null) return en ? 'no indicator records it' : 'ningún indicador lo registra';
  return en ? `indicator ${indicatorCode}` : `indicador ${indicatorCode}`;
}

function cumulativeWords(dueByPlanYear: number | null, en: boolean): string {
  if (dueByPlanYear !== null) return en ? `in total by plan year ${dueByPlanYear}` : `en total a más tardar en el año ${dueByPlanYear} del plan`;
  return en ? 'in total over the plan' : 'en total durante el plan';
}

/** The period, with the separator it needs after a number: " por año", " en total durante el plan", ", periodo no indicado". */
function countingWords(counting: GoalCounting | null, dueByPlanYear: number | null, en: boolean): string {
  if (counting === null) return en ? ', period not stated' : ', periodo no indicado';
  if (counting === GoalCounting.PER_YEAR) return en ? ' per year' : ' por año';
  return ` ${cumulativeWords(dueByPlanYear, en)}`;
}

const lead = (figure: TBilingualFigure, en: boolean) => `${en ? 'Target' : 'Meta'}: ${figureIn(figure, en)}`;

function countText(t: TCountTarget, indicatorCode: string | null): TWords {
  return inBoth((lang, en) => {
    const amount = `${COMPARATOR_WORDS[t.comparator][lang]} ${formatNumber(t.value, lang)}${countingWords(t.counting, t.dueByPlanYear, en)}`;
    return `${lead(t.figure, en)}, ${amount} (${indicatorRef(indicatorCode, en)})`;
  });
}

function milestonesText(t: TMilestonesTarget, indicatorCode: string | null): TWords {
  const total = t.milestones.reduce((n, m) => n + m.value, 0);
  return inBoth((lang, en) => {
    const each = t.milestones.map((m) => `${formatNumber(m.value, lang)} ${en ? `in plan year ${m.planYear}` : `en el año ${m.planYear} del plan`}`);
    const inTotal = en ? `${formatNumber(total, lang)} in total` : `${formatNumber(total, lang)} en total`;
    return `${lead(t.figure, en)}, ${listWords(each, lang)} (${inTotal}; ${indicatorRef(indicatorCode, en)})`;
  });
}

function occurrenceText(t: TOccurrenceTarget, indicatorCode: string | null): TWords {
  return inBoth((_lang, en) => {
    const when =
      t.counting === GoalCounting.PER_YEAR
        ? en
          ? 'every plan year; the text gives no number, so a year counts when its value is above zero'
          : 'cada año del plan; el texto no da cifra: un año cuenta si su valor es mayor que cero'
        : en
          ? `${cumulativeWords(t.dueByPlanYear, en)}; the text gives no number, so it is met once the total is above zero`
          : `${cumulativeWords(t.dueByPlanYear, en)}; el texto no da cifra: se cumple cuando el total es mayor que cero`;
    return `${lead(t.figure, en)} (${indicatorRef(indicatorCode, en)}) ${when}`;
  });
}

function shareText(t: TShareTarget, indicatorCode: string | null): TWords {
  return inBoth((lang, en) => {
    const amount = `${COMPARATOR_WORDS[t.comparator][lang]} ${formatNumber(t.value, lang)} %`;
    const numerator = `${figureIn(t.figure, en)} (${indicatorRef(indicatorCode, en)})`;
    const denominator = `${figureIn(t.denominator.figure, en)} (${indicatorRef(t.denominator.indicatorCode, en)})`;
    const period = countingWords(t.counting, null, en);
    return en ? `Target: ${numerator} out of ${denominator}: ${amount}${period}` : `Meta: ${numerator} respecto de ${denominator}: ${amount}${period}`;
  });
}

/**
 * A target in words, without a final period: "Meta: mujeres uniformadas capacitadas, al menos 60 por año
 * (indicador 4.b)" / "Target: uniformed women trained, at least 60 per year (indicator 4.b)".
 */
export function goalTargetText({ target, indicatorCode }: { target: TGoalTarget; indicatorCode: string | null }): TWords {
  switch (target.kind) {
    case GoalTargetKind.COUNT:
      return countText(target, indicatorCode);
    case GoalTargetKind.MILESTONES:
      return milestonesText(target, indicatorCode);
    case GoalTargetKind.OCCURRENCE:
      return occurrenceText(target, indicatorCode);
    case GoalTargetKind.SHARE:
      return shareText(target, indicatorCode);
  }
}
