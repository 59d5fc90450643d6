/**
 * The browser tests refuse to run on a Chromium they cannot trust, with the reason: none installed, or a
 * major version other than the one playwright-core speaks. Fake binaries stand in for the wrong ones.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromiumPath, DEFAULT_CHROMIUM_PATH, ensureChromium, expectedChromiumVersion, parseChromiumVersion } from './chromium-binary';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'nap1325-chromium-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function fakeChromium(output: string): string {
  const file = path.join(dir, `chromium-${Math.random().toString(36).slice(2)}`);
  writeFileSync(file, `#!/bin/sh\necho '${output}'\n`);
  chmodSync(file, 0o755);
  return file;
}

describe('the Chromium check', () => {
  it('reads the version playwright-core expects from its browsers.json', () => {
    // playwright-core 1.64.1 is pinned for Debian bookworm's chromium 156: bump both together.
    expect(expectedChromiumVersion()).toMatch(/^156\.\d+\.\d+\.\d+$/);
  });

  it('reads the version out of `chromium --version`', () => {
    expect(parseChromiumVersion('Chromium 156.0.8078.114 built on Debian GNU/Linux 12 (bookworm)\n')).toBe('156.0.8078.114');
    expect(parseChromiumVersion('Google Chrome for Testing 156.0.8078.4 \n')).toBe('156.0.8078.4');
    expect(parseChromiumVersion('command not found')).toBeUndefined();
  });

  it('uses CHROMIUM_PATH when set, else /usr/bin/chromium', () => {
    expect(chromiumPath({ env: {} })).toBe(DEFAULT_CHROMIUM_PATH);
    expect(chromiumPath({ env: { CHROMIUM_PATH: ' ' } })).toBe(DEFAULT_CHROMIUM_PATH);
    expect(chromiumPath({ env: { CHROMIUM_PATH: '/opt/chromium/chrome' } })).toBe('/opt/chromium/chrome');
  });

  it('refuses a missing binary, saying how to install one', async () => {
    await expect(ensureChromium({ env: { CHROMIUM_PATH: path.join(dir, 'nowhere') } })).rejects.toThrow(/not installed at .*nowhere[\s\S]*apt-get install -y chromium/);
  });

  it('refuses another major version, naming both', async () => {
    const CHROMIUM_PATH = fakeChromium('Chromium 120.0.6099.224 built on Debian GNU/Linux 12 (bookworm)');
    await expect(ensureChromium({ env: { CHROMIUM_PATH } })).rejects.toThrow(
      new RegExp(`is Chromium 120\\.0\\.6099\\.224, but playwright-core 1\\.64\\.1 expects Chromium ${expectedChromiumVersion().replace(/\./g, '\\.')} \\(major 156\\)`),
    );
  });

  it('refuses a binary that prints no version', async () => {
    await expect(ensureChromium({ env: { CHROMIUM_PATH: fakeChromium('hello') } })).rejects.toThrow(/printed no version: "hello"/);
  });

  it('accepts another build of the same major version (as Debian 156.0.8078.114 for playwright 156.0.8078.4)', async () => {
    const version = `${expectedChromiumVersion().split('.')[0]}.0.9999.114`;
    const CHROMIUM_PATH = fakeChromium(`Chromium ${version} built on Debian GNU/Linux 12 (bookworm)`);
    await expect(ensureChromium({ env: { CHROMIUM_PATH } })).resolves.toEqual({ path: CHROMIUM_PATH, version, expectedVersion: expectedChromiumVersion() });
  });
});
