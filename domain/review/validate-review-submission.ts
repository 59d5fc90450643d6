import type { z } from 'zod';
import { fieldPath, localizeZodIssues, type FieldIssue } from '../field-issues';
import type { Locale } from '../input-bounds';
import { checkProposals, type TProposalIssue } from './check-proposals';
import { itemName } from './proposal-issue-text';
import { proposalIssueMessage } from './proposal-issue-text';
import { proposalsContentHash } from './proposals-content-hash';
import type { ReviewItemKind } from './review-proposal';
import { ZReviewProposals, type TReviewProposals } from './review-proposal';
import type { TReviewPlan } from './review-plan';

// Not for workflows/: uses node:crypto (the hash).

/** A problem of a review submission: a field issue that also names the proposal and item it is about. */
export interface ReviewFieldIssue extends FieldIssue {
  /** The proposal's index in `proposals`, when the problem is about one. */
  proposal?: number;
  /** The item (`INDICATOR/4.b`), when known. */
  item?: string;
}

export type ReviewValidation =
  | { ok: true; content: TReviewProposals; contentHash: string }
  | {
      ok: false;
      /** `FORBIDDEN` when any proposal is on an item the institution is not in charge of (403), else `VALIDATION` (400). */
      kind: 'FORBIDDEN' | 'VALIDATION';
      message: string;
      issues: ReviewFieldIssue[];
    };

/** What a sub-field is called in a message, after the item's name. */
const SUBFIELD: Record<Locale, Record<string, string>> = {
  'es-MX': {
    justification: 'justificación',
    action: 'propuesta',
    kind: 'tipo',
    code: 'código',
    objectiveCode: 'objetivo',
    'change.text.es': 'redacción en español',
    'change.text.en': 'redacción en inglés',
    'change.text': 'redacción',
    'change.unit': 'unidad',
    'change.disaggregation': 'desglose',
    'change.indicatorCode': 'indicador de medición',
    'change.target': 'meta',
    change: 'cambio',
  },
  en: {
    justification: 'justification',
    action: 'proposal',
    kind: 'kind',
    code: 'code',
    objectiveCode: 'objective',
    'change.text.es': 'Spanish wording',
    'change.text.en': 'English wording',
    'change.text': 'wording',
    'change.unit': 'unit',
    'change.disaggregation': 'breakdown',
    'change.indicatorCode': 'measured indicator',
    'change.target': 'target',
    change: 'change',
  },
};

/** The schema's own refinements (domain/review/review-proposal.ts), said in both languages. */
const REFINEMENT: Record<string, Record<Locale, string>> = {
  change: { 'es-MX': 'una modificación o un elemento nuevo necesita el cambio que propone; conservar o retirar no propone cambios', en: 'a modification or a new item needs the change it proposes; keeping or retiring proposes none' },
  objectiveCode: { 'es-MX': 'un elemento nuevo necesita el objetivo al que pertenece', en: 'a new item needs the objective it goes under' },
  'change.text': { 'es-MX': 'un elemento nuevo necesita su redacción en español y en inglés', en: 'a new item needs its wording in Spanish and English' },
  code: { 'es-MX': 'una sola propuesta por elemento', en: 'one proposal per item' },
};

/**
 * Validates what a contact sends for a review request (`{ proposals, narrative }`): the schema
 * (ZReviewProposals), then the rules against the plan version under review ({@link checkProposals}: in
 * charge, known items, new codes, fields of the kind, retired codes, targets; with `final`, a proposal
 * on every item in charge). Every problem names its item and field, in `lang`: "Indicador 4.b
 * (proposals[3]) justificación: es obligatorio". Any proposal on an item not in charge makes the whole
 * answer `FORBIDDEN` (403). Valid content comes back parsed (bounds applied) with its canonical hash
 * ({@link proposalsContentHash}). The API and the activity that records it run the same function.
 */
export function validateReviewSubmission({
  plan,
  institutionCode,
  input,
  final,
  retiredCodes,
  lang = 'en',
}: {
  plan: TReviewPlan;
  institutionCode: string;
  input: unknown;
  final: boolean;
  retiredCodes?: ReadonlySet<string>;
  lang?: Locale;
}): ReviewValidation {
  const lead = lang === 'en' ? 'Invalid proposals' : 'Propuestas no válidas';
  const parsed = ZReviewProposals.safeParse(input);
  if (!parsed.success) {
    const issues = schemaIssues({ error: parsed.error, input, lang });
    return { ok: false, kind: 'VALIDATION', message: `${lead}: ${issues[0].message}`, issues };
  }
  const found = checkProposals({ plan, institutionCode, proposals: parsed.data.proposals, retiredCodes, final });
  if (found.length) {
    const issues = found.map((i) => ruleIssue(i, lang));
    const forbidden = found.some((i) => i.code === 'NOT_IN_CHARGE');
    return { ok: false, kind: forbidden ? 'FORBIDDEN' : 'VALIDATION', message: `${lead}: ${issues[0].message}`, issues };
  }
  return { ok: true, content: parsed.data, contentHash: proposalsContentHash(parsed.data) };
}

function ruleIssue(issue: TProposalIssue, lang: Locale): ReviewFieldIssue {
  return {
    field: issue.field,
    code: issue.code,
    message: proposalIssueMessage(issue, lang),
    ...(issue.index !== null ? { proposal: issue.index } : {}),
    item: `${issue.kind}/${issue.itemCode}`,
  };
}

const KINDS = new Set(['OBJECTIVE', 'LINE_OF_ACTION', 'INDICATOR', 'GOAL']);

/** Zod's issues, each prefixed with the item it is about (as far as the input says it), in `lang`. */
function schemaIssues({ error, input, lang }: { error: z.ZodError; input: unknown; lang: Locale }): ReviewFieldIssue[] {
  const raw = (input as { proposals?: unknown } | null)?.proposals;
  const proposals = Array.isArray(raw) ? (raw as Record<string, unknown>[]) : [];
  const out = new Map<string, ReviewFieldIssue>();
  for (const zodIssue of error.issues) {
    const [top, index, ...rest] = zodIssue.path;
    const field = fieldPath(zodIssue.path);
    if (out.has(field)) continue;
    if (top !== 'proposals' || typeof index !== 'number') {
      const [localized] = localizeZodIssues({ issues: [zodIssue], lang });
      out.set(field, localized);
      continue;
    }
    const p = proposals[index] ?? {};
    const kind = typeof p.kind === 'string' && KINDS.has(p.kind) ? (p.kind as ReviewItemKind) : undefined;
    const code = typeof p.code === 'string' && p.code.length <= 16 ? p.code : undefined;
    const name = kind && code ? itemName({ kind, code, lang }) : lang === 'en' ? 'Proposal' : 'Propuesta';
    const sub = rest.map(String).join('.');
    const subName = SUBFIELD[lang][sub] ?? (sub.startsWith('change.target.') ? `${SUBFIELD[lang]['change.target']} (${sub.slice('change.target.'.length)})` : sub);
    const own = zodIssue.code === 'custom' ? REFINEMENT[sub]?.[lang] : undefined;
    const message = own ?? localizeZodIssues({ issues: [zodIssue], lang })[0].message;
    out.set(field, {
      field,
      code: zodIssue.code === 'custom' ? 'INVALID' : localizeZodIssues({ issues: [zodIssue], lang })[0].code,
      message: `${name} (proposals[${index}])${subName && !own ? ` ${subName}` : ''}: ${message}`,
      proposal: index,
      ...(kind && code ? { item: `${kind}/${code}` } : {}),
    });
  }
  return [...out.values()];
}
