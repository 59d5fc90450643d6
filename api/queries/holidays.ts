import { statutoryRestDays, type TRestDay } from '../../domain/mexican-holidays';
import type { PrismaClient } from '../../prisma/client';

/** A rest day the secretariat added to the business calendar (the `Holiday` table). */
export interface AddedHoliday {
  /** Plain local date, `yyyy-MM-dd`. */
  date: string;
  nameEs: string;
  nameEn: string;
  /** Who added it (a person's email, a token's name…). */
  createdBy: string;
  createdAt: Date;
}

/** The rest days of one year: the statutory ones (LFT art. 74, computed) and those the secretariat added. */
export interface HolidaysOfYear {
  year: number;
  statutory: TRestDay[];
  extra: AddedHoliday[];
}

/** A `Holiday` row as the API and the pages show it. */
export function addedHoliday(row: { date: Date; nameEs: string; nameEn: string; createdBy: string; createdAt: Date }): AddedHoliday {
  return { date: row.date.toISOString().slice(0, 10), nameEs: row.nameEs, nameEn: row.nameEn, createdBy: row.createdBy, createdAt: row.createdAt };
}

/**
 * The rest days of `year` (a year of YEAR_RANGE, already validated), each list sorted by date. The added
 * days are read from the table (a `date` column: no zone involved).
 */
export async function holidaysOfYear({ prisma, year }: { prisma: PrismaClient; year: number }): Promise<HolidaysOfYear> {
  const rows = await prisma.holiday.findMany({
    where: { date: { gte: new Date(`${year}-01-01T00:00:00Z`), lte: new Date(`${year}-12-31T00:00:00Z`) } },
    orderBy: { date: 'asc' },
  });
  return { year, statutory: statutoryRestDays(year), extra: rows.map(addedHoliday) };
}
