import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zYearParam, ZYearParams } from '../domain/input-bounds';
import { Access } from '../domain/roles';
import type { Auth } from './auth/principal';
import { compileReportNow, publishReport, type ReportCommandDeps } from './commands/report-commands';
import { sendReportFile } from './report-file-reply';
import { REPORT_FORMATS, REPORT_LANGS, reportFile, reportVersions, type ReportFormat } from './queries/report-versions';
import { AUTH_PROBLEMS, json, LOCATION, responses, SIGNED_IN, Tag, zInstant } from './route-schemas';

const ZReportFile = z
  .strictObject({ format: z.enum(REPORT_FORMATS), lang: z.enum(REPORT_LANGS), contentType: z.string(), sha256: z.string(), size: z.number().int(), url: z.string() })
  .meta({ id: 'ReportFile' });

const ZReportVersion = z
  .strictObject({
    version: z.number().int(),
    status: z.enum(['DRAFT', 'PUBLISHED', 'SUPERSEDED']),
    compiledAt: zInstant().meta({ description: "The data snapshot's instant (the latest change of the record it read), printed in every file." }),
    createdAt: zInstant().meta({ description: 'When the version was compiled (wall clock).' }),
    compiledBy: z.string(),
    snapshotHash: z.string().meta({ description: 'SHA-256 of the canonical data snapshot it was built from.' }),
    openRequests: z.number().int().meta({ description: 'Requests still open when it was compiled.' }),
    outdated: z.boolean().meta({ description: 'The record holds a final report or correction newer than the data the version read, or a request ended since: compile again for a version with the new data.' }),
    publishedAt: zInstant().nullable(),
    publishedBy: z.string().nullable(),
    supersededAt: zInstant().nullable(),
    files: z.array(ZReportFile),
  })
  .meta({ id: 'ReportVersion' });

const ZOpenRequest = z.strictObject({ institution: z.string(), status: z.string() });

const ZReportVersions = z
  .strictObject({
    year: z.number().int(),
    cycleStatus: z.enum(['OPEN', 'CLOSED']),
    openRequests: z.array(ZOpenRequest),
    published: z.number().int().nullable(),
    latest: z.number().int().nullable(),
    versions: z.array(ZReportVersion),
  })
  .meta({ id: 'ReportVersions' });

const ZCompiled = z.strictObject({
  version: z.number().int(),
  created: z.boolean().meta({ description: 'False: the data had not changed since that version, which is returned.' }),
  workflowId: z.string(),
  openRequests: z.array(ZOpenRequest).meta({ description: 'Requests still open (a mid-cycle draft leaves them out of the figures).' }),
  url: z.string(),
});
const ZCompiling = z.strictObject({ status: z.literal('COMPILING'), workflowId: z.string(), openRequests: z.array(ZOpenRequest), statusUrl: z.string() });
const ZPublished = z.strictObject({
  version: z.number().int(),
  status: z.literal('PUBLISHED'),
  superseded: z.number().int().nullable(),
  emails: z.array(z.strictObject({ to: z.string(), outcome: z.string() })),
});
const ZPublishing = z.strictObject({ status: z.literal('PUBLISHING'), workflowId: z.string(), statusUrl: z.string() });

/** `12.pdf`: a version number and a format; an unknown format is named as such. */
export const ZFileParams = z
  .strictObject({
    year: zYearParam(),
    file: z
      .string()
      .max(20)
      .meta({ description: 'The version number and the format: `1.json`, `1.html`, `1.pdf`, `1.xlsx`, `1.csv`.', examples: ['1.pdf'] }),
  })
  .transform((params, ctx) => {
    const match = /^([1-9][0-9]{0,5})\.([a-z0-9]{1,8})$/i.exec(params.file);
    if (!match) {
      ctx.addIssue({ code: 'custom', path: ['file'], message: 'must be <version>.<format>, e.g. 1.pdf', params: { code: 'FILE' } });
      return z.NEVER;
    }
    const format = match[2].toLowerCase();
    if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
      ctx.addIssue({ code: 'custom', path: ['format'], message: `unknown format "${format}": one of ${REPORT_FORMATS.join(', ')}`, params: { code: 'FORMAT' } });
      return z.NEVER;
    }
    return { year: params.year, version: Number(match[1]), format: format as ReportFormat };
  });
export const ZFileQuery = z.object({ lang: z.enum(REPORT_LANGS).default('es-MX').meta({ description: 'The language of the file: es-MX (default) or en.' }) });

const ZVersionParams = z.strictObject({ year: zYearParam(), version: z.coerce.number().int().min(1).max(999_999) });

export interface ReportRouteDeps extends ReportCommandDeps {
  auth: Auth;
}

/**
 * The annual report: its versions (status, published, outdated, files), compiling a new draft, publishing
 * one, and downloading each version's files — JSON, HTML, PDF, XLSX, CSV — in es-MX or English. Files are
 * served as compiled (immutable; ETag = their SHA-256; the text formats gzip-encoded to clients that take it).
 */
