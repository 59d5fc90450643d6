import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { GOAL_STATUS_LABELS, GoalStatus } from '../../domain/goal-status';
import { formatNumber } from '../../domain/goal-target-text';
import type { Locale } from '../../domain/input-bounds';
import { ComplianceStatus, type TAnnualReport, type TCompliance, type TReportDigest, type TReportGoal, type TReportIndicator, type TReportObjective } from '../../domain/report/annual-report-model';
import { capped } from '../../domain/report/report-digest';
import { indicatorCharts, MAX_CHARTS, statusByObjectiveChart, type TReportChart } from './report-charts';
import { BREAKDOWN_LABELS, COMPLIANCE_STATUS_LABELS, kindLabel, reportWords, type TReportWords } from '../../ui/report/report-labels';
import { facts, GUINDA, heading, MUTED, PDF_DEFAULT_STYLE, PDF_STYLES, table } from '../shared/pdf-blocks';
import { pdfUserText } from '../shared/pdf-user-text';
import { annexValueText, completenessRows, instantText, numberText, unitNumberText, valueText } from '../../ui/report/report-text';

/** Above this many annex rows the PDF says where the full table is instead of printing it. */
export const PDF_ANNEX_MAX_ROWS = 500;

type TContext = { model: TAnnualReport; lang: Locale; w: TReportWords; charts: { left: number } };

/** Superscript numbers linked to the notes at the end (each note carries id `fn-<n>`). */
function footnoteRefs(numbers: readonly number[]): Content[] {
  return numbers.map((n) => ({ text: ` ${n}`, sup: true, linkToDestination: `fn-${n}`, color: GUINDA }));
}

/** " … and N more: …" after a capped list (empty when nothing was left out). */
const andMore = (more: number, { w, lang }: Pick<TContext, 'w' | 'lang'>) => (more > 0 ? ` ${w.andMore(formatNumber(more, lang))}` : '');
/** The same as a line of its own, or nothing (spread it: no empty node is added when nothing was left out). */
const andMoreLine = (more: number, ctx: Pick<TContext, 'w' | 'lang'>): Content[] => (more > 0 ? [{ text: andMore(more, ctx).trim(), style: 'small' }] : []);

/** At scale: compliance counted by institution kind × status, with a line for all kinds. */
function complianceByKind(digest: TReportDigest, { w, lang }: TContext): Content {
  const statuses = Object.values(ComplianceStatus);
  const count = (n: number): TableCell => ({ text: formatNumber(n, lang), alignment: 'right' });
  const rows = [...digest.complianceByKind.map((k) => ({ label: k.label[lang], institutions: k.institutions, byStatus: k.byStatus })), { label: w.allKinds, institutions: digest.institutions, byStatus: digest.complianceByStatus }].map(
    (r): TableCell[] => [r.label, count(r.institutions), ...statuses.map((s) => count(r.byStatus[s]))],
  );
  return { ...(table([w.kind, w.institutions, ...statuses.map((s) => COMPLIANCE_STATUS_LABELS[s][lang])], rows, ['*', 50, ...statuses.map(() => 45)]) as object), fontSize: 8 } as Content;
}

function chartContent(chart: TReportChart): Content {
  return { stack: [{ text: chart.title, style: 'caption' }, { svg: chart.svg, width: Math.min(chart.width, 480) }], unbreakable: true, margin: [0, 6, 0, 10] };
}

