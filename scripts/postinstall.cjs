'use strict';
// npm `postinstall` hook (and the engine of `npm run prisma:generate`): generates the Prisma client into
// prisma/generated/ without network access. Plain Node and no dependencies: it runs right after
// `npm install` / `npm ci`, before anything else can be assumed.
//
// Why: before `generate`, the Prisma CLI makes sure its schema-engine binary is present and downloads it
// if not, which fails offline. `generate` itself never runs that binary (Prisma 7 clients compile
// queries in WebAssembly), and the CLI skips the download when PRISMA_SCHEMA_ENGINE_BINARY names an
// existing file. So, unless the real engine is installed or the user set the variable, we point it at a
// placeholder that explains itself if anything ever executes it. Migrations use the WebAssembly engine
// instead (scripts/migrate-*.ts).

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const projectRoot = path.resolve(__dirname, '..');

/**
 * Path of a schema-engine binary the Prisma CLI would find by itself, or null: the one that
 * @prisma/engines' own postinstall downloads next to it, or the one in Prisma's download cache.
 */
function findRealSchemaEngine() {
  const candidates = [];
  try {
    const enginesDir = path.dirname(require.resolve('@prisma/engines/package.json', { paths: [projectRoot] }));
    for (const name of fs.readdirSync(enginesDir)) {
      if (/^schema-engine-[\w.-]+$/.test(name) && !/\.(d\.ts|js|map)$/.test(name)) {
        candidates.push(path.join(enginesDir, name));
      }
    }
  } catch {
    // @prisma/engines not installed: nothing to find there.
  }
  try {
    const { enginesVersion } = require('@prisma/engines-version/package.json', { paths: [projectRoot] }).prisma;
    const cacheRoot =
      process.platform === 'darwin'
        ? path.join(os.homedir(), 'Library', 'Caches', 'prisma')
        : path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'prisma');
    const versionDir = path.join(cacheRoot, 'master', enginesVersion);
    for (const platform of fs.readdirSync(versionDir)) {
      candidates.push(path.join(versionDir, platform, 'schema-engine'));
    }
  } catch {
    // No cache for this engines version.
  }
  return candidates.find((file) => fs.existsSync(file) && fs.statSync(file).isFile() && fs.statSync(file).size > 1024) ?? null;
}

/** Writes (once) the placeholder that stands in for the schema-engine binary during `generate`. */
function ensurePlaceholder() {
  const dir = path.join(projectRoot, 'node_modules', '.cache', 'nap1325');
  const file = path.join(dir, 'schema-engine-unavailable');
  const content = [
    '#!/bin/sh',
    '# Placeholder written by scripts/postinstall.cjs so that `prisma generate` works offline.',
    'echo "The Prisma schema-engine binary is not installed here (offline install)." >&2',
    'echo "Use npm run db:migrate and npm run db:migrate:create (WebAssembly engine) instead." >&2',
    'exit 1',
    '',
  ].join('\n');
  fs.mkdirSync(dir, { recursive: true });
  if (!fs.existsSync(file) || fs.readFileSync(file, 'utf-8') !== content) {
    fs.writeFileSync(file, content, { mode: 0o755 });
  }
  return file;
}

/**
 * Runs `prisma generate` for this project and returns its exit status. Leaves a user's own
 * PRISMA_SCHEMA_ENGINE_BINARY alone; otherwise sets it to the placeholder unless the real engine is
 * installed. Also turns off Prisma's update check (a network call). `log` gets one line of explanation.
 */
function runPrismaGenerate({ args = [], log = (line) => console.log(line) } = {}) {
  let cli;
  try {
    cli = path.join(path.dirname(require.resolve('prisma/package.json', { paths: [projectRoot] })), 'build', 'index.js');
  } catch {
    log('prisma-generate: the `prisma` CLI is not installed (production install?); skipping `prisma generate`.');
    return 0;
  }
  const env = { ...process.env };
  env.CHECKPOINT_DISABLE ??= '1';
  env.PRISMA_HIDE_UPDATE_MESSAGE ??= '1';
  if (env.PRISMA_SCHEMA_ENGINE_BINARY) {
    log(`prisma-generate: using PRISMA_SCHEMA_ENGINE_BINARY=${env.PRISMA_SCHEMA_ENGINE_BINARY} as set.`);
  } else {
    const real = findRealSchemaEngine();
    if (real) {
      log(`prisma-generate: schema engine found at ${real}.`);
    } else {
      env.PRISMA_SCHEMA_ENGINE_BINARY = ensurePlaceholder();
      log('prisma-generate: no schema-engine binary (offline); generating with a placeholder in its place.');
    }
  }
  const result = spawnSync(process.execPath, [cli, 'generate', ...args], { cwd: projectRoot, env, stdio: 'inherit' });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

module.exports = { runPrismaGenerate, findRealSchemaEngine };

if (require.main === module) {
  if (!fs.existsSync(path.join(projectRoot, 'prisma', 'schema.prisma'))) {
    console.log('postinstall: no prisma/schema.prisma; nothing to generate.');
  } else {
    process.exitCode = runPrismaGenerate();
  }
}
