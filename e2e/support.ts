import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { createTestApp, type TestApp } from '../test/support/app';

const root = path.resolve(import.meta.dirname, '..');
export const shotsDir = path.join(root, 'test-results/screenshots');

export type E2EServer = TestApp & { url: string };

/** The tiny generated basemap (scripts/build-basemap-fixture.mjs): Kota Tangerang, zoom 10–13. */
export const BASEMAP_FIXTURE = path.join(root, 'test/fixtures/tangerang-basemap.pmtiles');

/**
 * A real Simpul server (built web app + API, background work on) on a private copy of the template.
 * The basemap is set explicitly: the fixture PMTiles file served by the server itself (default),
 * or none. Browser tests never load remote tiles.
 */
export async function startServer(
  opts: { basemap?: 'fixture' | 'none'; env?: Record<string, string> } = {},
): Promise<E2EServer> {
  execSync('node scripts/ensure-web.mjs', { cwd: root, stdio: 'inherit' });
  const t = await createTestApp({
    background: true,
    env: {
      ...((opts.basemap ?? 'fixture') === 'fixture'
        ? {
            MAP_TILE_URL: 'none',
            MAP_BASEMAP_FILE: BASEMAP_FIXTURE,
            MAP_BASEMAP_ATTRIBUTION: 'Simpul test fixture',
          }
        : { MAP_TILE_URL: 'none' }),
      ...opts.env,
    },
  });
  const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  return { ...t, url };
}

/** Debian's Chromium, headless, with the flags this closed network needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A phone-sized page (a cheap Android at 360 px) or a wall-sized one. */
export async function openPage(
  browser: Browser,
  size: 'phone' | 'laptop' | 'wall' = 'phone',
  /** `serviceWorker`: let the app's service worker install (push, offline); blocked otherwise. */
  opts: { touch?: boolean; serviceWorker?: boolean } = {},
): Promise<Page> {
  const viewport = {
    phone: { width: 360, height: 740 },
    laptop: { width: 1366, height: 768 },
    wall: { width: 1920, height: 1080 },
  }[size];
  // Reduced motion: maps and lists settle at once (no animation to wait for in a test).
  const context = await browser.newContext({
    viewport,
    locale: 'id-ID',
    serviceWorkers: opts.serviceWorker ? 'allow' : 'block',
    reducedMotion: 'reduce',
    hasTouch: opts.touch ?? false,
  });
  return context.newPage();
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: true });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core on the page; fails on any serious or critical violation (WCAG 2 A/AA rules). */
export async function expectAccessible(page: Page, label: string) {
  // The page as its user sees it: in front (a second tab may have opened since) and with the pointer
  // off every control, so no :hover style from the last click is what axe measures.
  await page.bringToFront();
  await page.mouse.move(0, 0);
  // Evaluated over the DevTools protocol: the app's Content-Security-Policy rightly blocks inline scripts.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as any).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations
      .filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v: {
          id: string;
          impact: string;
          nodes: { target: string[]; failureSummary?: string; html: string }[];
        }) => ({
          id: v.id,
          impact: v.impact,
          targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
          // What axe saw (e.g. the two colours and their ratio, the element), so a failure explains itself.
          why: v.nodes.slice(0, 3).map((n) => `${n.html.slice(0, 160)}: ${n.failureSummary ?? ''}`),
        }),
      );
  });
  expect(violations, `axe on ${label}`).toEqual([]);
}

/** Fills and submits the real sign-in form (citizen /masuk, staff /staf, wall /live). */
export async function fillSignIn(page: Page, identifier: string, password: string) {
  await page.getByTestId('login-identifier').fill(identifier);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/**
 * Signs in through the API and returns a fetch bound to that session (cookie + CSRF token): for
 * what a journey needs from "someone else", or to check results through the API.
 */
export async function apiSession(base: string, identifier: string, password: string) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier, password }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body ? JSON.stringify(body) : undefined,
    });
}

/**
 * Wakes the page's service worker with a push message, as the browser's push service would
 * (Chromium here reaches none): the DevTools protocol's `ServiceWorker.deliverPushMessage`.
 * The page must have been opened with `serviceWorker: true` and its worker installed.
 */
export async function deliverPush(page: Page, origin: string, payload: unknown) {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  const cdp = await page.context().newCDPSession(page);
  const registrations: { registrationId: string }[] = [];
  cdp.on('ServiceWorker.workerRegistrationUpdated', (e) => registrations.push(...e.registrations));
  await cdp.send('ServiceWorker.enable');
  await expect.poll(() => registrations.length).toBeGreaterThan(0);
  await cdp.send('ServiceWorker.deliverPushMessage', {
    origin: new URL(origin).origin,
    registrationId: registrations[0]!.registrationId,
    data: JSON.stringify(payload),
  });
}

/** The notifications the page's service worker is showing: title, body and the link a tap opens. */
export function shownNotifications(page: Page) {
  return page.evaluate(async () =>
    (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({
      title: n.title,
      body: n.body,
      url: (n.data as { url?: string } | null)?.url ?? null,
    })),
  );
}
