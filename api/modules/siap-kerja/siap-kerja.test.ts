import http from 'node:http';
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { XMLParser } from 'fast-xml-parser';
import { Webhook } from 'standardwebhooks';
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
import { photoUpload } from '../../../test/support/files';
import { opd } from '../../core/db/schema';
import { asPlatform, inRegion } from '../../core/db/scope';
import { matchScore, seekerColumns, vacancyColumns } from './matching';
import { skAk1, skVacancy } from './schema';
import { addDays } from './settings';
import { dailyHousekeeping } from './tasks';
import { deliverDue } from './webhooks';

const base = '/api/m/siap-kerja';

/** A real NIK shape: PPKKCC DDMMYY SSSS (women: day + 40). */
const nik = (serial: number, female = false, birth = '150598') =>
  `337401${female ? String(Number(birth.slice(0, 2)) + 40) + birth.slice(2) : birth}${String(serial).padStart(4, '0')}`;

describe('siap-kerja module', () => {
  let t: TestApp;
  let region: TestRegion;
  let other: TestRegion;
  let kecamatan: string[];
  let disnaker: TestAccount;
  let pupr: TestAccount;
  let employerOwner: TestAccount;
  let strangerEmployer: TestAccount;
  let seekerA: TestAccount;
  let seekerB: TestAccount;
  let seekerC: TestAccount;
  let employerId: string;
  const today = new Date().toISOString().slice(0, 10);

  const profile = (n: number, over: Record<string, unknown> = {}) => ({
    nik: nik(n),
    name: `Pencaker ${n}`,
    birthPlace: 'Semarang',
    birthDate: '1998-05-15',
    sex: 'L',
    maritalStatus: 'belum_kawin',
    religion: 'islam',
    address: 'Jl. Rahasia No. 7',
    kecamatan: kecamatan[0],
    education: 'sma',
    skills: ['forklift'],
    experience: [],
    prefTypes: [],
    ...over,
  });
  const vacancy = (over: Record<string, unknown> = {}) => ({
    title: 'Staf Gudang',
    position: 'Gudang',
    description: 'Mengelola stok.',
    count: 3,
    validFrom: today,
    validUntil: addDays(today, 30),
    education: 'sma',
    skills: ['forklift', 'stok barang'],
    experienceYears: 0,
    wageMin: 3_000_000,
    wageMax: 4_000_000,
    kecamatan: kecamatan[0],
    location: 'Kawasan industri',
    type: 'penuh_waktu',
    ...over,
  });
  const post = (as: TestAccount | undefined, url: string, payload?: unknown, r = region) =>
    call(t, r, { method: 'POST', url: `${base}${url}`, as, payload: payload as object });
  const get = (as: TestAccount | undefined, url: string, r = region) =>
    call(t, r, { method: 'GET', url: `${base}${url}`, as });
  const put = (as: TestAccount, url: string, payload: unknown) =>
    call(t, region, { method: 'PUT', url: `${base}${url}`, as, payload: payload as object });

  /** Posts and publishes a vacancy of the verified employer. */
  const publish = async (over: Record<string, unknown> = {}) => {
    const res = await post(employerOwner, `/employers/${employerId}/vacancies`, vacancy(over));
    expect(res.statusCode, res.body).toBe(201);
    const ok = await post(disnaker, `/staff/vacancies/${res.json().id}/decision`, { decision: 'terbuka' });
    expect(ok.statusCode, ok.body).toBe(200);
    return ok.json() as { id: string; title: string };
  };

  beforeAll(async () => {
    t = await createTestApp();
    region = await createRegion(t);
    other = await createRegion(t);
    const areas = (await call(t, region, { method: 'GET', url: '/api/region/areas' })).json();
    kecamatan = areas.map((a: { code: string }) => a.code);
    const opds = await asPlatform(
      t.database,
      { actor: 'test', action: 'test', reason: 'fixture', regionId: region.id },
      (tx) => tx.select({ id: opd.id, code: opd.code }).from(opd).where(sql`${opd.regionId} = ${region.id}`),
    );
    disnaker = await createAccount(t, region, [
      { role: 'opd_officer', opdId: opds.find((o) => o.code === 'disnaker')!.id },
    ]);
    pupr = await createAccount(t, region, [
      { role: 'opd_officer', opdId: opds.find((o) => o.code === 'dpupr')!.id },
    ]);
    employerOwner = await createAccount(t, region, ['citizen']);
    strangerEmployer = await createAccount(t, region, ['citizen']);
    seekerA = await createAccount(t, region, ['citizen']);
    seekerB = await createAccount(t, region, ['citizen']);
    seekerC = await createAccount(t, region, ['citizen']);
    const emp = await post(employerOwner, '/employers', {
      name: 'PT Maju Bersama',
      nib: '1234567890123',
      kbli: '52101',
      sector: 'Logistik',
      address: 'Jl. Industri 1',
      contactName: 'Bu HRD',
      contactPhone: '081311112222',
    });
    expect(emp.statusCode, emp.body).toBe(201);
    employerId = emp.json().id;
  });
  afterAll(() => t.close());

  it('keeps vacancies of an unverified employer off the public list until Disnaker verifies both', async () => {
    const v = await post(
      employerOwner,
      `/employers/${employerId}/vacancies`,
      vacancy({ title: 'Belum terverifikasi' }),
    );
    expect(v.statusCode, v.body).toBe(201);
    expect(v.json().status).toBe('menunggu');
    expect((await get(undefined, `/vacancies/${v.json().id}`)).statusCode).toBe(404);
    // The employer is not verified yet: the vacancy cannot be published.
    const early = await post(disnaker, `/staff/vacancies/${v.json().id}/decision`, { decision: 'terbuka' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('CONFLICT');
    // Another OPD's officer holds the permission through the role, but is not Disnaker: empty
    // queues, and Disnaker's records are not theirs.
    expect(
      (await post(pupr, `/staff/employers/${employerId}/decision`, { decision: 'terverifikasi' })).statusCode,
    ).toBe(404);
    expect((await get(pupr, '/staff/employers')).json()).toEqual([]);
    expect((await get(disnaker, '/staff/employers')).json().map((e: { id: string }) => e.id)).toContain(
      employerId,
    );
    const ok = await post(disnaker, `/staff/employers/${employerId}/decision`, { decision: 'terverifikasi' });
    expect(ok.statusCode, ok.body).toBe(200);
    const pub = await post(disnaker, `/staff/vacancies/${v.json().id}/decision`, { decision: 'terbuka' });
    expect(pub.statusCode, pub.body).toBe(200);
    const page = await get(undefined, `/vacancies/${v.json().id}`);
    expect(page.statusCode).toBe(200);
  });

  it('runs the AK/1 lifecycle: request, duplicate NIK 409, approve, PDF with the check link, revoke', async () => {
    expect((await post(seekerA, '/me/ak1')).statusCode).toBe(404); // no profile yet
    const saved = await put(
      seekerA,
      '/me/profile',
      profile(1, { sex: 'P', nik: nik(1, true), skills: ['forklift', 'stok barang'] }),
    );
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().nikMasked).toBe(`************${nik(1, true).slice(-4)}`);
    expect(saved.body).not.toContain(nik(1, true));
    const req1 = await post(seekerA, '/me/ak1');
    expect(req1.statusCode, req1.body).toBe(201);
    expect(req1.json().status).toBe('diajukan');
    // Another account with the same NIK in the region: a clear 409.
    expect(
      (await put(seekerB, '/me/profile', profile(1, { nik: nik(1, true), name: 'Peniru' }))).statusCode,
    ).toBe(200);
    const dupe = await post(seekerB, '/me/ak1');
    expect(dupe.statusCode).toBe(409);
    expect(dupe.json().error.messages.id).toContain('sudah memiliki AK/1');
    // seekerB fixes the profile (another NIK) for the rest of the tests.
    expect((await put(seekerB, '/me/profile', profile(2, { skills: [] }))).statusCode).toBe(200);

    const queue = await get(disnaker, '/staff/ak1');
    expect(queue.statusCode).toBe(200);
    const item = queue.json().find((q: { id: string }) => q.id === req1.json().id);
    expect(item.nikMasked).toMatch(/^\*+\d{4}$/);
    // Ask for a visit first: the applicant sees why.
    const visit = await post(disnaker, `/staff/ak1/${item.id}/decision`, {
      decision: 'perlu_datang',
      note: 'Bawa ijazah asli',
    });
    expect(visit.json().status).toBe('perlu_datang');
    expect((await get(seekerA, '/me/ak1')).json().note).toBe('Bawa ijazah asli');
    const issued = await post(disnaker, `/staff/ak1/${item.id}/decision`, { decision: 'terbit' });
    expect(issued.statusCode, issued.body).toBe(200);
    const card = issued.json();
    expect(card.status).toBe('terbit');
    expect(card.number).toMatch(new RegExp(`^AK1/${region.code}/\\d{4}/000001$`));
    expect(card.validUntil > addDays(today, 720)).toBe(true);
    expect(card.nextReportDue).toBeTruthy();

    const pdf = await get(seekerA, '/me/ak1/card.pdf');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.toString('latin1')).toContain(`${region.path}/cek/${card.documentCode}`);
    expect((await get(disnaker, `/staff/ak1/${card.id}/card.pdf`)).statusCode).toBe(200);
    expect((await get(seekerB, `/staff/ak1/${card.id}/card.pdf`)).statusCode).toBe(403);
    expect((await get(pupr, `/staff/ak1/${card.id}/card.pdf`)).statusCode).toBe(404);
    expect((await get(pupr, `/staff/ak1/${card.id}/card.pdf`)).statusCode).toBe(404);

    const check = await call(t, region, { method: 'GET', url: `/api/documents/check/${card.documentCode}` });
    expect(check.statusCode).toBe(200);
    expect(check.json()).toMatchObject({
      state: 'valid',
      number: card.number,
      holderName: 'Pencaker 1',
      kind: 'siap-kerja.ak1',
    });
    expect(check.json().kindLabel.id).toContain('AK/1');
    for (const secret of [nik(1, true), 'Jl. Rahasia', '1998-05-15', 'islam'])
      expect(check.body).not.toContain(secret);
    // Another region does not know the code.
    expect(
      (await call(t, other, { method: 'GET', url: `/api/documents/check/${card.documentCode}` })).statusCode,
    ).toBe(404);

    // Lapor diri moves the next due date on.
    const lapor = await post(seekerA, '/me/ak1/lapor', { status: 'masih_mencari' });
    expect(lapor.statusCode, lapor.body).toBe(200);
    expect(lapor.json().lastReportAt).toBeTruthy();

    const revoked = await post(disnaker, `/staff/ak1/${card.id}/revoke`, { reason: 'Data tidak sesuai' });
    expect(revoked.json().status).toBe('dicabut');
    const after = await call(t, region, { method: 'GET', url: `/api/documents/check/${card.documentCode}` });
    expect(after.json().state).toBe('revoked');
    expect((await get(seekerA, '/me/ak1/card.pdf')).statusCode).toBe(404);
  });

  it('shows an AK/1 past its validity as expired, and then a new request is allowed', async () => {
    await put(seekerC, '/me/profile', profile(3));
    const req = (await post(seekerC, '/me/ak1')).json();
    const card = (await post(disnaker, `/staff/ak1/${req.id}/decision`, { decision: 'terbit' })).json();
    await inRegion(t.database, { regionId: region.id }, async (tx) => {
      await tx
        .update(skAk1)
        .set({ validUntil: addDays(today, -1) })
        .where(eq(skAk1.id, card.id));
      await tx.execute(
        sql`update issued_document set valid_until = ${addDays(today, -1)} where code = ${card.documentCode}`,
      );
    });
    const check = await call(t, region, { method: 'GET', url: `/api/documents/check/${card.documentCode}` });
    expect(check.json().state).toBe('expired');
    expect((await get(seekerC, '/me/ak1')).json().status).toBe('kedaluwarsa');
    expect((await post(seekerC, '/me/ak1/lapor', { status: 'masih_mencari' })).statusCode).toBe(409);
    expect((await post(seekerC, '/me/ak1')).statusCode).toBe(201);
  });

  it('ranks vacancies by match score in the database and explains it', async () => {
    // seekerA: SMA, forklift + stok barang, kecamatan[0], 0 years.
    const best = await publish({ title: 'Cocok sekali', skills: ['forklift', 'stok barang'] });
    const far = await publish({ title: 'Jauh', kecamatan: kecamatan[1], skills: ['forklift'] });
    const senior = await publish({
      title: 'Senior',
      experienceYears: 2,
      skills: ['forklift', 'stok barang'],
    });
    const diploma = await publish({ title: 'Butuh S1', education: 's1', skills: ['akuntansi'] });
    const res = await get(seekerA, '/vacancies?sort=cocok&limit=50');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as {
      id: string;
      score: number;
      explanation: { matched: string[]; missing: { key: string; years?: number }[] };
    }[];
    const ids = items.map((i) => i.id);
    const idx = (id: string) => ids.indexOf(id);
    expect(idx(best.id)).toBeLessThan(idx(senior.id));
    expect(idx(senior.id)).toBeLessThan(idx(far.id));
    expect(idx(far.id)).toBeLessThan(idx(diploma.id));
    expect(items[idx(best.id)]!.score).toBe(100);
    expect(items[idx(senior.id)]!.score).toBe(85);
    expect(items[idx(senior.id)]!.explanation.missing).toContainEqual({ key: 'pengalaman', years: 2 });
    expect(items[idx(far.id)]!.explanation.missing.map((m) => m.key)).toContain('lokasi');
    // Every score on the page is the formula with both sides as columns (the seeker's bound form
    // takes shortcuts: no shared skill at all, padding slots), vacancies with and without a shared skill.
    const formula = await inRegion(t.database, { regionId: region.id }, async (tx) => {
      const res = (await tx.execute(sql`
        select v.id, ${matchScore(vacancyColumns, seekerColumns)} as score
        from siap_kerja_vacancy v, siap_kerja_seeker s where s.user_id = ${seekerA.id}`)) as unknown as {
        rows: { id: string; score: number }[];
      };
      return new Map(res.rows.map((r) => [r.id, Number(r.score)]));
    });
    expect(items.length).toBeGreaterThan(3);
    for (const item of items) expect([item.id, item.score]).toEqual([item.id, formula.get(item.id)]);
    expect(items[idx(diploma.id)]!.explanation.missing.map((m) => m.key)).toEqual(
      expect.arrayContaining(['pendidikan', 'keahlian']),
    );
    // Anonymous visitors get no score; filters work.
    const anon = (await get(undefined, `/vacancies?q=${encodeURIComponent('Butuh')}`)).json();
    expect(anon.items.map((i: { id: string }) => i.id)).toEqual([diploma.id]);
    expect(anon.items[0].score).toBeNull();
  });

  it("keeps each application's score with the vacancy and the seeker: the ranked list follows their edits", async () => {
    const v = await publish({ title: 'Petugas Gudang Dingin', skills: ['gudang dingin'] });
    expect((await post(seekerA, `/vacancies/${v.id}/apply`, {})).statusCode).toBe(201);
    expect((await post(seekerB, `/vacancies/${v.id}/apply`, {})).statusCode).toBe(201);
    const ranked = async () =>
      (await get(employerOwner, `/vacancies/${v.id}/applicants`))
        .json()
        .map((x: { name: string; score: number }) => [x.name, x.score]);
    // The stored score is the formula of matching.ts on both rows, for every application of the region.
    const storedEqualsFormula = async () => {
      const rows = await inRegion(t.database, { regionId: region.id }, async (tx) => {
        const res = (await tx.execute(sql`
          select a.score as stored, ${matchScore(vacancyColumns, seekerColumns)} as formula
          from siap_kerja_application a
          join siap_kerja_vacancy v on v.region_id = a.region_id and v.id = a.vacancy_id
          join siap_kerja_seeker s on s.region_id = a.region_id and s.id = a.seeker_id`)) as unknown as {
          rows: { stored: number; formula: number }[];
        };
        return res.rows;
      });
      expect(rows.length).toBeGreaterThan(1);
      for (const r of rows) expect(Number(r.stored)).toBe(Number(r.formula));
    };
    // Neither has the skill: the same score, the earlier applicant first.
    const before = await ranked();
    expect(before.map(([name]: [string]) => name)).toEqual(['Pencaker 1', 'Pencaker 2']);
    await storedEqualsFormula();

    // Seeker 2 learns the skill: 25 points more, now first.
    expect((await put(seekerB, '/me/profile', profile(2, { skills: ['gudang dingin'] }))).statusCode).toBe(
      200,
    );
    const after = await ranked();
    expect(after.map(([name]: [string]) => name)).toEqual(['Pencaker 2', 'Pencaker 1']);
    expect(after[0][1]).toBe(before[1][1] + 25);
    await storedEqualsFormula();

    // The employer changes the vacancy to ask for forklift, which only seeker 1 has: the order turns again.
    const edit = await put(
      employerOwner,
      `/vacancies/${v.id}`,
      vacancy({ title: 'Petugas Gudang Dingin', skills: ['forklift'] }),
    );
    expect(edit.statusCode, edit.body).toBe(200);
    expect((await ranked()).map(([name]: [string]) => name)).toEqual(['Pencaker 1', 'Pencaker 2']);
    await storedEqualsFormula();
    expect((await put(seekerB, '/me/profile', profile(2, { skills: [] }))).statusCode).toBe(200);
    await storedEqualsFormula();
  });

  it('applies with one tap, refuses closed or expired vacancies, and keeps each side to its own', async () => {
    const v = await publish({ title: 'Operator Forklift' });
    const a = await post(seekerA, `/vacancies/${v.id}/apply`, { message: 'Saya berpengalaman.' });
    expect(a.statusCode, a.body).toBe(201);
    expect((await post(seekerA, `/vacancies/${v.id}/apply`, {})).statusCode).toBe(409);
    const b = await post(seekerB, `/vacancies/${v.id}/apply`, {});
    expect(b.statusCode).toBe(201);

    // Seeker sees only own applications.
    const mine = (await get(seekerA, '/me/applications')).json();
    expect(mine.map((m: { id: string }) => m.id)).toEqual(expect.arrayContaining([a.json().id]));
    expect(mine.map((m: { id: string }) => m.id)).not.toContain(b.json().id);
    expect(
      (
        await call(t, region, {
          method: 'POST',
          url: `${base}/me/applications/${b.json().id}/withdraw`,
          as: seekerA,
        })
      ).statusCode,
    ).toBe(404);

    // Employer: ranked applicants, without NIK, address or birth date; strangers get 404.
    const list = await get(employerOwner, `/vacancies/${v.id}/applicants`);
    expect(list.statusCode, list.body).toBe(200);
    const applicants = list.json();
    expect(applicants.map((x: { name: string }) => x.name)).toEqual(['Pencaker 1', 'Pencaker 2']);
    expect(applicants[0].score).toBeGreaterThan(applicants[1].score);
    for (const secret of [nik(1, true), nik(2), 'Jl. Rahasia', '1998-05-15', 'nik', 'address', 'religion'])
      expect(list.body).not.toContain(secret);
    expect((await get(strangerEmployer, `/vacancies/${v.id}/applicants`)).statusCode).toBe(404);
    expect((await get(seekerA, `/vacancies/${v.id}/applicants`)).statusCode).toBe(404);

    // Pipeline: the interview needs a date; an impossible move is refused; the seeker sees it.
    const app = a.json().id;
    const patch = (as: TestAccount, payload: unknown) =>
      call(t, region, {
        method: 'PATCH',
        url: `${base}/applications/${app}`,
        as,
        payload: payload as object,
      });
    expect((await patch(employerOwner, { status: 'wawancara' })).statusCode).toBe(400);
    expect((await patch(employerOwner, { status: 'diterima' })).statusCode).toBe(409);
    expect((await patch(strangerEmployer, { status: 'disaring' })).statusCode).toBe(404);
    expect((await patch(seekerA, { status: 'disaring' })).statusCode).toBe(404);
    const moved = await patch(employerOwner, {
      status: 'wawancara',
      interviewAt: new Date(Date.now() + 86_400_000).toISOString(),
      employerNote: 'catatan internal',
      messageToApplicant: 'Datang jam 9 ke kantor.',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const seen = (await get(seekerA, '/me/applications')).json().find((m: { id: string }) => m.id === app);
    expect(seen.status).toBe('wawancara');
    expect(seen.messageToApplicant).toBe('Datang jam 9 ke kantor.');
    expect(JSON.stringify(seen)).not.toContain('catatan internal');

    // Closed vacancy: no more applications.
    const closed = await post(employerOwner, `/vacancies/${v.id}/close`, { outcome: 'ditutup' });
    expect(closed.json().status).toBe('ditutup');
    const late = await post(seekerC, `/vacancies/${v.id}/apply`, {});
    expect(late.statusCode).toBe(409);
    expect(late.json().error.messages.en).toContain('closed');
  });

  it('closes vacancies past their validity in the scheduled task', async () => {
    const v = await publish({ title: 'Segera berakhir' });
    await inRegion(t.database, { regionId: region.id }, (tx) =>
      tx
        .update(skVacancy)
        .set({ validUntil: addDays(today, -1) })
        .where(eq(skVacancy.id, v.id)),
    );
    // Even before the task runs, an expired vacancy cannot be applied to.
    expect((await post(seekerC, `/vacancies/${v.id}/apply`, {})).statusCode).toBe(409);
    const done = await inRegion(t.database, { regionId: region.id }, (tx) =>
      dailyHousekeeping(tx, region.id),
    );
    expect(done.closed).toBeGreaterThanOrEqual(1);
    const page = (await get(undefined, `/vacancies/${v.id}`)).json();
    expect(page.vacancy.status).toBe('ditutup');
  });

  it('publishes JobPosting JSON-LD and valid RSS/Atom feeds', async () => {
    const v = await publish({ title: 'Kurir & <Pengantar>' });
    const page = (await get(undefined, `/vacancies/${v.id}`)).json();
    expect(page.jsonLd).toMatchObject({
      '@context': 'https://schema.org/',
      '@type': 'JobPosting',
      title: 'Kurir & <Pengantar>',
      hiringOrganization: { '@type': 'Organization', name: 'PT Maju Bersama' },
      employmentType: 'FULL_TIME',
      baseSalary: { currency: 'IDR', value: { minValue: 3_000_000, maxValue: 4_000_000 } },
    });
    expect(page.jsonLd.datePosted).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(page.jsonLd.validThrough).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const parser = new XMLParser({ ignoreAttributes: false });
    const rss = await get(undefined, '/feed.rss');
    expect(rss.headers['content-type']).toContain('application/rss+xml');
    const rssDoc = parser.parse(rss.body);
    const items = [rssDoc.rss.channel.item].flat();
    expect(items.some((i: { title: string }) => i.title.startsWith('Kurir & <Pengantar>'))).toBe(true);
    const atom = await get(undefined, '/feed.atom');
    const atomDoc = parser.parse(atom.body);
    expect([atomDoc.feed.entry].flat().length).toBeGreaterThan(0);
    expect(atomDoc.feed.id).toContain('/layanan/siap-kerja');
  });

  it('exports statistics and the national vacancy report as CSV and XLSX, and open data without personal data', async () => {
    const stats = await get(disnaker, '/staff/stats');
    expect(stats.statusCode, stats.body).toBe(200);
    expect(stats.json().seekers).toBeGreaterThanOrEqual(3);
    expect(stats.json().openVacancies).toBeGreaterThan(0);
    const csv = await get(disnaker, '/staff/stats.csv');
    expect(csv.body.split('\n')[0]).toBe('dimension,key,count');
    expect(csv.body).toContain('pencari_kerja_pendidikan,sma');
    const x = await get(disnaker, '/staff/stats.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.getWorksheet('Statistik')!.getRow(1).values).toEqual([undefined, 'dimension', 'key', 'count']);
    const national = await get(disnaker, '/staff/export/vacancies.csv');
    expect(national.body.split('\n')[0]).toContain('nama_perusahaan,jabatan');
    const nx = await get(disnaker, '/staff/export/vacancies.xlsx');
    expect(nx.statusCode).toBe(200);
    const open = await get(undefined, '/open-data/stats.csv');
    expect(open.statusCode).toBe(200);
    for (const secret of ['Pencaker 1', nik(1, true), 'Jl. Rahasia']) expect(open.body).not.toContain(secret);
    // Citizens cannot read the staff statistics.
    expect((await get(seekerA, '/staff/stats')).statusCode).toBe(403);
  });

  it('delivers a signed webhook per published vacancy (Standard Webhooks)', async () => {
    const bodies: { headers: http.IncomingHttpHeaders; body: string }[] = [];
    const receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        bodies.push({ headers: req.headers, body });
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const prev = process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS;
    process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = 'true';
    try {
      const admin = await createAccount(t, region, ['region_admin']);
      const port = (receiver.address() as { port: number }).port;
      const hook = await post(admin, '/staff/webhooks', { url: `http://127.0.0.1:${port}/hook` });
      expect(hook.statusCode, hook.body).toBe(201);
      const secret = hook.json().secret as string;
      expect((await get(admin, '/staff/webhooks')).body).not.toContain(secret);
      const v = await publish({ title: 'Lowongan untuk webhook' });
      const sent = await deliverDue({
        inRegion: (work) => inRegion(t.database, { regionId: region.id }, work),
      });
      expect(sent).toBe(1);
      expect(bodies).toHaveLength(1);
      const { headers, body } = bodies[0]!;
      const verified = new Webhook(secret).verify(body, {
        'webhook-id': String(headers['webhook-id']),
        'webhook-timestamp': String(headers['webhook-timestamp']),
        'webhook-signature': String(headers['webhook-signature']),
      }) as { type: string; data: { lowongan_id: string; nama_perusahaan: string } };
      expect(verified.type).toBe('siap-kerja.vacancy.published');
      expect(verified.data.lowongan_id).toBe(v.id);
      expect(() =>
        new Webhook(`whsec_${Buffer.from('salah').toString('base64')}`).verify(
          body,
          headers as Record<string, string>,
        ),
      ).toThrow();
    } finally {
      process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = prev;
      receiver.close();
    }
  });

  it('shows a seeker’s photo to the seeker and Disnaker only: not another OPD, another employer or a stranger', async () => {
    const seeker = await createAccount(t, region, ['citizen']);
    const body = await photoUpload();
    const up = await call(t, region, {
      method: 'POST',
      url: '/api/files/photos?purpose=pencaker',
      as: seeker,
      ...body,
    });
    expect(up.statusCode, up.body).toBe(201);
    const photoFileId = up.json()[0].id as string;
    const saved = await put(seeker, '/me/profile', profile(9101, { photoFileId }));
    expect(saved.statusCode, saved.body).toBe(200);
    const read = (as?: TestAccount) =>
      call(t, region, { method: 'GET', url: `/api/files/${photoFileId}`, as });
    expect((await read(seeker)).statusCode).toBe(200);
    expect((await read(disnaker)).statusCode).toBe(200);
    expect((await read(pupr)).statusCode).toBe(404);
    expect((await read(strangerEmployer)).statusCode).toBe(404);
    expect((await read()).statusCode).toBe(404);
  });

  it('keeps regions apart', async () => {
    const v = await publish({ title: 'Hanya di daerah ini' });
    expect((await get(undefined, `/vacancies/${v.id}`, other)).statusCode).toBe(404);
    const list = (await get(undefined, '/vacancies', other)).json();
    expect(list.items.map((i: { id: string }) => i.id)).not.toContain(v.id);
    const intruder = await createAccount(t, other, ['citizen']);
    expect((await post(intruder, `/vacancies/${v.id}/apply`, {}, other)).statusCode).toBe(404);
  });

  it('answers bad input with 4xx and the error envelope', async () => {
    const cases = [
      await put(seekerA, '/me/profile', profile(1, { nik: '123' })),
      await put(seekerA, '/me/profile', profile(1, { kecamatan: '99.99.99' })),
      await post(
        employerOwner,
        `/employers/${employerId}/vacancies`,
        vacancy({ validUntil: '2020-01-01', validFrom: '2019-12-01' }),
      ),
      await post(
        employerOwner,
        `/employers/${employerId}/vacancies`,
        vacancy({ validUntil: addDays(today, -5) }),
      ),
      await post(employerOwner, '/employers', { name: 'X', nib: '12', kbli: 'abc' }),
      await get(undefined, '/vacancies?limit=1000'),
      await post(seekerA, '/vacancies/not-a-uuid/apply', {}),
      await call(t, region, { method: 'GET', url: '/api/documents/check/%27%3B--' }),
    ];
    for (const res of cases) {
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, res.body).toBeLessThan(500);
      expect(res.json().error.code).toBeTruthy();
    }
    expect((await get(undefined, '/me/profile')).statusCode).toBe(401);
  });
});
