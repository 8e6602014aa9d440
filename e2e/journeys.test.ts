import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../api/core/demo/seed';
import { onboardRegion } from '../api/core/regions/onboard';
import {
  apiSession,
  type E2EServer,
  expectAccessible,
  fillSignIn,
  launchBrowser,
  openPage,
  screenshot,
  startServer,
} from './support';

/** Signs in through the real form on any surface (citizen /masuk, staff /staf, wall /live). */
const signIn = (page: Page, identifier: string) => fillSignIn(page, identifier, DEMO_PASSWORD);
/** A signed-in API client for actions the journey needs from "someone else". */
const apiAs = (base: string, identifier: string) => apiSession(base, identifier, DEMO_PASSWORD);

describe('browser journeys (Chromium)', () => {
  let server: E2EServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a citizen signs up on a phone, verifies, and sees the region home with its services', async () => {
    const page = await openPage(browser, 'phone');
    await page.goto(`${server.url}/`);
    await expect
      .poll(() => page.getByTestId('region-display-name').first().textContent())
      .toContain('Kota Tangerang LIVE');
    await page.getByTestId('home-services').waitFor();
    await expectAccessible(page, 'citizen home (signed out)');
    await screenshot(page, 'citizen-home-360');

    await page.goto(`${server.url}/daftar`);
    await expectAccessible(page, 'sign-up');
    await page.getByTestId('signup-name').fill('Siti Rahmawati');
    await page.getByTestId('signup-phone').fill('0812 9988 7766');
    await page.getByTestId('signup-password').fill('kata-sandi-warga-1');
    await page.getByTestId('signup-submit').click();

    await page.getByTestId('verify-form').waitFor();
    const code = server.sender.sent.findLast((m) => m.to === '+6281299887766')?.code;
    expect(code).toMatch(/^\d{6}$/);
    await page.getByTestId('verify-code').fill(code!);
    await page.getByTestId('verify-submit').click();

    await page.getByTestId('service-tile-nomor-penting').waitFor();
    await expect.poll(() => page.getByTestId('home-greeting').textContent()).toContain('Siti');
    await expectAccessible(page, 'citizen home (signed in)');
    await screenshot(page, 'citizen-home-signed-in-360');

    await page.getByTestId('service-tile-nomor-penting').click();
    await page.getByTestId('call-112').waitFor();
    expect(await page.getByTestId('call-112').getAttribute('href')).toBe('tel:112');
    await page.context().close();
  });

  it('a citizen who forgot the password gets a code, is told why a weak password is refused, and signs in with the new one', async () => {
    const page = await openPage(browser, 'phone');
    await page.goto(`${server.url}/masuk`);
    await page.getByTestId('link-forgot-password').click();
    await page.getByTestId('forgot-identifier').fill('0812 9988 7766');
    await page.getByTestId('forgot-submit').click();
    await page.getByTestId('reset-form').waitFor();
    await expectAccessible(page, 'password reset');
    // The code went to the verified phone from the journey above (the newest message there).
    const code = server.sender.sent.findLast((m) => m.to === '+6281299887766')?.code;
    expect(code).toMatch(/^\d{6}$/);
    await page.getByTestId('reset-code').fill(code!);
    await page.getByTestId('reset-password').fill('password123');
    await page.getByTestId('reset-submit').click();
    await expect.poll(() => page.getByTestId('reset-form').textContent()).toContain('mudah ditebak');
    await screenshot(page, 'password-reset-weak-360');
    await page.getByTestId('reset-password').fill('Sawah-hijau-di-Cisadane-9');
    await page.getByTestId('reset-submit').click();
    await page.getByTestId('login-identifier').waitFor();
    await fillSignIn(page, '081299887766', 'Sawah-hijau-di-Cisadane-9');
    await expect.poll(() => page.getByTestId('home-greeting').textContent()).toContain('Siti');
    await page.context().close();
  });

  it('a region admin disables a module and the citizen home no longer shows it', async () => {
    const admin = await openPage(browser, 'laptop');
    await admin.goto(`${server.url}/staf`);
    await signIn(admin, 'admin@tangerangkota.demo.simpul.id');
    await admin.getByTestId('staff-dashboard').waitFor();
    await expectAccessible(admin, 'staff dashboard');
    for (const [path, ready] of [
      ['/staf/daerah', 'region-form'],
      ['/staf/opd', 'opd-table'],
      ['/staf/pengguna', 'users-table'],
      ['/staf/audit', 'audit-list'],
      ['/staf/keamanan', 'totp-card'],
    ] as const) {
      await admin.goto(`${server.url}${path}`);
      await admin.getByTestId(ready).waitFor();
      await expectAccessible(admin, `staff ${path}`);
    }
    await screenshot(admin, 'staff-security-1366');
    await admin.goto(`${server.url}/staf/layanan`);
    const toggle = admin.getByTestId('module-toggle-nomor-penting');
    await toggle.waitFor();
    expect(await toggle.isChecked()).toBe(true);
    await expectAccessible(admin, 'staff modules');
    // Switching a city-wide service off asks first; "Batal" leaves it on.
    const asked: string[] = [];
    admin.once('dialog', (d) => {
      asked.push(d.message());
      void d.dismiss();
    });
    await toggle.click();
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]).toContain('Matikan');
    expect(await toggle.isChecked()).toBe(true);
    admin.once('dialog', (d) => void d.accept());
    await toggle.click();
    await expect.poll(() => toggle.isChecked()).toBe(false);
    await screenshot(admin, 'staff-modules-1366');

    const citizen = await openPage(browser, 'phone');
    await citizen.goto(`${server.url}/`);
    await citizen.getByTestId('region-display-name').first().waitFor();
    await expect.poll(() => citizen.getByTestId('service-tile-nomor-penting').count()).toBe(0);
    await screenshot(citizen, 'citizen-home-module-off-360');

    // Switch it back on: the tile returns.
    await toggle.click();
    await expect.poll(() => toggle.isChecked()).toBe(true);
    await citizen.reload();
    await citizen.getByTestId('service-tile-nomor-penting').waitFor();
    await admin.context().close();
    await citizen.context().close();
  });

  it('an operator sees a live event arrive on the command wall without reloading', async () => {
    const wall = await openPage(browser, 'wall');
    await wall.goto(`${server.url}/live`);
    await signIn(wall, 'operator@tangerangkota.demo.simpul.id');
    await expect
      .poll(() => wall.getByTestId('live-status').getAttribute('data-state'), { timeout: 15_000 })
      .toBe('open');
    let reloads = 0;
    wall.on('load', () => reloads++);

    const admin = await apiAs(server.url, 'admin@tangerangkota.demo.simpul.id');
    const res = await admin('POST', '/api/m/nomor-penting/numbers', {
      name: 'Posko Banjir Ciledug',
      number: '021-7300-112',
      category: 'darurat',
    });
    expect(res.status).toBe(201);

    const event = wall.getByTestId('live-event').filter({ hasText: 'Posko Banjir Ciledug' });
    await event.waitFor({ timeout: 10_000 }).catch(async (err) => {
      await screenshot(wall, 'live-wall-FAILED');
      throw err;
    });
    expect(reloads).toBe(0);
    // LAKSA's widget shows the demo region's open reports (seeded in several states).
    await expect
      .poll(
        async () => Number(await wall.getByTestId('laksa-live-open').locator('.kpi-value').textContent()),
        {
          timeout: 10_000,
        },
      )
      .toBeGreaterThan(0);
    await expectAccessible(wall, 'LIVE Room wall');
    await screenshot(wall, 'live-wall-1920');
    await wall.context().close();
  });

  it('a second region onboarded in one step is served, branded, under /r/<slug>/ and isolated', async () => {
    const { region } = await onboardRegion(server.database, {
      code: '36.03',
      actor: 'e2e',
      directory: server.app.simpul.directory,
    });
    const page = await openPage(browser, 'phone');
    await page.goto(`${server.url}/r/${region.slug}/`);
    await expect
      .poll(() => page.getByTestId('region-display-name').first().textContent())
      .toContain('Kabupaten Tangerang LIVE');
    // Kota Tangerang's demo accounts do not exist in Kabupaten Tangerang.
    await page.goto(`${server.url}/r/${region.slug}/masuk`);
    await signIn(page, 'operator@tangerangkota.demo.simpul.id');
    await page.getByTestId('form-error').waitFor();
    await expectAccessible(page, 'sign-in error (second region)');
    await screenshot(page, 'second-region-signin-360');
    await page.context().close();
  });

  it('the interactive API reference renders the OpenAPI document', async () => {
    const page = await openPage(browser, 'laptop');
    const blocked: string[] = [];
    page.on(
      'console',
      (m) => m.type() === 'error' && /Content Security Policy/.test(m.text()) && blocked.push(m.text()),
    );
    // A closed network: the page asks nothing of any other host (fonts, telemetry, registries).
    const remote: string[] = [];
    page.on('request', (r) => !r.url().startsWith(server.url) && remote.push(r.url()));
    await page.goto(`${server.url}/api/docs/`);
    // The region's own page: its name as the title of the document.
    await page.getByText('API Kota Tangerang').first().waitFor({ timeout: 20_000 });
    await page.getByText('auth').first().waitFor();
    expect(await page.title()).toBe('API Kota Tangerang');
    // No vendor buttons.
    // (Whole names, not substrings: an operation's summary may well say "deployment".)
    for (const label of [
      /^Ask AI$/i,
      /^Generate MCP/i,
      /^Deploy$/i,
      /^Open in /i,
      /^Open API Client$/i,
      /^Powered by/i,
    ])
      for (const role of ['button', 'link'] as const)
        expect(await page.getByRole(role, { name: label }).count(), `${role} ${label}`).toBe(0);
    expect(blocked).toEqual([]);
    expect(remote).toEqual([]);
    await screenshot(page, 'api-docs-1366');
    await page.context().close();
  });

  it('serves the app shell compressed, with hashed assets cached for a year', async () => {
    const page = await fetch(`${server.url}/`, { headers: { accept: 'text/html', 'accept-encoding': 'br' } });
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeTruthy();
    const res = await fetch(`${server.url}${asset}`, { headers: { 'accept-encoding': 'br' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });
});
