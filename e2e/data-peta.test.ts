import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
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

const ADMIN = 'admin@tangerangkota.demo.simpul.id';
const TITLE = 'Jumlah Puskesmas per Kecamatan';
const CSV = 'Kecamatan,Puskesmas,Pustu\nCipondoh,4,6\nKarawaci,3,5\nTangerang,2,4\nPinang,3,3\n';

/**
 * The Data & Peta journey: a staff member uploads a CSV on a laptop and publishes it; a citizen on
 * a 360 px phone finds it by search, previews it (table and chart) and downloads it; the WebGIS
 * shows the LAKSA and market layers. Every wait is on a condition on the page.
 */
describe('Data & Peta: staff publish a CSV, citizens find and download it, the WebGIS shows the layers', () => {
  let server: E2EServer;
  let browser: Browser;
  const errors: string[] = [];
  const open = async (size: 'phone' | 'laptop') => {
    const page = await openPage(browser, size);
    page.on('pageerror', (err) => errors.push(err.message));
    return page;
  };

  beforeAll(async () => {
    server = await startServer({ basemap: 'none' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a staff member creates a dataset, uploads a CSV and publishes it', async () => {
    const p = await open('laptop');
    await p.goto(`${server.url}/staf/m/data-peta`);
    await fillSignIn(p, ADMIN, DEMO_PASSWORD);
    await p.getByTestId('dp-staff').waitFor();
    // The demo's own datasets are listed (one public, one draft).
    await expect.poll(() => p.getByTestId('dp-staff-list').locator('li').count()).toBeGreaterThanOrEqual(3);
    await p.getByTestId('dp-new-title').fill(TITLE);
    await expect.poll(() => p.getByTestId('dp-new-name').inputValue()).toBe('jumlah-puskesmas-per-kecamatan');
    await p.getByTestId('dp-create').click();
    await p.getByTestId('dp-admin').waitFor();
    expect(await p.getByTestId('dp-visibility').textContent()).toBe('Draf');
    // A malformed file is refused with its rows named.
    await p
      .getByTestId('dp-file-tables')
      .setInputFiles({ name: 'rusak.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2,3\n') });
    await p.getByTestId('dp-upload-tables').click();
    await expect.poll(() => p.getByTestId('dp-upload-error').textContent()).toContain('Baris 1');
    await p
      .getByTestId('dp-file-tables')
      .setInputFiles({ name: 'puskesmas.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    await p.getByTestId('dp-upload-tables').click();
    await expect.poll(() => p.getByTestId('dp-staff-resources').textContent()).toContain('puskesmas.csv');
    await screenshot(p, 'data-peta-staff-1366');
    await p.getByTestId('dp-publish').click();
    await expect.poll(() => p.getByTestId('dp-visibility').textContent()).toBe('Publik');
    await expectAccessible(p, 'Data & Peta staff dataset page');
  });

  it('a citizen on a phone finds it by search, previews it and downloads the CSV', async () => {
    const p = await open('phone');
    await p.goto(`${server.url}/layanan/data-peta`);
    await p.getByTestId('dp-portal').waitFor();
    await expect.poll(() => p.getByTestId('dp-result').count()).toBeGreaterThan(5);
    await p.getByTestId('dp-search').fill('puskesmas');
    await p.getByTestId('dp-search-go').click();
    await expect.poll(() => p.getByTestId('dp-count').textContent()).toBe('1 dataset');
    await screenshot(p, 'data-peta-portal-360');
    await p.getByTestId('dp-result').getByRole('link', { name: TITLE }).click();
    await p.getByTestId('dp-dataset').waitFor();
    await expect.poll(() => p.getByTestId('dp-preview').locator('tbody tr').count()).toBe(4);
    await p.getByTestId('dp-chart').waitFor();
    // schema.org Dataset for search engines.
    const ld = await p.locator('script[type="application/ld+json"]').last().textContent();
    expect(JSON.parse(ld ?? '{}')).toMatchObject({ '@type': 'Dataset', name: TITLE });
    await screenshot(p, 'data-peta-dataset-360');
    await expectAccessible(p, 'Data & Peta dataset page (phone)');
    const [download] = await Promise.all([
      p.waitForEvent('download'),
      p.getByTestId('dp-download-csv').click(),
    ]);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text).toContain('kecamatan,puskesmas,pustu');
    expect(text).toContain('Cipondoh,4,6');
  });

  it('the portal on a laptop shows facets; the WebGIS shows the LAKSA and market layers', async () => {
    const p = await open('laptop');
    await p.goto(`${server.url}/layanan/data-peta`);
    await expect.poll(() => p.getByTestId('dp-result').count()).toBeGreaterThan(5);
    await screenshot(p, 'data-peta-portal-1366');
    await p.getByTestId('dp-map-link').click();
    await p.getByTestId('dp-webgis').waitFor();
    for (const id of ['laksa-laporan', 'harga-pangan-pasar', 'taman-kota'])
      await expect.poll(() => p.getByTestId(`dp-layer-${id}`).isChecked()).toBe(true);
    // Each layer reports how many features it drew from the OGC API.
    const legend = p.getByTestId('dp-legend');
    await expect.poll(() => legend.textContent()).toMatch(/Laporan LAKSA[\s\S]*\d+ titik/);
    await expect.poll(() => legend.textContent()).toMatch(/Pasar[\s\S]*\d+ titik/);
    await expect.poll(() => p.locator('.dp-map canvas, .dp-map path').count()).toBeGreaterThan(0);
    await screenshot(p, 'data-peta-webgis-1366');
    await p.getByTestId('dp-layer-laksa-laporan').uncheck();
    await p.getByTestId('dp-time').selectOption('30');
    await expectAccessible(p, 'WebGIS (laptop)');
    const phone = await open('phone');
    await phone.goto(`${server.url}/layanan/data-peta/peta`);
    await expect.poll(() => phone.getByTestId('dp-legend').textContent()).toMatch(/Pasar[\s\S]*\d+ titik/);
    await screenshot(phone, 'data-peta-webgis-360');
    expect(errors).toEqual([]);
  });
});