function titleBlock({ model, lang, w }: TContext): Content[] {
  return [
    { text: model.title[lang], style: 'title' },
    { text: model.plan.title[lang], color: MUTED, margin: [0, 0, 0, 12] },
    facts([
      [w.cycleYear, String(model.cycleYear)],
      [w.version, String(model.version)],
      [w.plan, `${model.plan.key} · ${w.planVersion} ${model.plan.version} · ${w.planYear} ${model.plan.planYear}`],
      [w.compiledAt, `${instantText(model.compiledAt, lang)} · ${model.compiledBy}`],
      [w.snapshotHash, { text: model.snapshotHash, fontSize: 8 }],
    ]),
    { text: model.plan.planYearText[lang], style: 'notice' },
    model.cycle.openRequests.length > 0
      ? {
          text: `${w.draftOpen}: ${(model.digest ? model.digest.openRequests.items : model.cycle.openRequests.map((r) => r.institutionCode)).join(', ')}${andMore(model.digest?.openRequests.more ?? 0, { w, lang })}`,
          style: 'notice',
        }
      : '',
    { text: w.timeZoneNote, style: 'small' },
  ];
}

function summary(ctx: TContext): Content[] {
  const { model, lang, w } = ctx;
  const s = model.summary;
  const c = s.completeness;
  const attention = s.attention;
  const list = (items: string[]): Content => (items.length === 0 ? { text: w.none } : { ul: items });
  const { digest } = model;
  const notReporting = digest ? digest.notReporting : { items: attention.notReporting, more: 0 };
  const dataQuality = digest ? digest.dataQuality : { items: attention.dataQuality, more: 0 };
  const chart = statusByObjectiveChart(model, lang);
  ctx.charts.left -= 1;
  return [
    heading(w.summary, 'h2', true),
    heading(`${w.goalsByStatus} (${s.goals})`, 'h3', false),
    table(
      [w.status, w.goals],
      Object.values(GoalStatus).map((st) => [GOAL_STATUS_LABELS[st][lang], { text: String(s.goalsByStatus[st]), alignment: 'right' }]),
      ['*', 60],
    ),
    chartContent(chart),
    heading(w.completeness, 'h3', false),
    table(
      [w.item, w.institutions],
      completenessRows(c, lang).map(([k, n]) => [k, { text: String(n), alignment: 'right' }]),
      ['*', 60],
    ),
    ...(digest ? [heading(w.byKindAndStatus, 'h4', false), complianceByKind(digest, ctx)] : []),
    heading(w.attention, 'h3', false),
    heading(w.goalsBehind, 'h4', false),
    list(attention.goalsBehind.map((g) => `${g.code} ${g.text[lang]}`)),
    heading(w.notReporting, 'h4', false),
    list(notReporting.items.map((i) => i.name[lang])),
    ...andMoreLine(notReporting.more, ctx),
    heading(w.dataQuality, 'h4', false),
    ...(digest && digest.dataQualityByKind.length > 0 ? [{ ul: digest.dataQualityByKind.map((f) => `${formatNumber(f.count, lang)} ${f.label[lang]}`), margin: [0, 0, 0, 4] } as Content] : []),
    list(dataQuality.items.map((f) => `${f.institutionCode}${f.indicatorCode ? ` ${f.indicatorCode}` : ''}: ${f.text[lang]}`)),
    ...andMoreLine(dataQuality.more, ctx),
  ];
}

function valuesTable(indicator: TReportIndicator, { lang, w }: TContext): Content {
  const bySex = indicator.disaggregation === 'SEX';
  const rows = indicator.values.map((v): TableCell[] => {
    const sex = bySex ? [v.women, v.men, v.sexNotRecorded].map((n) => ({ text: v.total === null ? '' : numberText(n, lang), alignment: 'right' as const })) : [];
    return [v.institutionCode, { text: pdfUserText(valueText(v, indicator.unit, lang), lang), alignment: bySex ? 'right' : 'left' }, ...sex, { text: pdfUserText(v.comment ?? '', lang), style: 'small' }];
  });
  return bySex
    ? table([w.institution, w.total, w.women, w.men, w.sexNotRecorded, w.comment], rows, [70, 45, 45, 45, 55, '*'])
    : table([w.institution, w.value, w.comment], rows, [70, 120, '*']);
}

