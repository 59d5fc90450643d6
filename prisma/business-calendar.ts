import { createBusinessCalendar, DEFAULT_ZONE, type TBusinessCalendar } from '../domain/business-calendar';
import type { PrismaClient } from './client';

/** Rest days the secretariat added on top of the statutory ones, as ISO dates (yyyy-MM-dd). */
export async function extraHolidays(prisma: PrismaClient): Promise<string[]> {
  const rows = await prisma.holiday.findMany({ select: { date: true }, orderBy: { date: 'asc' } });
  return rows.map((r) => r.date.toISOString().slice(0, 10));
}

/** The business calendar in force: statutory rest days (LFT art. 74) plus the secretariat's extra holidays. */
export async function businessCalendar(prisma: PrismaClient): Promise<TBusinessCalendar> {
  return createBusinessCalendar({ zone: DEFAULT_ZONE, extraHolidays: await extraHolidays(prisma) });
}
