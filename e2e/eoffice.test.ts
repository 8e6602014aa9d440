import { mkdirSync } from 'node:fs';
import path from 'node:path';
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

const at = (name: string) => `${name}@tangerangkota.demo.simpul.id`;
const STAF = at('staf.kominfo');
const KABID = at('kabid.kominfo');
const KADIS = at('kadis.kominfo');
const KADIS_DPMPTSP = at('kadis.dpmptsp');
const KASI = at('kasi.dpmptsp');

/** Extra copies of the screens for a reviewer to look at (EOFFICE_SHOTS=/tmp/eoffice-shots). */
const extraShots = process.env.EOFFICE_SHOTS;

/** One server and one browser for both journeys: each uses its own letter (subject) and people. */
let server: E2EServer;
let browser: Browser;
beforeAll(async () => {
  server = await startServer({ basemap: 'none' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * The eOffice journey across five people and two offices: the Pranata Humas of Diskominfo drafts a
 * nota dinas to the head of DPMPTSP (signer: the head of Diskominfo, so the chain is the Kabid's
 * paraf and then the head's signature), the Kabid initials it, the head signs it on a 360 px
 * phone (number, signed PDF), the head of DPMPTSP finds it in the inbox and disposes it to the
 * Kasi Pelayanan with a deadline, the Kasi reports it done, and the drafter sees the whole tree.
 */
describe('eOffice: draft, paraf, sign (phone), inbox, disposition, done', () => {
  let letterId = '';
  const errors: string[] = [];
  const SUBJECT = `Permohonan data reklame untuk Tangerang LIVE ${Date.now() % 100_000}`;

  const shot = async (p: Page, name: string) => {
    await screenshot(p, name);
    if (extraShots) {
      mkdirSync(extraShots, { recursive: true });
      await p.screenshot({ path: path.join(extraShots, `${name}.png`), fullPage: true });
    }
  };
  const signIn = async (email: string, size: 'phone' | 'laptop' = 'laptop', where = '') => {
    const page = await openPage(browser, size);
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${server.url}/staf/m/eoffice${where}`);
    await fillSignIn(page, email, DEMO_PASSWORD);
    await page.getByTestId('eo-staff').waitFor();
    return page;
  };
  /** The inbox row of this journey's letter (what to act on), opened. */
  const openFromInbox = async (p: Page) => {
    const item = p.locator('[data-testid="eo-inbox-item"]', { hasText: SUBJECT });
    await item.waitFor();
    await shot(p, `eoffice-inbox-${p.viewportSize()!.width}`);
    await item.getByRole('link').click();
    await p.getByTestId('eo-detail').waitFor();
    return item;
  };
  const detailStatus = (p: Page) => p.getByTestId('eo-detail').getAttribute('data-status');

  it('the Pranata Humas drafts a nota dinas and sends it up the chain', async () => {
    const p = await signIn(STAF);
    await p.getByTestId('eo-tab-compose').click();
    await p.getByTestId('eo-compose').waitFor();
    await p.getByTestId('eo-type').selectOption('nota_dinas');
    await p.getByTestId('eo-subject').fill(SUBJECT);
    await p.getByTestId('eo-classification').fill('400.14');
    // To: the head of DPMPTSP, found by searching the positions of every OPD.
    await p.getByTestId('eo-to-open').click();
    await p.getByTestId('eo-to-search').fill('Penanaman Modal');
    await p
      .getByTestId('eo-to')
      .locator('[data-testid="eo-pick"]', { hasText: 'Kepala Dinas Penanaman Modal' })
      .first()
      .locator('input')
      .check();
    await expect.poll(() => p.getByTestId('eo-to').getByTestId('eo-chip').count()).toBe(1);
    // The signer defaults to the head of the drafter's own OPD; the chain climbs to it by itself.
    await expect
      .poll(() =>
        p.getByTestId('eo-signer').evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.text ?? ''),
      )
      .toContain('Kepala Dinas Komunikasi');
    const editor = p.getByTestId('eo-body-editor');
    await editor.click();
    await p.keyboard.type('Dengan hormat, kami mohon data izin reklame tahun berjalan: ');
    await p.getByTestId('eo-tool-bold').click();
    await p.keyboard.type('paling lambat Jumat');
    await p.getByTestId('eo-tool-bold').click();
    await p.keyboard.type('.');
    await p.keyboard.press('Enter');
    await p.getByTestId('eo-tool-ordered').click();
    await p.keyboard.type('jumlah izin per kecamatan');
    await p.keyboard.press('Enter');
    await p.keyboard.type('masa berlaku izin');
    await expect.poll(() => p.getByTestId('eo-problems').count()).toBe(0);
    await expectAccessible(p, 'eOffice compose (laptop)');
    await shot(p, 'eoffice-compose-1366');
    await p.getByTestId('eo-submit').click();
    await p.getByTestId('eo-detail').waitFor();
    letterId = (await p.getByTestId('eo-detail').getAttribute('data-letter'))!;
    expect(letterId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await detailStatus(p)).toBe('review');
    const steps = p.getByTestId('eo-step');
    await expect.poll(() => steps.count()).toBe(2);
    expect(await steps.nth(0).getAttribute('data-role')).toBe('paraf');
    expect(await steps.nth(0).getAttribute('data-state')).toBe('pending');
    expect(await steps.nth(1).getAttribute('data-role')).toBe('sign');
    expect(await p.getByTestId('eo-body').innerHTML()).toContain('<strong>paling lambat Jumat</strong>');
    await p.context().close();
  });

  it('the Kabid initials it from the inbox', async () => {
    const p = await signIn(KABID);
    await openFromInbox(p);
    await p.getByTestId('eo-review').waitFor();
    await p.getByTestId('eo-review-comment').fill('Sudah sesuai.');
    await p.getByTestId('eo-initial').click();
    await expect.poll(() => p.getByTestId('eo-step').nth(0).getAttribute('data-state')).toBe('initialed');
    expect(await p.getByTestId('eo-review').count()).toBe(0);
    expect(await p.getByTestId('eo-chain').textContent()).toContain('Sudah sesuai.');
    await p.context().close();
  });

  it('the head of Diskominfo signs it on a phone: a number and the signed PDF', async () => {
    const p = await signIn(KADIS, 'phone');
    await openFromInbox(p);
    await p.getByTestId('eo-sign').waitFor();
    await expectAccessible(p, 'eOffice letter to sign (phone)');
    await shot(p, 'eoffice-sign-360');
    // Nothing sticks out of a 360 px screen.
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await p.getByTestId('eo-sign').click();
    await expect.poll(() => detailStatus(p), { timeout: 30_000 }).toBe('signed');
    expect((await p.getByTestId('eo-letter-number').textContent())?.trim()).toMatch(/400\.14/);
    const href = await p.getByTestId('eo-pdf').getAttribute('href');
    const pdf = await p.request.get(new URL(href!, server.url).toString());
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await shot(p, 'eoffice-signed-360');
    await p.context().close();
  });

  it('the head of DPMPTSP finds it in the inbox and disposes it to the Kasi Pelayanan with a deadline', async () => {
    const p = await signIn(KADIS_DPMPTSP);
    const item = await openFromInbox(p);
    expect(item).toBeTruthy();
    await p.getByTestId('eo-dispose-open').click();
    await p
      .getByTestId('eo-dispose-to')
      .locator('label', { hasText: 'Kepala Seksi Pelayanan' })
      .locator('input')
      .check();
    await p.locator('[data-instruction="tindak_lanjuti"] input').check();
    await p.locator('[data-instruction="siapkan_jawaban"] input').check();
    await p.getByTestId('eo-dispose-note').fill('Siapkan data per kecamatan, koordinasi dengan bidang data.');
    const min = await p.getByTestId('eo-dispose-due').getAttribute('min');
    const due = new Date(`${min}T00:00:00Z`);
    due.setUTCDate(due.getUTCDate() + 3);
    await p.getByTestId('eo-dispose-due').fill(due.toISOString().slice(0, 10));
    await expectAccessible(p, 'eOffice dispose form (laptop)');
    await shot(p, 'eoffice-dispose-1366');
    await p.getByTestId('eo-dispose-send').click();
    const d = p.getByTestId('eo-disposition');
    await expect.poll(() => d.count()).toBe(1);
    expect(await d.first().getAttribute('data-state')).toBe('open');
    expect(await d.first().textContent()).toContain('Tindak lanjuti');
    await p.context().close();
  });

  it('the Kasi sees the disposition with its deadline and reports it done', async () => {
    const p = await signIn(KASI, 'phone');
    const item = await openFromInbox(p);
    expect(item).toBeTruthy();
    await p.getByTestId('eo-finish').waitFor();
    await p.getByTestId('eo-finish-note').fill('Data 13 kecamatan sudah dikirim ke Diskominfo.');
    await p.getByTestId('eo-finish-send').click();
    await expect.poll(() => p.getByTestId('eo-disposition').first().getAttribute('data-state')).toBe('done');
    expect(await p.getByTestId('eo-finish').count()).toBe(0);
    await p.context().close();
  });

  it('the drafter opens the letter and sees the disposition tree complete', async () => {
    const p = await signIn(STAF, 'laptop', `/naskah/${letterId}`);
    await p.getByTestId('eo-detail').waitFor();
    await expect.poll(() => p.getByTestId('eo-dispositions').getAttribute('data-complete')).toBe('yes');
    expect(await detailStatus(p)).toBe('signed');
    const tree = await p.getByTestId('eo-dispositions').textContent();
    expect(tree).toContain('Kepala Seksi Pelayanan');
    expect(tree).toContain('Data 13 kecamatan sudah dikirim');
    await expectAccessible(p, 'eOffice letter with dispositions (laptop)');
    await shot(p, 'eoffice-tree-1366');
    await p.setViewportSize({ width: 360, height: 740 });
    await shot(p, 'eoffice-tree-360');
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(errors).toEqual([]);
  });
});

/**
 * The secretariat and the archive: the TU of DPMPTSP registers a letter from outside (agenda
 * number), the head of DPMPTSP (an OPD admin) finds it in the archive and looks at the positions of
 * the office with their holders — on a laptop and on a phone.
 */
describe('eOffice: incoming letters, archive, positions', () => {
  const errors: string[] = [];
  const SUBJECT = `Undangan sosialisasi OSS ${Date.now() % 100_000}`;

  const shot = async (p: Page, name: string) => {
    await screenshot(p, name);
    if (extraShots) {
      mkdirSync(extraShots, { recursive: true });
      await p.screenshot({ path: path.join(extraShots, `${name}.png`), fullPage: true });
    }
  };
  const signIn = async (email: string, size: 'phone' | 'laptop', where: string) => {
    const page = await openPage(browser, size);
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${server.url}/staf/m/eoffice${where}`);
    await fillSignIn(page, email, DEMO_PASSWORD);
    await page.getByTestId('eo-staff').waitFor();
    return page;
  };

  it('the secretariat registers an incoming letter and it gets an agenda number', async () => {
    const p = await signIn(at('tu.dpmptsp'), 'laptop', '/surat-masuk');
    await p.getByTestId('eo-incoming').waitFor();
    await expect.poll(() => p.getByTestId('eo-in-to').inputValue()).not.toBe('');
    await p.getByTestId('eo-in-senderName').fill('Kementerian Investasi/BKPM');
    await p.getByTestId('eo-in-senderNumber').fill('B-777/A.8/2026');
    await p.getByTestId('eo-in-subject').fill(SUBJECT);
    await p.getByTestId('eo-in-class').fill('500.16');
    await expectAccessible(p, 'eOffice incoming form (laptop)');
    await shot(p, 'eoffice-incoming-1366');
    await p.getByTestId('eo-in-submit').click();
    await expect.poll(() => p.getByTestId('eo-in-done').textContent()).toMatch(/nomor agenda \d+/);
    await p.context().close();
  });

  it('the head of DPMPTSP finds it in the archive and sees the positions with their holders', async () => {
    const p = await signIn(KADIS_DPMPTSP, 'laptop', '/arsip');
    await p.getByTestId('eo-archive').waitFor();
    await p.getByTestId('eo-ar-q').fill(SUBJECT);
    await p.getByTestId('eo-ar-search').click();
    await expect.poll(() => p.locator('[data-testid="eo-ar-item"]', { hasText: SUBJECT }).count()).toBe(1);
    expect(await p.getByTestId('eo-agenda-xlsx').getAttribute('href')).toContain(
      '/archive/agenda.xlsx?book=in',
    );
    await expectAccessible(p, 'eOffice archive (laptop)');
    await shot(p, 'eoffice-archive-1366');
    await p.getByTestId('eo-tab-positions').click();
    await p.getByTestId('eo-positions').waitFor();
    await p.getByTestId('eo-pos-opd').selectOption('dpmptsp');
    const kasi = p.locator('[data-testid="eo-position"]', { hasText: 'Kepala Seksi Pelayanan' });
    await kasi.waitFor();
    expect(await kasi.textContent()).toContain('Fajar Kasi Pelayanan');
    await kasi.getByTestId('eo-pos-holders').first().click();
    await kasi.getByTestId('eo-assignment').first().waitFor();
    await expectAccessible(p, 'eOffice positions (laptop)');
    await shot(p, 'eoffice-positions-1366');
    await p.setViewportSize({ width: 360, height: 740 });
    await shot(p, 'eoffice-positions-360');
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await p.context().close();
  });

  it('the LIVE Room wall shows the correspondence figures at 1920×1080', async () => {
    const w = await openPage(browser, 'wall');
    w.on('pageerror', (err) => errors.push(err.message));
    await w.goto(`${server.url}/live`);
    await fillSignIn(w, at('operator'), DEMO_PASSWORD);
    const wall = w.getByTestId('eo-wall');
    await wall.waitFor({ timeout: 20_000 });
    // In today: at least the letter registered above; figures are numbers, not the loading dash.
    await expect
      .poll(async () => Number(await wall.locator('[data-kpi="in"] .kpi-value').textContent()))
      .toBeGreaterThanOrEqual(1);
    expect(await wall.textContent()).toContain('disposisi terlambat');
    expect(await wall.locator('[data-kpi="signed"]').textContent()).toMatch(/ditandatangani hari ini/);
    await shot(w, 'eoffice-wall-1920');
    expect(errors).toEqual([]);
  });
});
