import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { zInstitutionCode, type Locale } from '../../domain/input-bounds';
import { Access } from '../../domain/roles';
import { contactCardId, reporterRowId, type ContactFormValues } from '../../ui/pages/institution-model';
import { InstitutionListPage } from '../../ui/pages/institution-list-page';
import { InstitutionPage } from '../../ui/pages/institution-page';
import { INSTITUTION_NOTICES } from '../../ui/pages/institution-text';
import { addReporter } from '../commands/add-reporter';
import { changeContacts, ZContactId, ZContactInput } from '../commands/change-contacts';
import { confirmReporters, zIndicatorCode } from '../commands/confirm-reporters';
import { removeReporter } from '../commands/remove-reporter';
import { findPlan } from '../queries/find-plan';
import { listInstitutions, ZInstitutionListQuery } from '../queries/list-institutions';
import { placeRefusal, type Placement } from './form-refusal';
import { contactFormValues, contactPlacement, reporterPlacement } from './institution-form-fields';
import { buildInstitutionPageModel } from './institution-page-model';
import { seeOther, sendPage } from './page-context';
import type { PageDeps } from './register-pages';
import { PAGE, PAGE_FORM } from './route-config';

const ZCodeParams = z.object({ code: zInstitutionCode() });
const ZContactParams = z.object({ id: ZContactId });
const ZNoticeQuery = z.object({ notice: z.enum(INSTITUTION_NOTICES as [string, ...string[]]).optional() }).catch({});
const zFormIndicator = () => z.preprocess((v) => (typeof v === 'string' && v !== '' ? v : undefined), zIndicatorCode().optional());

/** One form of the institution page, once its path is read: what it does, and where its refusals go. */
interface FormPlan {
  run: () => Promise<{ notice: string; anchor: string }>;
  place: (field: string) => Placement | undefined;
  /** The contact form to reopen with what was sent, when it is refused. */
  echo?: { target: string; values: ContactFormValues };
}
interface FormArgs {
  code: string;
  params: unknown;
  body: Record<string, unknown>;
  actor: string;
  lang: Locale;
}

/**
 * The institution pages: the list (`GET /institutions`, filtered and paged) and one institution
 * (`GET /institutions/:code`) for the secretariat and the working group; and the secretariat's forms on
 * it — add, change, deactivate, reactivate a contact; confirm (one or all), add, remove an indicator
 * assignment. Each form calls the same command as the JSON API (api/commands), then redirects back with a
 * notice (303), or shows the page again with the refusal listed at the top and beside its field
 * (400/404/409). The working group's posts are refused (403) before anything is read.
 */
