import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { escalationLadder } from '../domain/escalation-ladder';
import { zInstitutionCode } from '../domain/input-bounds';
import { DEFAULT_REPORTING_POLICY } from '../domain/reporting-policy';
import { summarizeTimeliness } from '../domain/request-timeliness';
import { Access } from '../domain/roles';
import type { PrismaClient } from '../prisma/client';
import type { Auth } from './auth/principal';
import { addReporter, ZAddReporterBody } from './commands/add-reporter';
import { changeContacts, ZReplaceContactsBody } from './commands/change-contacts';
import { confirmReporters, zIndicatorCode, ZConfirmReportersBody } from './commands/confirm-reporters';
import { removeReporter } from './commands/remove-reporter';
import { setPlanAdoption, ZPlanAdoptionBody } from './commands/set-plan-adoption';
import { currentPlan, ZPlanParams } from './queries/find-plan';
import { institutionDetail } from './queries/institution-detail';
import { listInstitutions, ZInstitutionListQuery } from './queries/list-institutions';
import { listPlans } from './queries/list-plans';
import { planTree } from './queries/plan-tree';
import { requestLanguage } from './request-language';
import { AUTH_PROBLEMS, BODY_PROBLEMS, json, responses, SIGNED_IN, Tag } from './route-schemas';

const ZCodeParams = z.strictObject({ code: zInstitutionCode() });
const ZReporterParams = z.strictObject({ code: zInstitutionCode(), indicator: zIndicatorCode() });

const ZName = z.strictObject({ es: z.string(), en: z.string() });
const ZPlanRef = z.strictObject({ key: z.string(), version: z.number().int() }).nullable().meta({ description: 'The plan in force (null before one is loaded).' });
const ZContact = z
  .looseObject({
    id: z.string(),
    role: z.string().meta({ description: '`PRIMARY`, `ALTERNATE`, `LIAISON_HEAD` (the ladder), `SECRETARIAT`, `WORKING_GROUP`.' }),
    name: z.string(),
    email: z.string(),
    locale: z.string(),
    timeZone: z.string().nullable(),
    active: z.boolean(),
  })
  .meta({ id: 'InstitutionContact' });

const ZInstitutionList = z.strictObject({
  institutions: z.array(z.looseObject({ code: z.string(), name: ZName, kind: z.string() }).meta({ description: 'An institution with its counts of active contacts, indicators and assignments to confirm.' })),
  total: z.number().int(),
  page: z.looseObject({ offset: z.number().int(), limit: z.number().int(), next: z.string().nullable(), previous: z.string().nullable() }),
  plan: ZPlanRef,
});

const ZInstitutionDetail = z
  .strictObject({
    code: z.string(),
    name: ZName,
    kind: z.string(),
    timeZone: z.string(),
    active: z.boolean(),
    contacts: z.array(ZContact),
    escalation: z.unknown().meta({ description: 'The escalation ladder of the default policy: who is written to at each step, and when.' }),
    plan: ZPlanRef,
    indicators: z.array(z.looseObject({}).meta({ description: 'An indicator the institution reports, with how the assignment was made (named in the plan, or derived) and whether it is confirmed.' })),
    requests: z.array(z.looseObject({}).meta({ description: 'Its request of each cycle, with its timeliness (on time, late, not reported, …).' })),
    timeliness: z.unknown().meta({ description: 'Its requests counted by timeliness.' }),
  })
  .meta({ id: 'InstitutionDetail' });

export interface InstitutionRouteDeps {
  prisma: PrismaClient;
  now: () => Date;
  /** The secretariat changes contacts and assignments; the working group reads. */
  auth: Auth;
}

/**
 * The JSON side of the institution pages and the plan browser: institutions (paged by code, filtered by
 * kind and text), one institution (contacts, ladder, indicators, requests, timeliness), its contacts
 * replaced at once, its indicator assignments confirmed, added and removed; the plans loaded and one
 * plan as a tree. They call the same queries and commands as the pages; refusals are problem+json with a
 * stable code (PRIMARY_REQUIRED, CONTACT_EXISTS, ALREADY_REPORTS, …) naming the field, in English unless
 * `Accept-Language` asks for Spanish.
 */
