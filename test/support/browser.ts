/**
 * Pages in a real browser: Debian's Chromium driven by playwright-core (see ./chromium-binary.ts), with
 * the checks every page must pass — it fits a 390 px phone without sideways scrolling, axe-core finds no
 * serious or critical accessibility violation — and full-page screenshots for people to look at.
 *
 * One browser per test file ({@link useBrowser}); one browser context per page ({@link openPage}), so
 * pages share no cookies or storage.
 */
import type { AxeResults, Result as AxeViolation } from 'axe-core';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ensureChromium } from './chromium-binary';

/**
 * Flags this machine needs: root needs `--no-sandbox`; this closed network refuses Chromium's own
 * connections (updates, sync, QUIC probes…), which stall or fail a start unless they are switched off.
 * playwright-core adds `--headless` and a new, empty `--user-data-dir` of its own (it refuses one in
 * `args`), removed when the browser closes.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Checks the Chromium binary ({@link ensureChromium}: present, and of the major version playwright-core
 * expects; else an Error with the reason) and launches it headless with {@link CHROMIUM_ARGS}.
 * `CHROMIUM_PATH` in `env` (default `process.env`) overrides `/usr/bin/chromium`. Close it when done.
 */
export async function launchBrowser({ env = process.env }: { env?: NodeJS.ProcessEnv } = {}): Promise<Browser> {
  const binary = await ensureChromium({ env });
  return chromium.launch({ executablePath: binary.path, args: [...CHROMIUM_ARGS], timeout: 60_000 });
}

/**
 * Registers Jest hooks for one browser per test file — launched in `beforeAll`, closed in `afterAll` —
 * and returns a getter for it (a launch costs about 0.3 s; a context per page is cheap). Call at the top
 * level of a test file or describe block.
 */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('No browser: its launch in beforeAll failed (see the first error).');
    return browser;
  };
}

/** The widths pages are checked and photographed at. */
export const Viewport = { phone: 'phone', desktop: 'desktop' } as const;
export type Viewport = (typeof Viewport)[keyof typeof Viewport];

const viewportOf = new WeakMap<Page, Viewport>();

/**
 * A new page in its own browser context (no shared cookies), sized as a person would see it:
 * - `phone`: 390×844 CSS px (a common phone), device scale 2, `isMobile` (the page's `<meta
 *   name="viewport">` is honoured, as on a real phone: without one the page is laid out 980 px wide and
 *   zoomed out) and touch, with an Android Chrome user agent of this browser's version;
 * - `desktop`: 1280×900, scale 1.
 * Both speak es-MX in America/Mexico_City, as the contacts do. Closing the browser closes the page; close
 * `page.context()` to free it sooner.
 */