function aggregateTables(indicator: TReportIndicator, ctx: TContext): Content[] {
  const { lang, w } = ctx;
  const aggregate = indicator.aggregate;
  if (!aggregate) return [];
  const bySex = indicator.disaggregation === 'SEX';
  const rows = aggregate.byKind.map((k): TableCell[] => [
    k.label[lang],
    { text: numberText(k.institutions, lang), alignment: 'right' },
    { text: unitNumberText(k.total, indicator.unit, lang), alignment: 'right' },
    ...(bySex ? [numberText(k.women, lang), numberText(k.men, lang)].map((t) => ({ text: t, alignment: 'right' as const })) : []),
  ]);
  return [
    heading(w.aggregateByKind, 'h4', false),
    table([w.kind, w.institutions, w.total, ...(bySex ? [w.women, w.men] : [])], rows, bySex ? ['*', 60, 60, 60, 60] : ['*', 70, 70]),
    heading(w.topContributors, 'h4', false),
    valuesTable({ ...indicator, values: aggregate.top }, ctx),
    aggregate.others > 0 ? { text: w.others(formatNumber(aggregate.others, lang)), style: 'small' } : '',
  ];
}

function indicatorBlock(indicator: TReportIndicator, ctx: TContext): Content[] {
  const { lang, w } = ctx;
  const charts = indicatorCharts(indicator, lang, Math.max(0, ctx.charts.left));
  ctx.charts.left -= charts.length;
  const trend = indicator.trend.map((p) => {
    const sex = p.bySex ? ` (${w.women} ${numberText(p.bySex.women, lang)} · ${w.men} ${numberText(p.bySex.men, lang)} · ${w.sexNotRecorded} ${numberText(p.bySex.sexNotRecorded, lang)})` : '';
    return `${w.trendPoint(p.planYear, p.cycleYear)}: ${unitNumberText(p.total, indicator.unit, lang)}${sex}`;
  });
  const missing = capped(indicator.missing);
  return [
    { text: [{ text: `${w.indicator} ${indicator.code}  `, bold: true, color: MUTED }, indicator.text[lang], ...footnoteRefs(indicator.footnotes)], style: 'h4' },
    ...(indicator.aggregate ? aggregateTables(indicator, ctx) : [valuesTable(indicator, ctx)]),
    missing.items.length > 0 ? { text: `${w.missing}: ${missing.items.join(', ')}${andMore(missing.more, ctx)}`, style: 'small' } : '',
    trend.length > 0 ? { stack: [{ text: w.trend, bold: true }, { ul: trend }], margin: [0, 4, 0, 4] } : '',
    ...charts.map(chartContent),
  ];
}

function goalBlock(goal: TReportGoal, { lang, w }: TContext): Content {
  const rows: [string, Content][] = [
    [w.target, goal.target ? goal.target[lang] : w.noTarget],
    [w.status, { text: goal.statusLabel[lang], bold: true }],
    [w.rule, goal.rule[lang]],
  ];
  if (goal.notEvaluable) rows.push([w.missingFigure, goal.notEvaluable.missing[lang]]);
  return {
    stack: [{ text: [{ text: `${w.goal} ${goal.code}  `, bold: true, color: MUTED }, goal.text[lang], ...footnoteRefs(goal.footnotes)], margin: [0, 6, 0, 2] }, facts(rows)],
    unbreakable: true,
  };
}

function objectiveBlock(objective: TReportObjective, ctx: TContext): Content[] {
  const { lang, w } = ctx;
  return [
    heading(`${w.objective} ${objective.code}. ${objective.text[lang]}`, 'h3', true, 24),
    objective.footnotes.length > 0 ? { text: [w.notes, ...footnoteRefs(objective.footnotes)], style: 'small' } : '',
    objective.institutions.length > 0 ? { text: `${w.institutionsInCharge}: ${objective.institutions.join(', ')}`, style: 'small' } : '',
    { text: w.linesOfAction, bold: true, margin: [0, 4, 0, 0] },
    { ul: objective.linesOfAction.map((l) => `${l.code} ${l.text[lang]}`) },
    ...objective.indicators.flatMap((i) => indicatorBlock(i, ctx)),
    ...objective.goals.map((g) => goalBlock(g, ctx)),
  ];
}

