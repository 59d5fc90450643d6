import type { Client } from '@temporalio/client';
import { listSchedules } from '../api/queries/schedule-list';
import type { PrismaClient } from '../prisma/client';

/**
 * What start-up prints about the schedules, one line each: every schedule with its next run times in
 * Mexico City time (paused ones say so), and every notice (a plan version without an adoption date has no
 * review schedule). English, like the rest of the start-up lines.
 */
export async function scheduleLines({ temporal, prisma, runs = 2 }: { temporal: Client; prisma: PrismaClient; runs?: number }): Promise<string[]> {
  const { schedules, notices } = await listSchedules({ temporal, prisma, lang: 'en' });
  const lines = ['Schedules (next runs, Mexico City time):'];
  for (const s of schedules) {
    const next = s.nextRuns.slice(0, runs).map((r) => r.local).join('; ') || 'none';
    lines.push(`  ${s.id.padEnd(28)} ${s.paused ? `PAUSED (${s.note ?? ''}) ` : ''}next: ${next}`);
  }
  for (const n of notices) lines.push(`  ${n.message}`);
  return lines;
}
