/**
 * A plan review brought to its decisions in skipped time, for the secretariat's review pages: once the
 * review has started (by the page's form or the API), the seven review requests go out; SEMAR retires
 * indicator 5.c and rewords goal 5.g2, SRE rewords the same 5.c (two proposals on one item, so one decision
 * can be refused); the others never answer, and the clock moves past every cut-off so the round ends and
 * the review waits for the secretariat (DECIDING), as test/workflows/plan-review.test.ts drives it.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { eventually, type Harness } from './app-harness';
import { http, linkIn } from './reporting-scenarios';

export const REVIEWED_PLAN = 'MX-NAP-1325';
export const REVIEW_PAGE = `/reviews/${REVIEWED_PLAN}/1`;

const why = 'Los informes anuales lo respaldan.';

/** The contacts' links of the round, by institution code, once its seven request emails have gone out. */
export async function reviewRequestLinks(h: Harness): Promise<Record<string, string>> {
  const mails = await h.smtp.waitFor((m) => /^Revisión del PNA-1325 \(versión 1\): propuestas de /.test(m.parsed.subject ?? ''), { count: 7, timeoutMs: 90_000 });
  return Object.fromEntries(mails.map((m) => [/propuestas de (\S+) /.exec(m.parsed.subject ?? '')![1], linkIn(m.parsed.text)]));
}

/** Final proposals for every item `link`'s institution is in charge of: KEEP, except those in `replace`. */
async function propose(link: string, replace: Record<string, object>): Promise<void> {
  const view = await http('', 'GET', link);
  if (view.status !== 200) throw new Error(`The review link answered ${view.status}`);
  const proposals = (view.json.items as { kind: string; code: string }[]).map((i) => replace[`${i.kind}/${i.code}`] ?? { kind: i.kind, code: i.code, action: 'KEEP', justification: why });
  const sent = await http('', 'POST', link, { proposals, final: true });
  if (sent.status !== 201) throw new Error(`The final proposals answered ${sent.status}: ${sent.text}`);
}

/**
 * SEMAR and SRE send their proposals; the clock moves 120 days (past the round's deadline and every
 * cut-off: the others are escalated and cut off); resolves once the review is DECIDING.
 */
export async function proposeAndEndRound({ h, env, links }: { h: Harness; env: TestWorkflowEnvironment; links: Record<string, string> }): Promise<void> {
  await propose(links.SEMAR, {
    'INDICATOR/5.c': { kind: 'INDICATOR', code: '5.c', action: 'RETIRE', justification: 'Se mide ya con 5.a.' },
    'GOAL/5.g2': { kind: 'GOAL', code: '5.g2', action: 'MODIFY', change: { text: { es: 'Aumentar el despliegue de mujeres uniformadas en operaciones de paz.', en: 'Increase the deployment of uniformed women in peace operations.' } }, justification: why },
  });
  await propose(links.SRE, {
    'INDICATOR/5.c': { kind: 'INDICATOR', code: '5.c', action: 'MODIFY', change: { text: { es: 'Número de mujeres del servicio exterior en misiones.', en: 'Number of women of the foreign service in missions.' } }, justification: why },
  });
  await env.sleep('120 days');
  await eventually(async () => ((await h.prisma.planReview.findFirst({ where: { status: 'DECIDING' } })) ? true : undefined), { timeoutMs: 120_000, what: 'the round to end' });
}

/** The review's workflows (the review and its requests), ended when a test file is done. */
export async function terminateReview(h: Harness): Promise<void> {
  const requests = await h.prisma.dataRequest.findMany({ where: { cycle: { kind: 'REVIEW' } }, select: { workflowId: true } }).catch(() => []);
  for (const id of [`review/${REVIEWED_PLAN}/v1`, ...requests.map((r) => r.workflowId)]) await h.env.client.workflow.getHandle(id).terminate('test over').catch(() => undefined);
}
