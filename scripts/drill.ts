/**
 * `npm run drill [-- --entities N --kills N --restarts N --outage-seconds N --only NAME[,NAME]]`: the
 * fault drills of issue 11 §4 on real Temporal (CLI dev server), PostgreSQL and SMTP. Each drill runs a
 * cycle of N synthetic entities with one fault (scripts/drills/fault-drills.ts), checks the invariants
 * (scripts/drills/run-drill.ts) and prints a table; exits 1 if any invariant broke.
 * Defaults: 30 entities, 4 worker kills, 2 Temporal restarts, 10 s outages (not yet timed end to end: see the README).
 * Drill names for `--only`: kill, temporal, smtp, postgres, duplicates.
 */
process.env.TZ = 'UTC';

import { parseArgs } from 'node:util';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { removeWorkerBundle } from '../test/support/worker-process';
import { databaseOutage, duplicateSubmissions, smtpOutage, temporalRestarts, workerKills } from './drills/fault-drills';
import { formatDrillTable } from './drills/format-drill-table';
import { runDrill, type DrillFault, type DrillFigures } from './drills/run-drill';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      entities: { type: 'string', default: '30' },
      kills: { type: 'string', default: '4' },
      restarts: { type: 'string', default: '2' },
      'outage-seconds': { type: 'string', default: '10' },
      only: { type: 'string' },
    },
  });
  const entities = Number(values.entities);
  const outageMs = Number(values['outage-seconds']) * 1000;
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const drills: Record<string, DrillFault> = {
    kill: workerKills({ kills: Number(values.kills), entities }),
    temporal: temporalRestarts({ restarts: Number(values.restarts) }),
    smtp: smtpOutage({ outageMs }),
    postgres: databaseOutage({ outageMs }),
    duplicates: duplicateSubmissions({ entities }),
  };
  const names = values.only ? values.only.split(',') : Object.keys(drills);
  const unknown = names.filter((n) => !drills[n]);
  if (unknown.length) throw new Error(`unknown drill(s): ${unknown.join(', ')}; known: ${Object.keys(drills).join(', ')}`);

  const rows: DrillFigures[] = [];
  const started = Date.now();
  try {
    for (const name of names) {
      process.stdout.write(`drill ${name}: ${entities} entities… `);
      const figures = await runDrill({ fault: drills[name], entities });
      rows.push(figures);
      process.stdout.write(`${figures.violations.length ? 'FAIL' : 'ok'} (${figures.seconds} s)\n`);
    }
  } finally {
    await removeWorkerBundle();
  }
  process.stdout.write(`\n${formatDrillTable(rows)}\n\n${rows.length} drill(s) in ${Math.round((Date.now() - started) / 1000)} s\n`);
  process.exitCode = rows.some((r) => r.violations.length) ? 1 : 0;
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(2);
});
