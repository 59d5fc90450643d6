import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../domain/app-error';
import { LIMITS, zActor, zIsoDate, zLine, ZYearParams } from '../domain/input-bounds';
import { statutoryRestDays } from '../domain/mexican-holidays';
import { Access } from '../domain/roles';
import type { PrismaClient } from '../prisma/client';
import type { Auth } from './auth/principal';

export const ZHolidayBody = z.strictObject({
  date: zIsoDate(),
  nameEs: zLine(LIMITS.name),
  nameEn: zLine(LIMITS.name),
  createdBy: zActor(),
});

/**
 * The business calendar the secretariat can extend: statutory rest days (LFT art. 74, computed) plus extra
 * days it declares. An extra day counts for every timeline computed after it is added (new cycles,
 * extensions, correction windows); timelines already running keep theirs until they are recomputed.
 */
export function registerHolidayRoutes(app: FastifyInstance, { prisma, auth }: { prisma: PrismaClient; auth: Auth }): void {
  app.get('/api/holidays/:year', async (request) => {
    await auth.guard(request, Access.READ);
    const { year } = ZYearParams.parse(request.params);
    const extra = await prisma.holiday.findMany({
      where: { date: { gte: new Date(`${year}-01-01T00:00:00Z`), lte: new Date(`${year}-12-31T00:00:00Z`) } },
      orderBy: { date: 'asc' },
    });
    return {
      year,
      statutory: statutoryRestDays(year),
      extra: extra.map((h) => ({ date: h.date.toISOString().slice(0, 10), nameEs: h.nameEs, nameEn: h.nameEn, createdBy: h.createdBy })),
    };
  });

  app.post('/api/holidays', async (request, reply) => {
    const who = await auth.guard(request, Access.ACT);
    const parsed = ZHolidayBody.parse(request.body ?? {});
    const body = { ...parsed, createdBy: parsed.createdBy ?? who.name };
    const date = new Date(`${body.date}T00:00:00Z`);
    if (statutoryRestDays(Number(body.date.slice(0, 4))).some((d) => d.date === body.date)) {
      throw new AppError('CONFLICT', `${body.date} is already a statutory rest day.`);
    }
    const existing = await prisma.holiday.findUnique({ where: { date } });
    if (existing) return reply.status(200).send({ date: body.date, nameEs: existing.nameEs, nameEn: existing.nameEn, created: false });
    await prisma.$transaction(async (tx) => {
      await tx.holiday.create({ data: { date, nameEs: body.nameEs, nameEn: body.nameEn, createdBy: body.createdBy } });
      await tx.auditEvent.create({ data: { actor: `secretariat:${body.createdBy}`, action: 'HOLIDAY_ADDED', data: { date: body.date, nameEs: body.nameEs } } });
    });
    return reply.status(201).send({ date: body.date, nameEs: body.nameEs, nameEn: body.nameEn, created: true });
  });
}
