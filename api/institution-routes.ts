import type { FastifyInstance } from 'fastify';
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
import { currentPlan, ZPlanParams } from './queries/find-plan';
import { institutionDetail } from './queries/institution-detail';
import { listInstitutions, ZInstitutionListQuery } from './queries/list-institutions';
import { listPlans } from './queries/list-plans';
import { planTree } from './queries/plan-tree';
import { requestLanguage } from './request-language';

const ZCodeParams = z.strictObject({ code: zInstitutionCode() });
const ZReporterParams = z.strictObject({ code: zInstitutionCode(), indicator: zIndicatorCode() });

export interface InstitutionRouteDeps {
  prisma: PrismaClient;
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
export function registerInstitutionRoutes(app: FastifyInstance, { prisma, auth }: InstitutionRouteDeps): void {
  app.get('/api/institutions', async (request) => {
    await auth.guard(request, Access.READ);
    const query = ZInstitutionListQuery.parse(request.query ?? {});
    const plan = await currentPlan(prisma);
    const list = await listInstitutions({ prisma, query, planId: plan?.id ?? null });
    return {
      institutions: list.rows.map(({ nameEs, nameEn, ...row }) => ({ ...row, name: { es: nameEs, en: nameEn } })),
      total: list.total,
      page: { offset: list.offset, limit: query.limit, next: list.next, previous: list.previous },
      plan: plan ? { key: plan.key, version: plan.version } : null,
    };
  });

  app.get('/api/institutions/:code', async (request) => {
    await auth.guard(request, Access.READ);
    const { code } = ZCodeParams.parse(request.params);
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
  });

  app.put('/api/institutions/:code/contacts', async (request) => {
    const who = await auth.guard(request, Access.ACT);
    const { code } = ZCodeParams.parse(request.params);
    const { contacts } = ZReplaceContactsBody.parse(request.body ?? {});
    const result = await changeContacts({ prisma, code, change: { kind: 'REPLACE', contacts }, actor: who.name, lang: requestLanguage(request, 'en') });
    return { changed: result.changed, contacts: result.contacts };
  });

  app.post('/api/institutions/:code/reporters/confirm', async (request) => {
    const who = await auth.guard(request, Access.ACT);
    const { code } = ZCodeParams.parse(request.params);
    const { indicators } = ZConfirmReportersBody.parse(request.body ?? {});
    return confirmReporters({ prisma, code, ...(indicators ? { indicators } : {}), actor: who.name, lang: requestLanguage(request, 'en') });
  });

  app.post('/api/institutions/:code/reporters', async (request, reply) => {
    const who = await auth.guard(request, Access.ACT);
    const { code } = ZCodeParams.parse(request.params);
    const { indicator } = ZAddReporterBody.parse(request.body ?? {});
    const added = await addReporter({ prisma, code, indicator, actor: who.name, lang: requestLanguage(request, 'en') });
    return reply.status(201).send(added);
  });

  app.delete('/api/institutions/:code/reporters/:indicator', async (request) => {
    const who = await auth.guard(request, Access.ACT);
    const { code, indicator } = ZReporterParams.parse(request.params);
    return removeReporter({ prisma, code, indicator, actor: who.name, lang: requestLanguage(request, 'en') });
  });

  app.get('/api/plans', async (request) => {
    await auth.guard(request, Access.READ);
    return { plans: await listPlans({ prisma }) };
  });

  app.get('/api/plans/:key/:version', async (request) => {
    await auth.guard(request, Access.READ);
    const { key, version } = ZPlanParams.parse(request.params);
    return planTree({ prisma, key, version, lang: requestLanguage(request, 'en') });
  });
}
