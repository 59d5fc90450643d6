/**
 * Entry point of the `nap1325` command (run through cli/bin.cjs): runs {@link runCli} on this process's
 * arguments and environment, then exits with its code once stdout and stderr are flushed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from './run-cli';

const { version } = JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version: string };

// `nap1325 status 2026 | head -3`: a reader that goes away is not an error of ours.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

const flush = (stream: NodeJS.WriteStream) => new Promise<void>((resolve) => stream.write('', () => resolve()));

void runCli(process.argv.slice(2), {
  env: process.env,
  version,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then(async (code) => {
  await Promise.all([flush(process.stdout), flush(process.stderr)]);
  // Exit now: an idle keep-alive socket of fetch must not hold the command open.
  process.exit(code);
});
