import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../api/core/demo/seed';
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

/**
 * The LIVE Room journey: the mayor's wall is open; a citizen files a LAKSA report; the wall shows
 * it on the map (a pulsing marker) and in the feed, and its counters move — without a reload.
 */
describe('LIVE Room wall (Chromium)', () => {
  let server: E2EServer;
  let browser: Browser;
  let wall: Page;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows a citizen’s new report on the map and in the feed without reloading, and catches up after a network drop', async () => {
    wall = await openPage(browser, 'wall');
    await wall.goto(`${server.url}/live`);
    await fillSignIn(wall, 'walikota@tangerangkota.demo.simpul.id', DEMO_PASSWORD);
    await expect
      .poll(() => wall.getByTestId('live-status').getAttribute('data-state'), { timeout: 15_000 })
      .toBe('open');
    // The demo's open reports are on the map, and the league table has its OPDs.
    await expect
      .poll(async () => Number(await wall.getByTestId('wall-map').getAttribute('data-count')))
      .toBeGreaterThan(0);
    await wall.getByTestId('league-row').first().waitFor();
    const mapBefore = Number(await wall.getByTestId('wall-map').getAttribute('data-count'));
    const openBefore = Number(await wall.getByTestId('laksa-live-open').locator('.kpi-value').textContent());
    let reloads = 0;
    wall.on('load', () => reloads++);

    const citizen = await apiSession(server.url, '081234567890', DEMO_PASSWORD);
    const categories = (await (await citizen('GET', '/api/m/laksa/categories')).json()) as { id: string }[];
    const res = await citizen(
      'POST',
      '/api/m/laksa/reports',
      {
        type: 'pengaduan',
        categoryId: categories[0]!.id,
        description: 'Lampu penerangan jalan mati di depan pasar, gelap sekali pada malam hari.',
        lat: -6.1702,
        lng: 106.6403,
        address: 'Jl. Perintis Kemerdekaan',
      },
      { 'idempotency-key': randomUUID() },
    );
    expect(res.status).toBe(201);
    const { id, ticket } = (await res.json()) as { id: string; ticket: string };
    const started = Date.now();

    const inFeed = wall.getByTestId('live-event').filter({ hasText: ticket });
    await inFeed.waitFor({ timeout: 10_000 }).catch(async (err) => {
      await screenshot(wall, 'live-wall-FAILED');
      throw err;
    });
    // On the map: one more open item, and its marker (unless clustered with neighbours) pulses.
    await expect
      .poll(async () => Number(await wall.getByTestId('wall-map').getAttribute('data-count')), {
        timeout: 5_000,
      })
      .toBe(mapBefore + 1);
    const marker = wall.locator(`[data-testid="wall-marker"][data-key="laksa:${id}"]`);
    if ((await marker.count()) > 0) expect(await marker.getAttribute('class')).toContain('fresh');
    else expect(await wall.locator('.marker-cluster').count()).toBeGreaterThan(0);
    const seenIn = Date.now() - started;
    await expect
      .poll(
        async () => Number(await wall.getByTestId('laksa-live-open').locator('.kpi-value').textContent()),
        {
          timeout: 5_000,
        },
      )
      .toBe(openBefore + 1);
    expect(reloads).toBe(0);
    expect(seenIn).toBeLessThan(5_000);
    await expectAccessible(wall, 'LIVE Room wall');
    await screenshot(wall, 'live-wall-1920');
    // The wall is exactly one 1920×1080 screen, and the map's count says what it counts: its
    // LAKSA part is the "Terbuka" counter, never a sum with markets or incidents.
    expect(await wall.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(1080);
    const open = await wall.getByTestId('laksa-live-open').locator('.kpi-value').textContent();
    expect((await wall.getByTestId('wall-map-count-laksa').textContent())?.trim()).toMatch(
      new RegExp(`^(· )?${open} laporan terbuka$`),
    );
    for (const id of [
      'live-widget-darurat-aktif',
      'live-widget-harga-pangan-alerts',
      'live-widget-laksa-league',
    ]) {
      const box = (await wall.getByTestId(id).boundingBox())!;
      expect(box.y + box.height, id).toBeLessThanOrEqual(1080);
    }

    // A click on an OPD in the league opens its page; Escape closes it.
    await wall.getByTestId('league-row').first().locator('button').click();
    await wall.getByTestId('opd-detail').waitFor();
    await screenshot(wall, 'live-wall-opd-detail');
    await wall.keyboard.press('Escape');
    await expect.poll(() => wall.getByTestId('opd-detail').count()).toBe(0);

    // The network drops (every connection cut, reconnects refused for a while); a report is filed
    // meanwhile. When the network is back the wall resumes from its last event and shows it.
    await wall.route('**/api/live/stream**', (route) => route.abort('internetdisconnected'));
    server.app.server.closeAllConnections();
    await expect
      .poll(() => wall.getByTestId('live-status').getAttribute('data-state'), { timeout: 10_000 })
      .toBe('reconnecting');
    const during = await citizen(
      'POST',
      '/api/m/laksa/reports',
      {
        type: 'pengaduan',
        categoryId: categories[0]!.id,
        description: 'Sampah menumpuk di bahu jalan dekat sekolah, sudah tiga hari tidak diangkut.',
        lat: -6.1781,
        lng: 106.6301,
      },
      { 'idempotency-key': randomUUID() },
    );
    expect(during.status).toBe(201);
    const missed = ((await during.json()) as { ticket: string }).ticket;
    await new Promise((r) => setTimeout(r, 1500));
    expect(await wall.getByTestId('live-event').filter({ hasText: missed }).count()).toBe(0);
    await wall.unroute('**/api/live/stream**');
    await wall.getByTestId('live-event').filter({ hasText: missed }).waitFor({ timeout: 40_000 });
    await expect.poll(() => wall.getByTestId('live-status').getAttribute('data-state')).toBe('open');
    expect(reloads).toBe(0);
    await wall.context().close();
  });

  it('lets a region admin see usage per module, with under-used modules flagged', async () => {
    const page = await openPage(browser, 'laptop');
    await page.goto(`${server.url}/staf/m/live`);
    await fillSignIn(page, 'admin@tangerangkota.demo.simpul.id', DEMO_PASSWORD);
    await page.getByTestId('usage-row').first().waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid="usage-row"][data-module="laksa"]').count()).toBe(1);
    await expectAccessible(page, 'usage analytics');
    await screenshot(page, 'live-usage-1366');
    await page.context().close();
  });
});
