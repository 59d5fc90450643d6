import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../domain/app-error';
import { zCalendarDate, ZYearParams } from '../domain/input-bounds';
import { Access } from '../domain/roles';
import type { PrismaClient } from '../prisma/client';
import type { Auth } from './auth/principal';
import { addHoliday, removeHoliday, ZHolidayBody } from './commands/holidays';
import { holidaysOfYear } from './queries/holidays';

const ZHolidayParams = z.strictObject({ date: zCalendarDate() });

/**
 * The business calendar the secretariat can extend, as JSON: statutory rest days (LFT art. 74, computed)
 * plus extra days it declares (api/commands/holidays.ts: the same commands the /holidays page runs).
 * `POST` answers 201 when added, 200 `created: false` when that day was already added, 409 for a
 * statutory rest day; `DELETE /api/holidays/:date` answers 200 `removed: true|false`.
 */
export function registerHolidayRoutes(app: FastifyInstance, { prisma, auth }: { prisma: PrismaClient; auth: Auth }): void {
  app.get('/api/holidays/:year', async (request) => {
    await auth.guard(request, Access.READ);
    const { year } = ZYearParams.parse(request.params);
    const { statutory, extra } = await holidaysOfYear({ prisma, year });
    return { year, statutory, extra: extra.map(({ date, nameEs, nameEn, createdBy }) => ({ date, nameEs, nameEn, createdBy })) };
  });

  app.post('/api/holidays', async (request, reply) => {
    const who = await auth.guard(request, Access.ACT);
    const parsed = ZHolidayBody.parse(request.body ?? {});
    const result = await addHoliday({ prisma, holiday: { ...parsed, createdBy: parsed.createdBy ?? who.name } });
    if (result.outcome === 'STATUTORY') throw new AppError('CONFLICT', `${parsed.date} is already a statutory rest day.`);
    const { date, nameEs, nameEn } = result.holiday;
    const created = result.outcome === 'ADDED';
    return reply.status(created ? 201 : 200).send({ date, nameEs, nameEn, created });
  });

  app.delete('/api/holidays/:date', async (request) => {
    const who = await auth.guard(request, Access.ACT);
    const { date } = ZHolidayParams.parse(request.params);
    const removed = await removeHoliday({ prisma, date, removedBy: who.name });
    return { date, removed: removed !== undefined };
  });
}
