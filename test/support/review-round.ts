import { DateTime } from 'luxon';
import { createBusinessCalendar, DEFAULT_ZONE } from '../../domain/business-calendar';
import { institutionRequest } from '../../workflows';
import { createActivities, type Harness } from './app-harness';
import { linkIn } from './reporting-scenarios';

export const REVIEW_WORKFLOW_ID = 'review/MX-NAP-1325/v1';

/**
 * Opens the seeded plan's review round as the plan review workflow will: a PlanReview row (inserted
 * directly; its synthesis a placeholder), `prepareReviewRound` (the activity, called as the worker would),
 * then the `institutionRequest` children of the institutions named, on the harness's worker; waits for
 * their request emails and returns each institution's link and request.
 */
export async function openReviewRound(h: Harness, { institutions, deadlineDays = 20 }: { institutions: string[]; deadlineDays?: number }) {
  const plan = await h.prisma.plan.findFirstOrThrow({ where: { key: 'MX-NAP-1325', version: 1 } });
  const review = await h.prisma.planReview.create({ data: { planId: plan.id, workflowId: REVIEW_WORKFLOW_ID, startedAt: new Date(), startedBy: 'secretariat:prueba@example.gob.mx', synthesis: {} } });
  const calendar = createBusinessCalendar({ zone: DEFAULT_ZONE });
  const deadlineDate = calendar.addBusinessDays(DateTime.now().setZone(DEFAULT_ZONE).toISODate()!, deadlineDays);
  const activities = createActivities(h.deps);
  const input = { reviewId: review.id, workflowId: REVIEW_WORKFLOW_ID, deadlineDate, openedBy: 'secretariat:prueba@example.gob.mx' };
  const round = await activities.prepareReviewRound(input);
  const requests = round.requests.filter((r) => institutions.includes(r.institutionCode));
  for (const r of requests) {
    await h.env.client.workflow.start(institutionRequest, { taskQueue: h.taskQueue, workflowId: r.workflowId, args: [{ dataRequestId: r.dataRequestId, year: round.year, institutionCode: r.institutionCode }] });
  }
  const emails = await h.smtp.waitFor((m) => /^Revisión del PNA-1325 \(versión 1\): propuestas de /.test(m.parsed.subject ?? ''), { count: requests.length, timeoutMs: 60_000 });
  const links: Record<string, string> = {};
  for (const m of emails) links[/propuestas de (\S+) /.exec(m.parsed.subject ?? '')![1]] = linkIn(m.parsed.text);
  return { review, round, input, requests, links, emails, deadlineDate };
}
