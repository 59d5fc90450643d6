import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

/** The `nap1325` command as npm links it (package.json "bin"): a CommonJS shim run by its shebang. */
export const CLI_BIN = path.resolve(__dirname, '../../cli/bin.cjs');

export interface CliRun {
  /** The exit status. */
  code: number;
  stdout: string;
  stderr: string;
  /** stderr's non-empty lines. */
  errorLines: string[];
}

/**
 * Runs `nap1325 <args>` as a subprocess (execFile on the bin) and resolves when it exits, whatever its
 * status. Its environment is PATH and HOME plus `env`: no NAP1325_* of the test's own leaks in.
 */
export function runCliProcess(args: readonly string[], { env = {}, timeoutMs = 90_000, cwd }: { env?: Record<string, string>; timeoutMs?: number; cwd?: string } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    execFile(
      CLI_BIN,
      [...args],
      { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TZ: 'UTC', ...env }, timeout: timeoutMs, cwd, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (error as NodeJS.ErrnoException & { code?: unknown }).code : 0;
        if (typeof code !== 'number') return reject(new Error(`nap1325 ${args.join(' ')} did not exit normally: ${String(error?.message)}\n${stderr}`));
        resolve({ code, stdout, stderr, errorLines: stderr.split('\n').filter((l) => l.trim()) });
      },
    );
  });
}

/** A TCP port on 127.0.0.1 that nothing listens on (bound, then closed). */
export function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
