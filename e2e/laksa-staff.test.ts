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
  startServer,
} from './support';

const OPERATOR = 'operator@tangerangkota.demo.simpul.id';
const OFFICER = 'petugas.pupr@tangerangkota.demo.simpul.id';
const ADMIN = 'admin@tangerangkota.demo.simpul.id';
const CITIZEN = '081234567890';

/** Signs in through the real staff form. */
const signIn = (page: Page, identifier: string) => fillSignIn(page, identifier, DEMO_PASSWORD);
/** A signed-in API client (the citizen's phone, in these journeys). */
const apiAs = (base: string, identifier: string) => apiSession(base, identifier, DEMO_PASSWORD);

/** Records requests for remote map tiles (tests never load them) and uncaught page errors. */
function watch(page: Page, seen: { tiles: string[]; errors: string[] }) {
  page.on('request', (req) => {
    if (/tile\.openstreetmap|\/\d+\/\d+\/\d+\.png/.test(req.url())) seen.tiles.push(req.url());
  });
  page.on('pageerror', (err) => seen.errors.push(err.message));
}

async function waitForStatus(page: Page, status: string) {
  await expect
    .poll(() => page.getByTestId('laksa-staff-detail').getAttribute('data-status'), { timeout: 10_000 })
    .toBe(status);
}

/** Opens an action's dialog, fills what it asks for, submits and waits for the dialog to close. */
async function act(page: Page, action: string, note?: string, photo?: Buffer) {
  await page.getByTestId(`laksa-staff-action-${action}`).click();
  const form = page.getByTestId('laksa-staff-action-form');
  await form.waitFor();
  if (note) await page.getByTestId('laksa-staff-action-note').fill(note);
  if (photo)
    await page
      .getByTestId('laksa-staff-action-photos')
      .setInputFiles({ name: 'sesudah.png', mimeType: 'image/png', buffer: photo });
  await page.getByTestId('laksa-staff-action-submit').click();
  await form.waitFor({ state: 'detached', timeout: 15_000 });
}

