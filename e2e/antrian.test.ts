import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../api/core/demo/seed';
import { DEMO_CLERK_MPP, DEMO_KIOSK_KEY } from '../api/modules/antrian/demo';
import { createAccount, demoRegion, TEST_PASSWORD, type TestAccount } from '../test/support/app';
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

declare global {
  interface Window {
    __antrianSpoken?: string[];
    __utterances?: { text: string; lang: string }[];
  }
}

/**
 * Headless Chromium has no speech voices: this gives the TV one Indonesian voice and records every
 * utterance (text and language) the page asks the browser to speak, ending each at once.
 */
const fakeIndonesianVoice = () => {
  const voice = { name: 'Uji (id-ID)', lang: 'id-ID', default: true, localService: true, voiceURI: 'uji' };
  window.__utterances = [];
  // A real SpeechSynthesisVoice cannot be constructed: let utterances take the stand-in.
  const held = new WeakMap<object, unknown>();
  Object.defineProperty(SpeechSynthesisUtterance.prototype, 'voice', {
    configurable: true,
    get() {
      return held.get(this) ?? null;
    },
    set(v: unknown) {
      held.set(this, v);
    },
  });
  const synth = window.speechSynthesis;
  synth.getVoices = () => [voice as SpeechSynthesisVoice];
  synth.speak = (u: SpeechSynthesisUtterance) => {
    if (u.text.trim()) window.__utterances!.push({ text: u.text, lang: u.lang });
    setTimeout(() => u.onend?.(new Event('end') as SpeechSynthesisEvent), 10);
  };
};

/**
 * The Antrian journey at the MPP: a kiosk issues a walk-in ticket; a citizen books a slot on a
 * phone and checks in at the kiosk with the booking code; the clerk opens Loket 1 and calls next
 * with the keyboard — the checked-in booking comes first — the TV shows the call and speaks it in
 * Indonesian; the citizen's phone says "dipanggil"; the clerk serves and finishes; the citizen rates.
 */
