import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { GOAL_STATUS_LABELS } from '../../domain/goal-status';
import type { Locale } from '../../domain/input-bounds';
import type { TDossierProposal, TReviewDossier, TSynthesisObjective } from '../../domain/review/review-model';
import { reportWords } from '../../ui/report/report-labels';
import { instantText, numberText } from '../../ui/report/report-text';
import { ACTION_LABELS, CROSSWALK_KIND_LABELS, DECISION_LABELS, dossierWords, ITEM_KIND_LABELS, type TDossierWords } from '../../ui/review/dossier-labels';
import { attentionCounts, changeLines, flagWords, itemName, proposalGroups, statusText, titleFacts, type TProposalGroup } from '../../ui/review/dossier-text';
import type { TChart } from '../shared/chart-svg';
import { facts, GUINDA, heading, MUTED, PDF_DEFAULT_STYLE, PDF_STYLES, table } from '../shared/pdf-blocks';
import { pdfUserText } from '../shared/pdf-user-text';
import { goalsByYearChart, MAX_DOSSIER_CHARTS } from './dossier-charts';

type TContext = { model: TReviewDossier; lang: Locale; w: TDossierWords; charts: { left: number } };

const right = (text: string): TableCell => ({ text, alignment: 'right' });
const small = (text: string): Content => ({ text, style: 'small' });

function chartContent(chart: TChart): Content {
  return { stack: [{ text: chart.title, style: 'caption' }, { svg: chart.svg, width: Math.min(chart.width, 480) }], unbreakable: true, margin: [0, 6, 0, 10] };
}

function titlePage({ model, lang, w }: TContext): Content[] {
  return [
    { text: w.title(model.fromVersion), style: 'title' },
    { text: model.planTitle[lang], color: MUTED, margin: [0, 0, 0, 12] },
    facts(titleFacts(model, lang, (iso) => instantText(iso, lang)).map(([k, v]): [string, Content] => [k, v])),
    model.toVersion === null ? { text: w.noCrosswalk, style: 'notice' } : '',
    small(w.timeZoneNote),
  ];
}

function objectiveBlock(o: TSynthesisObjective, ctx: TContext): Content[] {
  const { model, lang, w } = ctx;
  const years = model.synthesis.years;
  const chart = ctx.charts.left > 0 ? goalsByYearChart(o, years, lang) : null;
  if (chart) ctx.charts.left -= 1;
  const flags = (item: Parameters<typeof flagWords>[0]): TableCell => ({ text: flagWords(item, lang).join(', '), style: 'small' });
  return [
    heading(`${w.objective} ${o.code}. ${o.text[lang]}`, 'h3', true, 12),
    small(`${w.area} ${o.areaCode} · ${w.institutionsInCharge}: ${o.institutionsInCharge.join(', ')}${o.needsConfirmation ? ` · ${w.needsConfirmation}` : ''}`),
    ...(o.indicators.length > 0
      ? [
          heading(w.indicators, 'h4', false),
          table(
            [w.indicator, ...years.map(String), w.flags],
            o.indicators.map((i): TableCell[] => [
              {
                stack: [
                  { text: [{ text: `${i.code}  `, bold: true }, i.text[lang]] },
                  i.derivedReporters.length > 0 ? { text: `${w.derivedReporters}: ${i.derivedReporters.join(', ')}`, style: 'small' } : '',
                ],
              },
              ...years.map((y) => right(numberText(i.trend.find((p) => p.cycleYear === y)?.total ?? null, lang))),
              flags(i),
            ]),
            ['*', ...years.map(() => 45), 70],
          ),
        ]
      : []),
    ...(o.goals.length > 0
      ? [
          heading(w.goals, 'h4', false),
          table(
            [w.goal, ...years.map(String), w.latestStatus, w.flags],
            o.goals.map((g): TableCell[] => [
              { text: [{ text: `${g.code}  `, bold: true }, g.text[lang], g.indicatorCode ? { text: ` (${w.indicator} ${g.indicatorCode})`, color: MUTED } : ''] },
              ...years.map((y): TableCell => {
                const s = g.statusByYear.find((p) => p.cycleYear === y)?.status;
                return { text: s ? GOAL_STATUS_LABELS[s][lang] : '—', style: 'small' };
              }),
              { text: statusText(g.latestStatus, lang), bold: true, style: 'small' },
              flags(g),
            ]),
            ['*', ...years.map(() => 50), 55, 60],
          ),
        ]
      : []),
    ...(chart ? [chartContent(chart)] : []),
  ];
}

function synthesis(ctx: TContext): Content[] {
  const { model, lang, w } = ctx;
  const s = model.synthesis;
  return [
    heading(w.synthesis, 'h2', true),
    heading(w.countsTitle, 'h3', false),
    table([w.item, w.value], attentionCounts(model, lang).map(([k, n]) => [k, right(String(n))]), ['*', 60]),
    heading(w.chronicNonReporters, 'h4', false),
    s.chronicNonReporters.length === 0 ? { text: w.none } : { ul: s.chronicNonReporters.map((n) => `${n.name[lang]} — ${w.nonReporterYears(n.years.join(', '), n.cycles)}`) },
    heading(w.itemsNeedingConfirmation, 'h4', false),
    s.needsConfirmation.length === 0
      ? { text: w.none }
      : { ul: s.needsConfirmation.map((c): Content => ({ text: [{ text: itemName(c.kind, c.code, lang), bold: true }, c.note ? { text: ` — ${c.note}`, style: 'small' } : ''] })) },
    ...s.objectives.flatMap((o) => objectiveBlock(o, ctx)),
  ];
}