export function registerInstitutionRoutes(app: FastifyInstance, { prisma, auth, now }: InstitutionRouteDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const read = { onRequest: auth.requires(Access.READ) };
  const act = { onRequest: auth.requires(Access.ACT) };

  api.get(
    '/api/institutions',
    {
      ...read,
      schema: {
        tags: [Tag.INSTITUTIONS],
        summary: 'List the institutions',
        description: 'By code, paged by keyset (`after`: the last code of the page; `before`: the first, for the way back), filtered by `kind` and by `q` (a text in the code or either name).',
        security: SIGNED_IN,
        querystring: ZInstitutionListQuery,
        response: responses({ 200: json(ZInstitutionList, 'One page of institutions.') }, 400, AUTH_PROBLEMS),
      },
    },
    async (request) => {
      const query = request.query;
      const plan = await currentPlan(prisma);
      const list = await listInstitutions({ prisma, query, planId: plan?.id ?? null });
      return {
        institutions: list.rows.map(({ nameEs, nameEn, ...row }) => ({ ...row, name: { es: nameEs, en: nameEn } })),
        total: list.total,
        page: { offset: list.offset, limit: query.limit, next: list.next, previous: list.previous },
        plan: plan ? { key: plan.key, version: plan.version } : null,
      };
    },
  );

  api.get(
    '/api/institutions/:code',
    {
      ...read,
      schema: {
        tags: [Tag.INSTITUTIONS],
        summary: 'One institution',
        description: 'Its contacts of every role (inactive ones too), the escalation ladder, the indicators it reports with their assignments, its request of each cycle and its timeliness.',
        security: SIGNED_IN,
        params: ZCodeParams,
        response: responses({ 200: json(ZInstitutionDetail, 'The institution.') }, 400, AUTH_PROBLEMS, 404),
      },
    },
    async (request) => {
      const { code } = request.params;
      const d = await institutionDetail({ prisma, code, lang: requestLanguage(request, 'en') });
      const { institution: i } = d;
      return {
        code: i.code,
        name: { es: i.nameEs, en: i.nameEn },
        kind: i.kind,
        timeZone: i.timeZone,
        active: i.active,
        contacts: d.contacts.map((c) => ({ id: c.id, role: c.role, name: c.name, email: c.email, locale: c.locale, timeZone: c.timeZone, active: c.active })),
        escalation: escalationLadder(DEFAULT_REPORTING_POLICY),
        plan: d.plan ? { key: d.plan.key, version: d.plan.version } : null,
        indicators: d.reported,
        requests: d.requests,
        timeliness: summarizeTimeliness(d.requests.map((r) => r.timeliness)),
      };
    },
  );

  api.put(
    '/api/institutions/:code/contacts',
    {
      ...act,
      schema: {
        tags: [Tag.INSTITUTIONS],
        summary: "Replace an institution's contacts",
        description:
          'The active contacts become those given: new ones are added, changed ones updated (by `id`), the rest deactivated; audited. Running requests take the new ladder at their next email. 409 `PRIMARY_REQUIRED` when a request under way would be left without a primary contact.',
        security: SIGNED_IN,
        params: ZCodeParams,
        body: ZReplaceContactsBody,
        response: responses({ 200: json(z.strictObject({ changed: z.boolean(), contacts: z.array(ZContact) }), 'The contacts after the change (`changed: false`: nothing to do).') }, BODY_PROBLEMS, AUTH_PROBLEMS, 404, 409),
      },
    },
    async (request) => {
      const who = await auth.guard(request, Access.ACT);
      const { code } = request.params;
      const result = await changeContacts({ prisma, code, change: { kind: 'REPLACE', contacts: request.body.contacts }, actor: who.name, lang: requestLanguage(request, 'en') });
      return { changed: result.changed, contacts: result.contacts };
    },
  );

  api.post(
    '/api/institutions/:code/reporters/confirm',
    {
      ...act,
      schema: {
        tags: [Tag.INSTITUTIONS],
        summary: 'Confirm indicator assignments',
        description: 'Confirms the named indicators (or, without `indicators`, every assignment still to confirm) as reported by this institution; each once, audited.',
        security: SIGNED_IN,
        params: ZCodeParams,
        body: ZConfirmReportersBody,
        response: responses({ 200: json(z.looseObject({ confirmed: z.array(z.string()) }), 'The indicators confirmed now.') }, BODY_PROBLEMS, AUTH_PROBLEMS, 404),
      },
    },
    async (request) => {
      const who = await auth.guard(request, Access.ACT);
      const { code } = request.params;
      const { indicators } = request.body;
      return confirmReporters({ prisma, code, ...(indicators ? { indicators } : {}), actor: who.name, lang: requestLanguage(request, 'en') });
    },
  );

  api.post(
    '/api/institutions/:code/reporters',
    {
      ...act,
      schema: {
        tags: [Tag.INSTITUTIONS],
        summary: 'Put an indicator in its charge',
        description: 'The institution reports this indicator from the next cycle on; audited. 409 `ALREADY_REPORTS` when it does.',
        security: SIGNED_IN,
        params: ZCodeParams,
        body: ZAddReporterBody,
        response: responses({ 201: json(z.looseObject({}), 'Added.') }, BODY_PROBLEMS, AUTH_PROBLEMS, 404, 409),
      },
    },
    async (request, reply) => {
      const who = await auth.guard(request, Access.ACT);
      const { code } = request.params;
      const added = await addReporter({ prisma, code, indicator: request.body.indicator, actor: who.name, lang: requestLanguage(request, 'en') });
      return reply.status(201).send(added);
    },
  );

  api.delete(
    '/api/institutions/:code/reporters/:indicator',
    {
      ...act,
      schema: {
        tags: [Tag.INSTITUTIONS],
        summary: 'Take an indicator out of its charge',
        description: 'From the next cycle on; audited. 404 when the institution does not report it.',
        security: SIGNED_IN,
        params: ZReporterParams,
        response: responses({ 200: json(z.looseObject({}), 'Removed.') }, 400, AUTH_PROBLEMS, 404),
      },
    },
    async (request) => {
      const who = await auth.guard(request, Access.ACT);
      const { code, indicator } = request.params;
      return removeReporter({ prisma, code, indicator, actor: who.name, lang: requestLanguage(request, 'en') });
    },
  );

  api.get(
    '/api/plans',
    {
      ...read,
      schema: {
        tags: [Tag.PLANS],
        summary: 'The plan versions loaded',
        security: SIGNED_IN,
        response: responses({ 200: json(z.strictObject({ plans: z.array(z.looseObject({ key: z.string(), version: z.number().int() })) }), 'The plans, newest version first.') }, AUTH_PROBLEMS),
      },
    },
    async () => ({ plans: await listPlans({ prisma }) }),
  );

  api.get(
    '/api/plans/:key/:version',
    {
      ...read,
      schema: {
        tags: [Tag.PLANS],
        summary: 'One plan version as a tree',
        description: 'Objectives, lines of action, indicators (with who reports each) and goals, with the notes of what still needs confirmation.',
        security: SIGNED_IN,
        params: ZPlanParams,
        response: responses({ 200: json(z.looseObject({}).meta({ id: 'PlanTree' }), 'The plan.') }, 400, AUTH_PROBLEMS, 404),
      },
    },
    async (request) => {
      const { key, version } = request.params;
      return planTree({ prisma, key, version, lang: requestLanguage(request, 'en') });
    },
  );

  api.put(
    '/api/plans/:key/versions/:version',
    {
      ...act,
      schema: {
        tags: [Tag.PLANS],
        summary: "Record a plan version's adoption date",
        description:
          'Plan years (and so the goals judged by plan year, and the three-year review) count from this date; until it is recorded they count from the first cycle run under the version. Audited `PLAN_ADOPTION_SET` with the date before and after; the same date again changes nothing (`changed: false`). A date after today (Mexico City) is refused naming `adoptedOn`; `null` forgets it.',
        security: SIGNED_IN,
        params: ZPlanParams,
        body: ZPlanAdoptionBody,
        response: responses(
          { 200: json(z.strictObject({ key: z.string(), version: z.number().int(), adoptedOn: z.string().nullable(), changed: z.boolean() }), 'The adoption date recorded.') },
          BODY_PROBLEMS,
          AUTH_PROBLEMS,
          404,
        ),
      },
    },
    async (request) => {
      const who = await auth.guard(request, Access.ACT);
      const { key, version } = request.params;
      return setPlanAdoption({ prisma, key, version, body: request.body, actor: who.name, now: now(), lang: requestLanguage(request, 'en') });
    },
  );
}
