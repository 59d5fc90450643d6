/**
 * The Chromium the browser tests drive: Debian's `chromium` package, never a build that
 * `playwright install` downloads (this network cannot fetch one, and CI installs from Debian only).
 * playwright-core speaks the DevTools protocol of one Chromium revision; a browser of another major
 * version may accept it or fail in odd ways, so the tests refuse to start on a mismatch instead.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

/** Where Debian's `chromium` package puts its launcher. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** A Chromium binary that passed {@link ensureChromium}'s checks. */
export interface ChromiumBinary {
  /** The executable, as given to playwright-core's `executablePath`. */
  path: string;
  /** Its full version, e.g. `156.0.8078.114`. */
  version: string;
  /** The version playwright-core was built against (its `browsers.json`), e.g. `156.0.8078.4`. */
  expectedVersion: string;
}

/**
 * The Chromium executable to use: `CHROMIUM_PATH` from `env` when set and not empty, else
 * {@link DEFAULT_CHROMIUM_PATH}. `env` defaults to `process.env`.
 */
export function chromiumPath({ env = process.env }: { env?: NodeJS.ProcessEnv } = {}): string {
  return env.CHROMIUM_PATH?.trim() || DEFAULT_CHROMIUM_PATH;
}

/**
 * The Chromium version the installed playwright-core expects: the `browserVersion` of the `chromium`
 * entry of its own `browsers.json` (the revision `playwright install` would download). Throws if the
 * file has no such entry (a playwright-core release that changed its layout).
 */
export function expectedChromiumVersion(): string {
  const file = path.join(path.dirname(require.resolve('playwright-core/package.json')), 'browsers.json');
  const { browsers } = JSON.parse(readFileSync(file, 'utf8')) as { browsers?: { name: string; browserVersion?: string }[] };
  const version = browsers?.find((b) => b.name === 'chromium')?.browserVersion;
  if (!version) throw new Error(`${file} names no chromium browserVersion: cannot tell which Chromium playwright-core expects.`);
  return version;
}

/**
 * The dotted version in `chromium --version` output (`Chromium 156.0.8078.114 built on Debian …`), or
 * `undefined` when there is none.
 */
export function parseChromiumVersion(output: string): string | undefined {
  return /\b(\d+\.\d+\.\d+\.\d+)\b/.exec(output)?.[1];
}

const majorOf = (version: string) => Number(version.split('.')[0]);

/**
 * Checks that the Chromium at {@link chromiumPath} can drive the browser tests and returns it: the file
 * exists (else: how to install it), `--version` answers with a version (within 30 s), and its major
 * version is the one playwright-core expects (else both versions are named). Same major, different
 * build (Debian's 156.0.8078.114 against playwright's 156.0.8078.4) is accepted: the protocol is the
 * same within a major version. Throws an Error with the reason; never skips.
 */
export async function ensureChromium({ env = process.env }: { env?: NodeJS.ProcessEnv } = {}): Promise<ChromiumBinary> {
  const file = chromiumPath({ env });
  const expected = expectedChromiumVersion();
  if (!existsSync(file)) {
    throw new Error(
      [
        `Chromium is not installed at ${file}; the browser tests drive a real Chromium ${majorOf(expected)}.`,
        'On Debian, as root: apt-get install -y chromium (bash .ci/run does it), or set CHROMIUM_PATH to a Chromium of that major version.',
        'Never `playwright install`: its downloads are not reachable here.',
      ].join('\n'),
    );
  }
  let output: string;
  try {
    ({ stdout: output } = await promisify(execFile)(file, ['--version'], { timeout: 30_000 }));
  } catch (error) {
    throw new Error(`${file} --version failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const version = parseChromiumVersion(output);
  if (!version) throw new Error(`${file} --version printed no version: ${JSON.stringify(output.trim())}`);
  if (majorOf(version) !== majorOf(expected)) {
    throw new Error(
      [
        `${file} is Chromium ${version}, but playwright-core ${playwrightCoreVersion()} expects Chromium ${expected} (major ${majorOf(expected)}).`,
        'Pin playwright-core in package.json to the release whose browsers.json names this major version, or install that Chromium (CHROMIUM_PATH).',
      ].join('\n'),
    );
  }
  return { path: file, version, expectedVersion: expected };
}

function playwrightCoreVersion(): string {
  return (JSON.parse(readFileSync(require.resolve('playwright-core/package.json'), 'utf8')) as { version: string }).version;
}
