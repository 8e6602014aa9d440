import PDFDocument from 'pdfkit';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../api/core/demo/seed';
import { DEMO_FRONT_OFFICE, DEMO_SIGNER, DEMO_TECHNICAL, DEMO_VERIFIER } from '../api/modules/perizinan/demo';
import {
  call,
  createAccount,
  demoRegion,
  TEST_PASSWORD,
  type TestAccount,
  type TestRegion,
} from '../test/support/app';
import { fileUpload } from '../test/support/files';
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
const MAYOR = 'walikota@tangerangkota.demo.simpul.id';
const BASE = '/api/m/perizinan';

/** A small real PDF with one line of text. */
function pdf(text: string): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: 'A6' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.text(text);
    doc.end();
  });
}

/**
 * The Perizinan screens around the keramaian journey: the region admin saves a new version of the
 * reklame type (an application filed before keeps its version); the reklame path — Dinas PUPR's
 * technical review with a survey date, the billing code on the citizen's phone, the cashier's
 * "Tandai lunas" (a second confirmation is refused as already paid), verifier and signer; then the
 * signer suspends and revokes the permit and the public check page follows; the LIVE Room wall
 * shows the permit figures.
 */
describe('Perizinan: catalogue editor, reklame with fee, suspend/revoke, LIVE Room (Chromium)', () => {
  let server: E2EServer;
  let browser: Browser;
  let region: TestRegion;
  let citizen: TestAccount;
  let applicationId = '';
  let permitCode = '';
  const errors: string[] = [];
  const pages: Record<string, Page> = {};

  const open = async (size: 'phone' | 'laptop' | 'wall') => {
    const page = await openPage(browser, size);
    page.on('pageerror', (err) => errors.push(err.message));
    return page;
  };
  const staff = async (email: string, path = '') => {
    const s = await open('laptop');
    await s.goto(`${server.url}/staf/m/perizinan${path}`);
    await fillSignIn(s, email, DEMO_PASSWORD);
    await s.getByTestId('izin-staff').waitFor();
    return s;
  };
  const detail = (s: Page) => s.getByTestId('izin-staff-detail');
  const req = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    call(server, region, { method, url: `${BASE}${url}`, as: citizen, payload });

  beforeAll(async () => {
    server = await startServer({ basemap: 'none' });
    browser = await launchBrowser();
    region = demoRegion(server);
    citizen = await createAccount(server, region, ['citizen']);
    // A reklame filed (and checked by the front office) before the admin edits the type: version 1.
    const draft = await req('POST', '/applications', {
      typeCode: 'reklame',
      applicant: { kind: 'individual', name: 'Dewi Lestari', nik: '3671014507900002' },
      form: { naskah: 'Martabak Dewi', jenis: 'Neon box', luas_m2: 4, alamat: 'Jl. Daan Mogot No. 40' },
    });
    expect(draft.statusCode, draft.body).toBe(201);
    applicationId = draft.json().id;
    for (const [key, docType] of [
      ['ktp', 'ktp'],
      ['desain', 'desain'],
      ['denah', 'denah_lokasi'],
      ['pernyataan', 'surat_pernyataan'],
    ] as const) {
      const file = await call(server, region, {
        method: 'POST',
        url: '/api/files/documents?purpose=izin-dokumen',
        as: citizen,
        ...fileUpload(await pdf(docType), `${key}.pdf`, 'application/pdf'),
      });
      expect(file.statusCode, file.body).toBe(201);
      const item = await req('POST', '/locker', {
        fileId: file.json().id,
        docType,
        label: key,
        documentDate: null,
      });
      expect(item.statusCode, item.body).toBe(201);
      const put = await req('PUT', `/applications/${applicationId}/items/${key}`, {
        lockerItemId: item.json().id,
      });
      expect(put.statusCode, put.body).toBe(200);
    }
    const sub = await req('POST', `/applications/${applicationId}/submit`, {});
    expect(sub.statusCode, sub.body).toBe(200);
    expect(sub.json().type.version).toBe(1);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the region admin saves a new version of reklame; the filed application keeps version 1', async () => {
    const s = await staff(ADMIN, '/katalog');
    const row = s.locator('[data-testid="izin-admin-type"][data-code="reklame"]');
    await row.waitFor();
    expect(await row.getByTestId('izin-admin-version').textContent()).toBe('v1');
    await expectAccessible(s, 'permit catalogue admin (laptop)');
    await screenshot(s, 'perizinan-admin-catalogue-1366');
    await row.getByTestId('izin-admin-edit').click();
    await s.getByTestId('izin-editor').waitFor();
    expect(await s.locator('#ed-sla').inputValue()).toBe('7');
    await s.locator('#ed-sla').fill('10');
    await expectAccessible(s, 'permit type editor (laptop)');
    await screenshot(s, 'perizinan-admin-editor-1366');
    await s.getByTestId('izin-editor-save').click();
    await expect.poll(() => s.getByTestId('izin-admin-saved').textContent()).toContain('versi 2');
    await expect.poll(() => row.getByTestId('izin-admin-version').textContent()).toBe('v2');
    const filed = await req('GET', `/applications/${applicationId}`);
    expect(filed.json().type.version).toBe(1);
    const current = await call(server, region, { method: 'GET', url: `${BASE}/types/reklame` });
    expect(current.json()).toMatchObject({ version: 2, definition: { slaDays: 10 } });
    await s.context().close();
  });

  it('the front office accepts; Dinas PUPR recommends with a survey date', async () => {
    const f = await staff(DEMO_FRONT_OFFICE, `/permohonan/${applicationId}`);
    await f.getByTestId('izin-check').waitFor();
    await f.getByTestId('izin-check-submit').click();
    await expect.poll(() => detail(f).getAttribute('data-state')).toBe('technical');
    pages.cashier = f;

    const t = await staff(DEMO_TECHNICAL);
    const row = t.locator('[data-testid="izin-inbox-row"]', { hasText: 'Dewi Lestari' });
    await row.waitFor();
    await row.getByTestId('izin-inbox-open').click();
    await t.getByTestId('izin-technical').waitFor();
    // No fee figure yet: it is assessed after the review.
    expect(await t.getByTestId('izin-staff-fee').count()).toBe(0);
    await t.getByTestId('izin-tech-survey').fill('2030-03-02');
    await t.getByTestId('izin-tech-note').fill('Titik sesuai denah; konstruksi neon box aman.');
    await expectAccessible(t, 'technical review (laptop)');
    await screenshot(t, 'perizinan-technical-1366');
    await t.getByTestId('izin-tech-submit').click();
    await expect.poll(() => detail(t).getAttribute('data-state')).toBe('payment');
    await t.context().close();
  });

  it('the citizen sees the amount and the billing code on the phone', async () => {
    const p = await open('phone');
    await p.goto(`${server.url}/masuk`);
    await fillSignIn(p, citizen.email, TEST_PASSWORD);
    await p.waitForURL((u) => !u.pathname.startsWith('/masuk'));
    await p.goto(`${server.url}/layanan/perizinan/permohonan/${applicationId}`);
    await p.getByTestId('izin-fee-box').waitFor();
    // 4 m² × Rp75.000
    expect(await p.getByTestId('izin-fee-amount').textContent()).toBe('Rp300.000');
    expect(await p.getByTestId('izin-billing').textContent()).toMatch(/^\d{12}$/);
    expect(await p.getByTestId('izin-application').textContent()).toContain('Survei lapangan 2 Mar 2030');
    await expectAccessible(p, 'fee and billing code (phone)');
    await screenshot(p, 'perizinan-billing-360');

    // The document locker: a new document is kept; one in use by the application is not deleted.
    await p.goto(`${server.url}/layanan/perizinan/brankas`);
    const items = p.getByTestId('izin-locker-item');
    await expect.poll(() => items.count()).toBe(4);
    await p.locator('#izin-locker-type').selectOption('npwp');
    await p.getByTestId('izin-locker-upload').setInputFiles({
      name: 'npwp-dewi.pdf',
      mimeType: 'application/pdf',
      buffer: await pdf('NPWP Dewi Lestari'),
    });
    await expect.poll(() => items.count()).toBe(5);
    await expectAccessible(p, 'document locker (phone)');
    await screenshot(p, 'perizinan-locker-360');
    p.on('dialog', (d) => void d.accept());
    const ktp = p.locator('[data-testid="izin-locker-item"][data-label="ktp"]');
    await ktp.getByTestId('izin-locker-delete').click();
    await expect.poll(() => ktp.getByTestId('izin-locker-item-error').textContent()).toContain('dipakai');
    await p
      .locator('[data-testid="izin-locker-item"][data-label="npwp-dewi.pdf"]')
      .getByTestId('izin-locker-delete')
      .click();
    await expect.poll(() => items.count()).toBe(4);
    await p.context().close();
  });

  it('the cashier marks it paid; a second confirmation is refused as already paid', async () => {
    const k = pages.cashier!;
    await k.reload();
    await k.getByTestId('izin-cashier').waitFor();
    // The same application open in a second tab (a colleague, a stale screen).
    const k2 = await k.context().newPage();
    k2.on('pageerror', (err) => errors.push(err.message));
    await k2.goto(`${server.url}/staf/m/perizinan/permohonan/${applicationId}`);
    await k2.getByTestId('izin-cashier').waitFor();

    expect(await k.getByTestId('izin-pay').isDisabled()).toBe(true);
    await k.getByTestId('izin-receipt-no').fill('STS-2030-000777');
    await expectAccessible(k, 'cashier (laptop)');
    await screenshot(k, 'perizinan-cashier-1366');
    await k.getByTestId('izin-pay').click();
    await expect.poll(() => detail(k).getAttribute('data-state')).toBe('approval');

    await k2.getByTestId('izin-receipt-no').fill('STS-2030-000778');
    await k2.getByTestId('izin-pay').click();
    await expect
      .poll(() => k2.getByTestId('izin-staff-error').textContent())
      .toBe('Retribusi ini sudah tercatat lunas.');
    // The stale tab catches up: the cashier's box is gone, the receipt is the first one.
    await expect.poll(() => detail(k2).getAttribute('data-state')).toBe('approval');
    expect(await k2.getByTestId('izin-cashier').count()).toBe(0);
    expect(await detail(k2).textContent()).toContain('STS-2030-000777');
    await screenshot(k2, 'perizinan-cashier-twice-1366');
    await k.context().close();
  });

  it('the verifier approves, the signer signs, suspends and revokes; /cek follows', async () => {
    const v = await staff(DEMO_VERIFIER, `/permohonan/${applicationId}`);
    await v.getByTestId('izin-approve').click();
    await expect.poll(() => detail(v).getAttribute('data-state')).toBe('signing');
    await v.context().close();

    const k = await staff(DEMO_SIGNER, `/permohonan/${applicationId}`);
    await k.getByTestId('izin-sign').click();
    await expect.poll(() => detail(k).getAttribute('data-state'), { timeout: 20_000 }).toBe('issued');
    const view = await req('GET', `/applications/${applicationId}`);
    permitCode = view.json().permit.code;

    const stranger = await open('phone');
    const check = stranger.getByTestId('doc-check');
    await stranger.goto(`${server.url}/cek/${permitCode}`);
    await expect.poll(() => check.getAttribute('data-state')).toBe('valid');

    // A reason first: the buttons wait for it.
    expect(await k.getByTestId('izin-suspend').isDisabled()).toBe(true);
    await k.getByTestId('izin-permit-reason').fill('Reklame dipasang di luar titik yang diizinkan.');
    await k.getByTestId('izin-suspend').click();
    await expect.poll(() => detail(k).getAttribute('data-state')).toBe('suspended');
    await expectAccessible(k, 'suspended permit (laptop)');
    await screenshot(k, 'perizinan-suspended-1366');
    await stranger.reload();
    await expect.poll(() => check.getAttribute('data-state')).toBe('suspended');
    expect(await check.textContent()).toMatch(/dibekukan/i);
    await screenshot(stranger, 'perizinan-check-suspended-360');

    await k.getByTestId('izin-permit-reason').fill('Tidak dipindahkan setelah teguran.');
    k.once('dialog', (d) => void d.accept());
    await k.getByTestId('izin-revoke').click();
    await expect.poll(() => detail(k).getAttribute('data-state')).toBe('revoked');
    expect(await k.getByTestId('izin-permit-actions').count()).toBe(0);
    await stranger.reload();
    await expect.poll(() => check.getAttribute('data-state')).toBe('revoked');
    expect(await check.textContent()).toMatch(/dicabut/i);
    await expectAccessible(stranger, 'revoked permit check (phone)');
    await screenshot(stranger, 'perizinan-check-revoked-360');
    await k.context().close();
    await stranger.context().close();
  });

  it('the LIVE Room wall shows the permit figures at 1920×1080', async () => {
    const w = await open('wall');
    await w.goto(`${server.url}/live`);
    await fillSignIn(w, MAYOR, DEMO_PASSWORD);
    const wall = w.getByTestId('izin-wall');
    await wall.waitFor({ timeout: 20_000 });
    // In today: at least the reklame filed above; figures are numbers, not the loading dash.
    await expect
      .poll(async () => Number(await wall.locator('[data-kpi="in"] .kpi-value').textContent()))
      .toBeGreaterThanOrEqual(1);
    expect(await wall.textContent()).toContain('Terbit hari ini');
    await screenshot(w, 'perizinan-wall-1920');
    expect(errors).toEqual([]);
  });
});
