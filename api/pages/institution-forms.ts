import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { zInstitutionCode, type Locale } from '../../domain/input-bounds';
import { Access } from '../../domain/roles';
import { contactCardId, reporterRowId, type ContactFormValues } from '../../ui/pages/institution-model';
import { InstitutionPage } from '../../ui/pages/institution-page';
import { addReporter } from '../commands/add-reporter';
import { changeContacts, ZContactId, ZContactInput } from '../commands/change-contacts';
import { confirmReporters, zIndicatorCode } from '../commands/confirm-reporters';
import { removeReporter } from '../commands/remove-reporter';
import { placeRefusal, type Placement } from './form-refusal';
import { contactFormValues, contactPlacement, reporterPlacement } from './institution-form-fields';
import { buildInstitutionPageModel } from './institution-page-model';
import { seeOther, sendPage } from './page-context';
import type { PageDeps } from './register-pages';
import { PAGE_FORM } from './route-config';

const ZCodeParams = z.object({ code: zInstitutionCode() });
const ZContactParams = z.object({ id: ZContactId });
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

type FormRoute = (path: string, plan: (args: FormArgs) => FormPlan) => void;

/**
 * The secretariat's forms on an institution's page — add, change, deactivate, reactivate a contact;
 * confirm (one or all), add, remove an indicator assignment. Each calls the same command as the JSON API
 * (api/commands), then redirects back to the page with a notice (303), or shows the page again with the
 * refusal listed at the top and beside its field (400/404/409), the contact form reopened with what was
 * sent. The working group's posts are refused (403) before anything is read; a form without its CSRF
 * token never reaches these handlers (403, api/pages/csrf-guard.ts).
 */
export function registerInstitutionForms(app: FastifyInstance, deps: PageDeps): void {
  const { prisma, pageContext } = deps;
  /** Registers one form: the role checked, its plan run, then a redirect with a notice or the page with the refusal in place. */
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

  registerContactForms(form, deps);
  registerReporterForms(form, deps);
}

function registerContactForms(form: FormRoute, { prisma }: PageDeps): void {
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
}

function registerReporterForms(form: FormRoute, { prisma }: PageDeps): void {
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
