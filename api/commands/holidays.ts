import { z } from 'zod';
import { AuditAction } from '../../domain/audit-actions';
import { LIMITS, zActor, zCalendarDate, zLine } from '../../domain/input-bounds';
import { statutoryRestDays, type TRestDay } from '../../domain/mexican-holidays';
import type { PrismaClient } from '../../prisma/client';
import { addedHoliday, type AddedHoliday } from '../queries/holidays';

/** `POST /api/holidays`: a day (of YEAR_RANGE), its names, and optionally who declares it (default: the caller). */
export const ZHolidayBody = z.strictObject({
  date: zCalendarDate(),
  nameEs: zLine(LIMITS.name),
  nameEn: zLine(LIMITS.name),
  createdBy: zActor(),
});

/** A rest day to add, validated. */
export interface NewHoliday {
  date: string;
  nameEs: string;
  nameEn: string;
  /** Who declares it: recorded on the row and, as `secretariat:<who>`, in the audit. */
  createdBy: string;
}

/**
 * What adding a day did: `ADDED` (the row and its audit are written), `EXISTS` (the secretariat had already
 * added that day: nothing changed, the existing row is returned) or `STATUTORY` (a statutory rest day
 * already: nothing to add).
 */
export type AddHolidayResult = { outcome: 'ADDED'; holiday: AddedHoliday } | { outcome: 'EXISTS'; holiday: AddedHoliday } | { outcome: 'STATUTORY'; restDay: TRestDay };

/**
 * Adds an extra rest day to the business calendar, audited `HOLIDAY_ADDED`. It counts for every timeline
 * computed after it (new cycles, extensions, correction windows); timelines already running keep theirs
 * until they are recomputed. Two adds of one day at once: the insert skips a duplicate (ON CONFLICT DO
 * NOTHING), so one of them adds and audits, the other answers `EXISTS`.
 */
export async function addHoliday({ prisma, holiday }: { prisma: PrismaClient; holiday: NewHoliday }): Promise<AddHolidayResult> {
  const restDay = statutoryRestDays(Number(holiday.date.slice(0, 4))).find((d) => d.date === holiday.date);
  if (restDay) return { outcome: 'STATUTORY', restDay };
  const date = new Date(`${holiday.date}T00:00:00Z`);
  const added = await prisma.$transaction(async (tx) => {
    const { count } = await tx.holiday.createMany({ data: [{ date, nameEs: holiday.nameEs, nameEn: holiday.nameEn, createdBy: holiday.createdBy }], skipDuplicates: true });
    if (count === 0) return undefined;
    await tx.auditEvent.create({ data: { actor: `secretariat:${holiday.createdBy}`, action: AuditAction.HOLIDAY_ADDED, data: { date: holiday.date, nameEs: holiday.nameEs } } });
    return tx.holiday.findUniqueOrThrow({ where: { date } });
  });
  if (added) return { outcome: 'ADDED', holiday: addedHoliday(added) };
  return { outcome: 'EXISTS', holiday: addedHoliday(await prisma.holiday.findUniqueOrThrow({ where: { date } })) };
}

/**
 * Removes a day the secretariat had added (statutory days cannot be removed), audited `HOLIDAY_REMOVED`.
 * Returns the removed day, or undefined when there was none to remove (never added, or removed meanwhile:
 * the delete's count decides, so two removals audit once).
 */
export async function removeHoliday({ prisma, date, removedBy }: { prisma: PrismaClient; date: string; removedBy: string }): Promise<AddedHoliday | undefined> {
  const day = new Date(`${date}T00:00:00Z`);
  return prisma.$transaction(async (tx) => {
    const row = await tx.holiday.findUnique({ where: { date: day } });
    if (!row) return undefined;
    const { count } = await tx.holiday.deleteMany({ where: { id: row.id } });
    if (count === 0) return undefined;
    await tx.auditEvent.create({ data: { actor: `secretariat:${removedBy}`, action: AuditAction.HOLIDAY_REMOVED, data: { date, nameEs: row.nameEs } } });
    return addedHoliday(row);
  });
}
