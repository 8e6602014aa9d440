import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
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
  shotsDir,
  startServer,
} from './support';

const CITIZEN = '081234567890';
/** Inside the demo region (Kota Tangerang), near Jl. Daan Mogot. */
const HERE = { latitude: -6.1783, longitude: 106.6319 };

/** A phone page that never loads anything from outside the test server (map tiles included). */
async function phonePage(browser: Browser, base: string, opts: { touch?: boolean } = {}): Promise<Page> {
  const page = await openPage(browser, 'phone', opts);
  const origin = new URL(base).origin;
  await page.context().route(
    (url) => url.origin !== origin,
    (route) => route.abort(),
  );
  await page.context().grantPermissions(['geolocation'], { origin });
  await page.context().setGeolocation(HERE);
  return page;
}

async function signIn(page: Page, base: string) {
  await page.goto(`${base}/masuk`);
  await fillSignIn(page, CITIZEN, DEMO_PASSWORD);
  await page.getByTestId('home-greeting').waitFor();
}

/** A signed-in API client for checks "through the API" (GET, JSON, must answer 200). */
async function apiAs(base: string, identifier: string) {
  const fetchAs = await apiSession(base, identifier, DEMO_PASSWORD);
  return async <T>(path: string): Promise<T> => {
    const r = await fetchAs('GET', path);
    expect(r.status, path).toBe(200);
    return (await r.json()) as T;
  };
}

/** Fills the report form (category by visible name, location from the phone's GPS). */
async function fillReport(page: Page, opts: { category: string; description: string; photo?: Buffer }) {
  await page.getByTestId('laksa-report-form').waitFor();
  const category = page.getByTestId('laksa-category');
  await expect.poll(() => category.isEnabled()).toBe(true);
  await category.selectOption({ label: opts.category });
  await page.getByTestId('laksa-type-pengaduan').check();
  await page.getByTestId('laksa-description').fill(opts.description);
  if (opts.photo) {
    await page
      .getByTestId('laksa-photo-input')
      .setInputFiles({ name: 'lubang.png', mimeType: 'image/png', buffer: opts.photo });
    await expect.poll(() => page.getByTestId('laksa-photo-thumb').count()).toBe(1);
  }
  await page.getByTestId('laksa-locate').click();
  await expect.poll(() => page.getByTestId('laksa-location-coords').textContent()).toContain('-6.178');
  // The GPS point pre-fills its kecamatan (Tangerang, the nearest kecamatan centre to Jl. Daan Mogot).
  const kecamatan = page.getByTestId('laksa-kecamatan');
  await page.getByTestId('laksa-area-auto').waitFor();
  await expect.poll(() => kecamatan.inputValue()).toBe('36.71.01');
  const kelurahan = page.getByTestId('laksa-kelurahan');
  await expect.poll(() => kelurahan.isEnabled()).toBe(true);
  await kelurahan.selectOption({ index: 1 });
  await page.getByTestId('laksa-address').fill('Jl. Daan Mogot, depan halte');
}

