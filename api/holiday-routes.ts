import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../domain/app-error';
import { LIMITS, zActor, zIsoDate, zLine, ZYearParams } from '../domain/input-bounds';
import { statutoryRestDays } from '../domain/mexican-holidays';
import { Access } from '../domain/roles';
import type { PrismaClient } from '../prisma/client';
import type { Auth } from './auth/principal';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AUTH_PROBLEMS, BODY_PROBLEMS, json, responses, SIGNED_IN, Tag, zDay } from './route-schemas';

export const ZHolidayBody = z.strictObject({
  date: zIsoDate(),
  nameEs: zLine(LIMITS.name),
  nameEn: zLine(LIMITS.name),
  createdBy: zActor(),
});

const ZRestDay = z.strictObject({ date: zDay(), nameEs: z.string(), nameEn: z.string() });
const ZExtraDay = ZRestDay.extend({ createdBy: z.string() });
const ZHolidaySaved = ZRestDay.extend({ created: z.boolean().meta({ description: 'false: the day was already declared (its names are those stored).' }) });

/**
 * The business calendar the secretariat can extend: statutory rest days (LFT art. 74, computed) plus extra
 * days it declares. An extra day counts for every timeline computed after it is added (new cycles,
 * extensions, correction windows); timelines already running keep theirs until they are recomputed.
 */
export function registerHolidayRoutes(app: FastifyInstance, { prisma, auth }: { prisma: PrismaClient; auth: Auth }): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/holidays/:year',
    {
      onRequest: auth.requires(Access.READ),
      schema: {
        tags: [Tag.HOLIDAYS],
        summary: "A year's rest days",
        description: 'The statutory rest days (Ley Federal del Trabajo, art. 74: computed) and the extra days the secretariat declared, of one year.',
        security: SIGNED_IN,
        params: ZYearParams,
        response: responses({ 200: json(z.strictObject({ year: z.number().int(), statutory: z.array(ZRestDay), extra: z.array(ZExtraDay) }), 'The rest days.') }, 400, AUTH_PROBLEMS),
      },
    },
    async (request) => {
      const { year } = request.params;
      const extra = await prisma.holiday.findMany({
        where: { date: { gte: new Date(`${year}-01-01T00:00:00Z`), lte: new Date(`${year}-12-31T00:00:00Z`) } },
        orderBy: { date: 'asc' },
      });
      return {
        year,
        statutory: statutoryRestDays(year),
        extra: extra.map((h) => ({ date: h.date.toISOString().slice(0, 10), nameEs: h.nameEs, nameEn: h.nameEn, createdBy: h.createdBy })),
      };
    },
  );

  api.post(
    '/api/holidays',
    {
      onRequest: auth.requires(Access.ACT),
      schema: {
        tags: [Tag.HOLIDAYS],
        summary: 'Declare an extra rest day',
        description: 'Counts for every timeline computed after it (new cycles, extensions, correction windows); running timelines keep theirs until recomputed. 409 for a statutory rest day; 200 `created: false` when the day is already declared.',
        security: SIGNED_IN,
        body: ZHolidayBody,
        response: responses({ 201: json(ZHolidaySaved, 'Declared.'), 200: json(ZHolidaySaved, 'Already declared: nothing changed.') }, BODY_PROBLEMS, AUTH_PROBLEMS, 409),
      },
    },
    async (request, reply) => {
      const who = await auth.guard(request, Access.ACT);
      const body = { ...request.body, createdBy: request.body.createdBy ?? who.name };
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
    },
  );
}