describe('LAKSA staff console (Chromium)', () => {
  let server: E2EServer;
  let browser: Browser;
  let ticket: string;
  let reportId: string;
  const seen = { tiles: [] as string[], errors: [] as string[] };

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();

    // The citizen files a road-damage report from their phone (through the API).
    const citizen = await apiAs(server.url, CITIZEN);
    const categories = (await (await citizen('GET', '/api/m/laksa/categories')).json()) as {
      id: string;
      code: string;
    }[];
    const jalan = categories.find((c) => c.code === 'jalan-rusak');
    expect(jalan).toBeTruthy();
    const kecamatan = (await (await fetch(`${server.url}/api/region/areas`)).json()) as { code: string }[];
    const kelurahan = (await (
      await fetch(`${server.url}/api/region/areas?parent=${kecamatan[0]!.code}`)
    ).json()) as { code: string }[];
    const res = await citizen(
      'POST',
      '/api/m/laksa/reports',
      {
        type: 'pengaduan',
        categoryId: jalan!.id,
        description:
          'Jalan berlubang besar di depan SD Negeri 5, membahayakan pengendara motor saat malam hari.',
        lat: -6.1783,
        lng: 106.6319,
        areaCode: kelurahan[0]?.code ?? kecamatan[0]!.code,
        address: 'Jl. Uji Coba No. 5',
      },
      { 'idempotency-key': `e2e-laksa-staff-${Date.now()}` },
    );
    expect(res.status, await res.clone().text()).toBe(201);
    ({ ticket, id: reportId } = (await res.json()) as { ticket: string; id: string });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the operator verifies the report from the verification queue; it is assigned to Dinas PUPR', async () => {
    const page = await openPage(browser, 'laptop');
    watch(page, seen);
    await page.goto(`${server.url}/staf/m/laksa`);
    await signIn(page, OPERATOR);
    await page.getByTestId('laksa-staff-inbox').waitFor();
    // The operator's first queue is Verifikasi.
    expect(await page.getByTestId('laksa-staff-queue-verification').getAttribute('aria-current')).toBe(
      'page',
    );
    const row = page.locator(`[data-testid="laksa-staff-row"][data-ticket="${ticket}"]`);
    await row.waitFor();
    await expectAccessible(page, 'LAKSA inbox (operator)');
    await screenshot(page, 'laksa-staff-inbox-1366');

    // Full-text search by ticket keeps only this report.
    await page.getByTestId('laksa-staff-filter-q').fill(ticket);
    await page.getByTestId('laksa-staff-filter-apply').click();
    await expect.poll(() => page.getByTestId('laksa-staff-row').count()).toBe(1);
    expect(page.url()).toContain('q=');

    // Map view: clustered pins, no remote tiles.
    await page.getByTestId('laksa-staff-view-map').click();
    await page.getByTestId('laksa-staff-map').waitFor();
    await page.locator('.lk-pin, .lk-cluster').first().waitFor();
    await screenshot(page, 'laksa-staff-map-1366');
    await page.getByTestId('laksa-staff-view-list').click();

    // Bulk disposition answers per report: one still awaiting verification cannot be assigned yet.
    await row.getByTestId('laksa-staff-select').check();
    await page.getByTestId('laksa-staff-bulk-open').click();
    await page.getByTestId('laksa-staff-bulk-dialog').waitFor();
    await page.getByTestId('laksa-staff-bulk-opd-dpupr').check();
    await expectAccessible(page, 'LAKSA bulk disposition dialog');
    await page.getByTestId('laksa-staff-bulk-submit').click();
    await page.getByTestId('laksa-staff-bulk-failed').waitFor();
    expect(await page.getByTestId('laksa-staff-bulk-failed').textContent()).toContain(ticket);

    await row.getByTestId('laksa-staff-open').click();
    await page.getByTestId('laksa-staff-detail').waitFor();
    expect(await page.getByTestId('laksa-staff-ticket').textContent()).toBe(ticket);
    await waitForStatus(page, 'menunggu_verifikasi');
    expect(await page.getByTestId('laksa-staff-reporter').textContent()).toBe('Warga Demo');
    await expectAccessible(page, 'LAKSA report detail (operator)');

    await act(page, 'verify');
    await waitForStatus(page, 'didisposisikan');
    expect(await page.getByTestId('laksa-staff-opds').textContent()).toContain('PUPR');
    await expect
      .poll(() => page.locator('[data-testid="laksa-staff-step"][data-kind="status"]').count())
      .toBeGreaterThanOrEqual(2);
    await screenshot(page, 'laksa-staff-detail-operator-1366');
    await page.context().close();
  });

  it('the Dinas PUPR officer starts, replies, notes and resolves it with an after photo', async () => {
    const page = await openPage(browser, 'laptop');
    watch(page, seen);
    await page.goto(`${server.url}/staf/m/laksa`);
    await signIn(page, OFFICER);
    await page.getByTestId('laksa-staff-inbox').waitFor();
    // No verification queue for an OPD officer; "OPD Saya" comes first.
    expect(await page.getByTestId('laksa-staff-queue-verification').count()).toBe(0);
    await page.getByTestId('laksa-staff-queue-opd').click();
    expect(await page.getByTestId('laksa-staff-queue-opd').getAttribute('aria-current')).toBe('page');
    const row = page.locator(`[data-testid="laksa-staff-row"][data-ticket="${ticket}"]`);
    await row.waitFor();
    await row.getByTestId('laksa-staff-open').click();
    await page.getByTestId('laksa-staff-detail').waitFor();
    await waitForStatus(page, 'didisposisikan');
    // Operator-only actions are not offered to the officer.
    expect(await page.getByTestId('laksa-staff-action-verify').count()).toBe(0);

    await act(page, 'start');
    await waitForStatus(page, 'diproses');

    // A reply from a template, then an internal note.
    const template = page.getByTestId('laksa-staff-reply-template');
    await template.waitFor();
    const firstTemplate = await template.locator('option').nth(1).getAttribute('value');
    await template.selectOption(firstTemplate!);
    expect((await page.getByTestId('laksa-staff-reply-body').inputValue()).length).toBeGreaterThan(10);
    await page.getByTestId('laksa-staff-reply-submit').click();
    await page.locator('[data-testid="laksa-staff-step"][data-kind="reply"]').first().waitFor();

    await page.getByTestId('laksa-staff-reply-internal').check();
    await page
      .getByTestId('laksa-staff-reply-body')
      .fill('Tim lapangan dijadwalkan Kamis pagi, material aspal tersedia.');
    await page.getByTestId('laksa-staff-reply-submit').click();
    await page.locator('[data-testid="laksa-staff-step"][data-visibility="internal"]').first().waitFor();
    await expectAccessible(page, 'LAKSA report detail (officer)');

    const photo = await sharp({
      create: { width: 320, height: 240, channels: 3, background: { r: 90, g: 90, b: 90 } },
    })
      .png()
      .toBuffer();
    await act(page, 'resolve', 'Lubang sudah ditambal dengan aspal hotmix sepanjang 3 meter.', photo);
    await waitForStatus(page, 'selesai');
    await page.locator('[data-testid="laksa-staff-photos"] img').first().waitFor();
    await screenshot(page, 'laksa-staff-detail-resolved-1366');
    await page.context().close();
  });

  it('the citizen sees it resolved and rates it 5; staff see the rating', async () => {
    const citizen = await apiAs(server.url, CITIZEN);
    const mine = (await (await citizen('GET', `/api/m/laksa/my/reports/${ticket}`)).json()) as {
      status: string;
      canRate: boolean;
    };
    expect(mine.status).toBe('selesai');
    expect(mine.canRate).toBe(true);
    const rated = await citizen('POST', `/api/m/laksa/reports/${ticket}/rating`, {
      rating: 5,
      comment: 'Cepat sekali, terima kasih.',
    });
    expect(rated.status, await rated.clone().text()).toBeLessThan(300);

    const page = await openPage(browser, 'laptop');
    watch(page, seen);
    await page.goto(`${server.url}/staf/m/laksa/r/${reportId}`);
    await signIn(page, OPERATOR);
    await page.getByTestId('laksa-staff-detail').waitFor();
    await expect.poll(() => page.getByTestId('laksa-staff-rating').textContent()).toContain('5');
    await page.context().close();
  });

  it('the region admin opens every LAKSA administration tab', async () => {
    const page = await openPage(browser, 'laptop');
    watch(page, seen);
    await page.goto(`${server.url}/staf/m/laksa`);
    await signIn(page, ADMIN);
    await page.getByTestId('laksa-staff-inbox').waitFor();
    await page.getByTestId('laksa-staff-admin-link').click();
    await page.getByTestId('laksa-staff-admin-categories').waitFor();
    await page.getByTestId('laksa-staff-category-row').first().waitFor();
    await expectAccessible(page, 'LAKSA admin: categories');
    for (const [tab, ready] of [
      ['routing', 'laksa-staff-routing-row'],
      ['holidays', 'laksa-staff-holiday-row'],
      ['templates', 'laksa-staff-template-row'],
      ['settings', 'laksa-staff-settings-form'],
      ['webhooks', 'laksa-staff-webhook-form'],
      ['apiKeys', 'laksa-staff-api-key-form'],
    ] as const) {
      await page.getByTestId(`laksa-staff-admin-tab-${tab}`).click();
      await page.getByTestId(ready).first().waitFor();
    }
    // An Open311 key is shown once, right after it is created.
    await page.getByTestId('laksa-staff-api-key-name').fill('Aplikasi Kelurahan Uji');
    await page.getByTestId('laksa-staff-api-key-save').click();
    await page.getByTestId('laksa-staff-api-key-created').waitFor();
    expect((await page.getByTestId('laksa-staff-api-key-value').textContent())?.length).toBeGreaterThan(10);
    await expectAccessible(page, 'LAKSA admin: API keys');
    await screenshot(page, 'laksa-staff-admin-1366');
    await page.context().close();
  });

  it('never requested remote map tiles and threw no page errors', () => {
    expect(seen.tiles).toEqual([]);
    expect(seen.errors).toEqual([]);
  });
});
