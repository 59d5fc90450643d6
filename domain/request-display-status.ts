import type { Locale } from './input-bounds';
import type { RequestStatus } from './request-types';

/**
 * What the dashboards show for a request: its status, made more precise by the facts a secretariat must
 * act on — an extension request waiting for a decision, an email to the contacts refused for good, and
 * the escalation level of an overdue request. Pure, so the pages, the API and tests agree.
 */
export const DisplayStatus = {
  PENDING: 'PENDING',
  REQUESTED: 'REQUESTED',
  DRAFT: 'DRAFT',
  SUBMITTED: 'SUBMITTED',
  OVERDUE: 'OVERDUE',
  EXTENSION_PENDING: 'EXTENSION_PENDING',
  DELIVERY_FAILED: 'DELIVERY_FAILED',
  EXEMPTED: 'EXEMPTED',
  NOT_REPORTED: 'NOT_REPORTED',
  CLOSED: 'CLOSED',
} as const;
export type DisplayStatus = (typeof DisplayStatus)[keyof typeof DisplayStatus];

/** Statuses after which the request waits for nothing. */
export const SETTLED_STATUSES: readonly RequestStatus[] = ['SUBMITTED', 'EXEMPTED', 'NOT_REPORTED', 'CLOSED'];

export interface DisplayFacts {
  status: RequestStatus | string;
  escalationLevel: number;
  extensionRequestedAt: Date | null;
  deliveryFailedAt: Date | null;
}

/**
 * A settled request shows its status; otherwise a refused delivery comes first (nobody received what they
 * must answer), then a pending extension (the secretariat must decide), then the status itself (an
 * overdue one with its escalation level).
 */
export function displayStatus(facts: DisplayFacts): { status: DisplayStatus; level?: number } {
  if (SETTLED_STATUSES.includes(facts.status as RequestStatus)) return { status: facts.status as DisplayStatus };
  if (facts.deliveryFailedAt) return { status: DisplayStatus.DELIVERY_FAILED };
  if (facts.extensionRequestedAt) return { status: DisplayStatus.EXTENSION_PENDING };
  if (facts.status === 'OVERDUE') return { status: DisplayStatus.OVERDUE, level: facts.escalationLevel };
  return { status: (facts.status in DisplayStatus ? facts.status : DisplayStatus.PENDING) as DisplayStatus };
}

const LABELS: Record<DisplayStatus, Record<Locale, string>> = {
  PENDING: { 'es-MX': 'Pendiente de envío', en: 'Not yet sent' },
  REQUESTED: { 'es-MX': 'Solicitado', en: 'Requested' },
  DRAFT: { 'es-MX': 'Borrador', en: 'Draft' },
  SUBMITTED: { 'es-MX': 'Enviado', en: 'Submitted' },
  OVERDUE: { 'es-MX': 'Vencido', en: 'Overdue' },
  EXTENSION_PENDING: { 'es-MX': 'Prórroga por decidir', en: 'Extension pending' },
  DELIVERY_FAILED: { 'es-MX': 'Correo no entregado', en: 'Delivery failed' },
  EXEMPTED: { 'es-MX': 'Exento', en: 'Exempted' },
  NOT_REPORTED: { 'es-MX': 'No reportado', en: 'Not reported' },
  CLOSED: { 'es-MX': 'Cerrado', en: 'Closed' },
};

/** The status in words; an overdue one says its escalation level ("Vencido · escalamiento 2"). */
export function displayStatusLabel({ status, level }: { status: DisplayStatus; level?: number }, lang: Locale): string {
  const label = LABELS[status][lang];
  if (status !== DisplayStatus.OVERDUE || !level) return label;
  return lang === 'en' ? `${label} · escalation ${level}` : `${label} · escalamiento ${level}`;
}

/** Which indicator cells a request has: what the latest version says of each indicator it reports. */
export const CellState = {
  /** In a final report or correction. */
  SUBMITTED: 'SUBMITTED',
  /** Only in a draft. */
  DRAFT: 'DRAFT',
  /** Reported as having no data, with a comment saying why. */
  NO_DATA: 'NO_DATA',
  /** Not given yet. */
  MISSING: 'MISSING',
} as const;
export type CellState = (typeof CellState)[keyof typeof CellState];

/**
 * A cell of the institutions × indicators matrix from the latest version's value of that indicator (its
 * TOTAL row, or any row): a value → submitted or draft by the version's kind; no value but a comment → no
 * data; nothing → missing.
 */
export function cellState(value: { hasValue: boolean; comment: string | null } | undefined, versionKind: string | undefined): CellState {
  if (!value || !versionKind) return CellState.MISSING;
  if (!value.hasValue) return value.comment?.trim() ? CellState.NO_DATA : CellState.MISSING;
  return versionKind === 'DRAFT' ? CellState.DRAFT : CellState.SUBMITTED;
}

/** Completeness of a cycle: reported out of expected (exempted and closed requests expect nothing). */
export function completeness(counts: Partial<Record<string, number>>): { expected: number; reported: number; percent: number } {
  const total = Object.values(counts).reduce<number>((n, c) => n + (c ?? 0), 0);
  const expected = total - (counts.EXEMPTED ?? 0) - (counts.CLOSED ?? 0);
  const reported = counts.SUBMITTED ?? 0;
  return { expected, reported, percent: expected > 0 ? Math.floor((reported / expected) * 1000) / 10 : 0 };
}
