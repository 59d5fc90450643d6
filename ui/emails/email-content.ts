import { formatDay } from '../../domain/day-text';
import { formatDeadline } from '../../domain/deadline-text';
import type { Locale } from '../../domain/input-bounds';
import { withCode } from '../../domain/institution-name';
import type { EmailBlock, EmailContext, EmailContextOf, EmailIndicator, EmailPart, Inline, ReceivedIndicator, ReceivedValue } from './email-model';
import { emailText } from './email-text';
import { link, paragraph, type Content, type Writer } from './email-writer';
import { reviewEmailContent } from './review-email-content';

/**
 * One language's block of an email: its subject and what it says, part by part (ui/emails/email-model's
 * EmailPart). One content function per kind below; the words are in ui/emails/email-text.
 */
export function emailBlock(c: EmailContext, lang: Locale): EmailBlock {
  const t = emailText(lang);
  const w: Writer = {
    lang,
    t,
    who: withCode(lang === 'en' ? c.institution.nameEn : c.institution.nameEs, c.institution.code),
    when: (at) => formatDeadline({ at, zone: c.zone, locale: lang }),
    day: (date) => dayOrAsWritten(date, lang),
  };
  // A plan review's request says what it asks (proposals on the items in charge) in words of its own.
  const { subject, parts } = c.review ? reviewEmailContent(c, c.review, w, content(c, w)) : content(c, w);
  return { lang, subject, parts };
}

function content(c: EmailContext, w: Writer): Content {
  switch (c.kind) {
    case 'REQUEST':
      return request(c, w);
    case 'REMINDER':
      return reminder(c, w);
    case 'ESCALATION':
      return escalation(c, w);
    case 'RECEIPT':
      return receipt(c, w);
    case 'DELIVERY_FAILURE':
      return deliveryFailure(c, w);
    case 'EXTENSION_REQUESTED':
      return extensionRequested(c, w);
    case 'EXTENSION_DECISION':
      return extensionDecision(c, w);
    case 'EXEMPTED':
      return exempted(c, w);
    case 'CLOSED':
      return closed(c, w);
    case 'ATTENTION':
      return attention(c, w);
  }
}

/** `8.a — Número de personal uniformado capacitado (número, desagregado por sexo)`. */
function indicatorLine(i: EmailIndicator, { t, lang }: Writer): string {
  const unit = t.units[i.unit] ?? i.unit;
  const sex = i.disaggregation === 'SEX' ? t.bySex : '';
  return `${i.code} — ${lang === 'en' ? i.textEn : i.textEs} (${unit}${sex})`;
}

function indicatorList(title: string, indicators: EmailIndicator[], w: Writer): EmailPart[] {
  if (indicators.length === 0) return [];
  return [{ type: 'list', title, items: indicators.map((i) => ({ head: indicatorLine(i, w), lines: [] })) }];
}

function request(c: EmailContextOf<'REQUEST'>, w: Writer): Content {
  const { t } = w;
  const deadline = w.when(c.deadlineAt);
  return {
    subject: t.request.subject(c.year, c.institution.code, deadline),
    parts: [
      paragraph(t.greeting(w.who)),
      paragraph(t.request.ask(c.year, deadline)),
      ...indicatorList(t.request.listTitle, c.indicators, w),
      paragraph(t.request.answerAt, link(c.link)),
      paragraph(t.request.draftHint),
    ],
  };
}

function reminder(c: EmailContextOf<'REMINDER'>, w: Writer): Content {
  const { t } = w;
  const deadline = w.when(c.deadlineAt);
  return {
    subject: t.reminder.subject(c.year, c.institution.code, c.indicators.length, deadline),
    parts: [paragraph(t.greeting(w.who)), paragraph(t.reminder.remind(c.year, deadline)), ...indicatorList(t.reminder.listTitle, c.indicators, w), paragraph(t.reminder.answerAt, link(c.link))],
  };
}

function escalation(c: EmailContextOf<'ESCALATION'>, w: Writer): Content {
  const { t } = w;
  return {
    subject: t.escalation.subject(c.level, c.institution.code, c.year),
    parts: [
      paragraph(t.escalation.overdue(w.who, c.year, w.when(c.overdueSince))),
      paragraph(t.escalation.level(c.level)),
      ...indicatorList(t.escalation.listTitle, c.indicators, w),
      paragraph(t.escalation.answerAt, link(c.link)),
    ],
  };
}

