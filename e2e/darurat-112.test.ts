import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../api/core/demo/seed';
import {
  type E2EServer,
  expectAccessible,
  fillSignIn,
  launchBrowser,
  openPage,
  screenshot,
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
});
