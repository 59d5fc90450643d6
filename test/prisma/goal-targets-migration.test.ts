import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { storedGoalTarget } from '../../domain/stored-goal-target';
import { createPrisma } from '../../prisma/client';
import { applyMigrations } from '../../scripts/migrate-apply';
import { defaultMigrationsDir, migrationLockFileName, quoteIdent, withDatabase } from '../../scripts/prisma-engine';
import { ensurePostgresRunning } from '../support/database';

/** The migration under test: target kinds, the items' notes, the plan's notes. */
const MIGRATION = '20261130220105_goal_targets_and_plan_notes';

/** A copy of prisma/migrations holding only the migrations before {@link MIGRATION}. */
async function migrationsBefore(dir: string): Promise<void> {
  const names = (await readdir(defaultMigrationsDir)).filter((name) => name === migrationLockFileName || name < MIGRATION);
  await Promise.all(names.map((name) => cp(path.join(defaultMigrationsDir, name), path.join(dir, name), { recursive: true })));
}

async function sql(url: string, statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

describe(`migration ${MIGRATION}`, () => {
  it('keeps the plan rows written before it, and their targets read as the kind they meant', async () => {
    const adminUrl = await ensurePostgresRunning();
    const name = `nap1325_test_goal_targets_${Date.now()}`;
    const dir = await mkdtemp(path.join(os.tmpdir(), 'nap1325-migrations-'));
    await sql(adminUrl, [`CREATE DATABASE ${quoteIdent(name)}`]);
    const url = withDatabase({ url: adminUrl, database: name });
    try {
      await migrationsBefore(dir);
      expect(await applyMigrations({ url, migrationsDir: dir })).not.toContain(MIGRATION);
      // A plan as the seed of format 2 wrote it: targets in the summary columns only.
      await sql(url, [
        `INSERT INTO "Plan" (id, key, version, "titleEn", "titleEs", "countryCode", "sourceHash") VALUES ('p1', 'MX-NAP-1325', 1, 'Plan', 'Plan', 'MX', 'h')`,
        `INSERT INTO "ThematicArea" (id, "planId", code, position, "nameEn", "nameEs", "descriptionEn", "descriptionEs") VALUES ('a1', 'p1', 'I', 1, 'P', 'P', 'd', 'd')`,
        `INSERT INTO "Objective" (id, "planId", "thematicAreaId", code, position, "textEn", "textEs", "needsConfirmation", "confirmationNote")
           VALUES ('o1', 'p1', 'a1', '1', 1, 'Objective', 'Objetivo', true, 'Cut cell')`,
        `INSERT INTO "Goal" (id, "objectiveId", code, position, "textEn", "textEs", "targetValue", "targetUnit", comparator, period) VALUES
           ('g1', 'o1', '1.g1', 1, 'Two campaigns', 'Dos campañas', 2, 'COUNT', 'AT_LEAST', 'BY_YEAR_3'),
           ('g2', 'o1', '1.g2', 2, 'Share', 'Porcentaje', 15, 'PERCENTAGE', 'MORE_THAN', 'WHOLE_PLAN'),
           ('g3', 'o1', '1.g3', 3, 'No number', 'Sin cifra', NULL, NULL, NULL, NULL)`,
      ]);

      // This migration first (later ones follow it).
      expect((await applyMigrations({ url }))[0]).toBe(MIGRATION);

      const prisma = createPrisma({ url, maxConnections: 1 });
      try {
        const plan = await prisma.plan.findUniqueOrThrow({ where: { id: 'p1' } });
        expect(plan).toMatchObject({ key: 'MX-NAP-1325', adoptedOnNote: null, sourceDescription: null, spanishNote: null, conventions: [] });
        expect(await prisma.objective.findUniqueOrThrow({ where: { id: 'o1' } })).toMatchObject({ needsConfirmation: true, confirmationNote: 'Cut cell', notes: null });

        const goals = await prisma.goal.findMany({ orderBy: { position: 'asc' } });
        expect(goals.map((g) => [g.code, g.targetKind, g.target, g.notes])).toEqual([
          ['1.g1', 'COUNT', null, null],
          ['1.g2', 'SHARE', null, null],
          ['1.g3', null, null, null],
        ]);
        const read = goals.map((g) => storedGoalTarget({ ...g, targetValue: g.targetValue?.toNumber() ?? null }));
        expect(read[0]).toMatchObject({ kind: 'COUNT', value: 2, comparator: 'AT_LEAST', counting: 'CUMULATIVE', dueByPlanYear: 3 });
        expect(read[1]).toMatchObject({ kind: 'SHARE', value: 15, comparator: 'MORE_THAN', counting: 'CUMULATIVE', denominator: { indicatorCode: null } });
        expect(read[2]).toBeNull();
      } finally {
        await prisma.$disconnect();
      }
    } finally {
      await sql(adminUrl, [`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`]);
      await rm(dir, { recursive: true, force: true });
    }
  });
});
