import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../api/core/demo/seed';
import { type E2EServer, fillSignIn, launchBrowser, openPage, screenshot, startServer } from './support';

/**
 * The seams a new user meets (issue 13), each kept fixed: an anonymous start logs no error,
 * unknown paths are real 404s, photos are checked on selection, staff tables fit their card, and
 * every screen in both languages has all its strings (keys built at run time included).
 */
const ADMIN = 'admin@tangerangkota.demo.simpul.id';
const missingKeys = (page: Page) => page.evaluate(() => [...(window.__simpulMissingKeys ?? [])]);

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe('UX seams (Chromium)', () => {
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

  it('an anonymous start is quiet: no console error, no failed request (the session is asked, not refused)', async () => {
    const page = await openPage(browser, 'phone');
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    const failed: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(`${server.url}/`);
    await page.getByTestId('home-services').waitFor();
    await page.waitForLoadState('networkidle');
    expect(failed).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('answers unknown pages and missing files with 404, known pages with 200', async () => {
    const html = { accept: 'text/html' };
    const status = async (path: string, headers: Record<string, string> = html) =>
      (await fetch(`${server.url}${path}`, { headers })).status;
    for (const known of [
      '/',
      '/masuk',
      '/layanan/laksa',
      '/layanan/laksa/lapor',
      '/staf/pengguna',
      '/live',
      '/layar/antrian/tv/mpp',
    ])
      expect(await status(known), known).toBe(200);
    for (const unknown of [
      '/halaman-yang-tidak-ada',
      '/layanan/tidak-ada',
      '/layar/tidak-ada/tv',
      '/r/kota-tangerang/tidak-ada',
    ])
      expect(await status(unknown), unknown).toBe(404);
    expect(await status('/assets/tidak-ada-123.js', { accept: '*/*' })).toBe(404);
    expect(await status('/assets/tidak-ada-123.js')).toBe(404);

    // The body of an unknown page is still the app, which says so and links home.
    const page = await openPage(browser, 'phone');
    const res = await page.goto(`${server.url}/halaman-yang-tidak-ada`);
    expect(res?.status()).toBe(404);
    await page.getByTestId('not-found').waitFor();
    await page.context().close();
  });

  it('checks a photo when it is chosen and says why next to the field', async () => {
    const page = await openPage(browser, 'phone');
    await page.goto(`${server.url}/masuk`);
    await fillSignIn(page, '081234567890', DEMO_PASSWORD);
    await page.waitForURL((u) => !u.pathname.endsWith('/masuk'));
    await page.goto(`${server.url}/layanan/laksa/lapor`);
    const input = page.getByTestId('laksa-photo-input');
    await input.setInputFiles([
      { name: 'foto.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('ini bukan foto, hanya teks') },
      { name: 'surat.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%…') },
    ]);
    const error = page.getByTestId('laksa-photo-error');
    await expect.poll(() => error.textContent()).toContain('foto.jpg bukan foto');
    expect(await error.textContent()).toContain('surat.pdf bukan foto');
    expect(await page.getByTestId('laksa-photo-thumb').count()).toBe(0);
    // The message sits next to the field, in view.
    const box = (await error.boundingBox())!;
    const field = (await page.locator('label[for="laksa-photo-input"]').boundingBox())!;
    expect(Math.abs(box.y - field.y)).toBeLessThan(200);
    await screenshot(page, 'laksa-photo-refused-360');

    await input.setInputFiles([{ name: 'jalan.png', mimeType: 'image/png', buffer: PNG }]);
    await expect.poll(() => page.getByTestId('laksa-photo-thumb').count()).toBe(1);
    await expect.poll(() => error.count()).toBe(0);
    await page.context().close();
  });

  it('fits staff tables inside their card on a 1366×768 laptop', async () => {
    const page = await openPage(browser, 'laptop');
    await page.goto(`${server.url}/staf`);
    await fillSignIn(page, ADMIN, DEMO_PASSWORD);
    await page.getByTestId('staff-dashboard').waitFor();
    for (const [path, table] of [
      ['/staf/pengguna', 'users-table'],
      ['/staf/opd', 'opd-table'],
    ] as const) {
      await page.goto(`${server.url}${path}`);
      await page.getByTestId(table).waitFor();
      const fit = await page.getByTestId(table).evaluate((t) => {
        const wrap = t.parentElement!;
        const card = wrap.getBoundingClientRect();
        const last = [...t.querySelectorAll('tbody tr:first-child td')].at(-1)!.getBoundingClientRect();
        return {
          overflow: wrap.scrollWidth - wrap.clientWidth,
          lastRight: last.right,
          cardRight: card.right,
        };
      });
      expect(fit.overflow, path).toBeLessThanOrEqual(1);
      expect(fit.lastRight, path).toBeLessThanOrEqual(fit.cardRight + 1);
    }
    await screenshot(page, 'staff-opd-1366');
    await page.context().close();
  });

  it('has every string of every screen in Bahasa Indonesia and in English', async () => {
    for (const lang of ['id', 'en'] as const) {
      const citizen = await openPage(browser, 'phone');
      await citizen.addInitScript((l) => localStorage.setItem('simpul.lang', l), lang);
      const visit = async (pages: readonly (readonly [string, string])[]) => {
        for (const [path, ready] of pages) {
          await citizen.goto(`${server.url}${path}`);
          await citizen.getByTestId(ready).first().waitFor();
          await citizen.waitForLoadState('networkidle');
        }
      };
      await visit([
        ['/', 'home-services'],
        ['/daftar', 'signup-form'],
        ['/layanan/harga-pangan', 'hp-today'],
        ['/halaman-yang-tidak-ada', 'not-found'],
        ['/masuk', 'login-identifier'],
      ]);
      await fillSignIn(citizen, '081234567890', DEMO_PASSWORD);
      await citizen.waitForURL((u) => !u.pathname.endsWith('/masuk'));
      await visit([
        ['/layanan/laksa', 'laksa-home'],
        ['/layanan/laksa/lapor', 'laksa-locate'],
      ]);
      expect(await missingKeys(citizen), `citizen screens (${lang})`).toEqual([]);
      await citizen.context().close();

      const staff = await openPage(browser, 'laptop');
      await staff.addInitScript((l) => localStorage.setItem('simpul.lang', l), lang);
      await staff.goto(`${server.url}/staf`);
      await fillSignIn(staff, ADMIN, DEMO_PASSWORD);
      await staff.getByTestId('staff-dashboard').waitFor();
      for (const [path, ready] of [
        ['/staf/daerah', 'region-form'],
        ['/staf/layanan', 'module-list'],
        ['/staf/opd', 'opd-table'],
        ['/staf/pengguna', 'users-table'],
        ['/staf/audit', 'audit-list'],
      ] as const) {
        await staff.goto(`${server.url}${path}`);
        await staff.getByTestId(ready).waitFor();
        await staff.waitForLoadState('networkidle');
      }
      expect(await missingKeys(staff), `staff screens (${lang})`).toEqual([]);
      await staff.context().close();
    }
  });
});
