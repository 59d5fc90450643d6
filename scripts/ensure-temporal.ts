/**
 * `npm run temporal:ensure`: makes sure the Temporal CLI (dev server) and the time-skipping test server are
 * available, fetching or building what is missing (see scripts/temporal-binaries.ts), and prints their paths
 * on stdout as `NAME=value` lines, so CI can append them to its environment:
 *
 *   npx tsx scripts/ensure-temporal.ts >> "$GITHUB_ENV"
 *
 * Progress and reasons go to stderr. Exits 1 with every reason when either binary cannot be had.
 */
import { ensureTemporalBinaries } from './temporal-binaries';

async function main(): Promise<void> {
  const { temporalCli, testServer } = await ensureTemporalBinaries();
  process.stdout.write(`TEMPORAL_CLI_PATH=${temporalCli}\nTEMPORAL_TEST_SERVER_PATH=${testServer}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
