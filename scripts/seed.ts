/**
 * `npm run db:seed [-- --plan <file.json>] [-- --demo-contacts]`
 *
 * Loads a plan file (default: domain/plans/mx-nap-1325.v1.json), validates it, and seeds it into the
 * database at DATABASE_URL (migrations must already be applied: `npm run db:migrate`). Safe to re-run: an
 * unchanged file writes nothing; a changed file of the same version is applied in place (see
 * prisma/seed-plan.ts). `--demo-contacts` also inserts the DEMO contacts (example addresses; refused when
 * NODE_ENV=production). Prints what the file holds and what the database now holds.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseConfig } from '../domain/config';
import { parsePlanFile } from '../domain/plan-schema';
import { planStats } from '../domain/plan-stats';
import { createPrisma } from '../prisma/client';
import { seedDemoContacts } from '../prisma/seed-contacts';
import { countPlanRows, seedPlan } from '../prisma/seed-plan';

const DEFAULT_PLAN_FILE = path.join(__dirname, '..', 'domain', 'plans', 'mx-nap-1325.v1.json');

const USAGE = 'Usage: npm run db:seed -- [--plan <file.json>] [--demo-contacts]';

function parseArgs(argv: readonly string[]): { planFile: string; demoContacts: boolean } {
  let planFile = DEFAULT_PLAN_FILE;
  let demoContacts = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--demo-contacts') {
      demoContacts = true;
    } else if (arg === '--plan') {
      const value = argv[++i];
      if (!value) throw new Error(`--plan needs a file name.\n${USAGE}`);
      planFile = path.resolve(value);
    } else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else {
      throw new Error(`Unknown argument "${arg}".\n${USAGE}`);
    }
  }
  return { planFile, demoContacts };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const config = parseConfig(process.env);
  if (!config.DATABASE_URL) {
    throw new Error('DATABASE_URL is not set: say which PostgreSQL database to seed (postgresql://user:password@host:5432/db).');
  }
  if (args.demoContacts && config.NODE_ENV === 'production') {
    throw new Error('--demo-contacts inserts fictitious contacts and is refused when NODE_ENV=production.');
  }

  const fileText = await readFile(args.planFile, 'utf8');
  const raw: unknown = JSON.parse(fileText);
  const plan = parsePlanFile(raw, path.relative(process.cwd(), args.planFile));
  const stats = planStats(plan);
  console.log(`Plan file ${path.relative(process.cwd(), args.planFile)}: ${plan.key} v${plan.version}`);
  console.log(
    `  ${stats.thematicAreas} thematic areas, ${stats.objectives} objectives, ${stats.linesOfAction} lines of action, ` +
      `${stats.activities} activities, ${stats.indicators} indicators, ${stats.goals} goals (${stats.goalsWithTarget} with a target), ` +
      `${stats.institutions} institutions, ${stats.reporterAssignments} reporter assignments (${stats.derivedReporterAssignments} derived), ` +
      `${stats.needsConfirmation} items awaiting confirmation`,
  );

  const prisma = createPrisma({ url: config.DATABASE_URL, maxConnections: 2 });
  try {
    const result = await seedPlan({ prisma, plan, fileText });
    const outcome = result.created ? 'created' : result.updated ? 'updated in place' : 'unchanged (same source hash)';
    const rows = await countPlanRows({ prisma, planId: result.planId });
    console.log(`Database: plan ${result.planId} ${outcome}`);
    console.log(
      `  ${rows.thematicAreas} thematic areas, ${rows.objectives} objectives, ${rows.linesOfAction} lines of action, ` +
        `${rows.activities} activities, ${rows.indicators} indicators, ${rows.goals} goals (${rows.goalsWithTarget} with a target), ` +
        `${rows.institutionsInCharge} institutions in charge, ${rows.reporterAssignments} reporter assignments`,
    );
    if (args.demoContacts) {
      const contacts = await seedDemoContacts({ prisma });
      console.log(`Demo contacts (DEMO DATA, example addresses): ${contacts.inserted} inserted, ${contacts.total - contacts.inserted} already present`);
    }
  } finally {
    await prisma.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
