/**
 * One reporting cycle as users drive it, for a fault drill: the secretariat opens it through the API for
 * every seeded entity, each entity's contact answers through the link in its email, and the cycle ends
 * (correction window 0: a request ends with its final report). What every call answered is kept, so the
 * drill can check afterwards that the API never answered 500 and that 503 always came with `Retry-After`.
 */
import { DateTime } from 'luxon';
import { messageIdFor } from '../../activities/send-request-email';
import type { CaughtMessage } from '../mail-catcher';
import type { DrillStack } from './drill-stack';

/** One distinct content an entity sends (a draft, the final report), possibly several times at once. */
export type TDrillContent = { label: 'draft' | 'final'; body: { values: unknown[]; final: boolean; narrative?: string } };

/** What an entity's contact sends, in order; each item's copies go at once. */
export type TSubmissionPlan = { content: TDrillContent; copies: number }[];

/** An answer of the API, as the drill keeps it. */
export type TAnswer = { status: number; retryAfter: string | null; json: any }; // response bodies are read field by field

/** The final report of a synthetic municipality (indicators 2.a by sex and 2.b). */
export const FINAL_REPORT: TDrillContent = {
  label: 'final',
  body: {
    values: [
      { indicator: '2.a', breakdown: 'TOTAL', value: 12 },
      { indicator: '2.a', breakdown: 'WOMEN', value: 7 },
      { indicator: '2.a', breakdown: 'MEN', value: 5 },
      { indicator: '2.b', value: 'Se rehabilitaron dos parques con iluminación y vigilancia vecinal.' },
    ],
    narrative: 'Informe municipal (simulacro).',
    final: true,
  },
};

/** A draft of it, saved before the final report. */
export const DRAFT_REPORT: TDrillContent = {
  label: 'draft',
  body: { values: [{ indicator: '2.b', value: 'Borrador: dos parques en obra.' }], final: false },
};

/** Every answer the API gave during the drill, and the call it answered. */
export class AnswerLog {
  readonly answers: { what: string; answer: TAnswer }[] = [];
  add(what: string, answer: TAnswer): TAnswer {
    this.answers.push({ what, answer });
    return answer;
  }
  count(status: number): number {
    return this.answers.filter((a) => a.answer.status === status).length;
  }
}

/** A call to the API (or an emailed link); a network failure is status 0. */
export async function call(baseUrl: string, method: string, path: string, body?: unknown): Promise<TAnswer> {
  try {
    const res = await fetch(path.startsWith('http') ? path : `${baseUrl}${path}`, {
      method,
      headers: { accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(120_000),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, retryAfter: res.headers.get('retry-after'), json };
  } catch {
    return { status: 0, retryAfter: null, json: undefined };
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Calls until the API answers something other than 503 (or a dropped connection): a client that honours
 * "try again later", without waiting the whole `Retry-After` (up to a minute) between tries. Gives up
 * after `timeoutMs` with the last answer.
 */
export async function callUntilAnswered(
  log: AnswerLog,
  what: string,
  request: () => Promise<TAnswer>,
  { timeoutMs = 600_000 }: { timeoutMs?: number } = {},
): Promise<TAnswer> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = log.add(what, await request());
    if ((answer.status !== 503 && answer.status !== 0) || Date.now() > deadline) return answer;
    await pause(1_000);
  }
}

/** The cycle a drill runs: 30 days ahead, so that no reminder is due and each request owes its request email only. */
export function drillCycle(): { year: number; deadline: string } {
  const deadline = DateTime.now().setZone('America/Mexico_City').plus({ days: 30 }).toISODate()!;
  return { year: Number(deadline.slice(0, 4)), deadline };
}

/** The Message-ID of a step of an entity's request (activities/send-request-email: from the workflow id and step). */
export function stepMessageId(stack: Pick<DrillStack, 'messageIdDomain'>, year: number, code: string, stepKey: string): string {
  return messageIdFor(`request/${year}/${code}/${stepKey}`, stack.messageIdDomain);
}

/** Opens the cycle through the secretariat's route (retried through a 503); throws unless accepted. */
export async function openDrillCycle(stack: DrillStack, log: AnswerLog, cycle: { year: number; deadline: string }): Promise<void> {
  const answer = await callUntilAnswered(log, 'POST /api/cycles', () =>
    call(stack.baseUrl, 'POST', '/api/cycles', {
      ...cycle,
      institutions: stack.codes,
      policy: { correctionWindowBusinessDays: 0 },
      openedBy: 'secretariado@example.gob.mx',
    }),
  );
  if (answer.status !== 202) throw new Error(`POST /api/cycles answered ${answer.status}: ${JSON.stringify(answer.json)}`);
}

/** The response link in an email. */
export function linkOf(message: CaughtMessage): string {
  const link = /https?:\/\/127\.0\.0\.1:\d+\/respond\/\S+/.exec(message.parsed.text ?? '')?.[0];
  if (!link) throw new Error(`no response link in "${message.parsed.subject}"`);
  return link;
}

/** What one entity's contact got back: per content label, the version the API reported as stored. */
export type TEntityAnswers = { code: string; accepted: Map<TDrillContent['label'], { version: number; kind: string }> };

/**
 * Each entity sends its plan through its link, `concurrency` entities at a time; each item's copies go at
 * once (the same content twice: a double click, a retry racing the original). A content counts as
 * accepted when one of its copies was answered 201 (stored) or 200 (`duplicate`: stored before).
 */
export async function submitAll({
  stack,
  log,
  links,
  plan,
  concurrency = 8,
  onAccepted,
}: {
  stack: DrillStack;
  log: AnswerLog;
  links: Map<string, string>;
  plan: TSubmissionPlan;
  concurrency?: number;
  onAccepted?: () => void;
}): Promise<TEntityAnswers[]> {
  const results: TEntityAnswers[] = [];
  const codes = [...stack.codes];
  const one = async (code: string) => {
    const link = links.get(code)!;
    const accepted: TEntityAnswers['accepted'] = new Map();
    for (const { content, copies } of plan) {
      const answers = await Promise.all(
        Array.from({ length: copies }, () => callUntilAnswered(log, `POST link (${content.label})`, () => call('', 'POST', link, content.body))),
      );
      for (const a of answers) {
        if ((a.status === 201 || a.status === 200) && !accepted.has(content.label)) accepted.set(content.label, { version: a.json.version, kind: a.json.kind });
      }
      if (accepted.has(content.label)) onAccepted?.();
    }
    results.push({ code, accepted });
  };
  await Promise.all(
    Array.from({ length: Math.min(concurrency, codes.length) }, async () => {
      for (let code = codes.shift(); code !== undefined; code = codes.shift()) await one(code);
    }),
  );
  return results;
}
