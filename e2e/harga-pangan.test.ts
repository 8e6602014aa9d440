import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asPlatform } from '../api/core/db/scope';
import { DEMO_PASSWORD } from '../api/core/demo/seed';
import { DEMO_ENUMERATOR, DEMO_SUPERVISOR } from '../api/modules/harga-pangan/demo';
import {
  type E2EServer,
  expectAccessible,
  fillSignIn,
  launchBrowser,
  openPage,
  screenshot,
  startServer,
} from './support';

/** Records requests for remote map tiles (tests never load them) and uncaught page errors. */
function watch(page: Page, seen: { tiles: string[]; errors: string[] }) {
  page.on('request', (req) => {
    if (/tile\.openstreetmap|\/\d+\/\d+\/\d+\.png/.test(req.url())) seen.tiles.push(req.url());
  });
  page.on('pageerror', (err) => seen.errors.push(err.message));
}

describe('Harga Pangan on a phone (Chromium, 360 px)', () => {
  let server: E2EServer;
  let browser: Browser;
  const seen = { tiles: [] as string[], errors: [] as string[] };
  const NEW_PRICE = 17_000;
  /** The previous verified price this journey relies on: 17,000 is +30.8 % on it, whatever the day. */
  const PREVIOUS_PRICE = 13_000;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    // The demo seed's prices follow a date-driven curve; the journey owns the one it compares with.
    await asPlatform(server.database, { actor: 'test', action: 'test', reason: 'e2e prices' }, (tx) =>
      tx.execute(sql`
        update harga_pangan_price p set price = ${PREVIOUS_PRICE}, verified_price = ${PREVIOUS_PRICE}
        from harga_pangan_market m, harga_pangan_commodity c
        where m.region_id = p.region_id and m.id = p.market_id and m.name = 'Pasar Anyar'
          and c.region_id = p.region_id and c.id = p.commodity_id and c.code = 'beras-medium'
          and p.date < (now() at time zone 'Asia/Jakarta')::date`),
    );
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the enumerator enters prices at Pasar Anyar, one of them while offline, with the change highlighted', async () => {
    const page = await openPage(browser, 'phone');
    watch(page, seen);
    await page.goto(`${server.url}/staf/m/harga-pangan`);
    await fillSignIn(page, DEMO_ENUMERATOR, DEMO_PASSWORD);
    await page.getByTestId('hp-entry').waitFor();
    await expect
      .poll(() => page.getByTestId('hp-entry-row').count(), { timeout: 10_000 })
      .toBeGreaterThan(10);
    // Only the assigned markets are offered.
    const options = await page.getByTestId('hp-entry-market').locator('option').allTextContents();
    expect(options.sort()).toEqual(['Pasar Anyar', 'Pasar Malabar']);
    await page.getByTestId('hp-entry-market').selectOption({ label: 'Pasar Anyar' });

    const beras = page.locator('[data-testid="hp-entry-row"][data-code="beras-medium"]');
    await expect.poll(() => beras.textContent()).toContain('Sebelumnya');
    await beras.getByTestId('hp-entry-price').fill(String(NEW_PRICE));
    expect(await beras.textContent()).toContain('13.000');
    // +30.8 % vs the previous price: highlighted before saving.
    await beras.getByTestId('hp-entry-warn').waitFor();
    expect(await beras.getAttribute('class')).toContain('hp-warn');
    await screenshot(page, 'harga-pangan-entry-360');
    await page.getByTestId('hp-entry-save').click();
    await expect.poll(() => page.getByTestId('hp-entry-message').textContent()).toContain('tersimpan');
    await expect.poll(() => beras.getByTestId('hp-entry-status').textContent()).toContain('Menunggu');

    // No signal: the entry waits on the phone and goes out once the phone is online again.
    await page.context().setOffline(true);
    const telur = page.locator('[data-testid="hp-entry-row"][data-code="telur-ayam-ras"]');
    await telur.getByTestId('hp-entry-price').fill('29500');
    await page.getByTestId('hp-entry-save').click();
    await expect.poll(() => page.getByTestId('hp-entry-message').textContent()).toContain('Tidak ada sinyal');
    await page.getByTestId('hp-queue').waitFor();
    await screenshot(page, 'harga-pangan-entry-offline-360');
    await page.context().setOffline(false);
    await page.getByTestId('hp-queue').waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(() => telur.getByTestId('hp-entry-status').textContent()).toContain('Menunggu');
  });

  it('the supervisor verifies them from the phone', async () => {
    const page = await openPage(browser, 'phone');
    watch(page, seen);
    await page.goto(`${server.url}/staf/m/harga-pangan/verifikasi`);
    await fillSignIn(page, DEMO_SUPERVISOR, DEMO_PASSWORD);
    await page.getByTestId('hp-verify').waitFor();
    const rows = page.getByTestId('hp-verify-row');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().getAttribute('data-market')).toBe('Pasar Anyar');
    await screenshot(page, 'harga-pangan-verify-360');
    await page.getByTestId('hp-verify-all').check();
    await page.getByTestId('hp-verify-submit').click();
    await page.getByTestId('hp-verify-empty').waitFor();

    // Bulk import: a broken file lists its rows and saves nothing; a good one is committed.
    const day = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
    const csv = (rows: string[]) =>
      Buffer.from(['date,market,commodity,unit,price,price type', ...rows].join('\n'));
    await page.goto(`${server.url}/staf/m/harga-pangan/impor`);
    await page.getByTestId('hp-import').waitFor();
    await page.getByTestId('hp-import-file').setInputFiles({
      name: 'rusak.csv',
      mimeType: 'text/csv',
      buffer: csv([
        `${day},Pasar Hantu,beras-medium,kg,13000,grosir`,
        `${day},Pasar Ciledug,beras-medium,liter,13000,grosir`,
      ]),
    });
    await page.getByTestId('hp-import-upload').click();
    await expect.poll(() => page.getByTestId('hp-import-error').count()).toBe(2);
    await screenshot(page, 'harga-pangan-import-errors-360');
    await page.getByTestId('hp-import-file').setInputFiles({
      name: 'grosir.csv',
      mimeType: 'text/csv',
      buffer: csv([
        `${day},Pasar Ciledug,beras-medium,kg,12500,grosir`,
        `${day},Pasar Poris,beras-medium,kg,12600,grosir`,
      ]),
    });
    await page.getByTestId('hp-import-upload').click();
    await expect.poll(() => page.getByTestId('hp-import-preview').getAttribute('data-valid')).toBe('2');
    await page.getByTestId('hp-import-commit').click();
    await expect.poll(() => page.getByTestId('hp-import-done').textContent()).toContain('2 harga diimpor');
  });

  it('a citizen sees the new price, its chart and the markets on the map', async () => {
    const page = await openPage(browser, 'phone');
    watch(page, seen);
    await page.goto(`${server.url}/layanan/harga-pangan`);
    await page.getByTestId('hp-today').waitFor();
    await expect.poll(() => page.getByTestId('hp-item').count()).toBeGreaterThan(10);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
    expect(await page.getByTestId('hp-date').getAttribute('data-date')).toBe(today);
    // The demo's cabai rawit jumped yesterday and beras premium sits above HET: flagged.
    expect(await page.getByTestId('hp-today').textContent()).toContain('Di atas HET');
    await expectAccessible(page, 'Harga Pangan today');
    await screenshot(page, 'harga-pangan-today-360');

    await page.locator('[data-testid="hp-item"][data-code="beras-medium"]').click();
    await page.getByTestId('hp-commodity').waitFor();
    const anyar = page.locator('[data-testid="hp-market-row"][data-market="Pasar Anyar"]');
    await anyar.waitFor();
    expect(await anyar.getAttribute('data-price')).toBe(String(NEW_PRICE));
    await page.getByTestId('hp-chart').waitFor();
    expect(Number(await page.getByTestId('hp-chart').getAttribute('data-points'))).toBeGreaterThanOrEqual(29);
    await page.getByTestId('hp-days-365').click();
    await expect
      .poll(async () => Number(await page.getByTestId('hp-chart').getAttribute('data-points')))
      .toBeGreaterThanOrEqual(90);
    await expectAccessible(page, 'Harga Pangan commodity');
    await screenshot(page, 'harga-pangan-commodity-360');

    await page.goto(`${server.url}/layanan/harga-pangan/pasar`);
    await page.getByTestId('hp-map').waitFor();
    await expect.poll(() => page.getByTestId('hp-map-market').count()).toBe(6);
    await screenshot(page, 'harga-pangan-map-360');
    expect(seen.tiles).toEqual([]);
    expect(seen.errors).toEqual([]);
  });
});
