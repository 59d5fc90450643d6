import { formatMoment } from '../../domain/deadline-text';
import { escalationLadder } from '../../domain/escalation-ladder';
import { DEFAULT_REPORTING_POLICY } from '../../domain/reporting-policy';
import { summarizeTimeliness } from '../../domain/request-timeliness';
import type { PrismaClient } from '../../prisma/client';
import type { FormError } from '../../ui/components/error-summary';
import type { ContactFormValues, InstitutionPageModel } from '../../ui/pages/institution-model';
import { institutionText } from '../../ui/pages/institution-text';
import { institutionDetail } from '../queries/institution-detail';
import type { PageContext } from './page-context';

/** What a refused form brings back to the page: the errors, where they go, and the form to reopen with what was sent. */
export interface FormRefusal {
  errors: FormError[];
  fieldErrors: Record<string, string>;
  openForm?: { target: string; values: ContactFormValues };
}

/**
 * The institution page's model from the record: its detail (api/queries/institution-detail), the default
 * policy's ladder, the timeliness of its requests, dates written in Mexico City time in the reader's
 * language; with the notice of a form just accepted, or a refused form's errors.
 */
export async function buildInstitutionPageModel({
  prisma,
  ctx,
  code,
  notice,
  refusal,
}: {
  prisma: PrismaClient;
  ctx: PageContext;
  code: string;
  notice?: string;
  refusal?: FormRefusal;
}): Promise<InstitutionPageModel> {
  const d = await institutionDetail({ prisma, code, lang: ctx.lang });
  const t = institutionText(ctx.lang);
  const when = (at: Date) => formatMoment({ at: at.toISOString(), locale: ctx.lang });
  const self = `/institutions/${d.institution.code}`;
  return {
    lang: ctx.lang,
    nav: ctx.nav,
    // The page's own address, also when it answers a form's POST (whose URL is no page).
    switchLanguageHref: `${self}?lang=${ctx.lang === 'en' ? 'es-MX' : 'en'}`,
    csrfToken: ctx.csrfToken,
    canAct: ctx.canAct,
    institution: {
      code: d.institution.code,
      name: { es: d.institution.nameEs, en: d.institution.nameEn },
      kind: d.institution.kind,
      timeZone: d.institution.timeZone,
      active: d.institution.active,
    },
    ...(notice && t.notices[notice] ? { notice: { kind: notice === 'unchanged' ? 'warning' : 'ok', text: t.notices[notice] } } : {}),
    errors: refusal?.errors ?? [],
    fieldErrors: refusal?.fieldErrors ?? {},
    ...(refusal?.openForm ? { openForm: refusal.openForm } : {}),
    contacts: d.contacts.map((c) => ({ id: c.id, role: c.role, name: c.name, email: c.email, locale: c.locale, timeZone: c.timeZone, active: c.active })),
    ladder: escalationLadder(DEFAULT_REPORTING_POLICY),
    secretariat: d.secretariat,
    ...(d.plan ? { plan: { key: d.plan.key, version: d.plan.version } } : {}),
    indicators: d.reported.map((i) => ({ code: i.code, text: { es: i.textEs, en: i.textEn }, unit: i.unit, disaggregation: i.disaggregation, derived: i.derived, basis: i.basis })),
    addable: d.addable.map((i) => ({ code: i.code, text: { es: i.textEs, en: i.textEn } })),
    openRequests: d.requests.filter((r) => r.open).length,
    requests: d.requests.map((r) => ({
      year: r.year,
      status: r.status,
      deadlineText: when(r.deadline),
      ...(r.submittedAt ? { submittedText: when(r.submittedAt) } : {}),
      timeliness: r.timeliness,
      href: `/dashboard/${r.year}/${d.institution.code}`,
    })),
    timeliness: summarizeTimeliness(d.requests.map((r) => r.timeliness)),
    urls: { self, list: '/institutions' },
  };
}