function proposalBlock(p: TDossierProposal, indicatorCode: string | null, { lang, w }: TContext): Content {
  const rows: [string, Content][] = [
    ...changeLines(p.change, lang, indicatorCode).map(([k, v]): [string, Content] => [k, pdfUserText(v, lang)]),
    [w.justification, { text: pdfUserText(p.justification, lang), preserveLeadingSpaces: true }],
  ];
  const d = p.decision;
  if (d) {
    rows.push([w.decision, { text: [{ text: DECISION_LABELS[d.decision][lang], bold: true }, { text: ` · ${w.decidedBy(d.decidedBy, instantText(d.decidedAt, lang))}`, color: MUTED }] }]);
    for (const [k, v] of changeLines(d.change, lang, indicatorCode)) rows.push([`${w.acceptedChange} · ${k}`, pdfUserText(v, lang)]);
    if (d.note) rows.push([w.decisionNote, pdfUserText(d.note, lang)]);
    if (d.stale) rows.push(['', { text: w.stale, style: 'notice' }]);
  } else {
    rows.push([w.decision, { text: w.notDecided, italics: true }]);
  }
  const under = p.action === 'ADD' && p.objectiveCode ? ` (${w.under(p.objectiveCode)})` : '';
  return {
    stack: [
      { text: [{ text: p.institutionCode, bold: true }, ` · ${ACTION_LABELS[p.action][lang]}${under}`], margin: [0, 4, 0, 0] },
      small(w.submitted(p.version, instantText(p.submittedAt, lang), p.submittedBy)),
      facts(rows),
    ],
    unbreakable: true,
  };
}

function groupBlock(g: TProposalGroup, ctx: TContext): Content[] {
  const { lang } = ctx;
  const [first, ...rest] = g.proposals.map((p) => proposalBlock(p, g.indicatorCode, ctx));
  // The item's heading stays on the page of its first proposal.
  return [
    {
      stack: [{ text: [{ text: `${itemName(g.kind, g.code, lang)}  `, color: GUINDA }, g.text ? g.text[lang] : ''], style: 'h4', tocItem: true, tocMargin: [12, 0, 0, 0] } as Content, { stack: [first], margin: [8, 0, 0, 0] }],
      unbreakable: true,
    },
    { stack: rest, margin: [8, 0, 0, 6] },
  ];
}

function proposals(ctx: TContext): Content[] {
  const { model, w } = ctx;
  const groups = proposalGroups(model);
  return [heading(w.proposals, 'h2', true), ...(groups.length === 0 ? [{ text: w.noProposals } as Content] : groups.flatMap((g) => groupBlock(g, ctx)))];
}

function crosswalk({ model, lang, w }: TContext): Content[] {
  if (model.crosswalk.length === 0) return [heading(w.crosswalk, 'h2', true), { text: w.noCrosswalk, style: 'notice' }];
  return [
    heading(w.crosswalk, 'h2', true),
    table(
      [w.kind, w.from, w.to, w.kindOfChange, w.note],
      model.crosswalk.map((e): TableCell[] => [
        ITEM_KIND_LABELS[e.kind][lang],
        { text: e.from.length > 0 ? e.from.join(', ') : '—', bold: true },
        { text: e.to.length > 0 ? e.to.join(', ') : '—', bold: true },
        CROSSWALK_KIND_LABELS[e.change][lang],
        { text: e.note ? pdfUserText(e.note, lang) : '', style: 'small' },
      ]),
      [80, 60, 60, 90, '*'],
    ),
  ];
}

/**
 * The dossier's PDF definition, laid out like the annual report's (same engine, fonts, blocks and
 * styles): the title page (plan, versions, dates, the round's figures), a table of contents, then 1
 * Synthesis, 2 Proposals and decisions (grouped by item), 3 Crosswalk, each from a new page; a header
 * with the title, the versions and the compilation instant and a footer "Página n de N" on every page;
 * the info dictionary's dates fixed to the compilation instant.
 */
export function dossierPdfDefinition(model: TReviewDossier, lang: Locale): TDocumentDefinitions {
  const w = dossierWords(lang);
  const ctx: TContext = { model, lang, w, charts: { left: MAX_DOSSIER_CHARTS } };
  const compiled = new Date(model.compiledAt);
  const title = w.title(model.fromVersion);
  const headerText = `${title} · ${model.planKey} ${w.versionChange(model.fromVersion, model.toVersion)} · ${w.compiledAt} ${instantText(model.compiledAt, lang)}`;
  const pageBreak = (content: Content[]): Content[] => [{ text: '', pageBreak: 'before' }, ...content];
  return {
    pageSize: 'LETTER',
    pageMargins: [48, 56, 48, 48],
    language: lang,
    info: { title, author: 'nap1325', subject: model.planTitle[lang], creator: 'nap1325', producer: 'nap1325 (pdfmake)', creationDate: compiled, modDate: compiled },
    header: () => ({ text: headerText, fontSize: 7.5, color: MUTED, margin: [48, 24, 48, 0] }),
    footer: (page: number, pages: number) => ({ text: reportWords(lang).page(page, pages), fontSize: 8, alignment: 'center', color: MUTED, margin: [0, 16, 0, 0] }),
    content: [
      ...titlePage(ctx),
      { toc: { title: { text: w.contents, style: 'h2' }, numberStyle: { bold: true } }, pageBreak: 'before' },
      ...pageBreak(synthesis(ctx)),
      ...pageBreak(proposals(ctx)),
      ...pageBreak(crosswalk(ctx)),
    ],
    defaultStyle: PDF_DEFAULT_STYLE,
    styles: PDF_STYLES,
  };
}
