import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../api/core/demo/seed';
import { DEMO_EDITOR, DEMO_WRITER } from '../api/modules/info-kota/demo';
import { startPushService } from '../test/support/push-service';
import {
  deliverPush,
  type E2EServer,
  expectAccessible,
  fillSignIn,
  launchBrowser,
  openPage,
  screenshot,
  shownNotifications,
  startServer,
} from './support';

const TITLE = 'Uji Jalur Sepeda Baru di Jalan Sudirman';
const SENTENCE = 'Jalur sepeda sepanjang dua kilometer dibuka untuk warga mulai pekan depan.';

describe('Info Kota: an OPD writer drafts, the Diskominfo editor publishes, a citizen reads it on a phone', () => {
  let server: E2EServer;
  let browser: Browser;
  let push: Awaited<ReturnType<typeof startPushService>>;
  let phone: ReturnType<Awaited<ReturnType<typeof startPushService>>['device']>;
  const errors: string[] = [];
  const watch = (page: Page) => page.on('pageerror', (err) => errors.push(err.message));

  beforeAll(async () => {
    push = await startPushService();
    server = await startServer({ basemap: 'none', env: { PUSH_EXTRA_ORIGINS: push.origin } });
    browser = await launchBrowser();
    // A citizen's phone follows the news (no account needed): what the push service knows of it.
    phone = push.device('citizen-phone');
    const sub = await fetch(`${server.url}/api/notifications/devices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ subscription: phone.subscription, topics: ['info-kota.news'] }),
    });
    expect(sub.status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await push?.close();
  });

  it('the Dishub writer drafts an article in the editor and sends it to the editors', async () => {
    const page = await openPage(browser, 'laptop');
    watch(page);
    await page.goto(`${server.url}/staf/m/info-kota/tulis`);
    await fillSignIn(page, DEMO_WRITER, DEMO_PASSWORD);
    await page.getByTestId('ik-title').fill(TITLE);
    await page.getByTestId('ik-summary').fill('Dishub membuka jalur sepeda baru.');
    // The rich-text editor arrives in its own chunk; type into it with the keyboard.
    const editor = page.getByTestId('ik-rte');
    await editor.click();
    await page.keyboard.type(SENTENCE);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('Gratis untuk semua warga.');
    await expect.poll(() => page.getByTestId('ik-tool-bold').getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('ik-category').selectOption('lingkungan');
    await page.getByTestId('ik-save').click();
    // Saved: the page becomes the article's own, with its state and history.
    await page.waitForURL(/\/staf\/m\/info-kota\/berita\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId('ik-editor-state').textContent()).toContain('Draf');
    await expect(page.getByTestId('ik-publish').count()).resolves.toBe(0);
    await expectAccessible(page, 'Info Kota editor (writer)');
    await screenshot(page, 'info-kota-editor-writer');
    await page.getByTestId('ik-submit').click();
    await expect.poll(() => page.getByTestId('ik-editor-state').textContent()).toContain('Menunggu tinjauan');
    await expect.poll(() => page.getByTestId('ik-revisions').textContent()).toContain('mengajukan');
    await page.context().close();
  });

  it('the Diskominfo editor finds it in the review queue and publishes it', async () => {
    const page = await openPage(browser, 'laptop');
    watch(page);
    await page.goto(`${server.url}/staf/m/info-kota`);
    await fillSignIn(page, DEMO_EDITOR, DEMO_PASSWORD);
    const row = page.getByTestId('ik-queue-row').filter({ hasText: TITLE });
    await row.waitFor();
    await expectAccessible(page, 'Info Kota editorial queue');
    await screenshot(page, 'info-kota-queue');
    await row.getByRole('link', { name: TITLE }).click();
    await page.getByTestId('ik-publish').click();
    await expect.poll(() => page.getByTestId('ik-editor-state').textContent()).toContain('Terbit');
    await page.getByTestId('ik-view-public').waitFor();
    await page.context().close();
  });

  it('a citizen whose phone follows the news gets a notification, and its tap opens the article', async () => {
    // The server encrypted it for the phone and handed it to the push service (decrypted there).
    const ours = () => phone.received.find((m) => m.payload.title === TITLE);
    await expect.poll(() => ours(), { timeout: 20_000 }).toBeTruthy();
    expect(push.errors).toEqual([]);
    const message = ours()!.payload;
    expect(message).toMatchObject({
      topic: 'info-kota.news',
      url: '/layanan/info-kota/berita/uji-jalur-sepeda-baru-di-jalan-sudirman',
    });

    // The browser's push service would now wake the phone's service worker: do that over CDP.
    const page = await openPage(browser, 'phone', { serviceWorker: true });
    watch(page);
    await page.context().grantPermissions(['notifications'], { origin: server.url });
    await page.goto(`${server.url}/`);
    await deliverPush(page, server.url, message);
    const shown = async () => (await shownNotifications(page)).map(({ title, url }) => ({ title, url }));
    await expect.poll(shown).toEqual([{ title: TITLE, url: message.url }]);
    // Tapping it opens its link: the article.
    await page.goto(`${server.url}${(await shown())[0]!.url}`);
    await expect(page.getByTestId('ik-article-body').textContent()).resolves.toContain(SENTENCE);
    await page.context().close();
  });

  it('a citizen on a phone sees it in the feed and opens it', async () => {
    const page = await openPage(browser, 'phone');
    watch(page);
    await page.goto(`${server.url}/`);
    // The home lists the latest news under the services.
    await page.getByTestId('ik-home-latest').getByText(TITLE).waitFor();
    await page.goto(`${server.url}/layanan/info-kota`);
    const card = page.getByTestId('ik-article-card').filter({ hasText: TITLE });
    await card.waitFor();
    await expectAccessible(page, 'Info Kota feed (phone)');
    // The category chips scroll inside the page; the page itself never scrolls sideways at 360 px.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await card.getByRole('link').click();
    const body = page.getByTestId('ik-article-body');
    await body.waitFor();
    await expect(body.textContent()).resolves.toContain(SENTENCE);
    await expect(body.locator('strong').textContent()).resolves.toBe('Gratis untuk semua warga.');
    expect(page.url()).toMatch(/\/layanan\/info-kota\/berita\/uji-jalur-sepeda-baru-di-jalan-sudirman$/);
    // The page carries the article's NewsArticle JSON-LD.
    const ld = await page.locator('script[type="application/ld+json"]').textContent();
    expect(JSON.parse(ld ?? '{}')).toMatchObject({ '@type': 'NewsArticle', headline: TITLE });
    await expectAccessible(page, 'Info Kota article (phone)');
    await screenshot(page, 'info-kota-article-phone');

    // A shared link shows a preview: the server puts the article's Open Graph tags in the HTML.
    const html = await (await fetch(page.url(), { headers: { accept: 'text/html' } })).text();
    expect(html).toContain(`<meta property="og:title" content="${TITLE}" />`);
    expect(html).toContain('<meta property="og:type" content="article" />');
    expect(html).toContain(`<title>${TITLE}</title>`);

    // The demo's urgent flood warning is on top of the home and in the announcements; the agenda lists events.
    await page.goto(`${server.url}/`);
    await page.getByTestId('ik-home-urgent').waitFor();
    await expectAccessible(page, 'home with the urgent announcement (phone)');
    await page.goto(`${server.url}/layanan/info-kota/pengumuman`);
    await page.getByTestId('ik-announcement').first().waitFor();
    await expectAccessible(page, 'Info Kota announcements (phone)');
    await page.goto(`${server.url}/layanan/info-kota/agenda`);
    await page.getByTestId('ik-event').first().waitFor();
    await expectAccessible(page, 'Info Kota agenda (phone)');
    expect(errors).toEqual([]);
  });

  it('paints the home once on a first visit: the urgent strip never pushes the services down', async () => {
    const phone = await openPage(browser, 'phone');
    watch(phone);
    // Every layout shift of the page (CLS, as Lighthouse counts it: none follows an input here).
    await phone.addInitScript(() => {
      const w = window as unknown as { __shift: number };
      w.__shift = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[])
          if (!e.hadRecentInput) w.__shift += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await phone.goto(`${server.url}/`);
    await phone.getByTestId('ik-home-urgent').waitFor();
    await phone.getByTestId('ik-home-latest').waitFor();
    await phone.getByTestId('home-services').waitFor();
    // Shifts are reported once their frame is drawn: let two frames pass.
    await phone.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect(await phone.evaluate(() => (window as unknown as { __shift: number }).__shift)).toBeLessThan(0.01);
    await phone.close();
  });

  it('has every string of its screens in both languages, and its desk tables fit a 1366 px laptop', async () => {
    const missing = (page: Page) => page.evaluate(() => [...(window.__simpulMissingKeys ?? [])]);
    for (const lang of ['id', 'en'] as const) {
      const phone = await openPage(browser, 'phone');
      watch(phone);
      await phone.addInitScript((l) => localStorage.setItem('simpul.lang', l), lang);
      for (const [path, ready] of [
        ['/', 'ik-home-latest'],
        ['/layanan/info-kota', 'ik-article-card'],
        ['/layanan/info-kota/pengumuman', 'ik-announcement'],
        ['/layanan/info-kota/agenda', 'ik-event'],
      ] as const) {
        await phone.goto(`${server.url}${path}`);
        await phone.getByTestId(ready).first().waitFor();
      }
      await phone.getByTestId('ik-tab-news').click();
      await phone.getByTestId('ik-article-card').first().getByRole('link').click();
      await phone.getByTestId('ik-article-body').waitFor();
      expect(await missing(phone), `citizen screens (${lang})`).toEqual([]);
      await phone.context().close();

      const laptop = await openPage(browser, 'laptop');
      watch(laptop);
      await laptop.addInitScript((l) => localStorage.setItem('simpul.lang', l), lang);
      await laptop.goto(`${server.url}/staf/m/info-kota`);
      await fillSignIn(laptop, DEMO_EDITOR, DEMO_PASSWORD);
      await laptop.getByTestId('ik-queue-all').click();
      const table = laptop.getByTestId('ik-queue-row').first();
      await table.waitFor();
      const fit = await laptop
        .locator('.ik-desk .table-wrap')
        .first()
        .evaluate((w) => w.scrollWidth - w.clientWidth);
      expect(fit).toBeLessThanOrEqual(1);
      await table.getByRole('link').first().click();
      await laptop.getByTestId('ik-revisions').waitFor();
      for (const [tab, ready] of [
        ['ik-desk-tab-announcements', 'ik-ann-row'],
        ['ik-desk-tab-agenda', 'ik-ev-row'],
        ['ik-desk-tab-new', 'ik-rte'],
      ] as const) {
        await laptop.getByTestId(tab).click();
        await laptop.getByTestId(ready).first().waitFor();
      }
      if (lang === 'id') await expectAccessible(laptop, 'Info Kota new article (editor)');
      expect(await missing(laptop), `desk screens (${lang})`).toEqual([]);
      await laptop.context().close();
    }
    expect(errors).toEqual([]);
  });
});
