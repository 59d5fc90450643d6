import type { AdminFrame, FormState } from './admin-frame';

/** One audit row as the log shows it. */
export interface AuditRow {
  id: string;
  /** The instant (ISO, for `<time>`) and as read in Mexico City. */
  atIso: string;
  atText: string;
  actor: string;
  /** The action in words (its code when unknown) and its code. */
  actionText: string;
  action: string;
  /** The institution and the cycle's year, when the row is about them, and the dashboard they link to. */
  institutionCode?: string;
  cycleYear?: number;
  href?: string;
  /** The data, short; and in full (pretty JSON), when there is any. */
  summary: string;
  json?: string;
}

export type AuditFilterField = 'year' | 'institution' | 'actor' | 'action';

/** The audit log, newest first, one page at a time. */
export interface AuditPageModel {
  frame: AdminFrame;
  /** The filters as sent, and their errors in place. */
  filters: FormState<AuditFilterField>;
  /** The action filter's choices, in words. */
  actions: { value: string; label: string }[];
  rows: AuditRow[];
  /** The next (older) page, and the first page (when this is not it), with the same filters. */
  olderHref?: string;
  newestHref?: string;
  /** Any filter is in force (the "clear" link shows). */
  filtered: boolean;
}
