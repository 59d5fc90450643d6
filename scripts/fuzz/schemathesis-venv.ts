/**
 * Schemathesis (https://schemathesis.readthedocs.io), the schema-driven API fuzzer, in a Python virtual
 * environment of its own, created once and cached outside the repository beside the Temporal binaries:
 * `<cache>/schemathesis-<version>/` (the cache of scripts/temporal-binaries.ts: `NAP1325_CACHE_DIR`, else
 * `$XDG_CACHE_HOME/nap1325`, else `~/.cache/nap1325`). Needs `python3` (≥ 3.10, with its `venv` module) and
 * PyPI; nothing else.
 *
 * A virtual environment cannot be moved (its scripts name their interpreter by absolute path), so it is
 * built in place under a lock, and a marker file written last says it is complete: a directory without the
 * marker is the remains of an interrupted install and is removed before trying again.
 */
import { constants as fsConstants } from 'node:fs';
import { access, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run, runChecked, temporalCacheDir, withLock, type TLog } from '../temporal-binaries';

/** The schemathesis release installed from PyPI: pinned so every machine fuzzes with the same generator and checks. */
export const SCHEMATHESIS_VERSION = '4.32.5';

/** Written last into the environment: its presence means pip finished. */
const COMPLETE_MARKER = '.nap1325-complete';

/** A cold install (pip resolves about 40 wheels) took about 30 s here; leave room for a slow mirror. */
const PIP_TIMEOUT_MS = 10 * 60_000;

const defaultLog: TLog = (message) => process.stderr.write(`[schemathesis] ${message}\n`);

/**
 * The path of the `schemathesis` executable of version {@link SCHEMATHESIS_VERSION}, creating its virtual
 * environment first when the cache has none (`python3 -m venv`, then `pip install schemathesis==…`). A second
 * call returns at once. The interpreter is env `PYTHON`, else `python3`.
 */
export async function ensureSchemathesis({
  log = defaultLog,
  env = process.env,
}: { log?: TLog; env?: Record<string, string | undefined> } = {}): Promise<string> {
  const cacheDir = temporalCacheDir({ env });
  const venv = join(cacheDir, `schemathesis-${SCHEMATHESIS_VERSION}`);
  const executable = join(venv, 'bin', 'schemathesis');
  if (await exists(join(venv, COMPLETE_MARKER))) return executable;
  await mkdir(cacheDir, { recursive: true });
  return withLock({ lockPath: join(cacheDir, `schemathesis-${SCHEMATHESIS_VERSION}.lock`), log }, async () => {
    if (await exists(join(venv, COMPLETE_MARKER))) return executable;
    const python = env.PYTHON?.trim() || 'python3';
    await rm(venv, { recursive: true, force: true });
    log(`creating a virtual environment in ${venv} (${python} -m venv)`);
    const created = await run({ command: python, args: ['-m', 'venv', venv], env, timeoutMs: 120_000 }).catch((error: unknown) => ({
      code: -1,
      stdout: '',
      stderr: error instanceof Error ? error.message : String(error),
    }));
    if (created.code !== 0) {
      throw new Error(
        `\`${python} -m venv\` failed: ${created.stderr.trim() || created.stdout.trim()}\n` +
          'Schemathesis needs Python ≥ 3.10 with its venv module (Debian: apt-get install -y python3-venv), or set PYTHON to one.',
      );
    }
    log(`installing schemathesis==${SCHEMATHESIS_VERSION} from PyPI`);
    const pip = join(venv, 'bin', 'pip');
    await runChecked({ command: pip, args: ['install', '--quiet', '--disable-pip-version-check', `schemathesis==${SCHEMATHESIS_VERSION}`], env, timeoutMs: PIP_TIMEOUT_MS });
    const version = await runChecked({ command: executable, args: ['--version'], env, timeoutMs: 60_000 });
    if (!version.stdout.includes(SCHEMATHESIS_VERSION)) throw new Error(`${executable} --version printed ${version.stdout.trim()}, not ${SCHEMATHESIS_VERSION}`);
    await writeFile(join(venv, COMPLETE_MARKER), `${new Date().toISOString()}\n`);
    log(`schemathesis ${SCHEMATHESIS_VERSION} ready`);
    return executable;
  });
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path, fsConstants.F_OK);
    return true;
  } catch {
    return false;
  }
}
