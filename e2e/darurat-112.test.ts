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
  shotsDir,
  startServer,
} from './support';

const CITIZEN = '081234567890';
const CALL_TAKER = 'callcenter112@tangerangkota.demo.simpul.id';
const CREW = 'ambulans@tangerangkota.demo.simpul.id';
/** Inside Kota Tangerang, near Jl. Daan Mogot: AMB-01 (RSUD, ~3 km) is the nearest ambulance. */
const HERE = { latitude: -6.1783, longitude: 106.6319 };

/** A page that never loads anything from outside the test server (map tiles included). */
async function closedPage(browser: Browser, base: string, size: 'phone' | 'laptop', errors: string[]) {
  const page = await openPage(browser, size);
  const origin = new URL(base).origin;
  await page.context().route(
    (url) => url.origin !== origin,
    (route) => route.abort(),
  );
  page.on('pageerror', (e) => errors.push(String(e)));
  return page;
}

const status = (page: Page) => page.getByTestId('incident-status').textContent();

describe('112 journey: panic button → dispatcher → ambulance crew → citizen (Chromium)', () => {
  let server: E2EServer;
  let browser: Browser;
  const errors: string[] = [];
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a citizen presses the panic button, the dispatcher sees it live and sends AMB-01, the crew reaches the scene, the citizen sees it', async () => {
    // The call-taker/dispatcher has the board open before anything happens.
    const board = await closedPage(browser, server.url, 'laptop', errors);
    await board.goto(`${server.url}/staf/m/darurat`);
    await fillSignIn(board, CALL_TAKER, DEMO_PASSWORD);
    await board.getByTestId('darurat-board').waitFor();
    await expect
      .poll(() => board.getByTestId('board-live').textContent(), { timeout: 10_000 })
      .toContain('Langsung');
    await expect.poll(() => board.getByTestId('board-unit').count()).toBeGreaterThanOrEqual(7);

    // The citizen, on a phone with GPS, taps "Kegawatdaruratan medis" once.
    const phone = await closedPage(browser, server.url, 'phone', errors);
    const origin = new URL(server.url).origin;
    await phone.context().grantPermissions(['geolocation'], { origin });
    await phone.context().setGeolocation(HERE);
    await phone.goto(`${server.url}/masuk`);
    await fillSignIn(phone, CITIZEN, DEMO_PASSWORD);
    await phone.getByTestId('home-greeting').waitFor();
    await phone.goto(`${server.url}/layanan/darurat`);
    await phone.getByTestId('panic-medis').waitFor();
    await expectAccessible(phone, '112 panic button');
    await screenshot(phone, 'darurat-panic-360');
    await phone.getByTestId('panic-medis').click();
    await phone.getByTestId('darurat-incident').waitFor();
    expect(await status(phone)).toBe('Diterima');
    const number = (await phone.locator('h1 .dr-number').textContent())!;
    expect(number).toMatch(/^112-3671-\d{2}-\d{6}$/);

    // It arrives on the board by itself (no reload): the board's SSE stream brought it.
    const row = board.locator(`[data-testid="board-incident"][data-number="${number}"]`);
    await row.waitFor({ timeout: 10_000 });
    await row.click();
    const panel = board.getByTestId('incident-panel');
    await panel.waitFor();
    expect(await panel.textContent()).toContain('tombol darurat');
    const first = board.getByTestId('panel-suggestions').locator('li').first();
    await expect.poll(() => first.textContent()).toContain('AMB-01');
    await board.getByTestId('dispatch-AMB-01').click();
    await expect.poll(() => board.getByTestId('panel-status').textContent()).toContain('Unit ditugaskan');
    await expectAccessible(board, '112 dispatcher board');
    await screenshot(board, 'darurat-board-1366');

    // The citizen's screen follows live.
    await expect.poll(() => status(phone), { timeout: 10_000 }).toBe('Unit ditugaskan');
    await expect.poll(() => phone.getByTestId('incident-units').textContent()).toContain('AMB-01');

    // The ambulance crew, on their phone: set off, then arrive.
    const crew = await closedPage(browser, server.url, 'phone', errors);
    await crew.goto(`${server.url}/staf/m/darurat`);
    await fillSignIn(crew, CREW, DEMO_PASSWORD);
    await crew.getByTestId('darurat-crew').waitFor();
    await expect
      .poll(() => crew.getByTestId('crew-incident').textContent())
      .toContain('Kegawatdaruratan medis');
    await crew.getByTestId('unit-AMB-01-berangkat').click();
    await expect.poll(() => crew.getByTestId('crew-unit-status').textContent()).toBe('Dalam perjalanan');
    await expect.poll(() => status(phone), { timeout: 10_000 }).toBe('Unit dalam perjalanan');
    await crew.getByTestId('unit-AMB-01-tiba').click();
    await expect.poll(() => crew.getByTestId('crew-unit-status').textContent()).toBe('Di lokasi');
    await expectAccessible(crew, '112 crew view');
    await screenshot(crew, 'darurat-crew-360');

    // On scene: the citizen sees it without reloading, and can still add a note for the crew.
    await expect.poll(() => status(phone), { timeout: 10_000 }).toBe('Unit di lokasi');
    await phone.locator('#dr-note').fill('Pasien di lantai 2, pintu samping.');
    await phone.getByTestId('incident-note-send').click();
    await expect.poll(() => phone.locator('.dr-notes').textContent()).toContain('lantai 2');
    await expectAccessible(phone, '112 incident status');
    await screenshot(phone, 'darurat-status-onscene-360');
    // The board shows the note and the on-scene time too.
    await expect
      .poll(() => board.getByTestId('panel-status').textContent(), { timeout: 10_000 })
      .toContain('di lokasi');
    await expect.poll(() => panel.textContent()).toContain('lantai 2');
    expect(errors).toEqual([]);
  });

  /** The dispatcher closes what is open, and AMB-01's crew stands by again: the next test starts clean. */
  async function reset() {
    const cc = await apiSession(server.url, CALL_TAKER, DEMO_PASSWORD);
    const crew = await apiSession(server.url, CREW, DEMO_PASSWORD);
    const open = (await (await cc('GET', '/api/m/darurat/incidents')).json()) as {
      id: string;
      status: string;
    }[];
    for (const i of open)
      await cc('POST', `/api/m/darurat/incidents/${i.id}/close`, {
        action: i.status === 'di_lokasi' ? 'complete' : 'cancel',
        disposition: 'lainnya',
      });
    const units = (await (await cc('GET', '/api/m/darurat/units')).json()) as {
      id: string;
      callSign: string;
    }[];
    const amb = units.find((u) => u.callSign === 'AMB-01')!;
    await crew('POST', `/api/m/darurat/units/${amb.id}/status`, { action: 'siaga' });
    return { cc, amb };
  }

  it('files a panic with location DENIED anyway, says so next to "Telepon 112", flags it on the board, and moves it live when the location arrives', async () => {
    await reset();
    const board = await closedPage(browser, server.url, 'laptop', errors);
    await board.goto(`${server.url}/staf/m/darurat`);
    await fillSignIn(board, CALL_TAKER, DEMO_PASSWORD);
    await board.getByTestId('darurat-board').waitFor();
    await expect
      .poll(() => board.getByTestId('board-live').textContent(), { timeout: 10_000 })
      .toContain('Langsung');

    // A 360×800 phone whose browser never got the location permission.
    const context = await browser.newContext({
      viewport: { width: 360, height: 800 },
      locale: 'id-ID',
      serviceWorkers: 'block',
    });
    const origin = new URL(server.url).origin;
    await context.route(
      (url) => url.origin !== origin,
      (route) => route.abort(),
    );
    const phone = await context.newPage();
    phone.on('pageerror', (e) => errors.push(String(e)));
    await phone.goto(`${server.url}/masuk`);
    await fillSignIn(phone, CITIZEN, DEMO_PASSWORD);
    await phone.getByTestId('home-greeting').waitFor();
    await phone.goto(`${server.url}/layanan/darurat`);
    await phone.getByTestId('panic-kebakaran').click();

    // It went out: the status page, with the no-location notice beside a "Telepon 112" button, on screen.
    await phone.getByTestId('darurat-incident').waitFor();
    expect(await status(phone)).toBe('Diterima');
    const notice = phone.getByTestId('incident-no-location');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('tanpa lokasi');
    for (const el of [notice, phone.getByTestId('incident-call-112')]) {
      const box = (await el.boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(800);
    }
    expect(await phone.getByTestId('incident-call-112').getAttribute('href')).toBe('tel:112');
    await expectAccessible(phone, '112 panic sent without location');
    await phone.screenshot({ path: `${shotsDir}/darurat-panic-nolocation-360.png` });
    const number = (await phone.locator('h1 .dr-number').textContent())!;

    // The board shows it at once as "Lokasi tidak tersedia", with the caller's number to call.
    const row = board.locator(`[data-testid="board-incident"][data-number="${number}"]`);
    await row.waitFor({ timeout: 10_000 });
    expect(await row.getAttribute('data-location')).toBe('unavailable');
    expect(await row.textContent()).toContain('Lokasi tidak tersedia');
    await row.click();
    const notice2 = board.getByTestId('panel-no-location');
    await notice2.waitFor();
    expect(await board.getByTestId('panel-call-caller').getAttribute('href')).toMatch(/^tel:\+62/);
    expect(await board.getByTestId('panel-callers').textContent()).toContain('Warga Demo');

    // The board fits a 1366×768 laptop: map and units in view, the page itself does not scroll.
    for (const id of ['board-map-panel', 'board-units-panel', 'board-incidents-panel']) {
      const box = (await board.getByTestId(id).boundingBox())!;
      expect(box.y + box.height, id).toBeLessThanOrEqual(768);
      expect(box.x + box.width, id).toBeLessThanOrEqual(1366);
    }
    const scroll = await board.evaluate(() => ({
      height: document.scrollingElement!.scrollHeight,
      inner: window.innerHeight,
    }));
    expect(scroll.height).toBeLessThanOrEqual(scroll.inner);
    // Indonesian board, Indonesian words.
    expect(
      await board
        .locator('#dr-class')
        .innerHTML()
        .catch(() => ''),
    ).not.toMatch(/Ghost|Prank/);
    await expectAccessible(board, '112 board, incident without location');
    await screenshot(board, 'darurat-board-1366');

    // The phone gets its location after all: the caller sends it, and the board updates by itself.
    await context.grantPermissions(['geolocation'], { origin });
    await context.setGeolocation(HERE);
    await phone.getByTestId('incident-send-location').click();
    await expect.poll(() => notice.count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => row.getAttribute('data-location'), { timeout: 10_000 }).toBe('known');
    await expect.poll(() => notice2.count(), { timeout: 10_000 }).toBe(0);
    await context.close();
    expect(errors).toEqual([]);
  });

  it('takes the crew straight to "Unit saya" after sign-in: place, the caller’s number to tap, a map, navigation', async () => {
    const { cc, amb } = await reset();
    const made = await cc('POST', '/api/m/darurat/calls', {
      callerPhone: '081298765432',
      callerName: 'Budi Santoso',
      classification: 'darurat',
      typeCode: 'medis',
      lat: HERE.latitude,
      lng: HERE.longitude,
      address: 'Jl. Daan Mogot No. 10, depan Apotek Sehat',
      description: 'Bapak 60 th pingsan',
    });
    const { incident } = (await made.json()) as { incident: { id: string } };
    expect(
      (await cc('POST', `/api/m/darurat/incidents/${incident.id}/dispatch`, { unitIds: [amb.id] })).status,
    ).toBe(200);

    const crew = await closedPage(browser, server.url, 'phone', errors);
    await crew.setViewportSize({ width: 360, height: 800 });
    await crew.goto(`${server.url}/staf`);
    await fillSignIn(crew, CREW, DEMO_PASSWORD);
    await crew.getByTestId('darurat-crew').waitFor();
    expect(new URL(crew.url()).pathname).toBe('/staf/m/darurat/kru');
    expect(await crew.getByTestId('staff-dashboard').count()).toBe(0);
    expect(await crew.getByTestId('crew-place').textContent()).toContain('Jl. Daan Mogot No. 10');
    const callLink = crew.getByTestId('crew-call-caller');
    expect(await callLink.getAttribute('href')).toBe('tel:+6281298765432');
    expect(await crew.getByTestId('crew-navigate').getAttribute('href')).toMatch(/^geo:-6\.1783,106\.6319/);
    expect(await crew.getByTestId('crew-directions-google').getAttribute('href')).toContain(
      'destination=-6.1783,106.6319',
    );
    await crew.getByTestId('crew-map').waitFor();
    expect(await crew.locator('[data-testid="crew-map"] .dr-pin-incident').count()).toBe(1);
    // Thumb-sized status buttons that say what they do.
    const go = crew.getByTestId('unit-AMB-01-berangkat');
    expect(await go.textContent()).toBe('Berangkat sekarang');
    expect((await go.boundingBox())!.height).toBeGreaterThanOrEqual(48);
    expect((await go.boundingBox())!.width).toBeGreaterThanOrEqual(280);
    // A note from the call centre reaches the crew live.
    await expectAccessible(crew, '112 crew landing');
    await screenshot(crew, 'darurat-crew-landing-360');
    await reset();
    expect(errors).toEqual([]);
  });

  it('answers a bogus incident link with "Insiden tidak ditemukan"', async () => {
    const phone = await closedPage(browser, server.url, 'phone', errors);
    await phone.goto(`${server.url}/masuk`);
    await fillSignIn(phone, CITIZEN, DEMO_PASSWORD);
    await phone.getByTestId('home-greeting').waitFor();
    for (const id of ['00000000-0000-4000-8000-000000000000', 'bukan-id']) {
      await phone.goto(`${server.url}/layanan/darurat/kejadian/${id}`);
      await phone.getByTestId('darurat-not-found').waitFor();
      expect(await phone.locator('h1').textContent()).toBe('Insiden tidak ditemukan');
    }
  });
});
