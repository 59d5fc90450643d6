/**
 * Runs once before the test files: makes sure the real servers the tests need can be had (Temporal CLI
 * and Java test server binaries; a PostgreSQL server) and that the browser tests' Chromium is there and
 * of the major version playwright-core expects, so a missing one fails the run with the reason at the
 * start instead of test by test. Nothing is skipped.
 */
import { ensureTemporalBinaries } from '../../scripts/temporal-binaries';
import { ensureChromium } from './chromium-binary';
import { ensurePostgresRunning } from './database';

export default async function globalSetup(): Promise<void> {
  process.env.TZ = 'UTC';
  await ensureTemporalBinaries();
  await ensurePostgresRunning();
  await ensureChromium();
}