export function registerInstitutionPages(app: FastifyInstance, deps: PageDeps): void {
  const { prisma, pageContext } = deps;

  app.get('/institutions', { config: PAGE }, async (request, reply) => {
    const ctx = await pageContext(request, reply, 'institutions');
    const query = ZInstitutionListQuery.parse(request.query ?? {});
    const plan = await findPlan(prisma, { lang: ctx.lang }).catch(() => null);
    const list = await listInstitutions({ prisma, query, planId: plan?.id ?? null });
    const filters = { ...(query.q ? { q: query.q } : {}), ...(query.kind ? { kind: query.kind } : {}) };
    const link = (cursor: Record<string, string>) => `/institutions?${new URLSearchParams({ ...filters, ...cursor })}`;
    return sendPage(
      reply,
      InstitutionListPage({
        lang: ctx.lang,
        nav: ctx.nav,
        switchLanguageHref: ctx.switchLanguageHref,
        filters: { q: query.q ?? '', kind: query.kind ?? '' },
        rows: list.rows.map((r) => ({ ...r, name: { es: r.nameEs, en: r.nameEn }, href: `/institutions/${r.code}` })),
        total: list.total,
        offset: list.offset,
        urls: { ...(list.next ? { next: link({ after: list.next }) } : {}), ...(list.previous ? { previous: link({ before: list.previous }) } : {}), clear: '/institutions' },
      }),
    );
  });

  app.get('/institutions/:code', { config: PAGE }, async (request, reply) => {
    const ctx = await pageContext(request, reply, 'institutions');
    const { code } = ZCodeParams.parse(request.params);
    const { notice } = ZNoticeQuery.parse(request.query ?? {});
    return sendPage(reply, InstitutionPage(await buildInstitutionPageModel({ prisma, ctx, code, notice })));
  });

  const form = (path: string, plan: (args: FormArgs) => FormPlan) =>
    app.post(path, { config: PAGE_FORM }, async (request, reply) => {
      const ctx = await pageContext(request, reply, 'institutions', Access.ACT);
      const { code } = ZCodeParams.parse(request.params);
      const { run, place, echo } = plan({ code, params: request.params, body: (request.body ?? {}) as Record<string, unknown>, actor: ctx.principal.name, lang: ctx.lang });
      try {
        const accepted = await run();
        return seeOther(reply, `/institutions/${code}#${accepted.anchor}`, accepted.notice);
      } catch (err) {
        const placed = placeRefusal(err, { lang: ctx.lang, place });
        if (!placed) throw err;
        const model = await buildInstitutionPageModel({ prisma, ctx, code, refusal: { ...placed, ...(echo ? { openForm: echo } : {}) } });
        return sendPage(reply, InstitutionPage(model), placed.status);
      }
    });

  form('/institutions/:code/contacts', ({ code, body, actor, lang }) => {
    const values = contactFormValues(body);
    return {
      place: contactPlacement({ target: 'new', lang }),
      echo: { target: 'new', values },
      run: async () => {
        const result = await changeContacts({ prisma, code, actor, lang, change: { kind: 'ADD', contact: ZContactInput.parse(values) } });
        return { notice: result.changed ? 'contact-added' : 'unchanged', anchor: result.contactId ? contactCardId(result.contactId) : 'contacts' };
      },
    };
  });

  form('/institutions/:code/contacts/:id', ({ code, params, body, actor, lang }) => {
    const { id } = ZContactParams.parse(params);
    const values = contactFormValues(body);
    return {
      place: contactPlacement({ target: id, lang }),
      echo: { target: id, values },
      run: async () => {
        const result = await changeContacts({ prisma, code, actor, lang, change: { kind: 'EDIT', id, contact: ZContactInput.parse(values) } });
        return { notice: result.changed ? 'contact-changed' : 'unchanged', anchor: contactCardId(result.contactId ?? id) };
      },
    };
  });

  for (const kind of ['DEACTIVATE', 'REACTIVATE'] as const) {
    form(`/institutions/:code/contacts/:id/${kind.toLowerCase()}`, ({ code, params, actor, lang }) => {
      const { id } = ZContactParams.parse(params);
      return {
        place: contactPlacement({ target: id, lang }),
        run: async () => {
          const result = await changeContacts({ prisma, code, actor, lang, change: { kind, id } });
          return { notice: result.changed ? `contact-${kind.toLowerCase()}d` : 'unchanged', anchor: kind === 'REACTIVATE' ? contactCardId(id) : 'contacts' };
        },
      };
    });
  }

  form('/institutions/:code/reporters/confirm', ({ code, body, actor, lang }) => {
    const raw = typeof body.indicator === 'string' ? body.indicator : undefined;
    return {
      place: reporterPlacement({ indicator: raw, lang }),
      run: async () => {
        const indicator = zFormIndicator().parse(body.indicator);
        const { confirmed } = await confirmReporters({ prisma, code, actor, lang, ...(indicator ? { indicators: [indicator] } : {}) });
        if (confirmed.length === 0) return { notice: 'unchanged', anchor: 'indicators' };
        return indicator ? { notice: 'reporter-confirmed', anchor: reporterRowId(indicator) } : { notice: 'reporters-confirmed', anchor: 'indicators' };
      },
    };
  });

  form('/institutions/:code/reporters', ({ code, body, actor, lang }) => ({
    place: reporterPlacement({ adding: true, lang }),
    run: async () => {
      const { indicator } = z.object({ indicator: zIndicatorCode() }).parse({ indicator: body.indicator ?? '' });
      await addReporter({ prisma, code, indicator, actor, lang });
      return { notice: 'reporter-added', anchor: reporterRowId(indicator) };
    },
  }));

  form('/institutions/:code/reporters/remove', ({ code, body, actor, lang }) => {
    const raw = typeof body.indicator === 'string' ? body.indicator : undefined;
    return {
      place: reporterPlacement({ indicator: raw, lang }),
      run: async () => {
        const { indicator } = z.object({ indicator: zIndicatorCode() }).parse({ indicator: body.indicator ?? '' });
        await removeReporter({ prisma, code, indicator, actor, lang });
        return { notice: 'reporter-removed', anchor: 'indicators' };
      },
    };
  });
}
