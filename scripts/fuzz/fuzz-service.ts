/**
 * The service the fuzzer aims at, when no `--base-url` is given: everything real, as the tests run it
 * (test/support/app-harness.ts): a Temporal dev server, a fresh PostgreSQL database with the NAP-1325 plan
 * and its demo contacts, an SMTP server on loopback, the worker, and the API on a free port with a
 * secretariat token. Two cycles are opened and their data-request emails awaited, so that a valid signed
 * contact link exists (read from an email, as a contact would) and the secretariat's routes have requests to
 * act on:
 * - `year`: SEDENA, SEMAR and SRE. SEDENA's link is the one the contact routes are fuzzed with; the
 *   secretariat's routes on one request are aimed at SEMAR, so that replacing its contacts or exempting it
 *   never invalidates the link (a replaced contact's link answers 403).
 * - `year - 1`: SRE only, the cycle the close route is aimed at, so that closing it ends nothing the run
 *   needs.
 */
import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { quietRuntime, startHarness } from '../../test/support/app-harness';
import { linkIn } from '../../test/support/reporting-scenarios';
import { createDevServerEnv } from '../../test/support/temporal';

/** What the fuzzer needs to reach the handlers: where, with which credentials, on which records. */
export type TFuzzTarget = {
  baseUrl: string;
  /** The secretariat's Bearer token. */
  token: string;
  /** A contact's signed link: its cycle year, institution code and token. */
  link: { year: number; institution: string; token: string };
  /** The cycle and institution the secretariat's request routes are aimed at (not the link's). */
  request: { year: number; institution: string };
  /** A cycle that may be closed without harm; without one, the close route is not fuzzed. */
  closable?: { year: number };
};

export type TFuzzService = TFuzzTarget & { close(): Promise<void> };

const LINK_INSTITUTION = 'SEDENA';
const REQUEST_INSTITUTION = 'SEMAR';
const INSTITUTIONS = [LINK_INSTITUTION, REQUEST_INSTITUTION, 'SRE'];

/** Starts the whole service and seeds the cycles described above (about 20 s here). */
export async function startFuzzService({ log }: { log: (message: string) => void }): Promise<TFuzzService> {
  quietRuntime();
  const token = `fuzz-${randomBytes(16).toString('hex')}`;
  const deadline = DateTime.now().setZone('America/Mexico_City').plus({ days: 40 }).toISODate()!;
  const year = Number(deadline.slice(0, 4));
  log('starting Temporal (dev server), PostgreSQL database, SMTP, worker and API');
  const env = await createDevServerEnv();
  try {
    const h = await startHarness({ env, secretariatToken: token });
    h.startWorker();
    const open = async (cycleYear: number, institutions: string[]) => {
      const res = await fetch(`${h.baseUrl}/api/cycles`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ year: cycleYear, deadline, institutions, openedBy: 'fuzz' }),
      });
      if (res.status !== 202) throw new Error(`opening cycle ${cycleYear} answered ${res.status}: ${await res.text()}`);
    };
    await open(year, INSTITUTIONS);
    await open(year - 1, ['SRE']);
    log(`cycles ${year} and ${year - 1} opened; waiting for the data-request emails`);
    const emails = await h.smtp.waitFor((m) => /solicitud de información/.test(m.parsed.subject ?? ''), { count: INSTITUTIONS.length + 1, timeoutMs: 120_000 });
    const email = emails.find((m) => (m.parsed.subject ?? '').includes(` a ${LINK_INSTITUTION} `) && linkIn(m.parsed.text).includes(`/respond/${year}/`));
    if (!email) throw new Error(`no data-request email to ${LINK_INSTITUTION} for ${year} among: ${emails.map((m) => m.parsed.subject).join(' | ')}`);
    const url = new URL(linkIn(email.parsed.text));
    const linkToken = url.searchParams.get('token');
    if (!linkToken) throw new Error(`the link ${url.pathname} carries no token`);
    return {
      baseUrl: h.baseUrl,
      token,
      link: { year, institution: LINK_INSTITUTION, token: linkToken },
      request: { year, institution: REQUEST_INSTITUTION },
      closable: { year: year - 1 },
      async close() {
        await h.close();
        await env.teardown();
      },
    };
  } catch (error) {
    await env.teardown();
    throw error;
  }
}
