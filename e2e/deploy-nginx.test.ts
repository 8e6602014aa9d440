/**
 * Simpul as a Pemda runs it: deploy/nginx/simpul.conf (HTTPS, HTTP/2, a self-signed certificate)
 * in front of TWO production API processes (`node --import tsx api/main.ts`, NODE_ENV=production,
 * as deploy/systemd/simpul@.service starts them) on the real PostgreSQL. The test renders two
 * extra "pinned" server blocks (test/support/nginx.ts) so a journey can choose its process:
 * 1. the mayor's LIVE Room wall streams from process 2; a citizen files a LAKSA report in the
 *    browser through process 1; the wall shows it within a second (LISTEN/NOTIFY across processes);
 * 2. process 1 is killed with SIGKILL; nginx's balanced block fails over to process 2 (no 502),
 *    the first report is still there, and a report filed after the kill appears on the wall.
 * nginx's access log (format `simpul`, with $upstream_addr) proves which process answered.
 */
import { type ChildProcess, execSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Browser, type BrowserContext, type Page, request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../api/core/db/client';
import { migrateDatabase } from '../api/core/db/migrate';
import { DEMO_PASSWORD, seedDemo } from '../api/core/demo/seed';
import { LocalFileStore } from '../api/core/files/store';
import { findNginx, freePort, type RenderedNginx, renderNginx, startNginx } from '../test/support/nginx';
import { fillSignIn, launchBrowser, screenshot } from './support';

const root = path.resolve(import.meta.dirname, '..');
const pgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const CITIZEN = '081234567890';
/** Inside Kota Tangerang, near Jl. Daan Mogot (as in laksa-citizen.test.ts). */
const HERE = { latitude: -6.1783, longitude: 106.6319 };

const pgUp = await new Promise<boolean>((resolve) => {
  const u = new URL(pgUrl);
  const s = net.connect({ host: u.hostname, port: Number(u.port || 5432) });
  s.setTimeout(1000);
  s.once('connect', () => resolve(s.destroy() === s));
  s.once('error', () => resolve(false));
  s.once('timeout', () => resolve(s.destroy() !== s));
});
const nginxBin = findNginx();
// In CI nothing may be skipped (.ci/run installs nginx-light and starts PostgreSQL).
if (process.env.CI === 'true' && (!nginxBin || !pgUp))
  throw new Error(`e2e/deploy-nginx needs ${nginxBin ? `PostgreSQL at ${pgUrl}` : 'nginx'} in CI`);
if (!nginxBin)
  console.log(
    'SKIPPED: nginx in front of two API processes (no nginx; apt-get install -y --no-install-recommends nginx-light)',
  );
else if (!pgUp)
  console.log(
    `SKIPPED: nginx in front of two API processes (no PostgreSQL at ${pgUrl}; set TEST_DATABASE_URL)`,
  );

function withDatabase(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** One production API process; resolves once it prints its banner (after migrating). */
function startApi(name: string, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/main.ts'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.on('data', (d: Buffer) => process.stderr.write(`[${name}] ${d}`));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 90 s`)), 90_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Simpul berjalan di')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code ?? signal}) before listening:\n${out}`));
    });
  });
}

describe.runIf(nginxBin && pgUp)('nginx in front of two API processes on PostgreSQL (Chromium)', () => {
  const dbName = `simpul_e2e_nginx_${process.pid}_${Date.now().toString(36)}`;
  const dbUrl = withDatabase(pgUrl, dbName);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'simpul-e2e-nginx-'));
  const apis: ChildProcess[] = [];
  let apiPorts: number[] = [];
  let proxy: RenderedNginx;
  let nginx: ChildProcess | undefined;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const origin = (port: number) => `https://127.0.0.1:${port}`;

  beforeAll(async () => {
    execSync('node scripts/ensure-web.mjs', { cwd: root, stdio: 'inherit' });
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`create database ${dbName}`).finally(() => admin.end());
    // Production never seeds the demo on its own (api/main.ts): do it once, as `demo seed` would.
    const database = await openDatabase({ databaseUrl: dbUrl, poolSize: 2 });
    await migrateDatabase(database);
    await seedDemo(database, undefined, new LocalFileStore(path.join(dataDir, 'files')));
    await database.close();

    apiPorts = [await freePort(), await freePort()];
    proxy = await renderNginx({ apiPorts, pinned: true });
    const env = (port: number) => ({
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: dbUrl,
      DB_POOL_SIZE: '4',
      SESSION_SECRET: 'e2e-nginx-0123456789abcdef0123456789abcdef',
      PUBLIC_URL: origin(proxy.httpsPort),
      TRUST_PROXY: 'true',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      MAP_TILE_URL: 'none',
      TZ: 'Asia/Jakarta',
    });
    // One after the other: each start migrates (a no-op here), as on an upgrade (deploy/README.md).
    for (const [i, port] of apiPorts.entries()) apis.push(await startApi(`api-${i + 1}`, env(port)));
    nginx = await startNginx(nginxBin!, proxy);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    nginx?.kill('SIGQUIT');
    for (const child of apis) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await Promise.all(
      [nginx, ...apis].map(
        (c) =>
          new Promise<void>((resolve) => {
            if (!c || c.exitCode !== null || c.signalCode !== null) return resolve();
            const t = setTimeout(() => {
              c.kill('SIGKILL');
              resolve();
            }, 10_000);
            c.once('exit', () => {
              clearTimeout(t);
              resolve();
            });
          }),
      ),
    );
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${dbName} with (force)`).finally(() => admin.end());
    proxy?.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function newContext(phone: boolean): Promise<BrowserContext> {
    const context = await browser.newContext({
      ignoreHTTPSErrors: true, // the test's self-signed certificate
      viewport: phone ? { width: 360, height: 740 } : { width: 1920, height: 1080 },
      locale: 'id-ID',
      serviceWorkers: 'block',
      reducedMotion: 'reduce',
    });
    // Nothing outside the test's nginx (no map tiles from the internet).
    await context.route(
      (url) => url.hostname !== '127.0.0.1',
      (route) => route.abort(),
    );
    contexts.push(context);
    return context;
  }

  /** Files a LAKSA report in the citizen's browser at `base`; returns the ticket and when the POST was answered. */
  async function fileReport(page: Page, base: string, description: string) {
    await page.goto(`${base}/layanan/laksa/lapor`);
    await page.getByTestId('laksa-report-form').waitFor();
    const category = page.getByTestId('laksa-category');
    await expect.poll(() => category.isEnabled()).toBe(true);
    await category.selectOption({ label: 'Jalan Rusak' });
    await page.getByTestId('laksa-type-pengaduan').check();
    await page.getByTestId('laksa-description').fill(description);
    await page.getByTestId('laksa-locate').click();
    await expect.poll(() => page.getByTestId('laksa-location-coords').textContent()).toContain('-6.178');
    await page.getByTestId('laksa-address').fill('Jl. Daan Mogot, depan halte');
    let answeredAt = 0;
    const posted = page.waitForResponse(
      (r) => r.request().method() === 'POST' && /\/api\/m\/laksa\/reports$/.test(new URL(r.url()).pathname),
      { timeout: 30_000 },
    );
    await page.getByTestId('laksa-submit').click();
    const sent = page.getByTestId('laksa-sent-ticket');
    const similar = page.getByTestId('laksa-similar');
    await Promise.race([sent.waitFor({ timeout: 30_000 }), similar.waitFor({ timeout: 30_000 })]);
    if (await similar.isVisible()) await page.getByTestId('laksa-file-anyway').click();
    const response = await posted;
    answeredAt = Date.now();
    expect(response.status()).toBe(201);
    await sent.waitFor();
    return { ticket: (await sent.textContent())!.trim(), answeredAt };
  }

  /** Access-log lines (format `simpul`: … upstream=<addr[, addr]> …) matching `re`. */
  const logLines = (re: RegExp) =>
    readFileSync(path.join(proxy.dir, 'logs/access.log'), 'utf8')
      .split('\n')
      .filter((l) => re.test(l));

  it('a report filed through process 1 reaches the wall on process 2 within a second; after kill -9 of process 1 nothing is lost', async () => {
    const [p1Port, p2Port] = apiPorts as [number, number];
    const [pin1, pin2] = proxy.pinnedPorts as [number, number];
    const main = origin(proxy.httpsPort);

    // The wall: the mayor on the LIVE Room, its stream through nginx to process 2.
    const wall = await (await newContext(false)).newPage();
    await wall.goto(`${origin(pin2)}/live`);
    await fillSignIn(wall, 'walikota@tangerangkota.demo.simpul.id', DEMO_PASSWORD);
    await expect
      .poll(() => wall.getByTestId('live-status').getAttribute('data-state'), { timeout: 30_000 })
      .toBe('open');

    // The citizen, on a phone, through nginx to process 1.
    const phone = await newContext(true);
    for (const port of [pin1, proxy.httpsPort])
      await phone.grantPermissions(['geolocation'], { origin: origin(port) });
    await phone.setGeolocation(HERE);
    const citizen = await phone.newPage();
    await citizen.goto(`${origin(pin1)}/masuk`);
    await fillSignIn(citizen, CITIZEN, DEMO_PASSWORD);
    await citizen.getByTestId('home-greeting').waitFor();
    const first = await fileReport(
      citizen,
      origin(pin1),
      `Jalan berlubang di depan halte, lewat nginx ${Date.now()}`,
    );
    await wall.getByTestId('live-event').filter({ hasText: first.ticket }).waitFor({ timeout: 1_000 });
    const firstSeenMs = Date.now() - first.answeredAt;
    console.log(
      `deploy-nginx: report ${first.ticket} on the wall ${firstSeenMs} ms after process 1 answered`,
    );
    expect(firstSeenMs).toBeLessThan(1_000);
    // The log says who answered: the POST by process 1, the wall's stream by process 2.
    const post = logLines(/POST \S*\/api\/m\/laksa\/reports /).at(-1);
    expect(post).toContain(`upstream=127.0.0.1:${p1Port}`);
    expect(post).toContain('HTTP/2.0'); // the browser speaks HTTP/2 to nginx
    // (A stream is logged when it ends: the wall's other requests through its block show the process.)
    const wallLines = logLines(new RegExp(`"[A-Z]+ /api/.* port=${pin2}$`));
    expect(wallLines.length).toBeGreaterThan(0);
    for (const l of wallLines) expect(l).toContain(`upstream=127.0.0.1:${p2Port}`);

    // Mid-journey: process 1 dies without a chance to clean up.
    const victim = apis[0]!;
    const gone = new Promise((resolve) => victim.once('exit', resolve));
    victim.kill('SIGKILL');
    await gone;

    // nginx's balanced block fails over: every request answers, none with a 502.
    const http = await request.newContext({ ignoreHTTPSErrors: true });
    try {
      for (let i = 0; i < 6; i++) expect((await http.get(`${main}/readyz`)).status()).toBe(200);
      // Built assets come from disk, precompressed (gzip_static), whatever the processes do.
      const asset = /\/assets\/[\w.-]+\.js/.exec(
        readFileSync(path.join(root, 'web/dist/index.html'), 'utf8'),
      )![0];
      const js = await http.get(`${main}${asset}`, { headers: { 'accept-encoding': 'gzip' } });
      expect(js.status()).toBe(200);
      expect(js.headers()['content-encoding']).toBe('gzip');
      expect(js.headers()['cache-control']).toContain('immutable');
    } finally {
      await http.dispose();
    }
    expect(
      logLines(/GET \/readyz /).some((l) => l.includes(`upstream=127.0.0.1:${p1Port}, 127.0.0.1:${p2Port}`)),
    ).toBe(true);

    // Nothing lost: the first report is in the citizen's list, through the balanced block.
    await citizen.goto(`${main}/layanan/laksa/saya`);
    await citizen.getByTestId('laksa-my-item').filter({ hasText: first.ticket }).waitFor({ timeout: 15_000 });
    // A report filed after the kill goes to process 2 and appears on the wall, which never left it.
    const second = await fileReport(
      citizen,
      main,
      `Saluran air tersumbat sesudah proses 1 mati ${Date.now()}`,
    );
    await wall.getByTestId('live-event').filter({ hasText: second.ticket }).waitFor({ timeout: 1_000 });
    expect(await wall.getByTestId('live-event').filter({ hasText: first.ticket }).count()).toBe(1);
    expect(await wall.getByTestId('live-status').getAttribute('data-state')).toBe('open');
    // No 502 from the balanced block. (The block pinned to process 1 may log one: the citizen's page
    // was still open on it when the process died, and a background request of its form went there.)
    expect(logLines(new RegExp(`" 502 .* port=${proxy.httpsPort}$`))).toEqual([]);
    await screenshot(wall, 'deploy-nginx-wall');
  });
});
