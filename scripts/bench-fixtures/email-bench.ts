/**
 * The email scenario of `npm run bench` (issue 11 §2): our mail activity, `sendRequestEmail`
 * (activities/send-request-email.ts: read the request and its contacts, render the bilingual email and its
 * .ics, claim the step in `SentMessage`, send through the pooled nodemailer transport of
 * activities/mailer.ts, mark it SENT, write the audit row) for `count` data requests, `concurrency` at a time
 * as the worker's activity slots would run them; against the raw rate: the same messages, captured as our
 * path handed them to the mailer, sent again through a fresh transport with the same settings (pooled, 5
 * connections) straight to the same SMTP server, `concurrency` at a time. The server is a sink in a
 * process of its own (scripts/bench-fixtures/smtp-sink-process.ts). Both paths warm up on a few extra
 * messages first. The activity is called as a function, without Temporal: what Temporal adds is measured by
 * the other scenarios.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { createMailer, type Mailer, type OutgoingEmail } from '../../activities/mailer';
import { createSendRequestEmail } from '../../activities/send-request-email';
import { DEFAULT_REPORTING_POLICY } from '../../domain/reporting-policy';
import { createPrisma } from '../../prisma/client';
import { seedSyntheticEntities } from '../../prisma/seed-entities';
import { seedAll } from '../../test/support/app-harness';
import { createTestDatabase } from '../../test/support/database';
import { timedCalls, type TLatencySummary } from './bench-stats';
import type { TSinkMessage } from './smtp-sink-process';

const YEAR = 2035;
const CHUNK = 2_000;

/** Goal of issue 11 §2: our activity at ≥ 0.8× the raw SMTP rate. */
export const EMAIL_GOAL = { rateVsRaw: 0.8 } as const;

export interface TEmailResult {
  ours: TLatencySummary;
  raw: TLatencySummary;
  rateVsRaw: number;
  /** Messages the SMTP server accepted over both timed runs and the warm-ups (should be 2 × (count + warm-up)). */
  smtpAccepted: number;
  averageMessageBytes: number;
  goal: { rateVsRaw: number; met: boolean };
}

async function startSink(): Promise<{ port: number; count: () => Promise<{ accepted: number; bytes: number }>; stop: () => Promise<void> }> {
  const child = fork(path.join(__dirname, 'smtp-sink-process.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the SMTP sink exited (code ${code}) before listening`)));
    const onMessage = (message: TSinkMessage) => {
      if (message.type !== 'listening') return;
      child.off('message', onMessage);
      resolve(message.port);
    };
    child.on('message', onMessage);
  });
  return {
    port,
    count: () =>
      new Promise((resolve) => {
        const onMessage = (message: TSinkMessage) => {
          if (message.type !== 'count') return;
          child.off('message', onMessage);
          resolve({ accepted: message.accepted, bytes: message.bytes });
        };
        child.on('message', onMessage);
        child.send({ type: 'count' });
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send({ type: 'stop' });
        setTimeout(() => child.kill('SIGTERM'), 5_000).unref();
      }),
  };
}

/** Runs the scenario in a database of its own (dropped afterwards). */
export async function benchEmail({ count, concurrency, pgPool, log }: { count: number; concurrency: number; pgPool: number; log: (line: string) => void }): Promise<TEmailResult> {
  const warmUp = Math.min(50, Math.max(5, Math.ceil(count / 10)));
  const db = await createTestDatabase();
  const sink = await startSink();
  const prisma = createPrisma({ url: db.url, maxConnections: pgPool });
  const settings = { host: '127.0.0.1', port: sink.port, secure: false, from: 'PNA-1325 <pna1325@bench.local>' };
  const smtp = createMailer(settings);
  const raw = createMailer(settings);
  try {
    await seedAll(db.prisma);
    const { codes } = await seedSyntheticEntities({ prisma: db.prisma, count: count + warmUp });
    const plan = await prisma.plan.findFirstOrThrow({ orderBy: { version: 'desc' } });
    const cycle = await prisma.reportingCycle.create({
      data: { planId: plan.id, year: YEAR, workflowId: `cycle/${YEAR}`, openedAt: new Date(), deadline: new Date(Date.now() + 60 * 86_400_000), policy: DEFAULT_REPORTING_POLICY as object, openedBy: 'bench' },
    });
    const institutions = await prisma.institution.findMany({ where: { code: { in: codes } }, orderBy: { code: 'asc' }, select: { id: true, code: true } });
    for (let i = 0; i < institutions.length; i += CHUNK) {
      await prisma.dataRequest.createMany({
        data: institutions.slice(i, i + CHUNK).map((inst) => ({ cycleId: cycle.id, institutionId: inst.id, workflowId: `request/${YEAR}/${inst.code}`, status: 'REQUESTED', deadline: cycle.deadline, requestedAt: cycle.openedAt })),
      });
    }
    const requests = await prisma.dataRequest.findMany({ where: { cycleId: cycle.id }, orderBy: { workflowId: 'asc' }, select: { id: true, workflowId: true } });

    // What our path hands to the mailer, in the order it does, for the raw run to send again.
    const captured: OutgoingEmail[] = [];
    const capturing: Mailer = {
      send(email) {
        captured.push(email);
        return smtp.send(email);
      },
      close: () => smtp.close(),
    };
    const { sendRequestEmail } = createSendRequestEmail({
      prisma,
      mailer: capturing,
      clock: () => new Date(),
      config: { publicBaseUrl: 'http://127.0.0.1:3000', linkSigningSecret: 'bench-email-secret-0123456789abcdef', linkTtlDays: 120, messageIdDomain: 'nap1325.bench', mailFrom: settings.from },
    });
    const send = async (i: number) => {
      const result = await sendRequestEmail({ dataRequestId: requests[i].id, workflowId: requests[i].workflowId, kind: 'REQUEST', stepKey: 'request' });
      if (result.outcome !== 'SENT') throw new Error(`email ${requests[i].workflowId}: ${result.outcome} ${result.detail ?? ''}`);
    };

    log(`email: warming up on ${warmUp} messages each way…`);
    await timedCalls(warmUp, concurrency, (i) => send(count + i));
    const warmMessages = captured.splice(0);
    await timedCalls(warmUp, concurrency, async (i) => {
      await raw.send(warmMessages[i]);
    });

    log(`email: our activity, ${count.toLocaleString('en')} data-request emails, ${concurrency} at a time…`);
    const ours = await timedCalls(count, concurrency, send);
    log(`email: raw SMTP, the same ${captured.length.toLocaleString('en')} messages, ${concurrency} at a time…`);
    const rawFigures = await timedCalls(captured.length, concurrency, async (i) => {
      await raw.send(captured[i]);
    });
    const { accepted, bytes } = await sink.count();
    const rateVsRaw = ours.perSecond / rawFigures.perSecond;
    return {
      ours,
      raw: rawFigures,
      rateVsRaw,
      smtpAccepted: accepted,
      averageMessageBytes: Math.round(bytes / Math.max(1, accepted)),
      goal: { ...EMAIL_GOAL, met: rateVsRaw >= EMAIL_GOAL.rateVsRaw },
    };
  } finally {
    smtp.close();
    raw.close();
    await prisma.$disconnect();
    await sink.stop();
    await db.drop();
  }
}
