import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
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
import { opd, regionModule } from '../../core/db/schema';
import { asPlatform, inRegion } from '../../core/db/scope';
import { sendNotificationEmails } from './email';
import { escalateOverdue } from './escalation';
import { laksaCategory, laksaReport } from './schema';

type Fixture = {
  region: TestRegion;
  citizen: TestAccount;
  operator: TestAccount;
  officer: TestAccount;
  otherOfficer: TestAccount;
  opdHead: TestAccount;
  leader: TestAccount;
  police: TestAccount;
  admin: TestAccount;
  categories: Record<string, string>;
  opds: Record<string, string>;
  kecamatan: string;
  kelurahan: string;
};

const center = { lat: -7.25, lng: 110.4 };

describe('LAKSA', () => {
  let t: TestApp;
  let f: Fixture;

  async function setup(): Promise<Fixture> {
    const region = await createRegion(t);
    // Many reports from one test citizen: lift the flood limit (tested on its own below).
    await asPlatform(
      t.database,
      { actor: 'test', action: 'test', reason: 'settings', regionId: region.id },
      (tx) =>
        tx
          .update(regionModule)
          .set({ settings: { reportsPerHour: 10_000 } })
          .where(eq(regionModule.regionId, region.id)),
    );
    await t.app.simpul.directory.invalidate(region.id);
    const { categories, opds, areas } = await inRegion(t.database, { regionId: region.id }, async (tx) => ({
      categories: await tx.select({ id: laksaCategory.id, code: laksaCategory.code }).from(laksaCategory),
      opds: await tx.select({ id: opd.id, code: opd.code }).from(opd),
      areas: (await tx.execute(
        sql`select code, level from region_area where level <> 'kecamatan' order by code limit 1`,
      )) as unknown as {
        rows: { code: string }[];
      },
    }));
    const opdIds = Object.fromEntries(opds.map((o) => [o.code, o.id]));
    const kelurahan = areas.rows[0]!.code;
    return {
      region,
      citizen: await createAccount(t, region, ['citizen']),
      operator: await createAccount(t, region, ['operator']),
      officer: await createAccount(t, region, [{ role: 'opd_officer', opdId: opdIds.dpupr! }]),
      otherOfficer: await createAccount(t, region, [{ role: 'opd_officer', opdId: opdIds.dishub! }]),
      opdHead: await createAccount(t, region, [{ role: 'opd_admin', opdId: opdIds.dpupr! }]),
      leader: await createAccount(t, region, ['leadership']),
      police: await createAccount(t, region, ['police_liaison']),
      admin: await createAccount(t, region, ['region_admin']),
      categories: Object.fromEntries(categories.map((c) => [c.code, c.id])),
      opds: opdIds,
      kelurahan,
      kecamatan: kelurahan.slice(0, 8),
    };
  }

  const report = (over: Record<string, unknown> = {}) => ({
    type: 'pengaduan',
    categoryId: f.categories['jalan-rusak'],
    description: 'Jalan berlubang besar di depan sekolah, membahayakan pengendara motor.',
    lat: center.lat,
    lng: center.lng,
    areaCode: f.kelurahan,
    address: 'Jl. Merdeka No. 10',
    ...over,
  });

  async function file(over: Record<string, unknown> = {}, as = f.citizen, key: string = randomUUID()) {
    const res = await call(t, f.region, {
      method: 'POST',
      url: '/api/m/laksa/reports',
      as,
      headers: { 'idempotency-key': key },
      payload: report(over),
    });
    return res;
  }

  const act = (id: string, as: TestAccount, payload: Record<string, unknown>) =>
    call(t, f.region, { method: 'POST', url: `/api/m/laksa/reports/${id}/actions`, as, payload });

  beforeAll(async () => {
    t = await createTestApp();
    f = await setup();
  });
  afterAll(() => t.close());

  describe('intake', () => {
    it('files a report with a readable region-scoped ticket, starts the verification SLA and tells the wall', async () => {
      const res = await file();
      expect(res.statusCode).toBe(201);
      const { id, ticket } = res.json();
      expect(ticket).toMatch(new RegExp(`^LKS-${f.region.code.replace('.', '')}-\\d{2}-\\d{6}$`));
      const detail = (
        await call(t, f.region, { method: 'GET', url: `/api/m/laksa/reports/${id}`, as: f.operator })
      ).json();
      expect(detail.status).toBe('menunggu_verifikasi');
      expect(detail.sla.verifyDueAt).not.toBeNull();
      expect(detail.kelurahan.code).toBe(f.kelurahan);
      expect(detail.kecamatan.code).toBe(f.kecamatan);
      const audit = (
        await call(t, f.region, { method: 'GET', url: '/api/admin/audit?limit=5', as: f.admin })
      ).json();
      expect(audit.items.map((e: { type: string }) => e.type)).toContain('laksa.report.created');
    });

    it('numbers tickets one after another', async () => {
      const a = (await file()).json().ticket as string;
      const b = (await file()).json().ticket as string;
      expect(Number(b.slice(-6))).toBe(Number(a.slice(-6)) + 1);
    });

    it('files a replayed submission exactly once; the same key with another body is a 409', async () => {
      const key = randomUUID();
      const first = await file({}, f.citizen, key);
      const again = await file({}, f.citizen, key);
      expect(first.statusCode).toBe(201);
      expect(again.statusCode).toBe(200);
      expect(again.json().ticket).toBe(first.json().ticket);
      const [parallelA, parallelB] = await Promise.all([
        file({ address: 'Jl. Paralel' }, f.citizen, `${key}-p`),
        file({ address: 'Jl. Paralel' }, f.citizen, `${key}-p`),
      ]);
      expect([parallelA.statusCode, parallelB.statusCode].sort()).toEqual([200, 201]);
      expect(parallelA.json().ticket).toBe(parallelB.json().ticket);
      const other = await file(
        { description: 'Isi yang lain sama sekali, lampu jalan mati total.' },
        f.citizen,
        key,
      );
      expect(other.statusCode).toBe(409);
      expect(other.json().error.messages.id).toMatch(/idempotensi/);
      // Another person replaying the same key and body gets a conflict, never the first report.
      const stranger = await createAccount(t, f.region, ['citizen']);
      const stolen = await file({}, stranger, key);
      expect(stolen.statusCode).toBe(409);
      expect(stolen.body).not.toContain(first.json().ticket);
      // Replays, conflicts and rejected filings use up no ticket number: the next report follows on.
      expect((await file({ categoryId: randomUUID() })).statusCode).toBe(400);
      const next = await file({}, f.citizen, randomUUID());
      const seq = (ticket: string) => Number(ticket.split('-').at(-1));
      expect(seq(next.json().ticket)).toBe(seq(parallelA.json().ticket) + 1);
    });

    it.each([
      ['unknown category', { categoryId: randomUUID() }, /Kategori/],
      ['empty text', { description: '   ' }, null],
      ['oversized text', { description: 'x'.repeat(4001) }, null],
      ['bad latitude', { lat: 123 }, null],
      ['six photos', { photoIds: Array.from({ length: 6 }, () => randomUUID()) }, null],
      ['a photo that is not theirs', { photoIds: [randomUUID()] }, /Foto/],
      ['an area of another region', { areaCode: '31.71.01.1001' }, /Kecamatan/],
      ['a location outside Indonesia', { lat: 13.75, lng: 100.5 }, /luar wilayah/],
    ])('rejects %s with a 400 envelope', async (_name, over, message) => {
      const res = await file(over);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      if (message) expect(res.json().error.messages.id).toMatch(message);
    });

    it('rejects anonymous visitors (401) and staff-only routes for citizens (403)', async () => {
      const anon = await call(t, f.region, {
        method: 'POST',
        url: '/api/m/laksa/reports',
        payload: report(),
      });
      expect(anon.statusCode).toBe(401);
      const inbox = await call(t, f.region, { method: 'GET', url: '/api/m/laksa/inbox', as: f.citizen });
      expect(inbox.statusCode).toBe(403);
    });

    it('enforces the region bounds and the per-citizen flood limit from the region settings', async () => {
      const region = await createRegion(t);
      await asPlatform(
        t.database,
        { actor: 'test', action: 'test', reason: 'settings', regionId: region.id },
        (tx) =>
          tx
            .update(regionModule)
            .set({
              settings: { reportsPerHour: 2, bounds: { south: -7.3, west: 110.3, north: -7.2, east: 110.5 } },
            })
            .where(eq(regionModule.regionId, region.id)),
      );
      await t.app.simpul.directory.invalidate(region.id);
      const citizen = await createAccount(t, region, ['citizen']);
      const [cat] = await inRegion(t.database, { regionId: region.id }, (tx) =>
        tx.select().from(laksaCategory).limit(1),
      );
      const send = (lat: number) =>
        call(t, region, {
          method: 'POST',
          url: '/api/m/laksa/reports',
          as: citizen,
          payload: {
            type: 'aspirasi',
            categoryId: cat!.id,
            description: 'Mohon ditambah taman bermain anak di kelurahan kami.',
            lat,
            lng: 110.4,
          },
        });
      expect((await send(-6.0)).statusCode).toBe(400); // outside the region's bounds
      expect((await send(-7.25)).statusCode).toBe(201);
      expect((await send(-7.25)).statusCode).toBe(201);
      const third = await send(-7.25);
      expect(third.statusCode).toBe(429);
      expect(third.json().error.code).toBe('RATE_LIMITED');
    });
  });

  describe('workflow', () => {
    it('runs verify → auto-disposition → proses → reply → selesai → rating, notifying the citizen at each step', async () => {
      const { id, ticket } = (await file()).json();
      const verified = await act(id, f.operator, { action: 'verify' });
      expect(verified.statusCode).toBe(200);
      // Jalan rusak is routed to Dinas PUPR by the seeded rule.
      expect(verified.json()).toMatchObject({ status: 'didisposisikan' });
      expect(verified.json().opds.map((o: { shortName: string }) => o.shortName)).toEqual(['Dinas PUPR']);

      const queue = (
        await call(t, f.region, { method: 'GET', url: '/api/m/laksa/inbox?queue=opd', as: f.officer })
      ).json();
      expect(queue.items.map((i: { ticket: string }) => i.ticket)).toContain(ticket);
      const detail = (
        await call(t, f.region, { method: 'GET', url: `/api/m/laksa/reports/${id}`, as: f.officer })
      ).json();
      expect(detail.allowedActions).toEqual(
        expect.arrayContaining(['start', 'resolve', 'return', 'reroute', 'defer']),
      );
      expect(detail.allowedActions).not.toContain('verify');

      expect((await act(id, f.officer, { action: 'start' })).json().status).toBe('diproses');
      const replied = await call(t, f.region, {
        method: 'POST',
        url: `/api/m/laksa/reports/${id}/messages`,
        as: f.officer,
        payload: { body: 'Tim kami akan menambal jalan besok pagi.' },
      });
      expect(replied.statusCode).toBe(200);
      await call(t, f.region, {
        method: 'POST',
        url: `/api/m/laksa/reports/${id}/messages`,
        as: f.officer,
        payload: { body: 'Perlu aspal 2 ton', internal: true },
      });
      const missingNote = await act(id, f.officer, { action: 'resolve' });
      expect(missingNote.statusCode).toBe(400);
      const resolved = await act(id, f.officer, { action: 'resolve', note: 'Jalan sudah ditambal.' });
      expect(resolved.json().status).toBe('selesai');

      const mine = (
        await call(t, f.region, { method: 'GET', url: `/api/m/laksa/my/reports/${ticket}`, as: f.citizen })
      ).json();
      expect(mine).toMatchObject({ status: 'selesai', canRate: true, canReopen: true });
      const notes = mine.timeline.map((s: { note: string | null }) => s.note);
      expect(notes).toContain('Tim kami akan menambal jalan besok pagi.');
      expect(notes).not.toContain('Perlu aspal 2 ton'); // internal notes stay internal
      const notifications = (
        await call(t, f.region, { method: 'GET', url: '/api/m/laksa/my/notifications', as: f.citizen })
      ).json();
      const titles = notifications
        .filter((n: { ticket: string }) => n.ticket === ticket)
        .map((n: { title: { id: string } }) => n.title.id);
      expect(titles).toEqual(
        expect.arrayContaining([
          `Laporan ${ticket}: Didisposisikan`,
          `Laporan ${ticket}: Diproses`,
          `Laporan ${ticket}: Selesai`,
        ]),
      );

      const rated = await call(t, f.region, {
        method: 'POST',
        url: `/api/m/laksa/reports/${ticket}/rating`,
        as: f.citizen,
        payload: { rating: 5, comment: 'Cepat!' },
      });
      expect(rated.statusCode).toBe(200);
      expect(rated.json()).toMatchObject({ rating: 5, canRate: false });
      const twice = await call(t, f.region, {
        method: 'POST',
        url: `/api/m/laksa/reports/${ticket}/rating`,
        as: f.citizen,
        payload: { rating: 1 },
      });
      expect(twice.statusCode).toBe(409);

      const reopened = await call(t, f.region, {
        method: 'POST',
        url: `/api/m/laksa/reports/${ticket}/reopen`,
        as: f.citizen,
        payload: { note: 'Lubangnya muncul lagi.' },
      });
      expect(reopened.json().status).toBe('ditinjau_ulang');
    });

    it('answers illegal moves with 409 and moves by the wrong person with 403/404', async () => {
      const { id, ticket } = (await file()).json();
      const early = await act(id, f.operator, { action: 'resolve', note: 'Tidak bisa.' });
      expect(early.statusCode).toBe(403); // operators do not resolve
      const start = await act(id, f.operator, { action: 'verify' });
      expect(start.statusCode).toBe(200);
      const again = await act(id, f.operator, { action: 'verify' });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.messages.id).toMatch(/Didisposisikan/);
      // An officer of another OPD cannot even see it.
      expect(
        (await call(t, f.region, { method: 'GET', url: `/api/m/laksa/reports/${id}`, as: f.otherOfficer }))
          .statusCode,
      ).toBe(404);
      expect((await act(id, f.otherOfficer, { action: 'start' })).statusCode).toBe(404);
      // The citizen cannot reopen what is not resolved.
      const reopen = await call(t, f.region, {
        method: 'POST',
        url: `/api/m/laksa/reports/${ticket}/reopen`,
        as: f.citizen,
        payload: { note: 'Belum selesai' },
      });
      expect(reopen.statusCode).toBe(409);
    });

    it('rejects with a reason, redirects with a reference, and lets an OPD hand a report back or re-route it', async () => {
      const a = (await file()).json();
      expect((await act(a.id, f.operator, { action: 'reject' })).statusCode).toBe(400);
      expect(
        (await act(a.id, f.operator, { action: 'reject', note: 'Laporan tidak jelas.' })).json().status,
      ).toBe('ditolak');

      const b = (await file()).json();
      const redirected = await act(b.id, f.operator, {
        action: 'redirect',
        redirectTarget: 'SP4N-LAPOR!',
        redirectReference: 'LAPOR-123',
      });
      expect(redirected.json().status).toBe('dialihkan');

      const c = (await file()).json();
      await act(c.id, f.operator, { action: 'verify' });
      const rerouted = await act(c.id, f.officer, {
        action: 'reroute',
        note: 'Ini lampu jalan, wewenang Dishub.',
        opdIds: [f.opds.dishub],
      });
      expect(rerouted.statusCode).toBe(200);
      expect(
        (
          await call(t, f.region, { method: 'GET', url: `/api/m/laksa/reports/${c.id}`, as: f.otherOfficer })
        ).json().status,
      ).toBe('didisposisikan');
      const returned = await act(c.id, f.otherOfficer, {
        action: 'return',
        note: 'Bukan wewenang kami juga.',
      });
      expect(returned.json().status).toBe('terverifikasi');
      const disposed = await act(c.id, f.operator, {
        action: 'dispose',
        opdIds: [f.opds.dpupr, f.opds.dishub],
      });
      expect(disposed.json().opds).toHaveLength(2);
    });

    it('pauses the SLA while Ditunda and moves the deadlines by the working days spent on hold', async () => {
      const { id } = (await file()).json();
      await act(id, f.operator, { action: 'verify' });
      const before = (
        await act(id, f.officer, { action: 'defer', note: 'Menunggu anggaran perubahan.' })
      ).json();
      expect(before.status).toBe('ditunda');
      expect(before.sla).toMatchObject({ paused: true, overdue: false });
      // Pretend the report has been on hold for a week.
      await inRegion(t.database, { regionId: f.region.id }, (tx) =>
        tx
          .update(laksaReport)
          .set({ pausedAt: new Date(Date.now() - 7 * 86_400_000) })
          .where(eq(laksaReport.id, id)),
      );
      const resumed = (await act(id, f.officer, { action: 'resume' })).json();
      expect(resumed.status).toBe('didisposisikan');
      const shift = Date.parse(resumed.sla.resolveDueAt) - Date.parse(before.sla.resolveDueAt);
      expect(shift).toBeGreaterThanOrEqual(4 * 86_400_000); // ≥ 4 working days (5 minus a possible holiday)
    });

    it('sends Kamtibmas reports to the police queue once verified', async () => {
      const { id, ticket } = (
        await file({
          categoryId: f.categories['ketertiban-umum'],
          description: 'Sering ada balap liar tengah malam di jalan ini.',
        })
      ).json();
      const before = (
        await call(t, f.region, { method: 'GET', url: '/api/m/laksa/inbox?queue=police', as: f.police })
      ).json();
      expect(before.items.map((i: { ticket: string }) => i.ticket)).not.toContain(ticket);
      await act(id, f.operator, { action: 'verify' });
      const after = (
        await call(t, f.region, { method: 'GET', url: '/api/m/laksa/inbox?queue=police', as: f.police })
      ).json();
      expect(after.items.map((i: { ticket: string }) => i.ticket)).toContain(ticket);
      const note = await call(t, f.region, {
        method: 'POST',
        url: `/api/m/laksa/reports/${id}/messages`,
        as: f.police,
        payload: { body: 'Patroli malam dijadwalkan.' },
      });
      expect(note.statusCode).toBe(200);
      // …but police see nothing else.
      expect(
        (
          await call(t, f.region, {
            method: 'GET',
            url: '/api/m/laksa/inbox?queue=verification',
            as: f.police,
          })
        ).statusCode,
      ).toBe(403);
    });

    it('marks duplicates: both linked, the supporters and the reporter carried over to the original', async () => {
      const original = (await file()).json();
      await act(original.id, f.operator, { action: 'verify' });
      const neighbour = await createAccount(t, f.region, ['citizen']);
      const nearby = (
        await call(t, f.region, {
          method: 'GET',
          url: `/api/m/laksa/reports/nearby?categoryId=${f.categories['jalan-rusak']}&lat=${center.lat}&lng=${center.lng + 0.001}`,
          as: neighbour,
        })
      ).json();
      expect(nearby.map((n: { ticket: string }) => n.ticket)).toContain(original.ticket);
      const support = await call(t, f.region, {
        method: 'POST',
        url: `/api/m/laksa/reports/${original.ticket}/support`,
        as: neighbour,
      });
      expect(support.json().supportCount).toBe(1);

      const dupReporter = await createAccount(t, f.region, ['citizen']);
      const dup = (await file({}, dupReporter)).json();
      const marked = await call(t, f.region, {
        method: 'POST',
        url: `/api/m/laksa/reports/${dup.id}/duplicate`,
        as: f.operator,
        payload: { ofTicket: original.ticket },
      });
      expect(marked.json()).toMatchObject({ status: 'ditolak', duplicateOf: original.ticket });
      const orig = (
        await call(t, f.region, { method: 'GET', url: `/api/m/laksa/reports/${original.id}`, as: f.operator })
      ).json();
      expect(orig.duplicates).toContain(dup.ticket);
      expect(orig.supportCount).toBe(2);
      const theirs = (
        await call(t, f.region, { method: 'GET', url: '/api/m/laksa/my/reports', as: dupReporter })
      ).json();
      expect(theirs.find((x: { ticket: string }) => x.ticket === original.ticket)).toMatchObject({
        own: false,
      });
    });

    it('bulk-dispositions, each report on its own', async () => {
      const a = (await file()).json();
      const b = (await file()).json();
      await act(a.id, f.operator, { action: 'verify' });
      await act(a.id, f.operator, { action: 'dispose', opdIds: [f.opds.dlh] });
      await act(b.id, f.operator, { action: 'reject', note: 'Spam.' });
      const res = await call(t, f.region, {
        method: 'POST',
        url: '/api/m/laksa/reports/bulk-dispose',
        as: f.operator,
        payload: { reportIds: [a.id, b.id], opdIds: [f.opds.dpupr] },
      });
      expect(res.json().done).toEqual([a.ticket]);
      expect(res.json().failed).toEqual([expect.objectContaining({ ticket: b.ticket, code: 'CONFLICT' })]);
    });

    it('flags overdue reports and escalates to the OPD head, then leadership', async () => {
      const { id, ticket } = (await file()).json();
      await act(id, f.operator, { action: 'verify' });
      const long = new Date(Date.now() - 30 * 86_400_000);
      await inRegion(t.database, { regionId: f.region.id }, (tx) =>
        tx
          .update(laksaReport)
          .set({ followUpDueAt: new Date(Date.now() - 60_000) })
          .where(eq(laksaReport.id, id)),
      );
      await inRegion(t.database, { regionId: f.region.id }, (tx) =>
        escalateOverdue({ tx, regionId: f.region.id }),
      );
      const head = (
        await call(t, f.region, { method: 'GET', url: '/api/m/laksa/my/notifications', as: f.opdHead })
      ).json();
      expect(head.map((n: { ticket: string }) => n.ticket)).toContain(ticket);
      const overdue = (
        await call(t, f.region, { method: 'GET', url: '/api/m/laksa/inbox?overdue=true', as: f.operator })
      ).json();
      expect(overdue.items.map((i: { ticket: string }) => i.ticket)).toContain(ticket);
      await inRegion(t.database, { regionId: f.region.id }, (tx) =>
        tx.update(laksaReport).set({ followUpDueAt: long }).where(eq(laksaReport.id, id)),
      );
      await inRegion(t.database, { regionId: f.region.id }, (tx) =>
        escalateOverdue({ tx, regionId: f.region.id }),
      );
      const leader = (
        await call(t, f.region, { method: 'GET', url: '/api/m/laksa/my/notifications', as: f.leader })
      ).json();
      expect(leader.map((n: { ticket: string }) => n.ticket)).toContain(ticket);
      const detail = (
        await call(t, f.region, { method: 'GET', url: `/api/m/laksa/reports/${id}`, as: f.operator })
      ).json();
      expect(detail.sla).toMatchObject({ overdue: true, overdueLevel: 2 });
    });
  });

  describe('notifications', () => {
    it('sends the e-mail copy of a status change once, to a verified address', async () => {
      const { id, ticket } = (await file()).json();
      await act(id, f.operator, { action: 'verify' });
      const sent: { to: string; subject: string; text: string }[] = [];
      const worker = {
        regionId: f.region.id,
        inRegion: <T>(work: (tx: Parameters<Parameters<typeof inRegion>[2]>[0]) => Promise<T>) =>
          inRegion(t.database, { regionId: f.region.id }, work),
        mail: async (m: { to: string; subject: string; text: string }) => {
          sent.push(m);
        },
      };
      await sendNotificationEmails(worker, 500);
      const mine = sent.filter((m) => m.to === f.citizen.email && m.text.includes(ticket));
      expect(mine.map((m) => m.subject)).toContainEqual(
        expect.stringContaining(`Laporan ${ticket}: Didisposisikan`),
      );
      const again: typeof sent = [];
      await sendNotificationEmails({ ...worker, mail: async (m) => void again.push(m) }, 500);
      expect(again.filter((m) => m.text.includes(ticket))).toEqual([]);
    });
  });

  describe('LIVE Room', () => {
    it('gives the wall today’s figures, and only to those who watch it', async () => {
      const before = (
        await call(t, f.region, { method: 'GET', url: '/api/m/laksa/live/summary', as: f.leader })
      ).json();
      const { id } = (await file()).json();
      const after = (
        await call(t, f.region, { method: 'GET', url: '/api/m/laksa/live/summary', as: f.leader })
      ).json();
      expect(after.createdToday).toBe(before.createdToday + 1);
      expect(after.awaitingVerification).toBe(before.awaitingVerification + 1);
      await act(id, f.operator, { action: 'verify' });
      const verified = (
        await call(t, f.region, { method: 'GET', url: '/api/m/laksa/live/summary', as: f.operator })
      ).json();
      expect(verified.awaitingVerification).toBe(before.awaitingVerification);
      expect(
        (await call(t, f.region, { method: 'GET', url: '/api/m/laksa/live/summary', as: f.officer }))
          .statusCode,
      ).toBe(403);
    });
  });

  describe('privacy', () => {
    it('never shows an anonim reporter to anyone, and never shows a rahasia report publicly', async () => {
      const anon = (
        await file({
          anonymous: true,
          description: 'Pungutan liar di kantor kelurahan, saya takut diketahui.',
        })
      ).json();
      const secret = (
        await file({ confidential: true, description: 'Laporan rahasia soal penyalahgunaan aset daerah.' })
      ).json();
      const named = (await file()).json();
      for (const r of [anon, secret, named]) await act(r.id, f.operator, { action: 'verify' });

      const citizenName = f.citizen.name;
      const staffViews = await Promise.all(
        [f.operator, f.admin, f.leader].map((as) =>
          call(t, f.region, { method: 'GET', url: `/api/m/laksa/reports/${anon.id}`, as }),
        ),
      );
      for (const v of staffViews) {
        expect(v.statusCode).toBe(200);
        expect(v.json().reporter).toBeNull();
        expect(v.body).not.toContain(citizenName);
        expect(v.body).not.toContain(f.citizen.email);
      }
      const namedView = (
        await call(t, f.region, { method: 'GET', url: `/api/m/laksa/reports/${named.id}`, as: f.operator })
      ).json();
      expect(namedView.reporter.name).toBe(citizenName);

      const inbox = await call(t, f.region, {
        method: 'GET',
        url: '/api/m/laksa/inbox?limit=100',
        as: f.operator,
      });
      expect(inbox.body).not.toContain(citizenName);
      const csv = await call(t, f.region, {
        method: 'GET',
        url: '/api/m/laksa/inbox/export.csv',
        as: f.operator,
      });
      expect(csv.body).not.toContain(citizenName);

      const list = await call(t, f.region, {
        method: 'GET',
        url: '/api/m/laksa/public/reports?pageSize=500',
      });
      const tickets = list.json().items.map((i: { ticket: string }) => i.ticket);
      expect(tickets).toContain(anon.ticket);
      expect(tickets).not.toContain(secret.ticket);
      expect(list.body).not.toContain(citizenName);
      const tracking = await call(t, f.region, {
        method: 'GET',
        url: `/api/m/laksa/public/reports/${secret.ticket}`,
      });
      expect(tracking.statusCode).toBe(404);
      const anonTracking = await call(t, f.region, {
        method: 'GET',
        url: `/api/m/laksa/public/reports/${anon.ticket}`,
      });
      expect(anonTracking.statusCode).toBe(200);
      expect(anonTracking.body).not.toContain(citizenName);
      // The reporter still sees their own rahasia report.
      expect(
        (
          await call(t, f.region, {
            method: 'GET',
            url: `/api/m/laksa/my/reports/${secret.ticket}`,
            as: f.citizen,
          })
        ).statusCode,
      ).toBe(200);
    });

    it('hides unverified content from the public tracking page and shows it once verified', async () => {
      const { id, ticket } = (await file()).json();
      const before = (
        await call(t, f.region, { method: 'GET', url: `/api/m/laksa/public/reports/${ticket}` })
      ).json();
      expect(before).toMatchObject({ status: 'menunggu_verifikasi', description: null, lat: null });
      await act(id, f.operator, { action: 'verify' });
      const after = (
        await call(t, f.region, { method: 'GET', url: `/api/m/laksa/public/reports/${ticket}` })
      ).json();
      expect(after.description).toMatch(/Jalan berlubang/);
    });

    it('lets a moderator redact text and hide a photo, with an internal audit step', async () => {
      const { id } = (
        await file({ description: 'Tetangga saya Budi NIK 3671010101900001 buang sampah sembarangan.' })
      ).json();
      const moderated = await call(t, f.region, {
        method: 'POST',
        url: `/api/m/laksa/reports/${id}/moderation`,
        as: f.operator,
        payload: {
          description: 'Tetangga saya [disunting] buang sampah sembarangan.',
          reason: 'Menghapus data pribadi.',
        },
      });
      expect(moderated.json()).toMatchObject({
        redacted: true,
        description: 'Tetangga saya [disunting] buang sampah sembarangan.',
      });
      expect(moderated.body).not.toContain('3671010101900001');
      expect(
        (
          await call(t, f.region, {
            method: 'POST',
            url: `/api/m/laksa/reports/${id}/moderation`,
            as: f.officer,
            payload: { reason: 'coba' },
          })
        ).statusCode,
      ).toBe(403);
    });
  });

  describe('staff console', () => {
    /** The operator's inbox view page after page (at most `pages` requests), its items in order. */
    async function pageInbox(query: string, pages: number) {
      const items: { ticket: string; createdAt: string }[] = [];
      let cursor = '';
      for (let page = 0; page < pages; page++) {
        const res = (
          await call(t, f.region, {
            method: 'GET',
            url: `/api/m/laksa/inbox?${query}${cursor ? `&cursor=${cursor}` : ''}`,
            as: f.operator,
          })
        ).json();
        items.push(...res.items);
        if (!res.nextCursor) break;
        cursor = res.nextCursor;
      }
      return items;
    }

    it('searches ticket, description and address in full text, and filters by status and kecamatan', async () => {
      const { ticket } = (
        await file({
          description: 'Saluran drainase tersumbat lumpur tebal di gang kelinci.',
          address: 'Gang Kelinci 7',
        })
      ).json();
      const byWord = (
        await call(t, f.region, {
          method: 'GET',
          url: '/api/m/laksa/inbox?q=drainase%20tersumbat',
          as: f.operator,
        })
      ).json();
      expect(byWord.items.map((i: { ticket: string }) => i.ticket)).toEqual([ticket]);
      const byTicket = (
        await call(t, f.region, { method: 'GET', url: `/api/m/laksa/inbox?q=${ticket}`, as: f.operator })
      ).json();
      expect(byTicket.items).toHaveLength(1);
      const byAddress = (
        await call(t, f.region, { method: 'GET', url: '/api/m/laksa/inbox?q=kelinci', as: f.operator })
      ).json();
      expect(byAddress.items.map((i: { ticket: string }) => i.ticket)).toContain(ticket);
      const filtered = (
        await call(t, f.region, {
          method: 'GET',
          url: `/api/m/laksa/inbox?status=menunggu_verifikasi&kecamatan=${f.kecamatan}&limit=2`,
          as: f.operator,
        })
      ).json();
      expect(filtered.items.every((i: { status: string }) => i.status === 'menunggu_verifikasi')).toBe(true);
      expect(filtered.nextCursor).not.toBeNull();
      const next = (
        await call(t, f.region, {
          method: 'GET',
          url: `/api/m/laksa/inbox?status=menunggu_verifikasi&kecamatan=${f.kecamatan}&limit=2&cursor=${filtered.nextCursor}`,
          as: f.operator,
        })
      ).json();
      expect(next.items[0].ticket).not.toBe(filtered.items[1].ticket);
      expect(
        (await call(t, f.region, { method: 'GET', url: '/api/m/laksa/inbox?cursor=bogus', as: f.operator }))
          .statusCode,
      ).toBe(400);
    });

    it('pages reports filed within one millisecond, each once, and keeps the last microsecond of a day', async () => {
      // PostgreSQL keeps microseconds; a cursor or a day's end cut at the millisecond skips rows.
      const times = [
        '2020-01-01T16:59:59.999500Z', // 23:59:59.9995 WIB, still 1 January
        '2020-01-01T03:00:00.123900Z',
        '2020-01-01T03:00:00.123500Z',
        '2020-01-01T03:00:00.123100Z',
      ];
      const tickets: string[] = [];
      for (const at of times) {
        const { id, ticket } = (await file({ description: 'Lampu taman padam.' })).json();
        await inRegion(t.database, { regionId: f.region.id }, (tx) =>
          tx
            .update(laksaReport)
            .set({ createdAt: sql`${at}::timestamptz` })
            .where(eq(laksaReport.id, id)),
        );
        tickets.push(ticket);
      }
      const items = await pageInbox('from=2020-01-01&to=2020-01-01&limit=1', 6);
      expect(items[0]?.createdAt).toBe('2020-01-01T16:59:59.999Z');
      expect(items.map((i) => i.ticket)).toEqual(tickets);
    });

    it('pages a search with other filters through the index door, newest first, each match once', async () => {
      const tickets: string[] = [];
      for (let i = 0; i < 3; i++)
        tickets.unshift(
          (await file({ description: `Pohon trembesi ${i} tumbang menutup jalan.` })).json().ticket,
        );
      const items = await pageInbox('q=trembesi&status=menunggu_verifikasi&limit=1', 5);
      expect(items.map((i) => i.ticket)).toEqual(tickets);
      // Filters that keep none of the matches, and a word found nowhere: empty, no cursor.
      for (const url of ['/api/m/laksa/inbox?q=trembesi&status=selesai', '/api/m/laksa/inbox?q=trembesiii'])
        expect((await call(t, f.region, { method: 'GET', url, as: f.operator })).json()).toEqual({
          items: [],
          nextCursor: null,
        });
    });

    it('exports the view as CSV and XLSX without reporter identity', async () => {
      const csv = await call(t, f.region, {
        method: 'GET',
        url: '/api/m/laksa/inbox/export.csv?status=menunggu_verifikasi',
        as: f.operator,
      });
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      const lines = csv.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\n');
      expect(lines[0]).toMatch(/^Tiket,Jenis,Kategori,Status/);
      expect(lines.length).toBeGreaterThan(1);
      const xlsx = await call(t, f.region, {
        method: 'GET',
        url: '/api/m/laksa/inbox/export.xlsx',
        as: f.operator,
      });
      expect(xlsx.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const sheet = wb.getWorksheet('Laporan')!;
      expect(sheet.getRow(1).getCell(1).value).toBe('Tiket');
      expect(sheet.rowCount).toBeGreaterThan(1);
      expect(
        (await call(t, f.region, { method: 'GET', url: '/api/m/laksa/inbox/export.csv', as: f.officer }))
          .statusCode,
      ).toBe(403);
    });

    it('lets the region admin manage categories, routing, holidays and templates', async () => {
      const created = await call(t, f.region, {
        method: 'POST',
        url: '/api/m/laksa/admin/categories',
        as: f.admin,
        payload: { code: 'pohon-tumbang', name: 'Pohon Tumbang', nameEn: 'Fallen tree', resolveDays: 3 },
      });
      expect(created.statusCode).toBe(201);
      const cat = created.json();
      const dup = await call(t, f.region, {
        method: 'POST',
        url: '/api/m/laksa/admin/categories',
        as: f.admin,
        payload: { code: 'pohon-tumbang', name: 'X x x', nameEn: 'X x x' },
      });
      expect(dup.statusCode).toBe(409);
      const rule = await call(t, f.region, {
        method: 'POST',
        url: '/api/m/laksa/admin/routing',
        as: f.admin,
        payload: { categoryId: cat.id, opdId: f.opds.dlh },
      });
      expect(rule.statusCode).toBe(201);
      const { id } = (
        await file({ categoryId: cat.id, description: 'Pohon besar tumbang menutup jalan utama.' })
      ).json();
      expect((await act(id, f.operator, { action: 'verify' })).json().opds[0].shortName).toBe('DLH');

      const holiday = await call(t, f.region, {
        method: 'POST',
        url: '/api/m/laksa/admin/holidays',
        as: f.admin,
        payload: { date: '2026-12-01', name: 'Hari Jadi Kabupaten' },
      });
      expect(holiday.statusCode).toBe(201);
      const holidays = (
        await call(t, f.region, { method: 'GET', url: '/api/m/laksa/admin/holidays?year=2026', as: f.admin })
      ).json();
      expect(holidays).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ date: '2026-12-01', kind: 'region' }),
          expect.objectContaining({ date: '2026-08-17', kind: 'national' }),
        ]),
      );
      const tpl = await call(t, f.region, {
        method: 'POST',
        url: '/api/m/laksa/admin/templates',
        as: f.admin,
        payload: { title: 'Survei lapangan', body: 'Petugas akan survei lokasi.' },
      });
      expect(tpl.statusCode).toBe(201);
      expect(
        (await call(t, f.region, { method: 'GET', url: '/api/m/laksa/templates', as: f.officer }))
          .json()
          .map((x: { title: string }) => x.title),
      ).toContain('Survei lapangan');
      expect(
        (
          await call(t, f.region, {
            method: 'POST',
            url: '/api/m/laksa/admin/categories',
            as: f.operator,
            payload: { code: 'x-y', name: 'Xyz', nameEn: 'Xyz' },
          })
        ).statusCode,
      ).toBe(403);
    });
  });

  describe('public', () => {
    it('serves statistics per category, OPD and kecamatan over public reports', async () => {
      const stats = (await call(t, f.region, { method: 'GET', url: '/api/m/laksa/public/stats' })).json();
      expect(stats.total).toBeGreaterThan(0);
      expect(stats.byCategory[0]).toMatchObject({ key: expect.any(String), total: expect.any(Number) });
      expect(stats.byOpd.length).toBeGreaterThan(0);
    });
  });

  describe('isolation', () => {
    it('keeps each region’s reports to itself, by id, by ticket and in every list', async () => {
      const { id, ticket } = (await file()).json();
      const other = await createRegion(t);
      const operatorB = await createAccount(t, other, ['operator']);
      const citizenB = await createAccount(t, other, ['citizen']);
      expect(
        (await call(t, other, { method: 'GET', url: `/api/m/laksa/reports/${id}`, as: operatorB }))
          .statusCode,
      ).toBe(404);
      expect(
        (
          await call(t, other, {
            method: 'POST',
            url: `/api/m/laksa/reports/${id}/actions`,
            as: operatorB,
            payload: { action: 'verify' },
          })
        ).statusCode,
      ).toBe(404);
      expect(
        (await call(t, other, { method: 'GET', url: `/api/m/laksa/public/reports/${ticket}` })).statusCode,
      ).toBe(404);
      expect(
        (
          await call(t, other, {
            method: 'POST',
            url: `/api/m/laksa/reports/${ticket}/support`,
            as: citizenB,
          })
        ).statusCode,
      ).toBe(404);
      const inbox = (
        await call(t, other, { method: 'GET', url: '/api/m/laksa/inbox?limit=100', as: operatorB })
      ).json();
      expect(inbox.items.map((i: { ticket: string }) => i.ticket)).not.toContain(ticket);
      // A category of region A cannot be used in region B.
      const cross = await call(t, other, {
        method: 'POST',
        url: '/api/m/laksa/reports',
        as: citizenB,
        payload: { ...report(), areaCode: null },
      });
      expect(cross.statusCode).toBe(400);
    });
  });
});