function progress(ctx: TContext): Content[] {
  const { model, lang, w } = ctx;
  return [
    heading(w.progress, 'h2', true),
    ...model.areas.flatMap((a) => [heading(`${w.area} ${a.code}. ${a.name[lang]}`, 'h3', true, 12), ...a.objectives.flatMap((o) => objectiveBlock(o, ctx))]),
  ];
}

function complianceNotes(c: TCompliance, { lang, w }: TContext): string[] {
  const notes: string[] = [];
  const e = c.extension;
  if (e) notes.push(`${w.extension}: ${w.extensionText(e.requestedAt ? instantText(e.requestedAt, lang) : '—', e.requestedBy, e.newDeadline, e.decidedBy)}`);
  if (c.exemptionReason) notes.push(`${w.exemption}: ${pdfUserText(c.exemptionReason, lang)}`);
  if (c.closedReason) notes.push(`${w.closed}: ${pdfUserText(c.closedReason, lang)}`);
  for (const r of c.corrections) notes.push(`${w.corrections}: ${w.correctionText(r.version, instantText(r.at, lang), r.by)}${r.reason ? ` — ${pdfUserText(r.reason, lang)}` : ''}`);
  for (const m of c.undeliveredEmails) notes.push(`${w.undelivered}: ${instantText(m.at, lang)} · ${m.kind} · ${m.to.join(', ')}${m.error ? ` · ${m.error}` : ''}`);
  return notes;
}

/** Section 3: one row per institution; at scale, counts by kind × status and the rows needing attention, capped. */
function compliance(ctx: TContext): Content[] {
  const { model, lang, w } = ctx;
  const { digest } = model;
  const rows = (digest ? digest.complianceAttention.items : model.compliance).map((c): TableCell[] => [
    { text: c.name[lang], bold: true },
    { stack: [{ text: c.statusLabel[lang], bold: true }, { text: c.text[lang], style: 'small' }] },
    instantText(c.deadline, lang),
    c.submittedAt ? instantText(c.submittedAt, lang) : '—',
    { text: String(c.businessDaysLate), alignment: 'right' },
    { text: String(c.highestEscalationLevel), alignment: 'right' },
    { stack: complianceNotes(c, ctx).map((n) => ({ text: n, style: 'small' })) },
  ]);
  return [
    heading(w.compliance, 'h2', true),
    ...(digest ? [heading(w.byKindAndStatus, 'h3', false), complianceByKind(digest, ctx), heading(w.needAttention, 'h3', false)] : []),
    { ...(table([w.institution, w.status, w.deadline, w.submittedAt, w.businessDaysLate, w.escalation, w.notes], rows, [80, 80, 55, 55, 35, 40, '*']) as object), fontSize: 8 } as Content,
    ...(digest ? andMoreLine(digest.complianceAttention.more, ctx) : []),
  ];
}

function narratives({ model, lang, w }: TContext): Content[] {
  const shown = model.digest ? model.digest.narratives : { items: model.narratives, more: 0 };
  return [
    heading(w.narratives, 'h2', true),
    model.narratives.length === 0 ? { text: w.noNarratives } : '',
    ...shown.items.map(
      (n): Content => ({
        stack: [
          { text: n.name[lang], style: 'h3' },
          { text: w.narrativeBy(n.submittedBy, instantText(n.submittedAt, lang), n.version), style: 'small' },
          { text: pdfUserText(n.text, lang), margin: [8, 4, 0, 8], preserveLeadingSpaces: true },
        ],
      }),
    ),
    ...andMoreLine(shown.more, { w, lang }),
  ];
}

