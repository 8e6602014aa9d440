import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../api/core/demo/seed';
import { DEMO_FRONT_OFFICE, DEMO_SIGNER, DEMO_VERIFIER } from '../api/modules/perizinan/demo';
import { createAccount, demoRegion, TEST_PASSWORD, type TestAccount } from '../test/support/app';
import {
  type E2EServer,
  expectAccessible,
  fillSignIn,
  launchBrowser,
  openPage,
  screenshot,
  startServer,
} from './support';

/** A small real PDF with one line of text. */
function pdf(text: string): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: 'A5' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.fontSize(14).text(text);
    doc.end();
  });
}

/**
 * The Perizinan journey across five people: a citizen on a 360 px phone applies for an izin
 * keramaian with documents (a wrong file type is refused on selection; the first submit lists what
 * is missing), the front office returns one document with a note, the citizen replaces only that
 * one and sends it again, the front office accepts, the verifier approves, the signer signs, the
 * citizen downloads the permit, and a stranger checks it from its QR link — and the PDF itself.
 */
describe('Perizinan: applicant (phone), front office, verifier, signer (laptop), public check', () => {
  let server: E2EServer;
  let browser: Browser;
  let citizen: TestAccount;
  let phone: Page;
  let desk: Page;
  let applicationId = '';
  let permitPdf = Buffer.alloc(0);
  const errors: string[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'izin-e2e-'));
  const files = { ktp: '', proposal: '', proposal2: '', photo: '', other: '' };
  const EVENT = `Bazar UMKM Cikokol ${Date.now() % 10_000}`;

  const open = async (size: 'phone' | 'laptop') => {
    const page = await openPage(browser, size);
    page.on('pageerror', (err) => errors.push(err.message));
    return page;
  };
  const staff = async (email: string) => {
    const s = await open('laptop');
    await s.goto(`${server.url}/staf/m/perizinan`);
    await fillSignIn(s, email, DEMO_PASSWORD);
    await s.getByTestId('izin-staff').waitFor();
    return s;
  };
  const slot = (p: Page, key: string) => p.locator(`[data-testid="izin-slot"][data-key="${key}"]`);

  beforeAll(async () => {
    const write = (name: string, data: Buffer) => {
      const file = path.join(dir, name);
      writeFileSync(file, data);
      return file;
    };
    files.ktp = write(
      'ktp.png',
      await sharp({ create: { width: 320, height: 200, channels: 3, background: '#3b82f6' } })
        .png()
        .toBuffer(),
    );
    files.photo = write(
      'poster.png',
      await sharp({ create: { width: 200, height: 200, channels: 3, background: '#f59e0b' } })
        .png()
        .toBuffer(),
    );
    files.proposal = write('proposal.pdf', await pdf(`Proposal ${EVENT}: rundown 08.00-16.00`));
    files.proposal2 = write(
      'proposal-revisi.pdf',
      await pdf(`Proposal ${EVENT} (revisi): rundown, denah, panitia`),
    );
    files.other = write('lain.pdf', await pdf('Bukan izin yang diterbitkan'));
    server = await startServer({ basemap: 'none' });
    browser = await launchBrowser();
    citizen = await createAccount(server, demoRegion(server), ['citizen']);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the citizen reads the service standard and applies on a phone; a wrong file is refused', async () => {
    phone = await open('phone');
    const p = phone;
    await p.goto(`${server.url}/masuk`);
    await fillSignIn(p, citizen.email, TEST_PASSWORD);
    await p.waitForURL((u) => !u.pathname.startsWith('/masuk'));
    await p.goto(`${server.url}/layanan/perizinan`);
    await p.locator('[data-testid="izin-type"][data-code="keramaian"]').waitFor();
    await expectAccessible(p, 'permit catalogue (phone)');
    await screenshot(p, 'perizinan-catalogue-360');
    await p.locator('[data-testid="izin-type"][data-code="keramaian"] a').click();
    await p.getByTestId('izin-type-detail').waitFor();
    expect(await p.getByTestId('izin-fee').textContent()).toContain('Gratis');
    await expectAccessible(p, 'service standard (phone)');
    await screenshot(p, 'perizinan-standard-360');

    await p.getByTestId('izin-apply').click();
    await p.getByTestId('izin-draft').waitFor();
    applicationId = new URL(p.url()).pathname.split('/').pop()!;
    await p.getByTestId('izin-name').fill('Rina Marlina');
    await p.getByTestId('izin-nik').fill('3671016505990007');
    await p.getByTestId('izin-f-nama_acara').fill(EVENT);
    await p.getByTestId('izin-f-tanggal').fill('2030-02-14');
    await p.getByTestId('izin-f-peserta').fill('300');
    await p.getByTestId('izin-f-tempat').fill('Lapangan Cikokol, Kec. Tangerang');
    // The draft saves itself.
    await expect.poll(() => p.getByTestId('izin-save-state').getAttribute('data-state')).toBe('saved');
    expect(await p.getByTestId('izin-save-state').textContent()).toBe('Tersimpan');

    // A photo where only a PDF will do: refused at once, nothing uploaded.
    await slot(p, 'proposal').getByTestId('izin-slot-upload').setInputFiles(files.photo);
    await expect
      .poll(() => slot(p, 'proposal').getByTestId('izin-slot-error').textContent())
      .toContain('ditolak');
    expect(await slot(p, 'proposal').getAttribute('data-attached')).toBe('no');

    await slot(p, 'ktp').getByTestId('izin-slot-upload').setInputFiles(files.ktp);
    await expect.poll(() => slot(p, 'ktp').getAttribute('data-attached')).toBe('yes');

    // Submitting now: the server lists what is missing (the proposal).
    await p.getByTestId('izin-submit').click();
    await expect.poll(() => p.getByTestId('izin-problems').textContent()).toContain('Proposal');
    await screenshot(p, 'perizinan-form-problems-360');

    await slot(p, 'proposal').getByTestId('izin-slot-upload').setInputFiles(files.proposal);
    await expect.poll(() => slot(p, 'proposal').getAttribute('data-attached')).toBe('yes');
    await expectAccessible(p, 'application form (phone)');
    await screenshot(p, 'perizinan-form-360');
    await p.getByTestId('izin-submit').click();
    await expect.poll(() => p.getByTestId('izin-application').getAttribute('data-state')).toBe('submitted');
    expect(await p.getByTestId('izin-number').textContent()).toMatch(/\S+/);

    const href = await p.getByTestId('izin-receipt').getAttribute('href');
    const receipt = await p.request.get(`${server.url}${href}`);
    expect(receipt.status()).toBe(200);
    expect(receipt.headers()['content-type']).toContain('application/pdf');
    expect((await receipt.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await expectAccessible(p, 'submitted application (phone)');
    await screenshot(p, 'perizinan-submitted-360');
  });

  it('the front office returns the proposal with a note', async () => {
    desk = await staff(DEMO_FRONT_OFFICE);
    const s = desk;
    const row = s.locator('[data-testid="izin-inbox-row"]', { hasText: 'Rina Marlina' });
    await row.waitFor();
    await expectAccessible(s, 'staff inbox (laptop)');
    await screenshot(s, 'perizinan-inbox-1366');
    await row.getByTestId('izin-inbox-open').click();
    await s.getByTestId('izin-check').waitFor();
    const item = s.locator('[data-testid="izin-check-item"][data-key="proposal"]');
    await item.getByTestId('izin-check-fix').check();
    await item.getByTestId('izin-check-note').fill('Lampirkan rundown lengkap dan susunan panitia.');
    await expectAccessible(s, 'document check (laptop)');
    await screenshot(s, 'perizinan-check-1366');
    await s.getByTestId('izin-check-submit').click();
    await expect.poll(() => s.getByTestId('izin-staff-detail').getAttribute('data-state')).toBe('returned');
  });

  it('the citizen replaces only that document and sends it again', async () => {
    const p = phone;
    await p.reload();
    await p.getByTestId('izin-fix-panel').waitFor();
    const fix = p.getByTestId('izin-fix-panel');
    expect(await fix.getByTestId('izin-slot').count()).toBe(1);
    expect(await fix.getByTestId('izin-slot').getAttribute('data-key')).toBe('proposal');
    expect(await fix.getByTestId('izin-slot-note').textContent()).toContain('susunan panitia');
    await expectAccessible(p, 'returned application (phone)');
    await screenshot(p, 'perizinan-returned-360');
    const before = await fix.getByTestId('izin-slot-file').textContent();
    await fix.getByTestId('izin-slot-upload').setInputFiles(files.proposal2);
    await expect.poll(() => fix.getByTestId('izin-slot').getAttribute('data-status')).toBe('pending');
    expect(await fix.getByTestId('izin-slot-file').textContent()).not.toBe(before);
    expect(await fix.getByTestId('izin-slot-file').textContent()).toContain('proposal-revisi.pdf');
    await p.getByTestId('izin-resubmit').click();
    await expect.poll(() => p.getByTestId('izin-application').getAttribute('data-state')).toBe('submitted');
  });

  it('the front office accepts, the verifier approves and the signer signs', async () => {
    const s = desk;
    await s.goto(`${server.url}/staf/m/perizinan/permohonan/${applicationId}`);
    await s.getByTestId('izin-check').waitFor();
    await s.getByTestId('izin-check-submit').click();
    await expect.poll(() => s.getByTestId('izin-staff-detail').getAttribute('data-state')).toBe('approval');

    const v = await staff(DEMO_VERIFIER);
    const row = v.locator('[data-testid="izin-inbox-row"]', { hasText: 'Rina Marlina' });
    await row.waitFor();
    await row.getByTestId('izin-inbox-open').click();
    await v.getByTestId('izin-approve').click();
    await expect.poll(() => v.getByTestId('izin-staff-detail').getAttribute('data-state')).toBe('signing');

    const k = await staff(DEMO_SIGNER);
    await k.goto(`${server.url}/staf/m/perizinan/permohonan/${applicationId}`);
    await k.getByTestId('izin-sign').click();
    await expect
      .poll(() => k.getByTestId('izin-staff-detail').getAttribute('data-state'), { timeout: 20_000 })
      .toBe('issued');
    await k.getByTestId('izin-permit-actions').waitFor();
    await expectAccessible(k, 'issued permit (laptop)');
    await screenshot(k, 'perizinan-issued-staff-1366');
  });

  it('the citizen downloads the permit; a stranger checks it and the PDF', async () => {
    const p = phone;
    await p.reload();
    await p.getByTestId('izin-permit').waitFor();
    await expectAccessible(p, 'issued application (phone)');
    await screenshot(p, 'perizinan-issued-360');
    const href = await p.getByTestId('izin-permit-pdf').getAttribute('href');
    const res = await p.request.get(`${server.url}${href}`);
    expect(res.status()).toBe(200);
    permitPdf = Buffer.from(await res.body());
    expect(permitPdf.subarray(0, 5).toString()).toBe('%PDF-');
    const permitFile = path.join(dir, 'izin.pdf');
    writeFileSync(permitFile, permitPdf);

    const view = (await (
      await p.request.get(`${server.url}/api/m/perizinan/applications/${applicationId}`)
    ).json()) as {
      permit: { code: string };
    };
    const link = await p.getByTestId('izin-check-link').getAttribute('href');
    expect(link).toBe(`/cek/${view.permit.code}`);

    const stranger = await open('phone');
    await stranger.goto(`${server.url}/cek/${view.permit.code}`);
    await expect.poll(() => stranger.getByTestId('doc-check').getAttribute('data-state')).toBe('valid');
    expect(await stranger.getByTestId('doc-check-holder').textContent()).toContain('Rina Marlina');
    expect(await stranger.content()).not.toContain('3671016505990007');
    await stranger.getByTestId('doc-check-file').setInputFiles(permitFile);
    await expect
      .poll(() => stranger.getByTestId('doc-check-file-result').getAttribute('data-result'))
      .toBe('same');
    expect(await stranger.getByTestId('doc-check-file-result').textContent()).toContain(
      'Berkas ini sama dengan yang diterbitkan',
    );
    await expectAccessible(stranger, 'document check with file (phone)');
    await screenshot(stranger, 'perizinan-check-360');
    await stranger.getByTestId('doc-check-file').setInputFiles(files.other);
    await expect
      .poll(() => stranger.getByTestId('doc-check-file-result').getAttribute('data-result'))
      .toBe('different');
    expect(errors).toEqual([]);
  });
});