/** A received value as people read it: `3`, `17.5 %`, `Sí`, `“Se realizaron dos campañas.”`, `sin dato`. */
function valueText(v: ReceivedValue, unit: string, { t }: Writer): string {
  switch (v.type) {
    case 'NUMBER':
      return unit === 'PERCENTAGE' ? `${v.value} %` : v.value;
    case 'YES_NO':
      return v.value ? t.receipt.yes : t.receipt.no;
    case 'TEXT':
      return `“${v.value}”`;
    case 'NO_DATA':
      return t.receipt.noData;
  }
}

/** `Total: 40 · Mujeres: 25 · Hombres: 15` (by sex) or `Valor: 3`, then each comment. */
function receivedLines(i: ReceivedIndicator, w: Writer): string[] {
  const { t } = w;
  const bySex = i.disaggregation === 'SEX';
  const order = { TOTAL: 0, WOMEN: 1, MEN: 2 } as const;
  const values = [...i.values]
    .sort((a, b) => order[a.breakdown] - order[b.breakdown])
    .map((v) => `${bySex ? t.receipt.breakdowns[v.breakdown] : t.receipt.value}: ${valueText(v.value, i.unit, w)}`);
  return [...(values.length ? [values.join(' · ')] : []), ...i.comments.map((comment) => `${t.receipt.comment}: ${comment}`)];
}

function receipt(c: EmailContextOf<'RECEIPT'>, w: Writer): Content {
  const { t } = w;
  const r = c.receipt;
  const kind = t.receipt.kinds[r.kind];
  const ends = r.correctionEndsAt;
  const facts: { label: string; value: Inline[] }[] = [
    { label: t.receipt.version, value: [`${r.version} (${kind})`] },
    { label: t.receipt.receivedAt, value: [w.when(r.receivedAt)] },
    { label: t.receipt.submittedBy, value: [r.submittedBy] },
    ...(r.reason ? [{ label: t.receipt.reason, value: [r.reason] }] : []),
    ...(ends ? [{ label: t.receipt.correctableUntil, value: [w.when(ends)] }] : ends === null ? [{ label: t.receipt.corrections, value: [t.receipt.noCorrections] }] : []),
  ];
  const closing = r.kind === 'DRAFT' ? t.receipt.draftAt(w.when(c.deadlineAt)) : ends ? t.receipt.correctAt(w.when(ends)) : t.receipt.viewAt;
  return {
    subject: t.receipt.subject(c.year, c.institution.code, r.version),
    parts: [
      paragraph(t.receipt.received(w.who, c.year, r.version, kind)),
      { type: 'facts', rows: facts },
      r.indicators.length
        ? { type: 'list', title: t.receipt.listTitle, items: r.indicators.map((i) => ({ head: `${i.code} — ${w.lang === 'en' ? i.textEn : i.textEs}`, lines: receivedLines(i, w) })) }
        : paragraph(t.receipt.noValues),
      ...(r.narrative ? [{ type: 'quote' as const, title: t.receipt.narrative, text: r.narrative }] : []),
      paragraph(closing, link(c.link)),
    ],
  };
}

function deliveryFailure(c: EmailContextOf<'DELIVERY_FAILURE'>, w: Writer): Content {
  const { t } = w;
  return {
    subject: t.deliveryFailure.subject(c.year, c.institution.code),
    parts: [paragraph(t.deliveryFailure.notDelivered(w.who)), paragraph(t.deliveryFailure.detail(c.failure.to, c.failure.error)), paragraph(t.deliveryFailure.whatToDo)],
  };
}

