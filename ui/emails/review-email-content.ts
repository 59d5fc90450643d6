import { ITEM_KIND_NAME } from '../../domain/review/proposal-issue-text';
import type { EmailContext, EmailPart, EmailReceivedProposal, EmailReview, EmailReviewItem } from './email-model';
import { link, paragraph, type Content, type Writer } from './email-writer';

/** `Indicador 4.b — Número de …`. */
function itemLine(i: EmailReviewItem, { lang }: Writer): string {
  return `${ITEM_KIND_NAME[lang][i.kind]} ${i.code} — ${lang === 'en' ? i.textEn : i.textEs}`;
}

function itemList(title: string, items: EmailReviewItem[], w: Writer): EmailPart[] {
  if (items.length === 0) return [];
  return [{ type: 'list', title, items: items.map((i) => ({ head: itemLine(i, w), lines: [] })) }];
}

/** `Indicador 4.b: modificar` (`Línea de acción 4.3: agregar en el objetivo 4`), then what it changes and why. */
function proposalItem(p: EmailReceivedProposal, w: Writer): { head: string; lines: string[] } {
  const r = w.t.review.receipt;
  const under = p.action === 'ADD' && p.objectiveCode && p.kind !== 'OBJECTIVE' ? ` ${r.under(p.objectiveCode)}` : '';
  const lines = [
    ...(p.text?.es ? [`${r.newTextEs}: ${p.text.es}`] : []),
    ...(p.text?.en ? [`${r.newTextEn}: ${p.text.en}`] : []),
    ...(p.unit ? [`${r.unit}: ${w.t.units[p.unit] ?? p.unit}`] : []),
    ...(p.disaggregation ? [`${r.breakdown}: ${r.breakdowns[p.disaggregation] ?? p.disaggregation}`] : []),
    ...(p.target !== undefined ? [`${r.target}: ${p.target === null ? r.noTarget : p.target[w.lang]}`] : []),
    `${r.justification}: ${p.justification}`,
  ];
  return { head: `${ITEM_KIND_NAME[w.lang][p.kind]} ${p.code}: ${r.actions[p.action] ?? p.action}${under}`, lines };
}

/**
 * An email of a plan review's request (cycle kind REVIEW), in one language: what the round asks (keep,
 * modify, retire or add each item in charge, with a justification, by the deadline), the items in charge
 * (a request) or still without a proposal (a reminder, an escalation), the proposals received (a
 * receipt), exemption and early close in the review's words; the same signed link as a data request.
 * Emails to the secretariat (delivery failure, extension asked, attention) keep the data request's
 * wording, their subject prefixed with the review. `data` is what the data request's email would say.
 */
export function reviewEmailContent(c: EmailContext, review: EmailReview, w: Writer, data: Content): Content {
  const { t } = w;
  const rt = t.review;
  const v = review.planVersion;
  const code = c.institution.code;
  switch (c.kind) {
    case 'REQUEST': {
      const deadline = w.when(c.deadlineAt);
      return {
        subject: rt.request.subject(v, code, deadline),
        parts: [
          paragraph(t.greeting(w.who)),
          paragraph(rt.request.ask(v, deadline)),
          paragraph(rt.request.what),
          ...itemList(rt.request.listTitle, review.items, w),
          paragraph(rt.request.answerAt, link(c.link)),
          paragraph(rt.request.draftHint),
        ],
      };
    }
    case 'REMINDER': {
      const deadline = w.when(c.deadlineAt);
      return {
        subject: rt.reminder.subject(v, code, review.items.length, deadline),
        parts: [paragraph(t.greeting(w.who)), paragraph(rt.reminder.remind(deadline)), ...itemList(rt.reminder.listTitle, review.items, w), paragraph(rt.reminder.answerAt, link(c.link))],
      };
    }
    case 'ESCALATION':
      return {
        subject: rt.escalation.subject(c.level, code, v),
        parts: [
          paragraph(rt.escalation.overdue(w.who, w.when(c.overdueSince))),
          paragraph(t.escalation.level(c.level)),
          ...itemList(rt.escalation.listTitle, review.items, w),
          paragraph(t.escalation.answerAt, link(c.link)),
        ],
      };
    case 'RECEIPT': {
      const r = c.receipt;
      const kind = rt.receipt.kinds[r.kind];
      // The facts (version, when, by whom, reason, correction window) and the closing line are the data receipt's.
      const facts = data.parts.filter((p) => p.type === 'facts');
      const closing = data.parts[data.parts.length - 1];
      const proposals = r.proposals ?? [];
      return {
        subject: rt.receipt.subject(v, code, r.version),
        parts: [
          paragraph(rt.receipt.received(w.who, r.version, kind)),
          ...facts,
          proposals.length ? { type: 'list', title: rt.receipt.listTitle, items: proposals.map((p) => proposalItem(p, w)) } : paragraph(rt.receipt.noProposals),
          ...(r.narrative ? [{ type: 'quote' as const, title: rt.receipt.narrative, text: r.narrative }] : []),
          closing,
        ],
      };
    }
    case 'EXTENSION_DECISION':
      return { subject: rt.extensionDecision.subject(v, code), parts: data.parts };
    case 'EXEMPTED':
      return { subject: rt.exempted.subject(v, code), parts: [paragraph(rt.exempted.exempted(w.who)), ...data.parts.filter((p) => p.type === 'facts'), paragraph(rt.exempted.after)] };
    case 'CLOSED':
      return { subject: rt.closed.subject(v, code), parts: [paragraph(rt.closed.closed(w.who)), ...data.parts.filter((p) => p.type === 'facts'), paragraph(rt.closed.after)] };
    case 'DELIVERY_FAILURE':
    case 'EXTENSION_REQUESTED':
    case 'ATTENTION':
      return { subject: `${rt.prefix(v)} — ${data.subject}`, parts: data.parts };
  }
}