export function registerReportRoutes(app: FastifyInstance, deps: ReportRouteDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { prisma, auth } = deps;

  api.get(
    '/api/cycles/:year/report',
    {
      onRequest: auth.requires(Access.READ),
      schema: {
        tags: [Tag.REPORTS],
        summary: "A cycle's annual report: its versions",
        description: 'Every version, newest first: its status (draft, published, superseded), who compiled it and when, the hash of the data it was built from, whether it is outdated, and its files with their SHA-256 and download addresses.',
        security: SIGNED_IN,
        params: ZYearParams,
        response: responses({ 200: json(ZReportVersions, 'The versions.') }, 400, AUTH_PROBLEMS, 404),
      },
    },
    async (request) => reportVersions(prisma, request.params.year),
  );

  api.post(
    '/api/cycles/:year/report',
    {
      onRequest: auth.requires(Access.ACT),
      schema: {
        tags: [Tag.REPORTS],
        summary: 'Compile a new draft version now',
        description:
          'Starts `report/<year>/on-demand/<id>`, which compiles the next draft version from the record as it is (mid-cycle too: `openRequests` names the requests still open) and emails the secretariat that it is ready. Answers 201 with the version within 40 s, else 202 (read the versions at `statusUrl`). Data unchanged since the latest version: 200 with that version (`created: false`).',
        security: SIGNED_IN,
        params: ZYearParams,
        response: responses(
          {
            200: json(ZCompiled, 'Unchanged data: the latest version.'),
            201: json(ZCompiled, 'Compiled.', { location: LOCATION }),
            202: json(ZCompiling, 'Still compiling.', { location: LOCATION }),
          },
          400,
          AUTH_PROBLEMS,
          404,
          503,
        ),
      },
    },
    async (request, reply) => {
      const who = await auth.guard(request, Access.ACT);
      const { year } = request.params;
      const started = await compileReportNow(deps, { year, who: who.name });
      if (!started.result) {
        return reply.status(202).header('location', `/api/cycles/${year}/report`).send({ status: 'COMPILING' as const, workflowId: started.workflowId, openRequests: started.openRequests, statusUrl: `/api/cycles/${year}/report` });
      }
      const { version, created } = started.result;
      const body = { version, created, workflowId: started.workflowId, openRequests: started.openRequests, url: `/api/cycles/${year}/report/versions/${version}.html` };
      return created ? reply.status(201).header('location', body.url).send(body) : reply.status(200).send(body);
    },
  );

  api.post(
    '/api/cycles/:year/report/versions/:version/publish',
    {
      onRequest: auth.requires(Access.ACT),
      schema: {
        tags: [Tag.REPORTS],
        summary: 'Publish a version to the working group',
        description:
          'Starts `report/<year>/publish/v<n>`: the version becomes the published one (the one published before is superseded, never deleted) and each member of the working group (contacts with the WORKING_GROUP role) is emailed once, in their language, with the summary, the PDF attached and a link to the HTML. 200 within 40 s, else 202. Already published: 409.',
        security: SIGNED_IN,
        params: ZVersionParams,
        response: responses({ 200: json(ZPublished, 'Published; the emails sent.'), 202: json(ZPublishing, 'Still publishing.') }, 400, AUTH_PROBLEMS, 404, 409, 503),
      },
    },
    async (request, reply) => {
      const who = await auth.guard(request, Access.ACT);
      const { year, version } = request.params;
      const started = await publishReport(deps, { year, version, who: who.name });
      if (!started.result) return reply.status(202).send({ status: 'PUBLISHING' as const, workflowId: started.workflowId, statusUrl: `/api/cycles/${year}/report` });
      return { version: started.result.version, status: 'PUBLISHED' as const, superseded: started.result.superseded, emails: started.result.emails };
    },
  );

  api.get(
    '/api/cycles/:year/report/versions/:file',
    {
      onRequest: auth.requires(Access.READ),
      schema: {
        tags: [Tag.REPORTS],
        summary: 'Download a version',
        description:
          '`<n>.json` (the canonical model), `<n>.html` (printable), `<n>.pdf` (formal transmission), `<n>.xlsx` and `<n>.csv` (the data annex: one row per institution × indicator × breakdown; the workbook adds goals, compliance, narratives and method), in `lang` es-MX (default) or en. Byte for byte as compiled; `ETag` is the SHA-256. JSON, HTML and CSV are kept gzip-compressed: to a client whose `Accept-Encoding` takes gzip they go out as kept, with `Content-Encoding: gzip` and the ETag `"<sha256>-gzip"`; to any other, decompressed. Unknown format or language: 400 naming it; no such version: 404.',
        security: SIGNED_IN,
        params: ZFileParams,
        querystring: ZFileQuery,
        response: responses(
          {
            200: {
              description: 'The file.',
              content: Object.fromEntries(
                [
                  ['application/json', z.object({}).passthrough()],
                  ['text/html', z.string()],
                  ['application/pdf', z.string().meta({ format: 'binary' })],
                  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', z.string().meta({ format: 'binary' })],
                  ['text/csv', z.string()],
                ].map(([type, schema]) => [type, { schema }]),
              ),
              headers: { etag: { type: 'string', description: 'The SHA-256 of the file, quoted (`"<sha256>-gzip"` when sent gzip-encoded).' } },
            },
          },
          400,
          AUTH_PROBLEMS,
          404,
        ),
      },
    },
    async (request, reply) => {
      const { year, version, format } = request.params as unknown as { year: number; version: number; format: ReportFormat };
      const { lang } = request.query;
      const file = await reportFile(prisma, { year, version, format, lang });
      return sendReportFile(reply, { file, year, version, format, lang });
    },
  );
}