/** A single-quoted shell word: what is inside reaches the command as written. */
const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** A curl command, one option a line (a `\` ends each but the last), for a person to copy. */
function curl({ method, url, token, body }: { method?: 'POST'; url: string; token: string; body?: Record<string, unknown> }): string {
  const lines = [
    `curl${method ? ` -X ${method}` : ''} ${shellQuote(url)}`,
    `-H ${shellQuote(`Authorization: Bearer ${token}`)}`,
    ...(body ? [`-H 'Content-Type: application/json'`, `-d ${shellQuote(JSON.stringify(body))}`] : []),
  ];
  return lines.map((line, i) => `${i ? '  ' : ''}${line}${i < lines.length - 1 ? ' \\' : ''}`).join('\n');
}

function extensionRequested(c: EmailContextOf<'EXTENSION_REQUESTED'>, w: Writer): Content {
  const { t } = w;
  const x = t.extensionRequested;
  const e = c.extension;
  const url = `${c.requestApiUrl}/extension-decision`;
  const token = x.tokenPlaceholder;
  return {
    subject: x.subject(c.year, c.institution.code),
    parts: [
      paragraph(x.asks(w.who, c.year)),
      {
        type: 'facts',
        rows: [
          { label: x.requestedBy, value: [e.requestedBy] },
          { label: x.newDeadline, value: [`${w.day(e.deadline)} (${e.deadline})`] },
          { label: x.reason, value: [e.reason] },
          { label: x.inForce, value: [w.when(c.deadlineAt)] },
        ],
      },
      paragraph(x.meanwhile),
      paragraph(x.howToDecide),
      { type: 'code', title: x.approve, code: curl({ method: 'POST', url, token, body: { approve: true, decidedBy: x.decidedBy } }) },
      { type: 'code', title: x.approveOther, code: curl({ method: 'POST', url, token, body: { approve: true, deadline: x.otherDate, decidedBy: x.decidedBy } }) },
      { type: 'code', title: x.reject, code: curl({ method: 'POST', url, token, body: { approve: false, note: x.rejectNote, decidedBy: x.decidedBy } }) },
    ],
  };
}

function extensionDecision(c: EmailContextOf<'EXTENSION_DECISION'>, w: Writer): Content {
  const { t } = w;
  const d = c.decision;
  const by = d.by ?? t.extensionDecision.someone;
  return {
    subject: t.extensionDecision.subject(c.year, c.institution.code),
    parts: [
      paragraph(d.approved ? t.extensionDecision.approved(by, d.reason) : t.extensionDecision.rejected(d.requested ?? '', by, d.reason)),
      paragraph(t.extensionDecision.inForce(w.when(c.deadlineAt))),
      paragraph(t.extensionDecision.answerAt, link(c.link)),
    ],
  };
}

function decisionFacts(d: { reason?: string; by?: string }, { t }: Writer): EmailPart {
  return {
    type: 'facts',
    rows: [...(d.reason ? [{ label: t.decision.reason, value: [d.reason] }] : []), { label: t.decision.by, value: [d.by ?? t.decision.someone] }],
  };
}

function exempted(c: EmailContextOf<'EXEMPTED'>, w: Writer): Content {
  const { t } = w;
  return {
    subject: t.exempted.subject(c.year, c.institution.code),
    parts: [paragraph(t.exempted.exempted(w.who, c.year)), decisionFacts(c.decision, w), paragraph(t.exempted.after)],
  };
}

function closed(c: EmailContextOf<'CLOSED'>, w: Writer): Content {
  const { t } = w;
  return {
    subject: t.closed.subject(c.year, c.institution.code),
    parts: [paragraph(t.closed.closed(w.who, c.year)), decisionFacts(c.decision, w), paragraph(t.closed.after)],
  };
}

function attention(c: EmailContextOf<'ATTENTION'>, w: Writer): Content {
  const { t } = w;
  const a = t.attention;
  return {
    subject: a.subject(c.year, c.institution.code),
    parts: [
      paragraph(a.needs(w.who)),
      {
        type: 'facts',
        rows: [
          { label: a.whatFailed, value: [c.attention.reason] },
          { label: a.whatToDo, value: [a.todo] },
        ],
      },
      { type: 'code', title: a.view, code: curl({ url: c.requestApiUrl, token: a.tokenPlaceholder }) },
      { type: 'code', title: a.resend, code: curl({ method: 'POST', url: `${c.requestApiUrl}/resend`, token: a.tokenPlaceholder, body: { requestedBy: a.requestedBy } }) },
    ],
  };
}

/** A day as words; a value that is not a `yyyy-MM-dd` day (never expected) is shown as it came. */
function dayOrAsWritten(date: string, lang: Locale): string {
  try {
    return formatDay({ date, locale: lang });
  } catch {
    return date;
  }
}
