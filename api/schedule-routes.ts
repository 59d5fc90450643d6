import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Access } from '../domain/roles';
import { ScheduleKind } from '../domain/schedule-types';
import type { PrismaClient } from '../prisma/client';
import type { Auth } from './auth/principal';
import { backfillYearlyCycle, setSchedulePaused, triggerSchedule, ZBackfillBody, ZScheduleNoteBody } from './commands/schedule-actions';
import { listSchedules } from './queries/schedule-list';
import { requestLanguage } from './request-language';
import { AUTH_PROBLEMS, BODY_PROBLEMS, json, responses, SIGNED_IN, Tag, zInstant } from './route-schemas';

const ZScheduleIdParams = z.strictObject({
  id: z.string().min(1).max(200).meta({ description: 'The schedule id, URL-encoded: `yearly-cycle`, `plan-review%2FMX-NAP-1325%2Fv1`.', examples: ['yearly-cycle'] }),
});

const ZSchedule = z
  .strictObject({
    id: z.string(),
    kind: z.enum(ScheduleKind),
    specText: z.string().meta({ description: 'When it runs and what it does, in words (Accept-Language / `?lang=`).' }),
    timezone: z.string(),
    workflowType: z.string().meta({ description: '`yearlyCycleKickoff`, or `planReviewKickoff` (records that the review is due and starts `planReview` once).' }),
    paused: z.boolean(),
    note: z.string().nullable(),
    nextRuns: z.array(z.strictObject({ at: zInstant(), local: z.string().meta({ description: 'The same instant in Mexico City time, in words.' }) })),
    recentActions: z.array(z.strictObject({ scheduledAt: zInstant(), takenAt: zInstant(), workflowId: z.string() })),
  })
  .meta({ id: 'Schedule' });

const ZScheduleNotice = z
  .strictObject({ code: z.enum(['NO_ADOPTION_DATE', 'NOT_CREATED']), scheduleId: z.string(), message: z.string() })
  .meta({ id: 'ScheduleNotice', description: '`NO_ADOPTION_DATE`: a plan version in force has no review schedule until its adoption date is set. `NOT_CREATED`: an expected schedule does not exist.' });

export interface ScheduleRouteDeps {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
  now: () => Date;
  auth: Auth;
}

/**
 * The schedules (created by the worker at start-up, worker/ensure-schedules; never here): the working
 * group and the secretariat list them with their next runs; the secretariat pauses and resumes them with a
 * note, runs one now, and starts the kickoff of a missed cycle year. Every action is audited.
 */
export function registerScheduleRoutes(app: FastifyInstance, { prisma, temporal, taskQueue, now, auth }: ScheduleRouteDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const deps = { prisma, temporal, taskQueue, now };

  api.get(
    '/api/schedules',
    {
      onRequest: auth.requires(Access.READ),
      schema: {
        tags: [Tag.SCHEDULES],
        summary: 'List the schedules',
        description:
          'The yearly cycle schedule and one plan-review schedule per plan version in force with an adoption date, as Temporal describes them now: the spec in words, paused or not with its note, the next run times (UTC and Mexico City), the latest runs. `notices` names each plan version without an adoption date (no review schedule until it is set) and each expected schedule that does not exist.',
        security: SIGNED_IN,
        response: responses({ 200: json(z.strictObject({ schedules: z.array(ZSchedule), notices: z.array(ZScheduleNotice) }), 'The schedules and the notices.') }, AUTH_PROBLEMS, 503),
      },
    },
    async (request) => listSchedules({ temporal, prisma, lang: requestLanguage(request, 'en') }),
  );

  for (const [action, paused] of [['pause', true], ['resume', false]] as const) {
    api.post(
      `/api/schedules/:id/${action}`,
      {
        onRequest: auth.requires(Access.ACT),
        schema: {
          tags: [Tag.SCHEDULES],
          summary: paused ? 'Pause a schedule' : 'Resume a schedule',
          description: paused
            ? 'The schedule starts nothing until resumed; `note` (why) becomes its note and is audited (`SCHEDULE_PAUSED`). Runs missed while paused are not caught up: backfill a missed year instead.'
            : 'The schedule runs again from its next time on; `note` becomes its note and is audited (`SCHEDULE_RESUMED`).',
          security: SIGNED_IN,
          params: ZScheduleIdParams,
          body: ZScheduleNoteBody,
          response: responses({ 200: json(z.strictObject({ id: z.string(), paused: z.boolean(), note: z.string() }), 'Done: the schedule\'s state now.') }, BODY_PROBLEMS, AUTH_PROBLEMS, 404),
        },
      },
      async (request) => {
        const who = await auth.guard(request, Access.ACT);
        return setSchedulePaused(deps, { id: request.params.id, paused, note: request.body.note, who: who.name, lang: requestLanguage(request, 'en') });
      },
    );
  }

  api.post(
    '/api/schedules/:id/trigger',
    {
      onRequest: auth.requires(Access.ACT),
      schema: {
        tags: [Tag.SCHEDULES],
        summary: 'Run a schedule now',
        description:
          "Starts the schedule's action now (audited `SCHEDULE_TRIGGERED`), never alongside another of its runs: while one is still going, it starts when that one ends. The yearly one then opens last year's cycle at once if it is not open yet (its business day is past), and records \"already opened\" otherwise.",
        security: SIGNED_IN,
        params: ZScheduleIdParams,
        response: responses({ 202: json(z.strictObject({ id: z.string(), triggeredAt: zInstant() }), 'Triggered: the run starts in a moment (see `recentActions`).') }, AUTH_PROBLEMS, 404),
      },
    },
    async (request, reply) => {
      const who = await auth.guard(request, Access.ACT);
      return reply.status(202).send(await triggerSchedule(deps, { id: request.params.id, who: who.name, lang: requestLanguage(request, 'en') }));
    },
  );

  api.post(
    '/api/schedules/yearly-cycle/backfill',
    {
      onRequest: auth.requires(Access.ACT),
      schema: {
        tags: [Tag.SCHEDULES],
        summary: 'Start the kickoff of a missed cycle year',
        description:
          "Starts workflow `kickoff/cycle/<year>` with the yearly schedule's settings for the cycle year given (audited `SCHEDULE_BACKFILLED`): it opens `cycle/<year>` at once, due the schedule's number of business days from today, unless that year is already open (then it records so and does nothing). The year must have been missed already (before this year) and still fit its deadline window; 409 while a kickoff of that year runs.",
        security: SIGNED_IN,
        body: ZBackfillBody,
        response: responses({ 202: json(z.strictObject({ id: z.string(), year: z.number().int(), workflowId: z.string() }), 'Started: the kickoff opens the cycle in a moment.') }, BODY_PROBLEMS, AUTH_PROBLEMS, 404, 409),
      },
    },
    async (request, reply) => {
      const who = await auth.guard(request, Access.ACT);
      return reply.status(202).send(await backfillYearlyCycle(deps, { year: request.body.year, who: who.name, lang: requestLanguage(request, 'en') }));
    },
  );
}
