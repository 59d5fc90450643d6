/**
 * `npm run temporal:postgres [-- --shards 4 --port 7233 --fresh --prefix nap1325_temporal]`: builds (once,
 * cached outside the repo) and starts a Temporal server backed by the local PostgreSQL the tests use
 * (TEST_DATABASE_URL or postgresql://postgres:postgres@127.0.0.1:5432/postgres; started with
 * scripts/ci/start-postgres.sh when it does not answer), registers namespace `default`, prints its address
 * and runs until Ctrl-C. See scripts/infra/temporal-postgres.ts for what it does and README "Temporal on
 * PostgreSQL" for how the service uses it (`TEMPORAL_ADDRESS=127.0.0.1:<port> npm run worker`, …).
 */
import { ensurePostgresRunning } from '../test/support/database';
import { startTemporalPostgres } from './infra/temporal-postgres';

function parse(argv: readonly string[]): { shards: number; port?: number; fresh: boolean; prefix: string } {
  const options = { shards: 4, port: undefined as number | undefined, fresh: false, prefix: 'nap1325_temporal' };
  const wholeAfter = (i: number) => {
    const value = Number(argv[i + 1]);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${argv[i]} needs a whole number ≥ 1 (got ${argv[i + 1] ?? 'nothing'})`);
    return value;
  };
  for (let i = 0; i < argv.length; i++) {
    switch (argv[i]) {
      case '--shards':
        options.shards = wholeAfter(i++);
        break;
      case '--port':
        options.port = wholeAfter(i++);
        break;
      case '--fresh':
        options.fresh = true;
        break;
      case '--prefix':
        options.prefix = argv[++i] ?? '';
        break;
      case '--help':
      case '-h':
        console.log('npm run temporal:postgres -- [--shards N (4)] [--port N (a free one)] [--fresh (drop the databases first)] [--prefix NAME (nap1325_temporal)]');
        process.exit(0);
        break;
      default:
        throw new Error(`Unknown argument "${argv[i]}" (try --help)`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  const options = parse(process.argv.slice(2));
  const adminUrl = await ensurePostgresRunning();
  const server = await startTemporalPostgres({ adminUrl, numHistoryShards: options.shards, port: options.port, fresh: options.fresh, databasePrefix: options.prefix });
  console.log(`Temporal (PostgreSQL, ${server.numHistoryShards} history shards) at ${server.address}, namespace default; metrics ${server.metricsUrl}`);
  console.log(`  point the service at it: TEMPORAL_ADDRESS=${server.address} npm run worker   (and the API)`);
  console.log('  Ctrl-C stops it; its databases are kept (--fresh drops them).');
  let stopping = false;
  const stop = () => {
    stopping = true;
    void server.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const code = await server.exited;
  if (stopping) return;
  console.error(`the Temporal server exited (code ${code}); see ${server.rootDir}/server.log`);
  process.exit(code ?? 1);
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
