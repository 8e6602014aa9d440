import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../api/core/demo/seed';
import { DEMO_DISNAKER, DEMO_EMPLOYER } from '../api/modules/siap-kerja/demo';
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

/**
 * The Siap Kerja journey across three people: a job seeker on a 360 px phone fills the profile and
 * requests the AK/1 card, Disnaker issues it, an employer posts a vacancy, Disnaker verifies it,
 * the seeker finds it first in "Cocok untukmu", applies, the employer moves the application to
 * wawancara, and the seeker sees it. Every wait is on a condition on the page.
 */
describe('Siap Kerja: seeker (phone), Disnaker and employer (laptop)', () => {
  let server: E2EServer;
  let browser: Browser;
  let seeker: TestAccount;
  let seekerPage: Page;
  let staffPage: Page;
  let employerPage: Page;
  const errors: string[] = [];
  const TITLE = `Operator Forklift Shift Pagi ${Date.now() % 10_000}`;

  const open = async (size: 'phone' | 'laptop') => {
    const page = await openPage(browser, size);
    page.on('pageerror', (err) => errors.push(err.message));
    return page;
  };

  beforeAll(async () => {
    server = await startServer({ basemap: 'none' });
    browser = await launchBrowser();
    seeker = await createAccount(server, demoRegion(server), ['citizen']);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the seeker fills the profile on a phone and requests the AK/1 card', async () => {
    seekerPage = await open('phone');
    const p = seekerPage;
    await p.goto(`${server.url}/masuk`);
    await fillSignIn(p, seeker.email, TEST_PASSWORD);
    await p.waitForURL((u) => !u.pathname.startsWith('/masuk'));
    await p.goto(`${server.url}/layanan/siap-kerja/profil`);
    await p.getByTestId('sk-profile-form').waitFor();
    await p.getByTestId('sk-nik').fill('3671016505990007');
    await p.getByTestId('sk-name').fill('Ayu Lestari');
    await p.getByTestId('sk-birth-place').fill('Tangerang');
    await p.getByTestId('sk-birth-date').fill('1999-05-25');
    await p.getByTestId('sk-sex').selectOption('P');
    await p.getByTestId('sk-religion').selectOption('islam');
    await p.getByTestId('sk-address').fill('Jl. Melati No. 3, RT 02/RW 05');
    await expect.poll(() => p.getByTestId('sk-kecamatan').locator('option').count()).toBeGreaterThan(10);
    await p.getByTestId('sk-kecamatan').selectOption('36.71.01');
    await p.getByTestId('sk-education').selectOption('sma');
    await p.getByTestId('sk-skills').fill('Forklift, stok barang, gudang');
    await screenshot(p, 'siap-kerja-profile-360');
    await p.getByTestId('sk-save-profile').click();
    // Saved: back on the list, now ranked for her.
    await p.getByTestId('sk-home').waitFor();
    await expect.poll(() => p.getByTestId('sk-tab-match').getAttribute('aria-selected')).toBe('true');

    await p.getByTestId('sk-link-ak1').click();
    await p.getByTestId('sk-ak1-request').click();
    await expect.poll(() => p.getByTestId('sk-ak1-card').getAttribute('data-status')).toBe('diajukan');
    await expectAccessible(p, 'AK/1 page (phone)');
  });

  it('Disnaker issues the AK/1, and its public check page says it is valid', async () => {
    staffPage = await open('laptop');
    const s = staffPage;
    await s.goto(`${server.url}/staf/m/siap-kerja`);
    await fillSignIn(s, DEMO_DISNAKER, DEMO_PASSWORD);
    const row = s.locator('[data-testid="sk-ak1-row"]', { hasText: 'Ayu Lestari' });
    await row.waitFor();
    await row.getByTestId('sk-ak1-approve').click();
    await expect.poll(() => row.count()).toBe(0);

    const p = seekerPage;
    await p.reload();
    await expect.poll(() => p.getByTestId('sk-ak1-card').getAttribute('data-status')).toBe('terbit');
    expect(await p.getByTestId('sk-ak1-card').textContent()).toMatch(/AK1\/36\.71\/\d{4}\/\d{6}/);
    await screenshot(p, 'siap-kerja-ak1-360');
    const href = await p.getByRole('link', { name: 'Halaman cek keaslian' }).getAttribute('href');
    const check = await open('phone');
    await check.goto(`${server.url}${href}`);
    await expect.poll(() => check.getByTestId('doc-check').getAttribute('data-state')).toBe('valid');
    expect(await check.getByTestId('doc-check-holder').textContent()).toBe('Ayu Lestari');
    expect(await check.content()).not.toContain('3671016505990007');
    await expectAccessible(check, 'document check (phone)');
    await screenshot(check, 'siap-kerja-check-360');
  });

  it('the employer posts a vacancy and Disnaker verifies it', async () => {
    employerPage = await open('laptop');
    const e = employerPage;
    await e.goto(`${server.url}/masuk`);
    await fillSignIn(e, DEMO_EMPLOYER, DEMO_PASSWORD);
    await e.waitForURL((u) => !u.pathname.startsWith('/masuk'));
    await e.goto(`${server.url}/layanan/siap-kerja/perusahaan`);
    await e.getByTestId('sk-add-vacancy').click();
    await e.getByTestId('sk-v-title').fill(TITLE);
    await e.getByTestId('sk-v-position').fill('Operator forklift');
    await e.getByTestId('sk-v-count').fill('4');
    await e.getByTestId('sk-v-description').fill('Mengoperasikan forklift di gudang, shift pagi.');
    await e.getByTestId('sk-v-education').selectOption('sma');
    await e.getByTestId('sk-v-skills').fill('forklift, stok barang');
    await e.getByTestId('sk-v-wage-min').fill('4900000');
    await e.getByTestId('sk-v-wage-max').fill('5400000');
    await expect.poll(() => e.getByTestId('sk-v-kecamatan').locator('option').count()).toBeGreaterThan(10);
    await e.getByTestId('sk-v-kecamatan').selectOption('36.71.01');
    await e.getByTestId('sk-v-location').fill('Gudang Cikokol');
    await e.getByTestId('sk-v-submit').click();
    const mine = e.locator('[data-testid="sk-my-vacancy"]', { hasText: TITLE });
    await expect.poll(() => mine.getAttribute('data-status')).toBe('menunggu');

    const s = staffPage;
    await s.getByTestId('sk-tab-vacancies').click();
    const row = s.locator('[data-testid="sk-vacancy-row"]', { hasText: TITLE });
    await row.waitFor();
    await screenshot(s, 'siap-kerja-staff-vacancies-1366');
    await row.getByTestId('sk-vacancy-publish').click();
    await expect.poll(() => row.count()).toBe(0);
    await e.reload();
    await expect.poll(() => mine.getAttribute('data-status')).toBe('terbuka');
  });

  it('the seeker finds it first in "Cocok untukmu" and applies with one tap', async () => {
    const p = seekerPage;
    await p.goto(`${server.url}/layanan/siap-kerja`);
    await expect.poll(() => p.getByTestId('sk-tab-match').getAttribute('aria-selected')).toBe('true');
    const first = p.getByTestId('sk-vacancy').first();
    await expect.poll(() => first.textContent()).toContain(TITLE);
    expect(await first.getByTestId('sk-match').textContent()).toContain('Skor 100');
    await expectAccessible(p, 'vacancy list (phone)');
    await screenshot(p, 'siap-kerja-cocok-360');
    await first.locator('a').first().click();
    await p.getByTestId('sk-vacancy-detail').waitFor();
    // Search engines get the JobPosting.
    const ld = JSON.parse((await p.locator('script[type="application/ld+json"]').textContent()) ?? '{}');
    expect(ld['@type']).toBe('JobPosting');
    await p.getByTestId('sk-apply').click();
    await p.getByTestId('sk-applied').waitFor();
  });

  it('the employer moves the application to wawancara, and the seeker sees it', async () => {
    const e = employerPage;
    await e.goto(`${server.url}/layanan/siap-kerja/perusahaan`);
    await e.locator('[data-testid="sk-my-vacancy"]', { hasText: TITLE }).locator('a').click();
    const applicant = e.locator('[data-testid="sk-applicant"]', { hasText: 'Ayu Lestari' });
    await applicant.waitFor();
    // Only what the application shares: no NIK, no street address.
    const text = (await applicant.textContent()) ?? '';
    expect(text).not.toContain('3671016505990007');
    expect(text).not.toContain('Melati');
    await applicant.getByTestId('sk-interview-at').fill('2030-01-15T09:00');
    await applicant.getByTestId('sk-move-wawancara').click();
    await expect.poll(() => applicant.getAttribute('data-status')).toBe('wawancara');
    await screenshot(e, 'siap-kerja-applicants-1366');

    const p = seekerPage;
    await p.goto(`${server.url}/layanan/siap-kerja/lamaran`);
    const mine = p.locator('[data-testid="sk-application"]', { hasText: TITLE });
    await expect.poll(() => mine.getAttribute('data-status')).toBe('wawancara');
    expect(await mine.getByTestId('sk-application-status').textContent()).toBe('Wawancara');
    await screenshot(p, 'siap-kerja-applications-360');
    expect(errors).toEqual([]);
  });
});
