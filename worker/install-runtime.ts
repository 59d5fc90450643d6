import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import type { TConfig } from '../domain/config';
import { jsonLogLine } from './json-log-line';

/** LOG_LEVEL as the Temporal runtime names it; `silent` keeps only what cannot be silenced (nothing is written). */
const RUNTIME_LEVEL: Record<TConfig['LOG_LEVEL'], LogLevel> = { silent: 'ERROR', error: 'ERROR', warn: 'WARN', info: 'INFO', debug: 'DEBUG' };

/**
 * Installs the process's Temporal runtime, once and before any connection is made (the SDK's rule):
 *
 * - **logs**: every log of the Worker, its workflows (`log` from `@temporalio/workflow`, not written during
 *   replay) and its activities (`log` from `@temporalio/activity`), and the native core's own (forwarded,
 *   WARN and above), written to stdout as JSON lines by {@link jsonLogLine}, at `LOG_LEVEL` (`silent`:
 *   none). Workflow and activity lines carry `workflowId`, `workflowType`, `runId` (and `activityType`)
 *   from the SDK.
 * - **metrics**: with `TEMPORAL_METRICS_BIND_ADDRESS` set, the runtime serves Prometheus text at
 *   `http://<that address>/metrics` (`temporal_…` series: task slots, poll and schedule-to-start latencies,
 *   workflow and activity completions, request failures); unset, none. The address taken throws here
 *   ("Address already in use").
 * - `shutdownSignals`: the signals on which the SDK shuts Workers down itself (default: the SDK's,
 *   SIGINT, SIGTERM, SIGQUIT, SIGUSR2); `npm start` passes `[]` and stops everything in its own order.
 *
 * `write` receives each line with its newline (default: stdout); tests pass their own.
 */
export function installRuntime({
  config,
  shutdownSignals,
  write = (line) => process.stdout.write(line),
}: {
  config: Pick<TConfig, 'LOG_LEVEL' | 'TEMPORAL_METRICS_BIND_ADDRESS'>;
  shutdownSignals?: NodeJS.Signals[];
  write?: (line: string) => void;
}): Runtime {
  const silent = config.LOG_LEVEL === 'silent';
  const logger = new DefaultLogger(RUNTIME_LEVEL[config.LOG_LEVEL], silent ? () => undefined : (entry) => write(`${jsonLogLine(entry)}\n`));
  return Runtime.install({
    logger,
    telemetryOptions: {
      logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} },
      ...(config.TEMPORAL_METRICS_BIND_ADDRESS ? { metrics: { prometheus: { bindAddress: config.TEMPORAL_METRICS_BIND_ADDRESS } } } : {}),
    },
    ...(shutdownSignals ? { shutdownSignals } : {}),
  });
}
