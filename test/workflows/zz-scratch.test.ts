import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startHarness, type Harness } from '../support/app-harness';
import { createTimeSkippingEnv } from '../support/temporal';

let env: TestWorkflowEnvironment;
let h: Harness;
beforeAll(async () => {
  env = await createTimeSkippingEnv();
  h = await startHarness({ env });
  h.startWorker();
}, 120_000);
afterAll(async () => { await h?.close(); await env?.teardown(); });

it('explores', async () => {
  const t0 = await env.currentTimeMs();
  console.log('env time', new Date(t0).toISOString(), 'wall', new Date().toISOString());
  const res = await fetch(`${h.baseUrl}/api/cycles`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ year: 2030, deadline: '2030-09-27', institutions: ['SEMAR'] }) });
  console.log(res.status, await res.text());
  const [m] = await h.smtp.waitFor(() => true, { timeoutMs: 30000 });
  console.log(m.parsed.subject, m.envelope, m.parsed.headers.get('cc'));
  const started = Date.now();
  await env.sleep(4 * 365 * 86400_000);
  console.log('slept in', Date.now() - started, new Date(await env.currentTimeMs()).toISOString());
  await new Promise((r) => setTimeout(r, 3000));
  console.log(h.smtp.messages.map((m) => [m.receivedAt.toISOString(), m.parsed.subject, m.envelope.to.join(','), m.parsed.inReplyTo]));
  const row = await h.prisma.dataRequest.findFirst({});
  console.log(row);
  const d = await env.client.workflow.getHandle('request/2030/SEMAR').describe();
  console.log(d.status.name, d.historyLength);
});
