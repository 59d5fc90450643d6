import { performance } from 'node:perf_hooks';
import { Counter, Gauge, type Registry } from 'prom-client';
import { EmailKind, RequestStatus } from '../domain/request-types';
import type { PrismaClient } from '../prisma/client';

/** What a scrape reads from the record, refreshed by {@link RecordMetrics.refresh}. */
export interface RecordMetrics {
  /**
   * Reads the record (three grouped queries) and sets every domain metric from it, within `timeoutMs`.
   * Never rejects: when the database does not answer, the domain series are withdrawn (no stale values)
   * and `nap1325_record_metrics_up` is 0. Concurrent calls share one read.
   */
  refresh(): Promise<void>;
}

type EmailRow = { kind: string; status: string; refused: boolean; level: string | null; n: number };
type SubmissionRow = { kind: string; n: number };
type RequestRow = { year: number; status: string; n: number; attention: number };

const SUBMISSION_KINDS = ['DRAFT', 'FINAL', 'CORRECTION'] as const;
const ESCALATION_LEVELS = ['1', '2', '3'] as const;
const EMAIL_OUTCOMES = ['sent', 'refused', 'failed'] as const;

/**
 * The domain's numbers, computed from PostgreSQL at scrape time rather than counted in memory where
 * things happen. Emails are sent and submissions recorded by activities, in the Worker — possibly
 * another process, or several — while /metrics is served by the API. The record already holds every
 * such fact exactly once (a SentMessage row per email step, a Submission row per version), so counting
 * rows is exact whichever process did the work, survives restarts, and never counts a retried or
 * replayed activity twice. Each query is one grouped scan of one table.
 *
 * Series (all in `registry`):
 * - `nap1325_emails_total{kind, outcome}` — emails by kind (`REQUEST`, `REMINDER`, `ESCALATION`,
 *   `RECEIPT`, …) and outcome: `sent` (accepted), `refused` (accepted for some, refused for a To
 *   address: a delivery failure), `failed` (refused for good or no recipient: a delivery failure);
 * - `nap1325_emails_sending` — emails claimed and not yet accepted (in flight, or waiting for a retry);
 * - `nap1325_escalations_total{level}` — escalation emails by level, whatever their outcome;
 * - `nap1325_submissions_total{kind}` — stored versions: `DRAFT`, `FINAL`, `CORRECTION`;
 * - `nap1325_data_requests{year, status}` — requests by cycle and status (`OVERDUE`, `SUBMITTED`, …);
 * - `nap1325_data_requests_needing_attention{year}` — requests flagged for the secretariat;
 * - `nap1325_record_metrics_up`, `nap1325_record_metrics_duration_seconds` — whether and how fast the read went.
 * Known label values are present at 0, so a dashboard shows 0 rather than no data.
 */
