/**
 * `npm run check:consistency [-- --cycle <year>] [-- --json] [-- --max-attempts <n>] [-- --concurrency <n>] [-- --include-ended]`
 *
 * Compares every open request's workflow with its database row, and every cycle's workflow with its
 * row, and prints where they disagree (see ops/check-consistency.ts). Needs DATABASE_URL and
 * TEMPORAL_ADDRESS (plus the TEMPORAL_* TLS/API-key settings the worker uses). Read-only.
 *
 * Exit codes: 0 consistent; 1 problems found; 2 the check could not run (invalid configuration or
 * arguments, a server unreachable).
 */
import { Client, Connection } from '@temporalio/client';
import { ConfigError, parseConfig } from '../domain/config';
import { checkConsistency } from '../ops/check-consistency';
import { formatConsistencyReport } from '../ops/format-consistency-report';
import { createPrisma } from '../prisma/client';
import { temporalConnectionOptions } from '../worker/temporal-connection';

const USAGE =
  'Usage: npm run check:consistency -- [--cycle <year>] [--json] [--max-attempts <n>] [--concurrency <n>] [--include-ended]\n' +
  '  Exit codes: 0 consistent, 1 problems found, 2 the check could not run.';

interface Args {
  json: boolean;
  cycleYear?: number;
  maxActivityAttempts?: number;
  concurrency?: number;
  includeEnded?: boolean;
}

function parseArgs({ argv }: { argv: readonly string[] }): Args {
  const args: Args = { json: false };
  const wholeNumber = (flag: string, value: string | undefined, min: number, max: number) => {
    const n = Number(value);
    if (!value || !Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${flag} needs a whole number from ${min} to ${max}; got "${value ?? ''}".\n${USAGE}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') args.json = true;
    else if (arg === '--include-ended') args.includeEnded = true;
    else if (arg === '--cycle') args.cycleYear = wholeNumber(arg, argv[++i], 2000, 2100);
    else if (arg === '--max-attempts') args.maxActivityAttempts = wholeNumber(arg, argv[++i], 1, 1_000);
    else if (arg === '--concurrency') args.concurrency = wholeNumber(arg, argv[++i], 1, 200);
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else throw new ConfigError(`Unknown argument "${arg}".\n${USAGE}`);
  }
  return args;
}

async function main(): Promise<number> {
  const { json, ...options } = parseArgs({ argv: process.argv.slice(2) });
  const config = parseConfig(process.env);
  const missing = (['DATABASE_URL', 'TEMPORAL_ADDRESS'] as const).filter((k) => !config[k]);
  if (missing.length) throw new ConfigError(`Invalid configuration:\n${missing.map((k) => `  ${k}: required by the consistency check`).join('\n')}`);

  const connection = await Connection.connect(temporalConnectionOptions(config, config.TEMPORAL_ADDRESS!));
  const prisma = createPrisma({ url: config.DATABASE_URL!, maxConnections: 4 });
  try {
    const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
    const report = await checkConsistency({ prisma, client, ...options });
    if (options.cycleYear !== undefined && report.cycles === 0) throw new ConfigError(`No reporting cycle for ${options.cycleYear} in the database.`);
    process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : `${formatConsistencyReport({ report })}\n`);
    return report.problems.length ? 1 : 0;
  } finally {
    await prisma.$disconnect();
    await connection.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `The consistency check could not run: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