export async function openPage(browser: Browser, { viewport }: { viewport: Viewport }): Promise<Page> {
  const shared = { locale: 'es-MX', timezoneId: 'America/Mexico_City' };
  const major = browser.version().split('.')[0];
  const context =
    viewport === Viewport.phone
      ? await browser.newContext({
          ...shared,
          viewport: { width: 390, height: 844 },
          deviceScaleFactor: 2,
          isMobile: true,
          hasTouch: true,
          userAgent: `Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${major}.0.0.0 Mobile Safari/537.36`,
        })
      : await browser.newContext({ ...shared, viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  viewportOf.set(page, viewport);
  return page;
}

/** What {@link measureHorizontalOverflow} found, in CSS pixels. */
export interface HorizontalOverflow {
  /** The screen's width: the page's viewport as {@link openPage} set it (390 on a phone). */
  screenWidth: number;
  /**
   * `window.innerWidth`, the layout viewport. On a phone it is wider than the screen when the page has no
   * `<meta name="viewport" content="width=device-width">` (980: a desktop layout shrunk to fit) or has
   * content wider than the screen (the browser widens the layout to hold it and zooms out).
   */
  innerWidth: number;
  /** `document.documentElement.scrollWidth`: how wide the page's content is. */
  scrollWidth: number;
  /** `visualViewport.scale`: below 1, the phone shows the page shrunk (text at that fraction of its size). */
  scale: number;
  /** Up to 10 elements whose right edge passes the screen, furthest first (`tag#id.class[name]`, right edge). */
  widest: { element: string; right: number }[];
}

/** The minimal browser globals the in-page function below uses (this project compiles without the DOM lib). */
interface PageElement {
  tagName: string;
  id: string;
  classList: Iterable<string>;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { right: number };
}
interface PageGlobals {
  innerWidth: number;
  visualViewport: { scale: number } | null;
  document: { documentElement: { scrollWidth: number }; querySelectorAll(selector: string): Iterable<PageElement> };
}

/** Measures the page's width against the screen's, naming the elements that stick out. */
export async function measureHorizontalOverflow(page: Page): Promise<HorizontalOverflow> {
  return page.evaluate((viewportWidth) => {
    const { document, innerWidth, visualViewport } = globalThis as unknown as PageGlobals;
    const screenWidth = viewportWidth ?? innerWidth;
    const describe = (e: PageElement) => {
      const name = e.getAttribute('name');
      return `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${[...e.classList].map((c) => `.${c}`).join('')}${name ? `[name="${name}"]` : ''}`;
    };
    const widest = [...document.querySelectorAll('body *')]
      .map((e) => ({ element: describe(e), right: Math.round(e.getBoundingClientRect().right) }))
      .filter((e) => e.right > screenWidth)
      .sort((a, b) => b.right - a.right)
      .slice(0, 10);
    return { screenWidth, innerWidth, scrollWidth: document.documentElement.scrollWidth, scale: visualViewport?.scale ?? 1, widest };
  }, page.viewportSize()?.width ?? null);
}

/**
 * Fails unless the page fits the screen's width: `document.documentElement.scrollWidth <=
 * window.innerWidth` (no sideways scrolling) and `window.innerWidth` no wider than the screen. The second
 * half matters on a phone: there a page without a viewport meta, or with content wider than the screen,
 * does not scroll sideways: the browser widens the layout and shrinks the whole page to fit, so the
 * first half alone would pass while every word is unreadably small. The failure names the widths, the
 * zoom, and the elements that stick out.
 */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const o = await measureHorizontalOverflow(page);
  if (o.scrollWidth <= o.innerWidth && o.innerWidth <= o.screenWidth) return;
  const why =
    o.scale < 0.99
      ? `is laid out ${o.innerWidth} px wide on a ${o.screenWidth} px screen and shown shrunk to ${Math.round(o.scale * 100)} % ` +
        '(no <meta name="viewport" content="width=device-width, initial-scale=1">, or content wider than the screen)'
      : `scrolls sideways: content ${Math.max(o.scrollWidth, o.innerWidth)} px wide on a ${o.screenWidth} px screen`;
  throw new Error([`${pathOf(page)} ${why}. Furthest right:`, ...o.widest.map((e) => `  ${e.element} → ${e.right} px`)].join('\n'));
}

/** The page's URL without its query (response links carry a signed token: keep it out of test output). */
function pathOf(page: Page): string {
  return page.url().split('?')[0];
}

let axeSource: string | undefined;

/**
 * Runs axe-core (its default rules: WCAG 2.x A/AA and best practices) on the page as it is now and
 * returns every violation, whatever its impact.
 *
 * axe's source is evaluated through the DevTools protocol (`page.evaluate`), which the page's
 * Content-Security-Policy does not govern: `addScriptTag` inserts an inline `<script>` that a CSP without
 * `'unsafe-inline'` blocks (ours has `script-src 'self'`), and `require-trusted-types-for 'script'`
 * blocks setting its text; `bypassCSP` would work but changes the page under test. Checked against
 * `script-src 'self'`, nonce + `'strict-dynamic'`, and Trusted Types.
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const hasAxe = `typeof globalThis.axe === 'object'`;
  if (!(await page.evaluate<boolean>(hasAxe))) {
    // `void 0` at the end: the script's own value is not sent back over the protocol.
    await page.evaluate(`${axeSource}\n;void 0`);
    if (!(await page.evaluate<boolean>(hasAxe))) throw new Error(`axe-core did not load in ${pathOf(page)}`);
  }
  const results = await page.evaluate<AxeResults>(`globalThis.axe.run(document, { resultTypes: ['violations'] })`);
  return results.violations;
}

/** The impacts that fail {@link checkAccessibility}. */
export const BLOCKING_IMPACTS: readonly string[] = ['serious', 'critical'];

/** The violations of impact `serious` or `critical` ({@link BLOCKING_IMPACTS}). */
export function blockingViolations(violations: readonly AxeViolation[]): AxeViolation[] {
  return violations.filter((v) => BLOCKING_IMPACTS.includes(v.impact ?? ''));
}

/** One line per violation: `impact rule-id: help (n elements: first selectors)`. */
export function describeViolations(violations: readonly AxeViolation[]): string[] {
  return violations.map((v) => {
    const targets = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ');
    return `${v.impact ?? 'unknown'} ${v.id}: ${v.help} (${v.nodes.length} element${v.nodes.length === 1 ? '' : 's'}: ${targets}${v.nodes.length > 3 ? ', …' : ''})`;
  });
}

/**
 * Fails listing every axe-core violation of impact `serious` or `critical` on the page (see
 * {@link runAxe}); `name` says which page in the message. Returns all violations, so a test can look at
 * the minor and moderate ones too.
 */
export async function checkAccessibility(page: Page, name: string): Promise<AxeViolation[]> {
  const violations = await runAxe(page);
  const blocking = blockingViolations(violations);
  if (blocking.length > 0) {
    throw new Error([`${name} (${pathOf(page)}) has ${blocking.length} serious or critical accessibility violation(s):`, ...describeViolations(blocking).map((l) => `  ${l}`)].join('\n'));
  }
  return violations;
}

/** Where screenshots go: git-ignored, kept after the run for people to look at. */
export const SCREENSHOT_DIR = path.resolve(__dirname, '../../test-results/screenshots');

/**
 * Writes PNGs of `page` to {@link SCREENSHOT_DIR}, replacing the previous run's, and returns their paths:
 * - `<name>--<viewport>.png`, the full page (`<name>.png` for a page not opened by {@link openPage});
 * - on a phone also `<name>--phone-screen.png`, the first screen exactly as the phone shows it on opening
 *   the link: a full-page capture is drawn at layout size and so hides a zoomed-out page (see
 *   {@link HorizontalOverflow.innerWidth}), this one does not.
 * Animations are stopped and the caret hidden, so the same page gives the same picture.
 */
export async function screenshot(page: Page, name: string): Promise<string[]> {
  const viewport = viewportOf.get(page);
  const file = (suffix: string) => path.join(SCREENSHOT_DIR, `${name}${suffix}.png`);
  const options = { animations: 'disabled', caret: 'hide' } as const;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const written = [file(viewport ? `--${viewport}` : '')];
  await page.screenshot({ ...options, path: written[0], fullPage: true });
  if (viewport === Viewport.phone) {
    written.push(file(`--${viewport}-screen`));
    await page.screenshot({ ...options, path: written[1] });
  }
  return written;
}