describe('Antrian: kiosk, citizen booking and check-in, clerk, speaking TV, rating', () => {
  let server: E2EServer;
  let browser: Browser;
  let citizen: TestAccount;
  let tv: Page;
  let kiosk: Page;
  let phone: Page;
  let desk: Page;
  let ticketUrl = '';
  let bookedNumber = '';
  const errors: string[] = [];

  /**
   * The first slot with places that starts at least two minutes from now, asked of the server:
   * today's, or tomorrow's first once today's last has passed (any hour of CI, any slot length).
   */
  const nextSlot = async () => {
    const wibDay = (hoursAhead: number) =>
      new Date(Date.now() + (7 + hoursAhead) * 3_600_000).toISOString().slice(0, 10);
    const soon = new Date(Date.now() + (7 * 60 + 2) * 60_000).toISOString();
    for (const day of [wibDay(0), wibDay(24)]) {
      const res = await fetch(`${server.url}/api/m/antrian/units/mpp/slots?service=kependudukan&date=${day}`);
      expect(res.status, await res.clone().text()).toBe(200);
      const slots = (await res.json()) as { start: string; left: number }[];
      const free = slots.find((s) => s.left > 0 && `${day}T${s.start}` >= soon.slice(0, 16));
      if (free) return { day, start: free.start };
    }
    throw new Error('no bookable slot today or tomorrow');
  };

  const open = async (size: 'phone' | 'laptop' | 'wall') => {
    const page = await openPage(browser, size);
    page.on('pageerror', (err) => errors.push(err.message));
    return page;
  };

  beforeAll(async () => {
    server = await startServer({ basemap: 'none' });
    browser = await launchBrowser();
    citizen = await createAccount(server, demoRegion(server), ['citizen']);
    // The demo MPP keeps office hours; the journey must run at any hour of CI.
    const admin = await apiSession(server.url, 'admin@tangerangkota.demo.simpul.id', DEMO_PASSWORD);
    const units = (await (await admin('GET', '/api/m/antrian/admin/units')).json()) as {
      code: string;
      name: string;
      address: string;
      kind: string;
      opdCode: string | null;
      orderRule: string;
      notifyAhead: number;
    }[];
    const mpp = units.find((u) => u.code === 'mpp')!;
    const res = await admin('PUT', '/api/m/antrian/admin/units/mpp', {
      code: 'mpp',
      name: mpp.name,
      address: mpp.address,
      kind: mpp.kind,
      opdCode: mpp.opdCode,
      orderRule: mpp.orderRule,
      notifyAhead: mpp.notifyAhead,
      hours: Array.from({ length: 7 }, () => ({ open: '00:00', close: '23:59' })),
      openOnHolidays: true,
    });
    expect(res.status, await res.text()).toBe(200);
    // Near midnight the next slot is tomorrow's first: let check-in open two hours ahead.
    const early = await admin('PUT', '/api/admin/modules/antrian', {
      enabled: true,
      settings: { checkInEarlyMinutes: 120 },
    });
    expect(early.status, await early.text()).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the TV shows the unit and unlocks its sound once; the fallback clips are served', async () => {
    tv = await open('wall');
    await tv.addInitScript(fakeIndonesianVoice);
    await tv.goto(`${server.url}/layar/antrian/tv/mpp`);
    await tv.getByTestId('antrian-tv').waitFor();
    await tv.getByTestId('antrian-sound').click();
    await expectAccessible(tv, 'TV display');
    const clip = await fetch(`${server.url}/antrian/voice/nomor-antrean.ogg`);
    expect(clip.status).toBe(200);
    expect((await clip.arrayBuffer()).byteLength).toBeGreaterThan(500);
  });

  it('a kiosk issues a walk-in ticket with a QR to follow it', async () => {
    kiosk = await open('laptop');
    await kiosk.goto(`${server.url}/layar/antrian/kiosk/mpp?key=${DEMO_KIOSK_KEY}`);
    // The key is kept by the kiosk and leaves the address bar.
    await kiosk.locator('[data-testid="antrian-kiosk-service"][data-code="kependudukan"]').click();
    expect(new URL(kiosk.url()).search).toBe('');
    await kiosk.getByTestId('antrian-kiosk-take').click();
    await expect.poll(() => kiosk.getByTestId('antrian-kiosk-number').textContent()).toMatch(/^A\d{3}$/);
    await kiosk.getByTestId('antrian-qr').first().waitFor();
    await expectAccessible(kiosk, 'kiosk ticket');
    await screenshot(kiosk, 'antrian-kiosk-ticket');
  });

  it('the citizen books a slot on the phone and gets a code and a QR', async () => {
    phone = await open('phone');
    await phone.goto(`${server.url}/masuk`);
    await fillSignIn(phone, citizen.email, TEST_PASSWORD);
    await phone.waitForURL((u) => !u.pathname.startsWith('/masuk'));
    await phone.goto(`${server.url}/layanan/antrian`);
    await phone.locator('[data-testid="antrian-unit"][data-code="mpp"] a').click();
    await phone.locator('[data-testid="antrian-service"][data-code="kependudukan"] a').click();
    await phone.getByTestId('antrian-service-detail').waitFor();
    await expectAccessible(phone, 'service standard and actions (phone)');
    await phone.getByTestId('antrian-book').click();
    const { day, start } = await nextSlot();
    await phone.getByTestId('antrian-book-date').fill(day);
    await phone.locator('[data-testid="antrian-slot"]:not([disabled])', { hasText: start }).click();
    await phone.getByTestId('antrian-book-submit').click();
    const code = (await phone.getByTestId('antrian-booking-code').textContent())!.trim();
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    ticketUrl = phone.url();
    await expectAccessible(phone, 'booking (phone)');
    await screenshot(phone, 'antrian-booking-360');

    // At the MPP: "Saya sudah booking" on the kiosk, the code typed as a scanner would.
    await kiosk.goto(`${server.url}/layar/antrian/kiosk/mpp`);
    await kiosk.getByTestId('antrian-kiosk-booked').click();
    await kiosk.getByTestId('antrian-kiosk-code').fill(code);
    await kiosk.getByTestId('antrian-kiosk-checkin').click();
    await expect.poll(() => kiosk.getByTestId('antrian-kiosk-number').textContent()).toMatch(/^A\d{3}$/);
    bookedNumber = (await kiosk.getByTestId('antrian-kiosk-number').textContent())!.trim();
  });

  it('the clerk calls next with the keyboard: the booking first, shown and spoken on the TV, "dipanggil" on the phone', async () => {
    desk = await open('laptop');
    await desk.goto(`${server.url}/staf/m/antrian`);
    await fillSignIn(desk, DEMO_CLERK_MPP, DEMO_PASSWORD);
    await desk.getByTestId('antrian-desk-counters').waitFor();
    await desk.getByTestId('antrian-open-counter').first().click();
    await desk.getByTestId('antrian-call-next').waitFor();
    await phone.goto(ticketUrl);
    await phone.getByTestId('antrian-ticket-status').waitFor();
    await desk.keyboard.press('n');
    await expect.poll(() => desk.getByTestId('antrian-desk-current').textContent()).toContain(bookedNumber);
    await expectAccessible(desk, 'clerk desk');
    await screenshot(desk, 'antrian-desk-1366');

    await expect
      .poll(() => tv.getByTestId('antrian-current').textContent(), { timeout: 10_000 })
      .toContain(bookedNumber);
    await expect
      .poll(() => tv.evaluate(() => window.__utterances?.map((u) => `${u.lang}|${u.text}`) ?? []), {
        timeout: 15_000,
      })
      .toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^id-ID\|Nomor antrean A .+, silakan ke loket satu$/i),
        ]),
      );
    await screenshot(tv, 'antrian-tv-1920');

    await expect
      .poll(() => phone.getByTestId('antrian-ticket-status').textContent(), { timeout: 10_000 })
      .toMatch(/dipanggil/i);
    expect(await phone.getByTestId('antrian-ticket-status').textContent()).toContain('Loket 1');
    await screenshot(phone, 'antrian-called-360');
  });

  it('the clerk serves and finishes; the citizen rates with one tap', async () => {
    await desk.keyboard.press('s');
    await expect.poll(() => desk.getByTestId('antrian-desk-current').textContent()).toMatch(/dilayani/i);
    await desk.keyboard.press('f');
    await expect
      .poll(() => desk.getByTestId('antrian-desk-current').textContent())
      .not.toContain(bookedNumber);

    await desk.getByTestId('antrian-call-next').waitFor();
    await phone.getByTestId('antrian-rate-4').click({ timeout: 10_000 });
    await phone.getByTestId('antrian-rated').waitFor();
    await expectAccessible(phone, 'rated ticket (phone)');
    expect(errors).toEqual([]);
  });
});
