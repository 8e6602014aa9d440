import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createAccount,
  createRegion,
  createTestApp,
  type TestAccount,
  type TestApp,
  type TestRegion,
} from '../../../test/support/app';
import { inRegion } from '../../core/db/scope';
import { sendAlertEmails } from './email';
import { commitImport, forgetProgress } from './import';
import { hargaPangan } from './index';
import { addDays, average, changePct, coefficientOfVariation, median } from './indicators';
import { todayIn } from './master';

const base = '/api/m/harga-pangan';
type Commodity = { id: string; code: string; unit: string };

describe('harga-pangan module', () => {
  let t: TestApp;
  let region: TestRegion;
  let other: TestRegion;
  let manager: TestAccount;
  let supervisor: TestAccount;
  let enumerator: TestAccount;
  let tpid: TestAccount;
  let citizen: TestAccount;
  let markets: { id: string; name: string }[];
  let beras: Commodity;
  let cabai: Commodity;
  let minyak: Commodity;
  const today = todayIn('WIB');
  const day = (n: number) => addDays(today, n);

  const enter = (as: TestAccount, marketId: string, date: string, items: unknown[], headers = {}) =>
    call(t, region, {
      method: 'POST',
      url: `${base}/entry`,
      as,
      payload: { marketId, date, items },
      headers,
    });
  const verifyAll = async (date: string) => {
    const pending = (
      await call(t, region, { method: 'GET', url: `${base}/verification?date=${date}`, as: supervisor })
    ).json();
    const res = await call(t, region, {
      method: 'POST',
      url: `${base}/verification`,
      as: supervisor,
      payload: {
        items: pending.map((p: Record<string, string>) => ({
          marketId: p.marketId,
          commodityId: p.commodityId,
          date: p.date,
          priceType: p.priceType,
        })),
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const upload = (body: Buffer | string, fileName: string, type = 'text/csv') =>
    call(t, region, {
      method: 'POST',
      url: `${base}/imports?fileName=${encodeURIComponent(fileName)}`,
      as: supervisor,
      payload: body,
      headers: { 'content-type': type },
    });
  const csvOf = (rows: (string | number)[][]) =>
    ['date,market,commodity,unit,price,price type', ...rows.map((r) => r.join(','))].join('\n');

  beforeAll(async () => {
    t = await createTestApp();
    region = await createRegion(t);
    other = await createRegion(t);
    manager = await createAccount(t, region, ['region_admin']);
    supervisor = await createAccount(t, region, ['opd_admin']);
    enumerator = await createAccount(t, region, ['opd_officer']);
    tpid = await createAccount(t, region, ['leadership']);
    citizen = await createAccount(t, region, ['citizen']);
    markets = [];
    for (const [name, lat] of [
      ['Pasar Satu', -7.1],
      ['Pasar Dua', -7.2],
      ['Pasar Tiga', -7.3],
    ] as const) {
      const res = await call(t, region, {
        method: 'POST',
        url: `${base}/admin/markets`,
        as: manager,
        payload: { name, lat, lng: 110.4, type: 'tradisional' },
      });
      expect(res.statusCode, res.body).toBe(201);
      markets.push(res.json());
    }
    const assign = await call(t, region, {
      method: 'PUT',
      url: `${base}/admin/assignments`,
      as: manager,
      payload: { userId: enumerator.id, marketIds: [markets[0]!.id] },
    });
    expect(assign.statusCode, assign.body).toBe(200);
    const list: Commodity[] = (
      await call(t, region, { method: 'GET', url: `${base}/public/commodities` })
    ).json();
    beras = list.find((c) => c.code === 'beras-medium')!;
    cabai = list.find((c) => c.code === 'cabai-rawit-merah')!;
    minyak = list.find((c) => c.code === 'minyak-goreng-kemasan')!;
  });
  afterAll(() => t.close());

  it('computes the indicators by hand on known numbers', () => {
    expect(average([10_000, 12_000, 14_000])).toBe(12_000);
    expect(median([14_000, 10_000, 12_000])).toBe(12_000);
    expect(median([10_000, 12_000, 14_000, 20_000])).toBe(13_000);
    // population sd of 10k, 12k, 14k = sqrt(8e6/3) = 1632.99; / 12,000 = 13.6 %
    expect(coefficientOfVariation([10_000, 12_000, 14_000])).toBe(13.6);
    expect(changePct(12_000, 10_000)).toBe(20);
    expect(changePct(9_000, 12_000)).toBe(-25);
    expect(changePct(1, null)).toBeNull();
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('seeds the national staple list with units and HET on onboarding', async () => {
    expect(beras.unit).toBe('kg');
    expect(minyak.unit).toBe('liter');
    const refs = (
      await call(t, region, { method: 'GET', url: `${base}/admin/references`, as: manager })
    ).json();
    expect(refs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ commodityId: beras.id, kind: 'HET', price: 13_500 }),
      ]),
    );
  });

  it('refuses people without the permission, and enumerators outside their markets', async () => {
    expect((await call(t, region, { method: 'GET', url: `${base}/entry/markets` })).statusCode).toBe(401);
    expect(
      (await call(t, region, { method: 'GET', url: `${base}/entry/markets`, as: citizen })).statusCode,
    ).toBe(403);
    const mine = (
      await call(t, region, { method: 'GET', url: `${base}/entry/markets`, as: enumerator })
    ).json();
    expect(mine.map((m: { id: string }) => m.id)).toEqual([markets[0]!.id]);
    const elsewhere = await enter(enumerator, markets[1]!.id, today, [
      { commodityId: beras.id, price: 13_000 },
    ]);
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json().error.messages.id).toContain('tidak ditugaskan');
    expect(
      (await call(t, region, { method: 'GET', url: `${base}/verification`, as: enumerator })).statusCode,
    ).toBe(403);
    expect(
      (
        await call(t, region, {
          method: 'POST',
          url: `${base}/admin/markets`,
          as: supervisor,
          payload: { name: 'Pasar X', lat: -7, lng: 110 },
        })
      ).statusCode,
    ).toBe(403);
    expect((await call(t, region, { method: 'GET', url: `${base}/alerts`, as: enumerator })).statusCode).toBe(
      403,
    );
  });

  it('answers bad input with bilingual 4xx errors and saves nothing of a bad batch', async () => {
    const m = markets[0]!.id;
    const cases: [unknown[], string, number][] = [
      [[{ commodityId: beras.id, price: -5 }], today, 400],
      [[{ commodityId: beras.id, price: 0 }], today, 400],
      [[{ commodityId: beras.id, price: 13_000.5 }], today, 400],
      [[{ commodityId: beras.id, price: 13_000, unit: 'liter' }], today, 400],
      [[{ commodityId: beras.id, price: 13_000 }], day(1), 400],
      [[{ commodityId: beras.id, price: 13_000 }], '2025-02-30', 400],
      [[{ commodityId: '00000000-0000-4000-8000-000000000000', price: 13_000 }], today, 400],
      // A good row next to a bad one: all or nothing.
      [
        [
          { commodityId: cabai.id, price: 50_000 },
          { commodityId: beras.id, price: 13_000, unit: 'butir' },
        ],
        today,
        400,
      ],
    ];
    for (const [items, date, status] of cases) {
      const res = await enter(enumerator, m, date, items);
      expect(res.statusCode, JSON.stringify(items)).toBe(status);
      const err = res.json().error;
      expect(err.messages.id).toBeTruthy();
      expect(err.messages.en).toBeTruthy();
    }
    const unknownMarket = await enter(manager, '00000000-0000-4000-8000-000000000000', today, [
      { commodityId: beras.id, price: 13_000 },
    ]);
    expect(unknownMarket.statusCode).toBe(404);
    const pending = (
      await call(t, region, { method: 'GET', url: `${base}/verification?date=${today}`, as: supervisor })
    ).json();
    expect(pending).toEqual([]);
    const twice = { marketId: m, commodityId: beras.id, date: today };
    const dup = await call(t, region, {
      method: 'POST',
      url: `${base}/verification`,
      as: supervisor,
      payload: { items: [twice, twice] },
    });
    expect(dup.statusCode).toBe(400);
  });

  it('imports a valid CSV and a valid XLSX in one transaction each, after a preview', async () => {
    // Known numbers: 30 and 7 days ago, and yesterday, for the three markets.
    const [a, b, c] = markets.map((m) => m.name);
    const csv = csvOf([
      [day(-30), a!, 'beras-medium', 'kg', 8_000, 'eceran'],
      [day(-30), b!, 'beras-medium', 'kg', 8_000, 'eceran'],
      [day(-30), c!, 'beras-medium', 'kg', 8_000, 'eceran'],
      [day(-7), a!, 'beras-medium', 'kg', '12.000', 'eceran'],
      [day(-7), b!, 'beras-medium', 'kg', 12_000, 'eceran'],
      [day(-7), c!, 'beras-medium', 'kg', 12_000, ''],
    ]);
    const preview = await upload(csv, 'harga.csv');
    expect(preview.statusCode, preview.body).toBe(201);
    const p = preview.json();
    expect(p).toMatchObject({ status: 'preview', totalRows: 6, validRows: 6, errors: [] });
    expect(p.preview[3]).toMatchObject({ row: 5, market: a, commodity: 'beras-medium', price: 12_000 });
    // Nothing is public before the commit.
    const before = (
      await call(t, region, { method: 'GET', url: `${base}/open-data/prices?commodity=beras-medium` })
    ).json();
    expect(before).toEqual([]);
    const done = await call(t, region, {
      method: 'POST',
      url: `${base}/imports/${p.id}/commit`,
      as: supervisor,
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'committed', processed: 6 });
    const again = await call(t, region, {
      method: 'POST',
      url: `${base}/imports/${p.id}/commit`,
      as: supervisor,
    });
    expect(again.statusCode).toBe(409);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Harga');
    ws.addRow(['date', 'market', 'commodity', 'unit', 'price', 'price type']);
    for (const [m, price] of [
      [a, 10_000],
      [b, 10_000],
      [c, 10_000],
    ] as const)
      ws.addRow([new Date(`${day(-1)}T00:00:00Z`), m, 'Beras Medium', 'kg', price, 'eceran']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const px = await upload(
      xlsx,
      'harga.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(px.statusCode, px.body).toBe(201);
    expect(px.json()).toMatchObject({ validRows: 3, errors: [] });
    const cx = await call(t, region, {
      method: 'POST',
      url: `${base}/imports/${px.json().id}/commit`,
      as: supervisor,
    });
    expect(cx.statusCode, cx.body).toBe(200);
    const rows = (
      await call(t, region, { method: 'GET', url: `${base}/open-data/prices?commodity=beras-medium` })
    ).json();
    expect(rows).toHaveLength(9);
  });

  it('reports every broken row of a CSV and an XLSX, and commits nothing', async () => {
    const [a, b] = markets.map((m) => m.name);
    const broken = csvOf([
      [day(-20), a!, 'beras-medium', 'kg', 9_000, 'eceran'],
      [day(-20), 'Pasar Hantu', 'beras-medium', 'kg', 9_000, 'eceran'],
      [day(-20), b!, 'beras-medium', 'liter', 9_000, 'eceran'],
      [day(5), b!, 'beras-medium', 'kg', 9_000, 'eceran'],
      [day(-20), b!, 'beras-medium', 'kg', '"9.000,50"', 'eceran'],
      [day(-20), a!, 'beras-medium', 'kg', 9_100, 'eceran'],
      [day(-20), b!, 'garam', 'kg', 9_000, 'eceran'],
      [day(-20), b!, 'beras-medium', 'kg', 900_000, 'eceran'],
    ]);
    const res = await upload(broken, 'rusak.csv');
    expect(res.statusCode, res.body).toBe(201);
    const v = res.json();
    expect(v.validRows).toBe(1);
    expect(v.errors.map((e: { row: number; column: string | null }) => [e.row, e.column])).toEqual([
      [3, 'market'],
      [4, 'unit'],
      [5, 'date'],
      [6, 'price'],
      [7, null], // duplicate of row 2
      [8, 'commodity'],
      [9, 'price'], // more than ×5 the last verified
    ]);
    const commit = await call(t, region, {
      method: 'POST',
      url: `${base}/imports/${v.id}/commit`,
      as: supervisor,
    });
    expect(commit.statusCode).toBe(400);
    const onDay = (
      await call(t, region, {
        method: 'GET',
        url: `${base}/open-data/prices?from=${day(-20)}&to=${day(-20)}`,
      })
    ).json();
    expect(onDay).toEqual([]);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Harga');
    ws.addRow(['date', 'market', 'commodity', 'unit', 'price']);
    ws.addRow([day(-20), a, 'beras-medium', 'kg', 'mahal']);
    const bad = await upload(
      Buffer.from(await wb.xlsx.writeBuffer()),
      'rusak.xlsx',
      'application/octet-stream',
    );
    expect(bad.statusCode).toBe(201);
    expect(bad.json().errors).toEqual([expect.objectContaining({ row: 2, column: 'price' })]);
    const notADay = await upload(
      csvOf([['2025-02-30', a!, 'beras-medium', 'kg', 9_000, 'eceran']]),
      'tanggal.csv',
    );
    expect(notADay.json().errors).toEqual([expect.objectContaining({ row: 2, column: 'date' })]);
    const missingColumns = await upload('tanggal,harga\n2024-01-01,1000', 'kolom.csv');
    expect(missingColumns.statusCode).toBe(400);
    const notASheet = await upload(
      Buffer.from('PK\u0003\u0004 not really a zip'),
      'palsu.xlsx',
      'application/octet-stream',
    );
    expect(notASheet.statusCode).toBe(415);
  });

  it('enters, updates (not duplicates), verifies and only then publishes; indicators match the hand figures', async () => {
    const [m0, m1, m2] = markets.map((m) => m.id) as [string, string, string];
    expect(
      (await enter(enumerator, m0, today, [{ commodityId: beras.id, price: 11_000, unit: 'kg' }])).statusCode,
    ).toBe(200);
    // Same market, commodity and day again: an update of the same row.
    expect(
      (await enter(enumerator, m0, today, [{ commodityId: beras.id, price: 10_000 }])).json(),
    ).toMatchObject({ saved: 1 });
    expect((await enter(manager, m1, today, [{ commodityId: beras.id, price: 12_000 }])).statusCode).toBe(
      200,
    );
    expect((await enter(manager, m2, today, [{ commodityId: beras.id, price: 14_000 }])).statusCode).toBe(
      200,
    );
    const pending = (
      await call(t, region, { method: 'GET', url: `${base}/verification?date=${today}`, as: supervisor })
    ).json();
    expect(pending).toHaveLength(3);
    expect(pending.find((p: { marketId: string }) => p.marketId === m0)).toMatchObject({
      price: 10_000,
      previousPrice: 10_000,
    });

    // Not public yet: today's page still shows yesterday.
    const publicBefore = (await call(t, region, { method: 'GET', url: `${base}/public/today` })).json();
    expect(publicBefore.date).toBe(day(-1));

    await verifyAll(today);
    const after = (await call(t, region, { method: 'GET', url: `${base}/public/today` })).json();
    expect(after.date).toBe(today);
    const item = after.items.find((i: { code: string }) => i.code === 'beras-medium');
    // Today 10k/12k/14k; yesterday 10k ×3; a week ago 12k ×3.
    expect(item).toMatchObject({
      average: 12_000,
      median: 12_000,
      min: 10_000,
      max: 14_000,
      markets: 3,
      changeDay: 20,
      changeWeek: 0,
      het: 13_500,
      aboveHet: false,
    });
    const ind = (
      await call(t, region, { method: 'GET', url: `${base}/public/indicators?commodityId=${beras.id}` })
    ).json();
    expect(ind).toMatchObject({
      date: today,
      average: 12_000,
      median: 12_000,
      range: 4_000,
      cv: 13.6,
      changeDay: 20,
      changeWeek: 0,
      changeMonth: 50,
    });
    const cmp = (
      await call(t, region, { method: 'GET', url: `${base}/public/commodities/${beras.id}/markets` })
    ).json();
    expect(cmp.markets.map((x: { price: number; aboveHet: boolean }) => [x.price, x.aboveHet])).toEqual([
      [10_000, false],
      [12_000, false],
      [14_000, true],
    ]);
    const chart = (
      await call(t, region, { method: 'GET', url: `${base}/public/commodities/${beras.id}/chart?days=30` })
    ).json();
    expect(chart.points).toEqual([
      [day(-7), 12_000],
      [day(-1), 10_000],
      [today, 12_000],
    ]);
    expect(
      (await call(t, region, { method: 'GET', url: `${base}/public/commodities/${beras.id}/chart?days=7` }))
        .statusCode,
    ).toBe(400);

    // A supervisor's correction replaces the enumerator's price and is what the public sees.
    const fix = await call(t, region, {
      method: 'POST',
      url: `${base}/verification`,
      as: supervisor,
      payload: { items: [{ marketId: m2, commodityId: beras.id, date: today, correctedPrice: 13_000 }] },
    });
    expect(fix.statusCode, fix.body).toBe(200);
    const corrected = (
      await call(t, region, { method: 'GET', url: `${base}/public/commodities/${beras.id}/markets` })
    ).json();
    expect(corrected.markets.map((x: { price: number }) => x.price)).toEqual([10_000, 12_000, 13_000]);
    // An enumerator's later change waits for verification; the public keeps the verified price.
    await enter(enumerator, m0, today, [{ commodityId: beras.id, price: 10_500 }]);
    const still = (
      await call(t, region, { method: 'GET', url: `${base}/public/commodities/${beras.id}/markets` })
    ).json();
    expect(still.markets.map((x: { price: number }) => x.price)).toEqual([10_000, 12_000, 13_000]);
  });

  it('needs an explicit confirmation for a price over ×5 or under ÷5 of the last verified one', async () => {
    const m0 = markets[0]!.id;
    const far = await enter(enumerator, m0, today, [{ commodityId: beras.id, price: 60_000 }]);
    expect(far.statusCode).toBe(400);
    expect(far.json().error.details.items[0]).toMatchObject({ commodityId: beras.id, previousPrice: 10_000 });
    const low = await enter(enumerator, m0, today, [{ commodityId: beras.id, price: 1_900 }]);
    expect(low.statusCode).toBe(400);
    const confirmed = await enter(enumerator, m0, today, [
      { commodityId: beras.id, price: 60_000, confirmOutlier: true },
    ]);
    expect(confirmed.statusCode).toBe(200);
    await enter(enumerator, m0, today, [{ commodityId: beras.id, price: 10_000 }]);
  });

  it('replays an offline batch once (Idempotency-Key) and never lets an older copy overwrite a newer entry', async () => {
    const m0 = markets[0]!.id;
    const key = { 'idempotency-key': `draft-${Date.now()}` };
    const first = await enter(enumerator, m0, today, [{ commodityId: cabai.id, price: 50_000 }], key);
    expect(first.json()).toMatchObject({ saved: 1, replay: false });
    const replay = await enter(enumerator, m0, today, [{ commodityId: cabai.id, price: 50_000 }], key);
    expect(replay.json()).toMatchObject({ saved: 1, replay: true });
    const thief = await enter(manager, m0, today, [{ commodityId: cabai.id, price: 50_000 }], key);
    expect(thief.statusCode).toBe(409);
    const older = await call(t, region, {
      method: 'POST',
      url: `${base}/entry`,
      as: enumerator,
      payload: {
        marketId: m0,
        date: today,
        recordedAt: '2020-01-01T08:00:00+07:00',
        items: [{ commodityId: cabai.id, price: 40_000 }],
      },
    });
    expect(older.json()).toMatchObject({ saved: 0, skipped: 1 });
    const sheet = (
      await call(t, region, {
        method: 'GET',
        url: `${base}/entry/sheet?marketId=${m0}&date=${today}`,
        as: enumerator,
      })
    ).json();
    expect(sheet.rows.find((r: { commodity: { id: string } }) => r.commodity.id === cabai.id)).toMatchObject({
      price: 50_000,
      status: 'menunggu',
    });
  });

  it('alerts TPID staff and the LIVE Room when a commodity rises past its threshold or above HET', async () => {
    const [m0, m1] = markets.map((m) => m.id) as [string, string];
    // Minyakita yesterday 15,000 (below HET 15,700), today 18,000: +20 % (> 10 %) and above HET.
    const [a, b] = markets.map((m) => m.name);
    const imp = await upload(
      csvOf([
        [day(-1), a!, 'minyak-goreng-kemasan', 'liter', 15_000, 'eceran'],
        [day(-1), b!, 'minyak-goreng-kemasan', 'liter', 15_000, 'eceran'],
      ]),
      'kemarin.csv',
    );
    await call(t, region, { method: 'POST', url: `${base}/imports/${imp.json().id}/commit`, as: supervisor });
    await enter(manager, m0, today, [{ commodityId: minyak.id, price: 18_000 }]);
    await enter(manager, m1, today, [{ commodityId: minyak.id, price: 18_000 }]);
    const result = await call(t, region, {
      method: 'POST',
      url: `${base}/verification`,
      as: supervisor,
      payload: { items: [m0, m1].map((marketId) => ({ marketId, commodityId: minyak.id, date: today })) },
    });
    expect(result.json()).toMatchObject({ verified: 2, alerts: 2 });
    const alerts = (await call(t, region, { method: 'GET', url: `${base}/alerts`, as: tpid })).json();
    const mine = alerts.filter((x: { commodityId: string }) => x.commodityId === minyak.id);
    expect(mine.map((x: { kind: string; reference: number }) => [x.kind, x.reference]).sort()).toEqual([
      ['het', 15_700],
      ['kenaikan', 20],
    ]);
    const audit = (
      await call(t, region, {
        method: 'GET',
        url: '/api/admin/audit?limit=50&type=harga-pangan.alert.raised',
        as: manager,
      })
    ).json();
    expect(audit.items.length).toBeGreaterThanOrEqual(2);
    // Verifying the same day again raises no second alert.
    const again = await call(t, region, {
      method: 'POST',
      url: `${base}/verification`,
      as: supervisor,
      payload: { items: [{ marketId: m0, commodityId: minyak.id, date: today }] },
    });
    expect(again.json().alerts).toBe(0);
    const map = (await call(t, region, { method: 'GET', url: `${base}/public/markets` })).json();
    expect(map.find((m: { id: string }) => m.id === m0).aboveHet).toBeGreaterThanOrEqual(1);
    // The LIVE Room wall map shows the markets selling above HET.
    const wall = await inRegion(t.database, { regionId: region.id }, (tx) =>
      hargaPangan.wall!.mapItems({ tx, regionId: region.id, limit: 10 }),
    );
    expect(wall.map((w) => w.key)).toContain(`harga-pangan:${m0}`);
    // The e-mail copy goes once to TPID staff with a verified address.
    const mails: { to: string; subject: string }[] = [];
    const worker = {
      regionId: region.id,
      inRegion: <T>(work: Parameters<typeof inRegion<T>>[2]) =>
        inRegion(t.database, { regionId: region.id }, work),
      mail: async (m: { to: string; subject: string }) => {
        mails.push(m);
      },
    };
    await sendAlertEmails(worker);
    expect(
      mails
        .filter((m) => m.to === tpid.email)
        .map((m) => m.subject)
        .join('\n'),
    ).toContain('Minyak');
    const before = mails.length;
    await sendAlertEmails(worker);
    expect(mails.length).toBe(before);
  });

  it('compares like with like: a change is over the markets that priced both days, never a mix of market sets', async () => {
    const [, m1, m2] = markets.map((m) => m.id) as [string, string, string];
    const list: Commodity[] = (
      await call(t, region, { method: 'GET', url: `${base}/public/commodities` })
    ).json();
    const bawang = list.find((c) => c.code === 'bawang-merah')!;
    // Yesterday three markets: 20,000 / 40,000 / 60,000 (average 40,000). A week ago the same.
    const names = markets.map((m) => m.name);
    const imp = await upload(
      csvOf(
        [day(-7), day(-1)].flatMap((d) =>
          names.map((n, i) => [d, n, 'bawang-merah', 'kg', 20_000 * (i + 1), 'eceran']),
        ),
      ),
      'bawang.csv',
    );
    expect(imp.statusCode, imp.body).toBe(201);
    await call(t, region, { method: 'POST', url: `${base}/imports/${imp.json().id}/commit`, as: supervisor });

    // Today only the dearest market has reported so far, up 3.5 % on its own price.
    await enter(manager, m2, today, [{ commodityId: bawang.id, price: 62_100 }]);
    await call(t, region, {
      method: 'POST',
      url: `${base}/verification`,
      as: supervisor,
      payload: { items: [{ marketId: m2, commodityId: bawang.id, date: today }] },
    });
    const todayItem = async () =>
      (await call(t, region, { method: 'GET', url: `${base}/public/today` }))
        .json()
        .items.find((i: { code: string }) => i.code === 'bawang-merah');
    // Average of one market vs average of three would be +55.3 %: the same market says +3.5 %.
    expect(await todayItem()).toMatchObject({
      average: 62_100,
      markets: 1,
      changeDay: 3.5,
      changeDayMarkets: 1,
      changeWeek: 3.5,
    });
    const ind = (
      await call(t, region, { method: 'GET', url: `${base}/public/indicators?commodityId=${bawang.id}` })
    ).json();
    expect(ind).toMatchObject({ changeDay: 3.5, changeWeek: 3.5, changeMonth: null });

    // A second market reports 40,000 (unchanged): (62,100 + 40,000) / (60,000 + 40,000) = +2.1 %.
    await enter(manager, m1, today, [{ commodityId: bawang.id, price: 40_000 }]);
    await call(t, region, {
      method: 'POST',
      url: `${base}/verification`,
      as: supervisor,
      payload: { items: [{ marketId: m1, commodityId: bawang.id, date: today }] },
    });
    expect(await todayItem()).toMatchObject({ markets: 2, changeDay: 2.1, changeDayMarkets: 2 });
    // No rise alert: no market rose past the threshold, though the raw averages jumped +55.3 %.
    const alerts = (await call(t, region, { method: 'GET', url: `${base}/alerts`, as: tpid })).json();
    expect(
      alerts.filter(
        (x: { commodityId: string; kind: string }) => x.commodityId === bawang.id && x.kind === 'kenaikan',
      ),
    ).toEqual([]);
  });

  it('publishes open data as CSV with the exact columns and as JSON, cacheable with an ETag', async () => {
    const csv = await call(t, region, {
      method: 'GET',
      url: `${base}/open-data/prices.csv?commodity=beras-medium&to=${day(-1)}`,
    });
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe('date,region_code,market,commodity,unit,price,price_type');
    expect(lines[1]).toBe(`${day(-30)},${region.code},Pasar Dua,beras-medium,kg,8000,eceran`);
    // One naming (snake_case) in CSV and JSON; licence and metadata linked from both.
    const json = await call(t, region, {
      method: 'GET',
      url: `${base}/open-data/prices?commodity=beras-medium&to=${day(-1)}`,
    });
    expect(Object.keys(json.json()[0])).toEqual(lines[0]!.split(','));
    for (const res of [csv, json]) {
      expect(res.headers.link).toContain('creativecommons.org/licenses/by/4.0/>; rel="license"');
      expect(res.headers.link).toContain('/open-data/metadata.json>; rel="describedby"');
    }
    const meta = (await call(t, region, { method: 'GET', url: `${base}/open-data/metadata.json` })).json();
    expect(meta).toMatchObject({
      publisher: { code: region.code },
      license: { id: 'CC-BY-4.0' },
      accrualPeriodicity: 'P1D',
    });
    expect(meta.columns.map((c: { name: string }) => c.name)).toEqual(lines[0]!.split(','));
    expect(meta.distributions.map((d: { mediaType: string }) => d.mediaType)).toEqual([
      'application/json',
      'text/csv',
    ]);
    // The Indonesian Excel dialect on request.
    const excel = await call(t, region, {
      method: 'GET',
      url: `${base}/open-data/prices.csv?commodity=beras-medium&to=${day(-1)}&dialect=excel-id`,
    });
    expect(excel.body.replace(/^\uFEFF/, '').split('\n')[0]).toBe(
      'date;region_code;market;commodity;unit;price;price_type',
    );
    const today1 = await call(t, region, { method: 'GET', url: `${base}/public/today` });
    expect(today1.headers['cache-control']).toContain('public');
    const etag = today1.headers.etag as string;
    expect(etag).toBeTruthy();
    const today2 = await call(t, region, {
      method: 'GET',
      url: `${base}/public/today`,
      headers: { 'if-none-match': etag },
    });
    expect(today2.statusCode).toBe(304);
    expect(
      (await call(t, region, { method: 'GET', url: `${base}/open-data/prices?limit=0` })).statusCode,
    ).toBe(400);
  });

  it("keeps regions apart: region A's markets, prices and imports do not exist in region B", async () => {
    const m0 = markets[0]!.id;
    const bAdmin = await createAccount(t, other, ['region_admin']);
    const bEntry = await call(t, other, {
      method: 'POST',
      url: `${base}/entry`,
      as: bAdmin,
      payload: { marketId: m0, date: today, items: [{ commodityId: beras.id, price: 10_000 }] },
    });
    expect(bEntry.statusCode).toBe(404);
    expect(
      (await call(t, other, { method: 'GET', url: `${base}/public/commodities/${beras.id}/markets` }))
        .statusCode,
    ).toBe(404);
    const bVerify = await call(t, other, {
      method: 'POST',
      url: `${base}/verification`,
      as: bAdmin,
      payload: { items: [{ marketId: m0, commodityId: beras.id, date: today }] },
    });
    expect(bVerify.statusCode).toBe(404);
    const bToday = (await call(t, other, { method: 'GET', url: `${base}/public/today` })).json();
    expect(bToday.date).toBeNull();
    expect((await call(t, other, { method: 'GET', url: `${base}/open-data/prices` })).json()).toEqual([]);
    const aImport = await upload(
      csvOf([[day(-2), markets[0]!.name, 'beras-medium', 'kg', 10_000, 'eceran']]),
      'a.csv',
    );
    expect(
      (await call(t, other, { method: 'GET', url: `${base}/imports/${aImport.json().id}`, as: bAdmin }))
        .statusCode,
    ).toBe(404);
    // While A's commit runs, its progress lives in this process's memory, until the route forgets it
    // when the transaction ends; commitImport alone leaves it there, as mid-commit: still A's alone.
    const id = aImport.json().id as string;
    await inRegion(t.database, { regionId: region.id }, (tx) =>
      commitImport(
        tx,
        { regionId: region.id, today, alertWindowDays: 7 },
        { id: manager.id, name: 'uji' },
        id,
      ),
    );
    try {
      expect(
        (await call(t, other, { method: 'GET', url: `${base}/imports/${id}`, as: bAdmin })).statusCode,
      ).toBe(404);
      const fromA = await call(t, region, { method: 'GET', url: `${base}/imports/${id}`, as: supervisor });
      expect(fromA.json()).toMatchObject({ id, status: 'committing' });
    } finally {
      forgetProgress(region.id, id);
    }
    expect(
      (
        await call(t, other, {
          method: 'POST',
          url: `${base}/imports/${aImport.json().id}/commit`,
          as: bAdmin,
        })
      ).statusCode,
    ).toBe(404);
  });
});