export function createRecordMetrics({
  prisma,
  registry,
  timeoutMs = 5000,
  onError,
}: {
  prisma: PrismaClient;
  registry: Registry;
  /** How long the read may take (default 5 s, half of Prometheus's default scrape timeout). */
  timeoutMs?: number;
  /** Told why a read failed (the API logs it). */
  onError?: (error: unknown) => void;
}): RecordMetrics {
  const emails = new Counter({
    name: 'nap1325_emails_total',
    help: 'Emails of requests by kind and outcome (sent; refused: accepted but a To address refused; failed), from SentMessage.',
    labelNames: ['kind', 'outcome'] as const,
    registers: [registry],
  });
  const sending = new Gauge({ name: 'nap1325_emails_sending', help: 'Emails claimed by a send attempt and not yet accepted by the SMTP server.', registers: [registry] });
  const escalations = new Counter({
    name: 'nap1325_escalations_total',
    help: 'Escalation emails by escalation level (sent, refused or failed), from SentMessage.',
    labelNames: ['level'] as const,
    registers: [registry],
  });
  const submissions = new Counter({
    name: 'nap1325_submissions_total',
    help: 'Submission versions stored, by kind (DRAFT, FINAL, CORRECTION), from Submission.',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const requests = new Gauge({
    name: 'nap1325_data_requests',
    help: 'Data requests by cycle year and status, from DataRequest.',
    labelNames: ['year', 'status'] as const,
    registers: [registry],
  });
  const attention = new Gauge({
    name: 'nap1325_data_requests_needing_attention',
    help: 'Data requests flagged for the secretariat (something they owed exhausted its retries), by cycle year.',
    labelNames: ['year'] as const,
    registers: [registry],
  });
  const up = new Gauge({ name: 'nap1325_record_metrics_up', help: '1 when the last scrape read the record, 0 when the database did not answer.', registers: [registry] });
  const duration = new Gauge({ name: 'nap1325_record_metrics_duration_seconds', help: 'How long the last scrape took to read the record.', registers: [registry] });
  const domain = [emails, sending, escalations, submissions, requests, attention];

  async function read(): Promise<[EmailRow[], SubmissionRow[], RequestRow[]]> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the record did not answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return await Promise.race([
        Promise.all([
          prisma.$queryRaw<EmailRow[]>`
            SELECT kind, status::text AS status, (error IS NOT NULL) AS refused,
                   substring("idempotencyKey" from 'escalation-([0-9]+)$') AS level, count(*)::int AS n
            FROM "SentMessage" GROUP BY 1, 2, 3, 4`,
          prisma.$queryRaw<SubmissionRow[]>`SELECT kind::text AS kind, count(*)::int AS n FROM "Submission" GROUP BY 1`,
          prisma.$queryRaw<RequestRow[]>`
            SELECT c.year, r.status::text AS status, count(*)::int AS n, count(r."attentionAt")::int AS attention
            FROM "DataRequest" r JOIN "ReportingCycle" c ON c.id = r."cycleId" WHERE c.kind = 'DATA' GROUP BY 1, 2`,
        ]),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Sets every series from one read, synchronously: a concurrent scrape never sees half of it. */
  function apply([emailRows, submissionRows, requestRows]: [EmailRow[], SubmissionRow[], RequestRow[]]): void {
    for (const metric of domain) metric.reset();
    for (const kind of Object.values(EmailKind)) for (const outcome of EMAIL_OUTCOMES) emails.inc({ kind, outcome }, 0);
    for (const level of ESCALATION_LEVELS) escalations.inc({ level }, 0);
    for (const kind of SUBMISSION_KINDS) submissions.inc({ kind }, 0);
    for (const row of emailRows) {
      if (row.kind === EmailKind.ESCALATION) escalations.inc({ level: row.level ?? 'unknown' }, row.n);
      if (row.status === 'SENDING') sending.inc(row.n);
      else emails.inc({ kind: row.kind, outcome: row.status === 'FAILED' ? 'failed' : row.refused ? 'refused' : 'sent' }, row.n);
    }
    for (const row of submissionRows) submissions.inc({ kind: row.kind }, row.n);
    for (const year of new Set(requestRows.map((r) => String(r.year)))) {
      for (const status of Object.values(RequestStatus)) requests.set({ year, status }, 0);
      attention.set({ year }, 0);
    }
    for (const row of requestRows) {
      requests.set({ year: String(row.year), status: row.status }, row.n);
      attention.inc({ year: String(row.year) }, row.attention);
    }
  }

  let inFlight: Promise<void> | undefined;
  async function refresh(): Promise<void> {
    const start = performance.now();
    try {
      apply(await read());
      up.set(1);
    } catch (error) {
      onError?.(error);
      for (const metric of domain) metric.reset();
      // An unlabeled gauge resets to 0; "no value" is the truth when the record cannot be read.
      sending.remove();
      up.set(0);
    } finally {
      duration.set((performance.now() - start) / 1000);
    }
  }
  return {
    refresh() {
      inFlight ??= refresh().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
  };
}
