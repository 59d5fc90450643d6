import { render } from 'preact-render-to-string';
import { GOAL_STATUS_LABELS, GoalStatus } from '../../domain/goal-status';
import type { Locale } from '../../domain/input-bounds';
import { EmailDocument } from './email-layout';
import type { EmailBlock, EmailPart, RenderedEmail } from './email-model';
import { emailPlainText } from './email-plain-text';
import { emailText } from './email-text';

/** What a report email says: the version, its summary figures, where to read it. Plain data, no sentences. */
export interface ReportEmailFacts {
  year: number;
  version: number;
  /** Addressee's name (a member of the working group), or null for the secretariat's mailbox. */
  name: string | null;
  goalsByStatus: Record<GoalStatus, number>;
  completeness: { institutions: number; reported: number; onTime: number; late: number; afterExtension: number; exempted: number; notReported: number; open: number };
  /** Goals behind, by code, and institutions that did not report, by code. */
  goalsBehind: string[];
  notReporting: string[];
  /** Requests still open when it was compiled (a mid-cycle draft). */
  openRequests: number;
  /** The HTML report (API download) and the cycle's report page. */
  htmlUrl: string;
  pageUrl: string;
}

const STATUS_ORDER: GoalStatus[] = [GoalStatus.MET, GoalStatus.ON_TRACK, GoalStatus.BEHIND, GoalStatus.NOT_STARTED, GoalStatus.NO_DATA, GoalStatus.NOT_EVALUABLE];

function summaryParts(f: ReportEmailFacts, lang: Locale): EmailPart[] {
  const en = lang === 'en';
  const c = f.completeness;
  const parts: EmailPart[] = [
    {
      type: 'facts',
      rows: STATUS_ORDER.map((s) => ({ label: `${en ? 'Goals' : 'Metas'} ${GOAL_STATUS_LABELS[s][lang]}`, value: [String(f.goalsByStatus[s] ?? 0)] })),
    },
    {
      type: 'facts',
      rows: [
        { label: en ? 'Institutions' : 'Instituciones', value: [String(c.institutions)] },
        { label: en ? 'Reported on time' : 'Informaron a tiempo', value: [String(c.onTime)] },
        { label: en ? 'Reported after an extension' : 'Informaron con prórroga', value: [String(c.afterExtension)] },
        { label: en ? 'Reported late' : 'Informaron tarde', value: [String(c.late)] },
        { label: en ? 'Exempted' : 'Exentas', value: [String(c.exempted)] },
        { label: en ? 'Did not report' : 'No informaron', value: [String(c.notReported)] },
        ...(c.open ? [{ label: en ? 'Still open' : 'Aún abiertas', value: [String(c.open)] }] : []),
      ],
    },
  ];
  const attention = [
    ...(f.goalsBehind.length ? [{ head: en ? 'Goals behind' : 'Metas atrasadas', lines: [f.goalsBehind.join(', ')] }] : []),
    ...(f.notReporting.length ? [{ head: en ? 'Institutions that did not report' : 'Instituciones que no informaron', lines: [f.notReporting.join(', ')] }] : []),
  ];
  if (attention.length) parts.push({ type: 'list', title: en ? "For the working group's attention" : 'Para atención del Grupo de Trabajo', items: attention });
  return parts;
}

function readyBlock(f: ReportEmailFacts, lang: Locale): EmailBlock {
  const en = lang === 'en';
  return {
    lang,
    subject: en ? `NAP-1325: ${f.year} annual report, version ${f.version} (draft) is ready` : `PNA-1325: informe anual ${f.year}, versión ${f.version} (borrador) lista`,
    parts: [
      {
        type: 'paragraph',
        content: [
          en
            ? `Version ${f.version} of the ${f.year} annual report was compiled from the record and is a draft: review it, then publish it to the working group from its page.`
            : `La versión ${f.version} del informe anual ${f.year} se compiló a partir del registro y es un borrador: revísela y publíquela al Grupo de Trabajo desde su página.`,
        ],
      },
      ...(f.openRequests
        ? [
            {
              type: 'paragraph' as const,
              content: [en ? `${f.openRequests} request(s) were still open when it was compiled.` : `Al compilarla, ${f.openRequests} solicitud(es) seguían abiertas.`],
            },
          ]
        : []),
      ...summaryParts(f, lang),
      { type: 'paragraph', content: [en ? 'Versions, downloads and publishing: ' : 'Versiones, descargas y publicación: ', { href: f.pageUrl }] },
    ],
  };
}

function publishedBlock(f: ReportEmailFacts, lang: Locale): EmailBlock {
  const en = lang === 'en';
  return {
    lang,
    subject: en ? `NAP-1325: ${f.year} annual report published (version ${f.version})` : `PNA-1325: informe anual ${f.year} publicado (versión ${f.version})`,
    parts: [
      { type: 'paragraph', content: [f.name ? (en ? `Dear ${f.name},` : `Estimada/o ${f.name}:`) : en ? 'Dear members of the working group,' : 'Integrantes del Grupo de Trabajo:'] },
      {
        type: 'paragraph',
        content: [
          en
            ? `The secretariat has published version ${f.version} of the ${f.year} annual report on the development and compliance with the NAP-1325. The PDF is attached; its summary follows.`
            : `El Secretariado publicó la versión ${f.version} del informe anual ${f.year} sobre el desarrollo y cumplimiento del PNA-1325. Se adjunta el PDF; a continuación, su resumen.`,
        ],
      },
      ...summaryParts(f, lang),
      { type: 'paragraph', content: [en ? 'Read it online (sign in as a member of the working group): ' : 'Léalo en línea (entre como integrante del Grupo de Trabajo): ', { href: f.htmlUrl }] },
    ],
  };
}

function renderBlocks(lang: Locale, block: (f: ReportEmailFacts, lang: Locale) => EmailBlock, facts: ReportEmailFacts): RenderedEmail {
  const order: Locale[] = lang === 'en' ? ['en', 'es-MX'] : ['es-MX', 'en'];
  const blocks = order.map((l) => block(facts, l));
  const separator = emailText(order[0]).otherBelow;
  return { subject: blocks[0].subject, text: emailPlainText(blocks, separator), html: `<!doctype html>${render(<EmailDocument blocks={blocks} separator={separator} />)}` };
}

/** To the secretariat: a new version of the annual report is compiled (once per version). */
export function renderReportReadyEmail(lang: Locale, facts: ReportEmailFacts): RenderedEmail {
  return renderBlocks(lang, readyBlock, facts);
}

/** To each member of the working group: the published report's summary, the PDF attached, the link to the HTML. */
export function renderReportPublishedEmail(lang: Locale, facts: ReportEmailFacts): RenderedEmail {
  return renderBlocks(lang, publishedBlock, facts);
}