describe('LAKSA citizen journeys (Chromium, 360×740)', () => {
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

  it('a citizen files a report with a photo, gets a ticket and finds it in Laporan Saya', async () => {
    const page = await phonePage(browser, server.url);
    await signIn(page, server.url);

    await page.goto(`${server.url}/layanan/laksa`);
    await page.getByTestId('laksa-home').waitFor();
    await expectAccessible(page, 'LAKSA home');
    await screenshot(page, 'laksa-home-360');
    await page.getByTestId('laksa-new-report').click();

    const description = `Jalan berlubang besar di depan halte, e2e ${Date.now()}`;
    const photo = await sharp({
      create: { width: 64, height: 48, channels: 3, background: { r: 180, g: 60, b: 40 } },
    })
      .png()
      .toBuffer();
    await fillReport(page, { category: 'Jalan Rusak', description, photo });
    await expectAccessible(page, 'LAKSA report form');
    await screenshot(page, 'laksa-form-360');

    // Submitting ends either at the ticket, or first at "similar reports near you".
    await page.getByTestId('laksa-submit').click();
    const sent = page.getByTestId('laksa-sent-ticket');
    const similar = page.getByTestId('laksa-similar');
    await Promise.race([sent.waitFor({ timeout: 20_000 }), similar.waitFor({ timeout: 20_000 })]);
    if (await similar.isVisible()) {
      await expectAccessible(page, 'LAKSA similar reports');
      await page.getByTestId('laksa-file-anyway').click();
    }
    await sent.waitFor();
    const ticket = (await sent.textContent())!.trim();
    expect(ticket).toMatch(/^LKS-\d+-\d{2}-\d{6}$/);
    await expectAccessible(page, 'LAKSA report sent');
    await screenshot(page, 'laksa-sent-360');

    await page.getByTestId('laksa-sent-my').click();
    const item = page.locator(`[data-testid="laksa-my-item"][data-ticket="${ticket}"]`);
    await item.waitFor();
    expect(await item.getByTestId('laksa-status-badge').textContent()).toContain('Menunggu Verifikasi');
    await expectAccessible(page, 'LAKSA my reports');
    await screenshot(page, 'laksa-my-reports-360');

    await item.click();
    await page.getByTestId('laksa-detail').waitFor();
    expect(await page.getByTestId('laksa-detail-ticket').textContent()).toBe(ticket);
    await expect.poll(() => page.getByTestId('laksa-timeline-step').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'LAKSA report detail');
    await screenshot(page, 'laksa-detail-360');

    // Through the API: the report carries the photo, its area and the description as typed.
    const get = await apiAs(server.url, CITIZEN);
    const mine = await get<{ description: string; photos: unknown[]; kecamatan: unknown }>(
      `/api/m/laksa/my/reports/${ticket}`,
    );
    expect(mine.description).toBe(description);
    expect(mine.photos).toHaveLength(1);
    expect(mine.kecamatan).not.toBeNull();

    // A resolved report of the demo citizen: rate it (the form goes once rated), reopening is offered.
    await page.getByTestId('laksa-back').click();
    await page.getByTestId('laksa-my-reports-link').click();
    await page.locator('[data-testid="laksa-my-item"]:has([data-status="selesai"])').first().click();
    await page.getByTestId('laksa-rating-form').waitFor();
    await page.getByTestId('laksa-reopen-form').waitFor();
    await expectAccessible(page, 'LAKSA resolved report (rate / reopen)');
    await screenshot(page, 'laksa-rate-360');
    await page.getByTestId('laksa-rating-star-4').check();
    await page.getByTestId('laksa-rating-comment').fill('Sudah tidak tergenang lagi, terima kasih.');
    await page.getByTestId('laksa-rating-submit').click();
    await expect.poll(() => page.getByTestId('laksa-rating-form').count()).toBe(0);
    await expect
      .poll(() => page.getByTestId('laksa-timeline-step').last().getAttribute('data-kind'))
      .toBe('rating');

    // The public map/list needs no sign-in and renders at 360 px.
    await page.goto(`${server.url}/layanan/laksa/peta`);
    await page.getByTestId('laksa-public-map').waitFor();
    await page.getByTestId('laksa-stats-table').waitFor();
    await expectAccessible(page, 'LAKSA public map');
    await page.context().close();
  });

  it('the picker opens on the region every time; tapping the map places the pin, fills the kecamatan, and the report files', async () => {
    const page = await phonePage(browser, server.url, { touch: true });
    await page.setViewportSize({ width: 360, height: 800 });
    await signIn(page, server.url);
    const region = (await (await page.request.get(`${server.url}/api/region`)).json()) as {
      map: {
        bounds: { south: number; west: number; north: number; east: number };
        basemap: { kind: string };
      };
    };
    const b = region.map.bounds;
    expect(b.south).toBeCloseTo(-6.26, 2);
    expect(region.map.basemap.kind).toBe('pmtiles');
    const map = page.getByTestId('laksa-location-map');
    const view = async () => (await map.getAttribute('data-view'))!.split(',').map(Number) as number[];
    // Opened several times (a fresh load each time: the race was map creation vs the config fetch).
    for (let i = 0; i < 3; i++) {
      await page.goto(`${server.url}/layanan/laksa/lapor`);
      // The map starts when the form is scrolled near it (a phone's first load stays light).
      await page.getByTestId('laksa-map-slot').scrollIntoViewIfNeeded();
      await map.waitFor();
      await expect.poll(() => map.getAttribute('data-view')).toBeTruthy();
      const [s, w, n, e] = await view();
      const centre = { lat: (s! + n!) / 2, lng: (w! + e!) / 2 };
      expect(centre.lat, `opening ${i + 1}`).toBeGreaterThan(b.south);
      expect(centre.lat).toBeLessThan(b.north);
      expect(centre.lng).toBeGreaterThan(b.west);
      expect(centre.lng).toBeLessThan(b.east);
      // The region fills the map: not the whole of Indonesia.
      expect(n! - s!).toBeLessThan(0.6);
      expect(e! - w!).toBeLessThan(0.6);
    }
    // The fixture basemap (served by the test server itself) is drawn; kecamatan names are on it.
    await expect.poll(() => map.getAttribute('data-basemap-ready')).toBe('true');
    await expect.poll(() => map.locator('.map-area-label').count()).toBe(13);
    await expect.poll(() => map.locator('.map-area-label', { hasText: 'Cipondoh' }).count()).toBe(1);

    await page.getByTestId('laksa-report-form').waitFor();
    const category = page.getByTestId('laksa-category');
    await expect.poll(() => category.isEnabled()).toBe(true);
    await category.selectOption({ label: 'Jalan Rusak' });
    const description = `Trotoar amblas dekat pasar, e2e tap ${Date.now()}`;
    await page.getByTestId('laksa-description').fill(description);

    // Tap the map a little north-east of its centre (no GPS).
    await map.scrollIntoViewIfNeeded();
    const box = (await map.boundingBox())!;
    await map.tap({ position: { x: box.width / 2 + 30, y: box.height / 2 - 20 } });
    await expect.poll(() => page.getByTestId('laksa-location-coords').textContent()).toMatch(/-6\.\d+/);
    const coords = (await page.getByTestId('laksa-location-coords').textContent())!;
    const [lat, lng] = coords.match(/-?\d+\.\d+/g)!.map(Number);
    expect(lat).toBeGreaterThan(b.south);
    expect(lat).toBeLessThan(b.north);
    expect(lng).toBeGreaterThan(b.west);
    expect(lng).toBeLessThan(b.east);
    expect(await page.getByTestId('laksa-location-error').count()).toBe(0);
    await page.locator('.laksa-pin').waitFor();

    // The kecamatan is pre-filled from the tapped point, as the public lookup answers it.
    const found = (await (
      await page.request.get(`${server.url}/api/region/areas/locate?lat=${lat}&lng=${lng}`)
    ).json()) as { kecamatan: { code: string; name: string } };
    expect(found.kecamatan).not.toBeNull();
    await page.getByTestId('laksa-area-auto').waitFor();
    await expect.poll(() => page.getByTestId('laksa-kecamatan').inputValue()).toBe(found.kecamatan.code);
    await expectAccessible(page, 'LAKSA picker after a tap');
    await map.screenshot({ path: `${shotsDir}/laksa-picker-map-360.png` });
    await screenshot(page, 'laksa-picker-360');

    await page.getByTestId('laksa-submit').click();
    const sent = page.getByTestId('laksa-sent-ticket');
    const similar = page.getByTestId('laksa-similar');
    await Promise.race([sent.waitFor({ timeout: 20_000 }), similar.waitFor({ timeout: 20_000 })]);
    if (await similar.isVisible()) await page.getByTestId('laksa-file-anyway').click();
    await sent.waitFor();
    const ticket = (await sent.textContent())!.trim();
    const get = await apiAs(server.url, CITIZEN);
    const mine = await get<{ description: string; lat: number; lng: number; kecamatan: unknown }>(
      `/api/m/laksa/my/reports/${ticket}`,
    );
    expect(mine.description).toBe(description);
    expect(JSON.stringify(mine.kecamatan)).toContain(found.kecamatan.name);
    await page.context().close();
  });

  it('offline: the report waits on the phone and is sent exactly once when back online', async () => {
    const page = await phonePage(browser, server.url);
    await signIn(page, server.url);
    // Tests block the service worker, which in real use has every chunk precached: open
    // Laporan Saya once while online so its chunk is there when the phone goes offline.
    await page.goto(`${server.url}/layanan/laksa/saya`);
    await page.getByTestId('laksa-my-reports').waitFor();
    await page.getByTestId('laksa-back').click();
    await page.getByTestId('laksa-new-report').click();
    const description = `Lampu jalan padam sejak tiga hari, e2e offline ${Date.now()}`;
    await fillReport(page, { category: 'Penerangan Jalan Umum', description });

    await page.context().setOffline(true);
    await page.getByTestId('laksa-offline-note').waitFor();
    await page.getByTestId('laksa-submit').click();
    const queued = page.getByTestId('laksa-queued');
    await queued.waitFor();
    expect(await queued.textContent()).toContain('disimpan di ponsel');
    await expectAccessible(page, 'LAKSA saved offline');
    await screenshot(page, 'laksa-queued-360');

    // Laporan Saya lists the waiting draft (the list itself cannot load offline).
    await page.getByTestId('laksa-queued-my').click();
    const draft = page.getByTestId('laksa-draft');
    await draft.waitFor();
    expect(await draft.getAttribute('data-state')).toBe('queued');
    expect(await draft.textContent()).toContain('e2e offline');

    // Back online: the `online` event sends it; the draft goes and the report is listed.
    await page.context().setOffline(false);
    await expect.poll(() => page.getByTestId('laksa-draft').count(), { timeout: 20_000 }).toBe(0);
    await page.getByTestId('toast-success').first().waitFor();
    const get = await apiAs(server.url, CITIZEN);
    type Item = { ticket: string; description: string };
    const matching = async () =>
      (await get<Item[]>('/api/m/laksa/my/reports')).filter((r) => r.description === description);
    expect(await matching()).toHaveLength(1);
    const [{ ticket }] = (await matching()) as [Item];
    await page.locator(`[data-testid="laksa-my-item"][data-ticket="${ticket}"]`).waitFor();

    // More triggers (reload = app start, focus, "online" again) send nothing twice.
    await page.reload();
    await page.getByTestId('laksa-my-reports').waitFor();
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.waitForTimeout(1500);
    expect(await matching()).toHaveLength(1);
    expect(await page.getByTestId('laksa-draft').count()).toBe(0);
    await page.context().close();
  });

  it('a signed-out citizen opening the form signs in and lands back on it (?next= stays in the app)', async () => {
    const page = await phonePage(browser, server.url);
    await page.goto(`${server.url}/layanan/laksa/lapor`);
    await page.waitForURL(
      (u) => u.pathname === '/masuk' && u.searchParams.get('next') === '/layanan/laksa/lapor',
    );
    await page.getByTestId('login-identifier').fill(CITIZEN);
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('laksa-report-form').waitFor();
    expect(new URL(page.url()).pathname).toBe('/layanan/laksa/lapor');
    // Another origin is never a destination.
    await page.goto(`${server.url}/masuk?next=${encodeURIComponent('//evil.example/x')}`);
    await page.waitForURL((u) => u.pathname === '/profil');
    await page.context().close();
  });

  it('server unreachable at start: the citizen stays signed in, queues a report, and it is sent at the next start', async () => {
    const page = await phonePage(browser, server.url);
    await signIn(page, server.url);
    // The service worker is blocked in tests, so a full offline reload is not possible: make
    // GET /api/auth/session fail on the network instead (what an offline start looks like to the app).
    await page.route('**/api/auth/session', (route) => route.abort('internetdisconnected'));
    await page.goto(`${server.url}/layanan/laksa/lapor`);
    await page.getByTestId('offline-banner').waitFor();
    expect(await page.getByTestId('nav-account').getAttribute('href')).toBe('/profil');
    const cached = await page.evaluate(() => localStorage.getItem('simpul.me:/'));
    expect(cached).toContain('"name"');
    expect(cached).not.toContain('csrf');

    const description = `Pohon tumbang menutup trotoar, e2e sesi offline ${Date.now()}`;
    await fillReport(page, { category: 'Jalan Rusak', description });
    await page.getByTestId('laksa-submit').click();
    await page.getByTestId('laksa-queued').waitFor();

    // Next app start with the server reachable: the shell sends it without opening LAKSA.
    await page.unroute('**/api/auth/session');
    await page.goto(server.url);
    await page.getByTestId('home-greeting').waitFor();
    const get = await apiAs(server.url, CITIZEN);
    const matching = async () =>
      (await get<{ description: string }[]>('/api/m/laksa/my/reports')).filter(
        (r) => r.description === description,
      ).length;
    await expect.poll(matching, { timeout: 20_000 }).toBe(1);
    expect(await page.getByTestId('offline-banner').count()).toBe(0);
    await page.context().close();
  });
});
