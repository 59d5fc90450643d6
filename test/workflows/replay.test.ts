/**
 * Replays every recorded history in test/workflows/histories with today's workflow code and fails on
 * any non-determinism: a change to workflows/ that running workflows could not survive (a command added,
 * removed or reordered without `patched()`), caught before it reaches the workers.
 *
 * The histories are recorded by scripts/record-histories.ts (see its header: which scenarios, when to
 * re-record, how to add one). Files are `<scenario>__<workflow id, / as _>__run<N>.json.gz`; a plain
 * `.json` history exported from the Temporal UI or CLI may sit beside them (name it the same way, so the
 * workflow id is known). No server is needed: a replay worker feeds the history to the workflow code.
 */
import { Worker } from '@temporalio/worker';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { quietRuntime, workflowBundle } from '../support/app-harness';
import { historyFromJson } from '../support/history-json';
import { REQUEST_CODE_VERSION } from '../../domain/request-types';
import { REQUEST_PATCHES_CODE_VERSION } from '../../workflows/request-patches';

const HISTORIES_DIR = path.join(__dirname, 'histories');
const FILE = /^(?<scenario>.+?)__(?<workflowId>.+)__run(?<run>\d+)\.json(?:\.gz)?$/;
/**
 * Scenarios that must have been recorded (scripts/record-histories.ts), each with the kinds of workflow it must
 * hold (workflow id prefixes); more may be. `v1-*` were recorded on the request workflow before its handlers
 * were serialized: they replay through the frozen workflows/institution-request-v1.ts (behind
 * `patched('serialized-handlers')`); `v2-*` were recorded on the cycle before it compiled the annual report
 * (`patched('annual-report')`); `v3-*` were recorded on the request workflow before it opened a request in one
 * activity (`patched('open-request-in-one-activity')` false: loadRequestTimeline, setRequestStatus, then the
 * email through the outbox); `v4-*` were recorded on the cycle before it started its requests from an
 * activity (`patched('start-requests-from-activity')` false: the requests are its children, and each asks
 * `patched()` for its own patches). None can be re-recorded; the others are the current code's.
 */
const REQUEST_AND_CYCLE = ['request/', 'cycle/'];
const REQUIRED_SCENARIOS: Record<string, string[]> = {
  'v1-ladder': REQUEST_AND_CYCLE,
  'v1-submit-early': REQUEST_AND_CYCLE,
  'v1-draft-then-final': REQUEST_AND_CYCLE,
  'v2-ladder': REQUEST_AND_CYCLE,
  'v2-submit-early': REQUEST_AND_CYCLE,
  'v2-draft-then-final': REQUEST_AND_CYCLE,
  'v2-extensions': REQUEST_AND_CYCLE,
  'v2-correction': REQUEST_AND_CYCLE,
  'v2-contacts-resend-exempt': REQUEST_AND_CYCLE,
  'v2-close-early': REQUEST_AND_CYCLE,
  'v3-ladder': REQUEST_AND_CYCLE,
  'v3-submit-early': [...REQUEST_AND_CYCLE, 'report/'],
  'v3-draft-then-final': REQUEST_AND_CYCLE,
  'v3-extensions': REQUEST_AND_CYCLE,
  'v3-correction': REQUEST_AND_CYCLE,
  'v3-contacts-resend-exempt': REQUEST_AND_CYCLE,
  'v3-close-early': REQUEST_AND_CYCLE,
  'v3-kickoff-opens': ['kickoff/cycle/', 'cycle/', 'request/'],
  'v4-ladder': REQUEST_AND_CYCLE,
  'v4-submit-early': [...REQUEST_AND_CYCLE, 'report/'],
  'v4-draft-then-final': REQUEST_AND_CYCLE,
  'v4-extensions': REQUEST_AND_CYCLE,
  'v4-correction': REQUEST_AND_CYCLE,
  'v4-contacts-resend-exempt': REQUEST_AND_CYCLE,
  'v4-close-early': REQUEST_AND_CYCLE,
  'v4-kickoff-opens': ['kickoff/cycle/', 'cycle/', 'request/'],
  'v4-kickoff-already-open': ['kickoff/cycle/', 'cycle/'],
  ladder: REQUEST_AND_CYCLE,
  'submit-early': [...REQUEST_AND_CYCLE, 'report/'],
  'draft-then-final': REQUEST_AND_CYCLE,
  extensions: REQUEST_AND_CYCLE,
  correction: REQUEST_AND_CYCLE,
  'contacts-resend-exempt': REQUEST_AND_CYCLE,
  'close-early': REQUEST_AND_CYCLE,
  'kickoff-opens': ['kickoff/cycle/', 'cycle/', 'request/'],
  'kickoff-already-open': ['kickoff/cycle/', 'cycle/'],
};

const files = readdirSync(HISTORIES_DIR)
  .filter((f) => /\.json(\.gz)?$/.test(f))
  .sort();

function load(file: string) {
  const match = FILE.exec(file);
  if (!match?.groups) throw new Error(`${file}: not named <scenario>__<workflow id, / as _>__run<N>.json[.gz]`);
  const raw = readFileSync(path.join(HISTORIES_DIR, file));
  const text = file.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
  return { file, scenario: match.groups.scenario, workflowId: match.groups.workflowId.replace(/_/g, '/'), history: historyFromJson(JSON.parse(text)) };
}

beforeAll(() => {
  quietRuntime();
});

it('has recorded histories for every required scenario, each with the workflows it must hold', () => {
  const loaded = files.map(load);
  for (const [scenario, prefixes] of Object.entries(REQUIRED_SCENARIOS)) {
    const ids = loaded.filter((h) => h.scenario === scenario).map((h) => h.workflowId);
    const missing = prefixes.filter((prefix) => !ids.some((id) => id.startsWith(prefix)));
    expect({ scenario, missing }).toEqual({ scenario, missing: [] });
  }
  // Each history is whole: it starts with the workflow's start and ends with how it closed.
  for (const { file, history } of loaded) {
    const events = history.events ?? [];
    expect({ file, first: events[0]?.workflowExecutionStartedEventAttributes != null }).toEqual({ file, first: true });
    const last = events[events.length - 1];
    const closed = last?.workflowExecutionCompletedEventAttributes ?? last?.workflowExecutionContinuedAsNewEventAttributes;
    expect({ file, closed: closed != null }).toEqual({ file, closed: true });
  }
});

it('replays every recorded history without non-determinism', async () => {
  const loaded = files.map(load);
  const failures: string[] = [];
  const results = Worker.runReplayHistories(
    { workflowBundle: await workflowBundle() },
    loaded.map(({ workflowId, history }) => ({ workflowId, history })),
  );
  // Results come one per history, in the order given.
  let replayed = 0;
  for await (const result of results) {
    const { file } = loaded[replayed++];
    if (result.error) failures.push(`${file}: ${result.error.name}: ${result.error.message}`);
  }
  expect(failures).toEqual([]);
  expect(replayed).toBe(loaded.length);
});

it('starts requests at the code version their patches add up to', () => {
  expect(REQUEST_PATCHES_CODE_VERSION).toBe(REQUEST_CODE_VERSION);
});
