import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inRegion } from '../api/core/db/scope';
import { DEMO_PASSWORD } from '../api/core/demo/seed';
import { notify } from '../api/core/notifications/notify';
import { startPushService } from '../test/support/push-service';
import {
  apiSession,
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

const CITIZEN = '081234567890';

/**
 * A notification reaching a closed app. Chromium here cannot reach a real push service, so the
 * journey is cut where the network would be: the server encrypts and hands the message to a push
 * service on loopback, which decrypts it (RFC 8291); the decrypted message is then delivered to the
 * phone's service worker through the DevTools protocol, as the browser's push service would. The
 * worker shows the notification; its link opens the page; the bell and the inbox count it.
 */
describe('notifications on the phone', () => {
  let server: E2EServer;
  let push: Awaited<ReturnType<typeof startPushService>>;
  let browser: Browser;
  let page: Page;
  let regionId: string;

  beforeAll(async () => {
    push = await startPushService();
    server = await startServer({ env: { PUSH_EXTRA_ORIGINS: push.origin } });
    browser = await launchBrowser();
    page = await openPage(browser, 'phone', { serviceWorker: true });
    await page.context().grantPermissions(['notifications'], { origin: server.url });
    regionId = server.app.simpul.directory.getByCode('36.71')!.id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await push?.close();
  });

  it('a pushed LAKSA update shows as a notification, opens the ticket, and waits in the inbox', async () => {
    await page.goto(`${server.url}/masuk`);
    await fillSignIn(page, CITIZEN, DEMO_PASSWORD);
    await page.getByTestId('home-greeting').waitFor();
    // The service worker that will receive the push is installed and in control.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));

    // The citizen's phone, as the push service knows it, follows their reports.
    const device = push.device('citizen-phone');
    const fetchAs = await apiSession(server.url, CITIZEN, DEMO_PASSWORD);
    const sub = await fetchAs('POST', '/api/notifications/devices', {
      subscription: device.subscription,
      topics: ['laksa.my-reports'],
    });
    expect(sub.status).toBe(200);
    const { me } = (await (await fetchAs('GET', '/api/auth/session')).json()) as {
      me: { user: { id: string } };
    };

    // Start from a read inbox (the demo citizen has older updates about their demo reports).
    expect((await fetchAs('POST', '/api/notifications/read', { all: true })).status).toBe(200);
    await inRegion(server.database, { regionId }, (tx) =>
      notify(tx, regionId, {
        topic: 'laksa.my-reports',
        title: { id: 'Laporan LKS-UJI: Selesai', en: 'Report LKS-UJI: Resolved' },
        body: { id: 'Jalan sudah diperbaiki.', en: 'The road has been repaired.' },
        url: '/notifikasi',
        to: { users: [me.user.id] },
      }),
    );
    // The delivery worker wakes on the database NOTIFY: no call from the test.
    const ours = () => device.received.find((m) => m.payload.title === 'Laporan LKS-UJI: Selesai');
    await expect.poll(() => ours(), { timeout: 20_000 }).toBeTruthy();
    expect(push.errors).toEqual([]);
    const message = ours()!.payload;
    expect(message).toMatchObject({ body: 'Jalan sudah diperbaiki.', url: '/notifikasi' });

    // Hand the decrypted message to the service worker, as the browser's push service would.
    await deliverPush(page, server.url, message);
    const shown = () => shownNotifications(page);
    await expect
      .poll(shown)
      .toEqual([{ title: 'Laporan LKS-UJI: Selesai', body: 'Jalan sudah diperbaiki.', url: '/notifikasi' }]);

    // The bell counts it; the link opens the inbox, where it is listed unread; opening reads it.
    await page.reload();
    await expect.poll(() => page.getByTestId('notif-count').textContent()).toBe('1');
    await page.goto(`${server.url}${(await shown())[0]!.url}`);
    const item = page.getByTestId('notif-list').getByRole('button', { name: /LKS-UJI/ });
    await item.waitFor();
    await screenshot(page, 'notifications-inbox-phone');
    await expectAccessible(page, 'notifications page (signed in)');
    await item.click();
    await expect.poll(() => page.getByTestId('notif-count').count()).toBe(0);

    // The device's topics are listed with the personal one switched on.
    await expect.poll(() => page.getByTestId('notif-topic-laksa.my-reports').isVisible()).toBe(true);
    await screenshot(page, 'notifications-settings-phone');
  });
});
