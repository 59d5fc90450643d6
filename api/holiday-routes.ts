import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../domain/app-error';
import { zCalendarDate, ZYearParams } from '../domain/input-bounds';
import { Access } from '../domain/roles';
import type { PrismaClient } from '../prisma/client';
import type { Auth } from './auth/principal';
import { addHoliday, removeHoliday, ZHolidayBody } from './commands/holidays';
import { holidaysOfYear } from './queries/holidays';
import { AUTH_PROBLEMS, BODY_PROBLEMS, json, responses, SIGNED_IN, Tag, zDay } from './route-schemas';

const ZHolidayParams = z.strictObject({ date: zCalendarDate() });

const ZRestDay = z.strictObject({ date: zDay(), nameEs: z.string(), nameEn: z.string() });
const ZExtraDay = ZRestDay.extend({ createdBy: z.string() });
const ZHolidaySaved = ZRestDay.extend({ created: z.boolean().meta({ description: 'false: the day was already declared (its names are those stored).' }) });

/**
 * The business calendar the secretariat can extend, as JSON: statutory rest days (LFT art. 74, computed)
 * plus extra days it declares (api/commands/holidays.ts: the same commands the /holidays page runs).
 * `POST` answers 201 when added, 200 `created: false` when that day was already added, 409 for a
 * statutory rest day; `DELETE /api/holidays/:date` answers 200 `removed: true|false`.
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
      const { statutory, extra } = await holidaysOfYear({ prisma, year });
      return { year, statutory, extra: extra.map(({ date, nameEs, nameEn, createdBy }) => ({ date, nameEs, nameEn, createdBy })) };
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
      const parsed = request.body;
      const result = await addHoliday({ prisma, holiday: { ...parsed, createdBy: parsed.createdBy ?? who.name } });
      if (result.outcome === 'STATUTORY') throw new AppError('CONFLICT', `${parsed.date} is already a statutory rest day.`);
      const { date, nameEs, nameEn } = result.holiday;
      const created = result.outcome === 'ADDED';
      return reply.status(created ? 201 : 200).send({ date, nameEs, nameEn, created });
    },
  );

  api.delete(
    '/api/holidays/:date',
    {
      onRequest: auth.requires(Access.ACT),
      schema: {
        tags: [Tag.HOLIDAYS],
        summary: 'Remove an extra rest day',
        description: 'Removes a day the secretariat declared (audited); timelines computed after it no longer skip it. `removed: false` when that day was not declared (statutory days cannot be removed).',
        security: SIGNED_IN,
        params: ZHolidayParams,
        response: responses({ 200: json(z.strictObject({ date: zDay(), removed: z.boolean() }), 'Removed, or nothing to remove.') }, 400, AUTH_PROBLEMS),
      },
    },
    async (request) => {
      const who = await auth.guard(request, Access.ACT);
      const { date } = request.params;
      const removed = await removeHoliday({ prisma, date, removedBy: who.name });
      return { date, removed: removed !== undefined };
    },
  );
}
