import { createHash } from 'node:crypto';

/**
 * The one stylesheet of every page (served by the API at {@link STYLESHEET_PATH}; no CDN, no web fonts:
 * the system's own). Mobile first: readable from 320 px, a single column up to 48 rem, form fields full
 * width; high contrast (text ≥ 7:1 on white, links and buttons ≥ 4.5:1); visible focus; a print style that
 * drops navigation and buttons. Colours are the Mexican federal government's guinda and gold. A table
 * marked `.stack` turns each row into a card on a phone, each cell labelled by its `data-label`.
 */
export const STYLESHEET = `
:root {
  --guinda: #611232; --guinda-2: #9d2449; --gold: #a57f2c; --ink: #1b1b1b; --muted: #4a4a4a;
  --line: #c9c9c9; --paper: #ffffff; --wash: #f5f2ee; --error: #b00020; --ok: #1b5e20; --focus: #ffbf47;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
  color: var(--ink); background: var(--paper); line-height: 1.5; font-size: 100%;
}
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; overflow-wrap: break-word; }
a { color: var(--guinda-2); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, summary:focus-visible {
  outline: 3px solid var(--focus); outline-offset: 2px;
}
.skip { position: absolute; left: -999px; top: 0; background: var(--paper); padding: .5rem 1rem; z-index: 10; }
.skip:focus { left: .5rem; }
.site-header { background: var(--guinda); color: #fff; }
.site-header .bar { max-width: 48rem; margin: 0 auto; padding: .75rem 1rem; display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: baseline; justify-content: space-between; }
.site-header .brand { color: #fff; text-decoration: none; font-weight: 700; }
.site-header .brand small { display: block; font-weight: 400; font-size: .85rem; opacity: .95; }
.site-header .lang { color: #fff; font-size: .95rem; }
.site-header .gold { height: 4px; background: var(--gold); }
main { max-width: 48rem; margin: 0 auto; padding: 1rem; }
main.wide, .site-header .bar.wide { max-width: 80rem; }
.site-nav { max-width: 80rem; margin: 0 auto; padding: 0 1rem .5rem; display: flex; flex-wrap: wrap; gap: .25rem 1rem; justify-content: space-between; align-items: center; }
.site-nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem .9rem; }
.site-nav a { color: #fff; text-decoration: none; padding: .25rem 0; display: inline-block; border-bottom: 3px solid transparent; }
.site-nav a:hover { border-bottom-color: #fff; }
.site-nav a[aria-current="page"] { border-bottom-color: var(--gold); font-weight: 700; }
.site-nav .who { display: flex; flex-wrap: wrap; gap: .25rem .75rem; align-items: center; font-size: .9rem; color: #fff; }
.site-nav form { margin: 0; }
.link-button { background: none; border: 0; padding: 0; color: inherit; font-weight: 600; text-decoration: underline; cursor: pointer; }
.site-nav .link-button { color: #fff; }
.inline-form { display: inline; }
.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: flex-end; margin: .5rem 0 1rem; }
.filters .field { margin: 0; min-width: 10rem; flex: 1 1 10rem; max-width: 18rem; }
.filters button { flex: 0 0 auto; }
.counts { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: .5rem; margin: .5rem 0 1rem; padding: 0; list-style: none; }
.counts li { border: 1px solid var(--line); border-radius: .25rem; padding: .5rem .75rem; }
.counts a { text-decoration: none; color: inherit; display: block; }
.counts .n { display: block; font-size: 1.5rem; font-weight: 700; font-variant-numeric: tabular-nums; }
progress.meter { width: 100%; height: 1rem; accent-color: var(--ok); margin: .25rem 0 .5rem; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.small { font-size: .85rem; }
.two-columns { display: grid; grid-template-columns: 1fr; gap: 0 2rem; }
@media (min-width: 60rem) { .two-columns { grid-template-columns: 1fr 1fr; } }
input[type="checkbox"], input[type="radio"] { width: auto; margin: 0 .4rem 0 0; vertical-align: middle; inline-size: 1.2rem; block-size: 1.2rem; }
.pager { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; margin: 1rem 0; }
form.narrow { max-width: 36rem; }
.year-switch { display: flex; flex-wrap: wrap; gap: .5rem 2rem; align-items: flex-end; margin: 1rem 0; }
.year-switch .filters, .year-switch .pager { margin: 0; }
.year-switch .pager { padding-bottom: .75rem; }
.year-switch .field { flex: 0 1 8rem; min-width: 6rem; }
.filters .filter-buttons { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; }
button.small, .button.small { padding: .35rem .75rem; font-size: .95rem; }
.audit-log td { overflow-wrap: anywhere; }
.actor { overflow-wrap: anywhere; }
.audit-log .when { white-space: nowrap; }
@media (min-width: 40rem) { .audit-log td.actor { min-width: 15rem; } }
.audit-log details { margin: .25rem 0 0; }
.audit-log pre { max-height: 20rem; overflow: auto; margin: .25rem 0 0; }
code.prefix { white-space: nowrap; overflow-wrap: normal; }
textarea.secret { min-height: 0; resize: none; overflow-wrap: anywhere; }
.secret { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.new-token h2 { margin-top: 0; }
.new-token textarea { max-width: 40rem; }
.status.s-SUBMITTED, .cell-SUBMITTED { background: #e3f1e4; border-color: #8fbf93; }
.status.s-OVERDUE, .status.s-NOT_REPORTED, .status.s-DELIVERY_FAILED, .cell-MISSING { background: #fdecee; border-color: #e2a0aa; }
.status.s-EXTENSION_PENDING, .status.s-DRAFT, .cell-DRAFT { background: #fbf6e9; border-color: #d9c08a; }
.status.s-EXEMPTED, .status.s-CLOSED, .cell-NO_DATA { background: #eeeeee; }
table.matrix td.cell { text-align: center; white-space: nowrap; font-weight: 600; }
table.matrix th.ind { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; font-size: .85rem; padding: .4rem .2rem; }
.cell-key { display: flex; flex-wrap: wrap; gap: .25rem 1rem; padding: 0; list-style: none; font-size: .9rem; }
.diff-old { background: #fdecee; text-decoration: line-through; }
.diff-new { background: #e3f1e4; }
.danger { border-color: var(--error) !important; }
button.danger { background: var(--error); }
h1 { font-size: 1.5rem; line-height: 1.25; margin: .5rem 0 1rem; }
h2 { font-size: 1.2rem; margin: 1.75rem 0 .5rem; color: var(--guinda); }
h3 { font-size: 1.05rem; margin: 1rem 0 .25rem; }
p { margin: .5rem 0; }
.muted { color: var(--muted); }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: .5rem 0 1rem; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; }
.status { display: inline-block; padding: .1rem .5rem; border-radius: 1rem; background: var(--wash); border: 1px solid var(--line); font-weight: 600; }
.notice { border-left: 6px solid var(--ok); background: #eef6ee; padding: .75rem 1rem; margin: 1rem 0; }
.notice.warning { border-color: var(--gold); background: #fbf6e9; }
.notice.error { border-color: var(--error); background: #fdecee; }
.error-summary { border: 4px solid var(--error); padding: .75rem 1rem; margin: 1rem 0; }
.error-summary h2 { color: var(--error); margin-top: 0; }
.error-summary ul { margin: .25rem 0; padding-left: 1.25rem; }
.error-summary a { color: var(--error); font-weight: 600; }
fieldset { border: 1px solid var(--line); border-radius: .25rem; margin: 1rem 0; padding: .75rem 1rem 1rem; min-width: 0; }
legend { font-weight: 700; padding: 0 .25rem; }
.indicator { border-top: 1px solid var(--line); padding-top: .75rem; margin-top: .75rem; }
.indicator:first-of-type { border-top: 0; margin-top: 0; padding-top: 0; }
.indicator-title { font-weight: 600; margin: 0 0 .25rem; }
.code { font-variant-numeric: tabular-nums; color: var(--muted); font-weight: 600; margin-right: .25rem; }
.field { margin: .5rem 0 .75rem; }
.field label, .label { display: block; font-weight: 600; margin-bottom: .2rem; }
.hint { display: block; color: var(--muted); font-size: .9rem; margin-bottom: .25rem; }
.field-error { display: block; color: var(--error); font-weight: 600; margin: .2rem 0; }
input, select, textarea { font: inherit; color: inherit; width: 100%; max-width: 100%; padding: .5rem .6rem; border: 2px solid #6f6f6f; border-radius: .25rem; background: #fff; }
input[type="number"], input.num { max-width: 12rem; }
input[type="date"] { max-width: 14rem; }
textarea { min-height: 6rem; resize: vertical; }
.has-error input, .has-error select, .has-error textarea { border-color: var(--error); }
.breakdown { display: grid; grid-template-columns: repeat(auto-fit, minmax(8.5rem, 1fr)); gap: .5rem 1rem; }
.breakdown .field { margin: 0; }
.total-note { font-size: .9rem; color: var(--muted); margin: .25rem 0 0; }
.previous { font-size: .9rem; color: var(--muted); margin: .2rem 0; }
.review-objective h2 { font-size: 1.15rem; margin: 1.5rem 0 .25rem; }
.review-item .item-text { margin: 0 0 .4rem; }
.review-item .muted { font-size: .9rem; margin: 0 0 .4rem; }
.choices { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; }
.choices label { display: inline-flex; align-items: center; font-weight: 400; min-height: 2.75rem; margin: 0; }
details.changes { border-left: 4px solid var(--line); padding-left: .75rem; }
details.changes > summary { cursor: pointer; font-weight: 600; min-height: 2.75rem; display: list-item; padding: .5rem 0; }
.target-inputs .breakdown { margin-bottom: .5rem; }
textarea.mono { font-family: ui-monospace, monospace; font-size: .9rem; }
.proposal-rows { padding-left: 1.25rem; }
.nowrap { white-space: nowrap; }
.proposal-item { border-top: 1px solid var(--line); margin-top: 1.5rem; }
.proposal { border-left: 4px solid var(--line); padding-left: .75rem; margin: 1rem 0 1.5rem; }
.proposal form.decision { max-width: 40rem; }
.proposal-rows li { margin: 0 0 .6rem; overflow-wrap: anywhere; }
.proposal-line { display: block; font-size: .95rem; }
.confirmation { font-size: .9rem; background: var(--wash); border-left: 4px solid var(--gold); padding: .4rem .6rem; margin: .4rem 0; }
.actions { display: flex; flex-wrap: wrap; gap: .75rem; margin: 1.25rem 0; }
button, .button { font: inherit; font-weight: 700; padding: .65rem 1.1rem; border-radius: .25rem; border: 2px solid var(--guinda); background: var(--guinda); color: #fff; cursor: pointer; text-decoration: none; display: inline-block; }
button.secondary, .button.secondary { background: #fff; color: var(--guinda); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { text-align: left; vertical-align: top; padding: .4rem .5rem; border-bottom: 1px solid var(--line); }
th { background: var(--wash); }
caption { text-align: left; font-weight: 700; padding: .25rem 0; }
table.values th[scope="row"] { background: none; font-weight: 400; }
table.values td { min-width: 8rem; }
.value { font-weight: 700; font-variant-numeric: tabular-nums; white-space: pre-wrap; }
.breakdown-values { display: grid; grid-template-columns: max-content max-content; gap: 0 .75rem; margin: 0; }
.breakdown-values dt { font-weight: 400; }
.breakdown-values dd { margin: 0; font-weight: 700; font-variant-numeric: tabular-nums; }
.value-comment { font-size: .9rem; color: var(--muted); margin: .25rem 0 0; }
.narrative { white-space: pre-wrap; }
.table-wrap { overflow-x: auto; }
pre { white-space: pre-wrap; word-break: break-word; background: var(--wash); padding: .75rem; border-radius: .25rem; font-size: .85rem; }
details { margin: .75rem 0; }
summary { cursor: pointer; font-weight: 600; }
code { font-size: .9em; overflow-wrap: anywhere; }
.mail-frame { display: block; width: 100%; height: 75vh; min-height: 24rem; border: 1px solid var(--line); border-radius: .25rem; background: #fff; }
.mail-list .subject { font-weight: 600; }
.mail-list td { overflow-wrap: break-word; }
.mail-list .when span { white-space: nowrap; }
.vh { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
button.small, .button.small { padding: .3rem .7rem; font-size: .9rem; }
.cards { list-style: none; padding: 0; margin: .5rem 0 1rem; display: grid; gap: .5rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 22rem), 1fr)); align-items: start; }
.roles { display: grid; gap: 0 1.5rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 22rem), 1fr)); }
.role .cards { grid-template-columns: 1fr; }
.cards > li { border: 1px solid var(--line); border-radius: .25rem; padding: .6rem .75rem; }
.cards > li.has-error { border: 2px solid var(--error); }
.cards p { margin: .1rem 0; }
.contact-email { overflow-wrap: anywhere; }
.contact-form, .add-reporter { max-width: 36rem; }
.card-actions { margin-top: .25rem; }
.card-actions details { margin: .25rem 0 .5rem; }
.row-actions { display: flex; flex-wrap: wrap; gap: .4rem; }
.status.s-DERIVED, .status.s-CONFIRMED, .status[class*=" t-"] { white-space: nowrap; }
.status.s-DERIVED, .status.t-LATE { background: #fbf6e9; border-color: #d9c08a; }
.status.s-CONFIRMED, .status.t-ON_TIME { background: #e3f1e4; border-color: #8fbf93; }
.status.t-NOT_REPORTED { background: #fdecee; border-color: #e2a0aa; }
.status.r-PUBLISHED { background: #e3f1e4; border-color: #8fbf93; }
.status.r-DRAFT { background: #fbf6e9; border-color: #d9c08a; }
.status.r-SUPERSEDED { background: #eeeeee; }
.downloads { margin: 0 0 .25rem; }
.ladder { padding-left: 1.25rem; max-width: 56rem; }
.ladder li { margin: .5rem 0; }
.ladder-people { display: block; color: var(--muted); }
.ladder-people.missing { color: var(--error); font-weight: 600; }
td.num { font-variant-numeric: tabular-nums; }
@media (max-width: 40rem) { .filters.stack-on-phone .field { flex-basis: 100%; max-width: none; } }
meter.share { width: 100%; max-width: 24rem; height: 1rem; }
.badge { margin-left: .5rem; font-size: .85rem; font-weight: 600; white-space: nowrap; }
details.area { border-top: 2px solid var(--guinda); margin: 1.25rem 0; padding-top: .25rem; }
details.area > summary h2, details.objective > summary h3 { display: inline; margin: 0; }
details.area > summary { padding: .25rem 0; }
details.objective { border: 1px solid var(--line); border-radius: .25rem; padding: .5rem .75rem; margin: .5rem 0; }
details.objective[open] { padding-bottom: .75rem; }
details.objective > summary { font-weight: 400; }
details.objective > summary h3 { font-size: 1rem; margin-right: .25rem; }
h4 { font-size: 1rem; margin: 1rem 0 .25rem; }
.plan-items { padding-left: 1.1rem; margin: .25rem 0 .5rem; }
.plan-items > li { margin: .4rem 0; }
.plan-items.nested { margin-top: .25rem; }
@media (max-width: 40rem) {
  table.stack thead { position: absolute; left: -999px; }
  table.stack tr { display: block; border-bottom: 1px solid var(--line); padding: .5rem 0; }
  table.stack td { display: block; border: 0; padding: .1rem 0; }
  table.stack td[data-label]:not(:empty)::before { content: attr(data-label) ": "; font-weight: 600; color: var(--muted); }
  table.matrix td.cell { display: inline-block; margin: .15rem .35rem .15rem 0; padding: .1rem .4rem; border: 1px solid var(--line); border-radius: .25rem; }
  table.matrix td.cell:empty, table.matrix th.ind { display: none; }
}
.annual-report .facts dd { min-width: 0; }
.annual-report code.hash { overflow-wrap: anywhere; word-break: break-all; }
.annual-report .plain-list { list-style: none; padding: 0; margin: 0; }
.annual-report .report-contents .plain-list { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; margin: .5rem 0 1rem; }
.annual-report .report-area > h3.area-name { border-top: 2px solid var(--guinda); padding-top: .5rem; margin-top: 1.5rem; color: var(--guinda); }
.annual-report .report-objective { border: 1px solid var(--line); border-radius: .25rem; padding: .5rem .75rem; margin: .75rem 0; }
.annual-report h5 { font-size: 1rem; margin: 1rem 0 .25rem; }
.annual-report h6 { font-size: .95rem; margin: .75rem 0 .25rem; color: var(--muted); }
.annual-report .report-goal { background: var(--wash); border-left: 4px solid var(--gold); padding: .4rem .75rem; margin: .75rem 0; }
.annual-report .report-goal .facts { margin: .25rem 0; }
.annual-report .user-text, .annual-report [dir="auto"] { unicode-bidi: isolate; overflow-wrap: anywhere; }
.annual-report blockquote.narrative { margin: .5rem 0 1rem; padding: .5rem .75rem; border-left: 4px solid var(--line); background: var(--wash); white-space: pre-wrap; }
.annual-report sup.fn-ref { font-size: .75em; margin-left: .1em; }
.annual-report sup.fn-ref a { padding: 0 .1em; }
.annual-report .footnotes li { margin: .35rem 0; }
.annual-report td.num { white-space: nowrap; }
.status.goal-MET { background: #e3f1e4; border-color: #8fbf93; }
.status.goal-ON_TRACK { background: #e8f0fb; border-color: #93afd8; }
.status.goal-BEHIND { background: #fdecee; border-color: #e2a0aa; }
.status.goal-NO_DATA, .status.goal-NOT_EVALUABLE, .status.goal-NOT_STARTED { background: #eeeeee; }
.status.c-ON_TIME, .status.c-AFTER_EXTENSION { background: #e3f1e4; border-color: #8fbf93; }
.status.c-LATE, .status.c-OPEN { background: #fbf6e9; border-color: #d9c08a; }
.status.c-NOT_REPORTED { background: #fdecee; border-color: #e2a0aa; }
.status.c-EXEMPTED { background: #eeeeee; }
@media (max-width: 40rem) { .annual-report .table-wrap { overflow-x: visible; } .annual-report td.num { white-space: normal; } }
.site-footer { max-width: 48rem; margin: 2rem auto 1rem; padding: 1rem; border-top: 1px solid var(--line); color: var(--muted); font-size: .9rem; }
@media (max-width: 30rem) { .facts { grid-template-columns: 1fr; gap: 0; } .facts dd { margin-bottom: .5rem; } legend { font-size: .95rem; } }
@media (min-width: 48rem) { h1 { font-size: 1.85rem; } main { padding: 1.5rem 1rem; } }
@media print {
  .site-header .lang, .skip, .actions, nav, form .actions, .no-print { display: none !important; }
  .site-header { background: none; color: #000; border-bottom: 2px solid #000; }
  .site-header .brand { color: #000; }
  a { color: #000; text-decoration: none; }
  main { max-width: none; }
  body { font-size: 10.5pt; }
  .annual-report h2 { break-before: page; break-after: avoid; }
  .annual-report .report-title + .report-contents + section h2 { break-before: auto; }
  .annual-report h3, .annual-report h4, .annual-report h5, .annual-report h6 { break-after: avoid; }
  .annual-report tr, .annual-report .report-goal, .annual-report .footnotes li { break-inside: avoid; }
  .annual-report .table-wrap { overflow: visible; }
  .annual-report thead { display: table-header-group; }
  .annual-report sup.fn-ref a { color: #000; }
  .site-footer { max-width: none; }
}
`;

/** Path the stylesheet is served at: its content hash in the name, so it can be cached for good. */
export const STYLESHEET_PATH = `/assets/app.${createHash('sha256').update(STYLESHEET).digest('hex').slice(0, 12)}.css`;
