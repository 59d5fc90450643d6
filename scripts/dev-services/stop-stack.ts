/** One thing that was started, and how to stop it. */
export type TStoppable = {
  /** Names the part in "while stopping <name>: …" lines. */
  name: string;
  /** Stops it gracefully; awaited before the part started before it is stopped. */
  stop(): Promise<void> | void;
  /**
   * Last resort, synchronous: called by {@link TStopStack.killNow} when the process is about to exit
   * with this part still running (a forced exit, an uncaught error). Only parts that would outlive the
   * process need one: child processes.
   */
  killNow?(): void;
};

/** What {@link createStopStack} returns. */
export type TStopStack = {
  /**
   * Registers a part right after it started. After {@link stopAll} began, a part registered late (its
   * start was already under way) is stopped at once, so nothing started during a shutdown survives it.
   */
  defer(part: TStoppable): void;
  /** True once {@link stopAll} was called: whoever is starting parts should stop starting them. */
  readonly stopping: boolean;
  /**
   * Stops every part, most recently started first, one at a time; a part that fails to stop is
   * reported through `onError` and the others are stopped anyway. Idempotent: later calls return the
   * first call's promise.
   */
  stopAll(onError: (name: string, error: unknown) => void): Promise<void>;
  /** Calls `killNow` of every part not yet stopped (see {@link TStoppable.killNow}). Synchronous. */
  killNow(): void;
};

/**
 * The parts of a running service in the order they were started, stopped in reverse: each part is
 * stopped after everything started after it, which is everything that may use it (the API and the
 * Worker before the Temporal connections, the connections before the Temporal server, the mailer before
 * the mail catcher). A failed start unwinds the same stack, so it stops exactly what was started.
 */
export function createStopStack(): TStopStack {
  const running: TStoppable[] = [];
  let stopping: Promise<void> | undefined;
  let drained = false;
  let report: (name: string, error: unknown) => void = () => undefined;

  const stopOne = async (part: TStoppable) => {
    try {
      await part.stop();
    } catch (error) {
      report(part.name, error);
    } finally {
      const index = running.indexOf(part);
      if (index >= 0) running.splice(index, 1);
    }
  };

  return {
    defer(part) {
      running.push(part);
      if (drained) void stopOne(part);
    },
    get stopping() {
      return stopping !== undefined;
    },
    stopAll(onError) {
      report = onError;
      stopping ??= (async () => {
        // A part deferred while an earlier one is being stopped lands on top: take from the top until empty.
        for (let part = running.at(-1); part; part = running.at(-1)) await stopOne(part);
        drained = true;
      })();
      return stopping;
    },
    killNow() {
      for (const part of [...running].reverse()) {
        try {
          part.killNow?.();
        } catch {
          // The process is exiting; there is no one left to tell.
        }
      }
    },
  };
}
