import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isTimeZone, ZRequestParams, type Locale } from '../domain/input-bounds';
import { linkProblem, LinkProblem, verifyLinkToken, type TLinkClaims } from '../domain/signed-link';
import type { PrismaClient } from '../prisma/client';
import { requestLanguage, setRequestLanguage } from './request-language';

/** The query of every route behind a contact's link: the link's token, and the language asked for. */
export const ZRespondQuery = z.object({
  token: z.string().max(4_096).optional().meta({ description: "The signed token of the emailed link (see the `linkToken` security scheme)." }),
  lang: z.enum(['es-MX', 'en']).optional().meta({ description: "The language to answer in; otherwise the contact's, else `Accept-Language`, else es-MX." }),
});

/** The indicators an institution reports, with their objective, in the plan's order. */
export async function requestIndicators(prisma: PrismaClient, { planId, institutionId }: { planId: string; institutionId: string }) {
  const rows = await prisma.indicator.findMany({
    where: { planId, reporters: { some: { institutionId } } },
    select: {
      id: true,
      code: true,
      textEs: true,
      textEn: true,
      unit: true,
      disaggregation: true,
      needsConfirmation: true,
      confirmationNote: true,
      objective: { select: { code: true, position: true, textEs: true, textEn: true, needsConfirmation: true, confirmationNote: true } },
    },
  });
  return rows.sort((a, b) => a.objective.position - b.objective.position || a.code.localeCompare(b.code, 'en', { numeric: true }));
}

/**
 * What every route behind a contact's link needs, once the link is proven: its claims, the request with
 * its cycle and institution, the indicators, the contact (when still one) and the language to answer in:
 * `?lang=`, else the contact's locale, else `Accept-Language`, else es-MX. A forged, malformed or expired
 * link is 401, one for another request or a replaced contact 403 — in that language (domain/signed-link).
 */
export async function loadRespondContext(prisma: PrismaClient, request: FastifyRequest, { now, linkSigningSecret, token: bodyToken }: { now: Date; linkSigningSecret: string; token?: string }) {
  const query = ZRespondQuery.parse(request.query ?? {});
  const asked = requestLanguage(request, 'es-MX');
  setRequestLanguage(request, asked);
  const params = ZRequestParams.parse(request.params);
  const token = query.token ?? bodyToken;
  const claims = verifyLinkToken({ token, secret: linkSigningSecret, now, expect: { year: params.year, institution: params.institution }, lang: asked });
  const dataRequest = await prisma.dataRequest.findUnique({ where: { id: claims.r }, include: { cycle: true, institution: true } });
  if (!dataRequest || dataRequest.institution.code !== params.institution || dataRequest.cycle.year !== params.year) {
    throw linkProblem(LinkProblem.OTHER_REQUEST, asked, { institution: claims.i, year: String(claims.y), askedInstitution: params.institution, askedYear: String(params.year) });
  }
  const contacts = await prisma.contact.findMany({ where: { institutionId: dataRequest.institutionId, email: claims.c.toLowerCase() } });
  const contact = contacts.find((c) => c.active);
  const lang: Locale = query.lang ?? (contact?.locale === 'en' ? 'en' : contact ? 'es-MX' : asked);
  setRequestLanguage(request, lang);
  if (contacts.length > 0 && !contact) throw linkProblem(LinkProblem.REPLACED_CONTACT, lang, { contact: claims.c, institution: params.institution });
  const indicators = await requestIndicators(prisma, { planId: dataRequest.cycle.planId, institutionId: dataRequest.institutionId });
  const zone = [contact?.timeZone, dataRequest.institution.timeZone].find((z): z is string => !!z && isTimeZone(z)) ?? 'America/Mexico_City';
  return { params, claims: claims as TLinkClaims, dataRequest, indicators, contact, lang, zone, token: token! };
}

export type RespondContext = Awaited<ReturnType<typeof loadRespondContext>>;

/** The path of one of a request's contact pages, with the link's token (and the language, when asked). */
export function respondUrl(ctx: Pick<RespondContext, 'params' | 'token'>, { page = '', lang, extra = {} }: { page?: '' | 'receipt' | 'extension' | 'new-link'; lang?: Locale; extra?: Record<string, string> } = {}): string {
  const query = new URLSearchParams({ token: ctx.token, ...(lang ? { lang } : {}), ...extra });
  return `/respond/${ctx.params.year}/${ctx.params.institution}${page ? `/${page}` : ''}?${query.toString()}`;
}