function annex({ model, lang, w }: TContext): Content[] {
  const { rows, method } = model.annex;
  const annexTable =
    rows.length > PDF_ANNEX_MAX_ROWS
      ? { text: w.annexTooLarge(formatNumber(rows.length, lang)), style: 'notice' }
      : {
          ...(table(
            [w.institution, w.kind, w.indicator, w.breakdown, w.value, w.comment, w.submissionVersion],
            rows.map((r): TableCell[] => [
              r.institutionCode,
              kindLabel(r.institutionKind, lang),
              r.indicatorCode,
              BREAKDOWN_LABELS[r.breakdown][lang],
              pdfUserText(annexValueText(r.value, lang), lang),
              pdfUserText(r.comment ?? '', lang),
              { text: String(r.submissionVersion), alignment: 'right' },
            ]),
            [60, 70, 40, 55, 60, '*', 35],
          ) as object),
          fontSize: 7.5,
        };
  return [
    heading(w.annex, 'h2', true),
    heading(w.method, 'h3', false),
    { ul: method.rules.map((r) => r[lang]) },
    heading(w.conventions, 'h3', false),
    { ul: [...method.conventions] },
    facts([
      [w.planVersion, `${model.plan.key} v${model.plan.version}`],
      [w.snapshotHash, { text: model.snapshotHash, fontSize: 8 }],
    ]),
    heading(w.annexTable, 'h3', false),
    annexTable as Content,
  ];
}

function notes({ model, lang, w }: TContext): Content[] {
  if (model.footnotes.length === 0) return [];
  return [
    heading(w.notes, 'h2', true),
    ...model.footnotes.map((f): Content => ({ id: `fn-${f.n}`, text: `${f.n}. ${f.about[lang]} · ${w.footnoteKind[f.kind]}: ${f.text}`, margin: [0, 2, 0, 4] })),
  ];
}

/**
 * The PDF's document definition: title block and plan-year basis on page 1, then a table of contents,
 * the five sections (each from a new page) and the notes; a header with the report version, the plan
 * version and the compilation instant and a footer "Página n de N" on every page; at most
 * {@link MAX_CHARTS} charts; the info dictionary's dates fixed to the compilation instant.
 */
export function reportPdfDefinition(model: TAnnualReport, lang: Locale): TDocumentDefinitions {
  const w = reportWords(lang);
  const ctx: TContext = { model, lang, w, charts: { left: MAX_CHARTS } };
  const compiled = new Date(model.compiledAt);
  const headerText = `${model.title[lang]} · ${w.version} ${model.version} · ${model.plan.key} v${model.plan.version} · ${w.compiledAt} ${instantText(model.compiledAt, lang)}`;
  const pageBreak = (content: Content[]): Content[] => [{ text: '', pageBreak: 'before' }, ...content];
  return {
    pageSize: 'LETTER',
    pageMargins: [48, 56, 48, 48],
    language: lang,
    info: { title: model.title[lang], author: model.compiledBy, subject: model.plan.title[lang], creator: 'nap1325', producer: 'nap1325 (pdfmake)', creationDate: compiled, modDate: compiled },
    header: () => ({ text: headerText, fontSize: 7.5, color: MUTED, margin: [48, 24, 48, 0] }),
    footer: (page: number, pages: number) => ({ text: w.page(page, pages), fontSize: 8, alignment: 'center', color: MUTED, margin: [0, 16, 0, 0] }),
    content: [
      ...titleBlock(ctx),
      { toc: { title: { text: w.contents, style: 'h2' }, numberStyle: { bold: true } }, pageBreak: 'before' },
      ...pageBreak(summary(ctx)),
      ...pageBreak(progress(ctx)),
      ...pageBreak(compliance(ctx)),
      ...pageBreak(narratives(ctx)),
      ...pageBreak(annex(ctx)),
      ...notes(ctx),
    ],
    defaultStyle: PDF_DEFAULT_STYLE,
    styles: PDF_STYLES,
  };
}
