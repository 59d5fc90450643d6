import { spawn } from 'node:child_process';
import net from 'node:net';
import { PortInUseError, isPortFree, type TBoundPort } from './bound-ports';

/** A Temporal dev server started by {@link startTemporalDevServer}. */
export type TTemporalDevServer = {
  /** `127.0.0.1:<port>` of its frontend. */
  address: string;
  /**
   * Resolves once the frontend accepts connections (within `timeoutMs`). Rejects if the server exits
   * first: with the {@link PortInUseError} of its frontend or UI port when one of them is then taken.
   * Not listening in time rejects too; the server is still running then: stop it.
   */
  ready: Promise<void>;
  /** Resolves with the exit code (null when killed by a signal) once the server process has exited. */
  exited: Promise<number | null>;
  /** SIGTERM, then waits for the exit (SIGKILL after `graceMs`, default 10 s). Idempotent. */
  stop(options?: { graceMs?: number }): Promise<void>;
  /** SIGTERM without waiting: for a process about to exit (see `TStoppable.killNow`). */
  killNow(): void;
};

/**
 * Spawns `temporal server start-dev` (the CLI at `cli`) on 127.0.0.1 with its data in `dbFile`, and
 * returns at once: register its `stop`/`killNow` before awaiting `ready` (default `timeoutMs` 60 s),
 * so that a signal or a failure while it starts stops it too.
 *
 * The server runs in its own process group, so a terminal's Ctrl-C reaches only `npm start`, which
 * stops the server last, after the Worker has drained. The other side of that choice: nothing stops it
 * when we die, so the caller must stop it on every way out (see `createStopStack` and `killNow`).
 */
export function startTemporalDevServer({
  cli,
  frontend,
  ui,
  dbFile,
  namespace,
  timeoutMs = 60_000,
}: {
  cli: string;
  frontend: TBoundPort;
  ui: TBoundPort;
  dbFile: string;
  namespace: string;
  timeoutMs?: number;
}): TTemporalDevServer {
  const child = spawn(
    cli,
    [
      'server', 'start-dev',
      '--ip', '127.0.0.1',
      '--port', String(frontend.port),
      '--ui-port', String(ui.port),
      '--db-filename', dbFile,
      '--namespace', namespace,
      '--log-level', 'error',
    ],
    { stdio: ['ignore', 'inherit', 'inherit'], detached: true },
  );
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      exitCode = code;
      resolve(code);
    });
    // A binary that cannot be executed emits 'error' and no 'exit'.
    child.once('error', () => {
      exitCode ??= null;
      resolve(null);
    });
  });
  let stopping: Promise<void> | undefined;
  const address = `127.0.0.1:${frontend.port}`;
  const ready = (async () => {
    const deadline = Date.now() + timeoutMs;
    while (!(await isListening(frontend.port))) {
      if (exitCode !== undefined) {
        for (const bound of [frontend, ui]) {
          if (!(await isPortFree(bound))) throw new PortInUseError(bound);
        }
        throw new Error(`the Temporal dev server (${cli}) exited with code ${exitCode} before listening on ${address}`);
      }
      if (Date.now() > deadline) throw new Error(`the Temporal dev server did not listen on ${address} within ${timeoutMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  // Whoever registered the server awaits `ready`; until then a rejection must not count as unhandled.
  ready.catch(() => undefined);
  return {
    address,
    ready,
    exited,
    killNow() {
      if (exitCode === undefined) child.kill('SIGTERM');
    },
    stop({ graceMs = 10_000 } = {}) {
      stopping ??= (async () => {
        if (exitCode !== undefined) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}

/** Whether something accepts TCP connections on 127.0.0.1:`port` (a Temporal server we may reuse). */
export function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
