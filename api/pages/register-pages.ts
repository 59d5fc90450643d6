import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import type { PrismaClient } from '../../prisma/client';
import type { Auth } from '../auth/principal';
import { createPageContext } from './page-context';
import { registerAuditPages } from './audit-pages';
import { registerCyclePages } from './cycle-pages';
import { registerHolidayPages } from './holiday-pages';
import { registerInstitutionPages } from './institution-pages';
import { registerPeoplePages } from './people-pages';
import { registerPlanPages } from './plan-pages';
import { registerReportPages } from './report-pages';
import { registerReviewPages } from './review-pages';
import { registerSchedulePages } from './schedule-pages';

/** What the secretariat's and working group's pages need. */
export interface PageRouteDeps {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
  auth: Auth;
  now: () => Date;
  /** The Temporal Web UI's base URL and namespace, for links to each workflow. */
  temporalUi?: { url: string; namespace: string };
  /** A mail catcher runs (development): the navigation links to it. */
  hasMailbox: boolean;
}

export type PageDeps = PageRouteDeps & { pageContext: ReturnType<typeof createPageContext> };

/**
 * The secretariat's and working group's pages (server-rendered, no script needed): each room registers
 * its routes here with `config: PAGE` (reads) or `PAGE_FORM` (forms: CSRF-checked, errors in place).
 */
export function registerPages(app: FastifyInstance, deps: PageRouteDeps): void {
  const pageDeps: PageDeps = { ...deps, pageContext: createPageContext({ auth: deps.auth, hasMailbox: deps.hasMailbox }) };
  registerAuditPages(app, pageDeps);
  registerCyclePages(app, pageDeps);
  registerHolidayPages(app, pageDeps);
  registerInstitutionPages(app, pageDeps);
  registerPeoplePages(app, pageDeps);
  registerPlanPages(app, pageDeps);
  registerReportPages(app, pageDeps);
  registerSchedulePages(app, pageDeps);
  registerReviewPages(app, pageDeps);
}
