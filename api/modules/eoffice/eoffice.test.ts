import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
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
import { fileUpload } from '../../../test/support/files';
import { todayInRegion } from '../../core/calendar/region-calendar';
import { rowsOf } from '../../core/db/client';
import { opd } from '../../core/db/schema';
import { asPlatform, inRegion } from '../../core/db/scope';
import type { SignatureAdapter } from '../../core/documents/signing';
import type { RegionWorker } from '../../core/modules/types';
import { viewerOf } from './access';
import { bodyBlocks, sanitizeBody } from './body';
import { signLetter } from './sign';
import { escalateOverdue, indexAttachments, mailExternal, pdfText } from './tasks';

const base = '/api/m/eoffice';
type Res = { statusCode: number; body: string; json(): any };

describe('eoffice module', () => {
  let t: TestApp;
  let region: TestRegion;
  let other: TestRegion;
  let admin: TestAccount;
  let admin2: TestAccount;
  let foreignAdmin: TestAccount;
  const people: Record<string, TestAccount> = {};
  const pos: Record<string, string> = {};
  let opds: Record<string, string>;
  let today: string;

  const req = (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    as: TestAccount | undefined,
    url: string,
    payload?: unknown,
    r = region,
  ) =>
    call(t, r, {
      method,
      url: url.startsWith('/api/') ? url : `${base}${url}`,
      as,
      payload: payload as object,
    });
  const ok = async (p: Promise<Res>, status = 200) => {
    const res = await p;
    expect(res.statusCode, res.body).toBe(status);
    return res.body ? res.json() : undefined;
  };
  const draft = (extra: Record<string, unknown> = {}) => ({
    type: 'nota_dinas',
    fromPositionId: pos.staf,
    subject: 'Permohonan data izin reklame',
    body: '<p>Mohon data izin reklame tahun berjalan.</p><ul><li>per kecamatan</li></ul>',
    classificationCode: '000.1.2',
    to: [pos.kadisB],
    signerPositionId: pos.kadisA,
    ...extra,
  });
  /** Drafted by the staff member, initialed by the kabid, waiting for the kadis's signature. */
  const readyToSign = async (extra: Record<string, unknown> = {}) => {
    const l = await ok(req('POST', people.staf, '/letters', draft(extra)), 201);
    await ok(req('POST', people.staf, `/letters/${l.id}/submit`, {}));
    await ok(req('POST', people.kabid, `/letters/${l.id}/initial`, { comment: '' }));
    return l.id as string;
  };
  const signed = async (extra: Record<string, unknown> = {}) => {
    const id = await readyToSign(extra);
    return ok(req('POST', people.kadisA, `/letters/${id}/sign`, {}));
  };

  beforeAll(async () => {
    t = await createTestApp();
    region = await createRegion(t);
    other = await createRegion(t);
    today = await inRegion(t.database, { regionId: region.id }, (tx) => todayInRegion(tx));
    const rows = await inRegion(t.database, { regionId: region.id }, (tx) => tx.select().from(opd));
    opds = Object.fromEntries(rows.map((o) => [o.code, o.id]));
    admin = await createAccount(t, region, ['region_admin']);
    admin2 = await createAccount(t, region, ['region_admin']);
    foreignAdmin = await createAccount(t, other, ['region_admin']);
    for (const [key, opdCode, role] of [
      ['kadisA', 'diskominfo', 'opd_admin'],
      ['kabid', 'diskominfo', 'opd_officer'],
      ['staf', 'diskominfo', 'opd_officer'],
      ['kadisB', 'dpmptsp', 'opd_admin'],
      ['kasi', 'dpmptsp', 'opd_officer'],
      ['stafB', 'dpmptsp', 'opd_officer'],
      ['tu', 'dpmptsp', 'opd_officer'],
      ['plt', 'diskominfo', 'opd_officer'],
      ['successor', 'dpmptsp', 'opd_admin'],
      ['archivistB', 'dpmptsp', 'opd_admin'],
    ] as const)
      people[key] = await createAccount(t, region, [{ role, opdId: opds[opdCode]! }]);
    const add = async (
      key: string,
      opdCode: string,
      title: string,
      level: string,
      parent: string | null,
      extra = {},
    ) => {
      pos[key] = (
        await ok(
          req('POST', admin, '/positions', {
            opdCode,
            title,
            level,
            parentId: parent ? pos[parent] : null,
            ...extra,
          }),
          201,
        )
      ).id;
    };
    await add('kadisA', 'diskominfo', 'Kepala Diskominfo', 'kepala', null);
    await add('kabid', 'diskominfo', 'Kabid IKP', 'kabid', 'kadisA');
    await add('staf', 'diskominfo', 'Pranata Humas', 'staf', 'kabid');
    await add('kadisB', 'dpmptsp', 'Kepala DPMPTSP', 'kepala', null);
    await add('tu', 'dpmptsp', 'Kasubag Umum DPMPTSP', 'kasubag', 'kadisB', { registersIncoming: true });
    await add('kasi', 'dpmptsp', 'Kasi Pelayanan', 'kasi', 'kadisB');
    await add('stafB', 'dpmptsp', 'Pengadministrasi Perizinan', 'staf', 'kasi');
    for (const key of ['kadisA', 'kabid', 'staf', 'kadisB', 'tu', 'kasi', 'stafB'])
      await ok(
        req('POST', admin, '/assignments', {
          positionId: pos[key],
          email: people[key]!.email,
          startsOn: '2026-01-01',
        }),
        201,
      );
  });
  afterAll(() => t?.close());

  it('walks a nota dinas through its review chain, with a return and a second round, to a signed, numbered letter', async () => {
    const l = await ok(
      req(
        'POST',
        people.staf,
        '/letters',
        draft({ body: '<p onclick="x()">Isi <script>alert(1)</script><b>penting</b></p>' }),
      ),
      201,
    );
    expect(l.status).toBe('draft');
    expect(l.body).toBe('<p>Isi <strong>penting</strong></p>');
    // The default chain climbs from the drafter to the signer: kabid paraf, then kadis signs.
    expect(l.reviews.map((s: any) => [s.positionTitle, s.role, s.state])).toEqual([
      ['Kabid IKP', 'paraf', 'waiting'],
      ['Kepala Diskominfo', 'sign', 'waiting'],
    ]);
    expect(l.can.edit).toBe(true);
    // Nobody but the drafter edits; nobody acts before it is submitted.
    expect((await req('PUT', people.kabid, `/letters/${l.id}`, draft())).statusCode).toBe(403);
    expect((await req('POST', people.kabid, `/letters/${l.id}/initial`, {})).statusCode).toBe(409);
    await ok(req('POST', people.staf, `/letters/${l.id}/submit`, {}));
    expect((await req('PUT', people.staf, `/letters/${l.id}`, draft())).statusCode).toBe(409);
    // The kadis cannot sign before the paraf; the staff member cannot initial.
    expect((await req('POST', people.kadisA, `/letters/${l.id}/sign`, {})).statusCode).toBe(403);
    expect((await req('POST', people.staf, `/letters/${l.id}/initial`, {})).statusCode).toBe(403);
    const inbox = await ok(req('GET', people.kabid, '/inbox'));
    expect(inbox.items.map((i: any) => [i.kind, i.letterId])).toContainEqual(['review', l.id]);

    const returned = await ok(
      req('POST', people.kabid, `/letters/${l.id}/return`, { comment: 'Lengkapi dasar hukum.' }),
    );
    expect(returned.status).toBe('returned');
    expect((await req('POST', people.kabid, `/letters/${l.id}/return`, { comment: '' })).statusCode).toBe(
      400,
    );
    await ok(
      req(
        'PUT',
        people.staf,
        `/letters/${l.id}`,
        draft({ body: '<p>Berdasarkan Perda 3/2024, mohon data.</p>' }),
      ),
    );
    const round2 = await ok(req('POST', people.staf, `/letters/${l.id}/submit`, {}));
    expect(round2.reviews.find((s: any) => s.comment === 'Lengkapi dasar hukum.')?.state).toBe('returned');
    const para = await ok(req('POST', people.kabid, `/letters/${l.id}/initial`, { comment: 'Setuju' }));
    expect(para.can.sign).toBeNull();
    expect((await req('POST', people.kabid, `/letters/${l.id}/sign`, {})).statusCode).toBe(403);
    const s = await ok(req('POST', people.kadisA, `/letters/${l.id}/sign`, {}));
    const year = today.slice(0, 4);
    expect(s.status).toBe('signed');
    expect(s.number).toMatch(new RegExp(`^000\\.1\\.2/\\d{4}/DISKOMINFO/${year}$`));
    expect(s.signedAs).toBe('definitif');
    expect(s.recipients[0].agendaNumber).toMatch(new RegExp(`^\\d{4}/AG/DPMPTSP/${year}$`));
    // A signed letter cannot be edited or discarded through the API, nor changed around it.
    expect((await req('PUT', people.staf, `/letters/${l.id}`, draft())).statusCode).toBe(409);
    expect((await req('DELETE', people.staf, `/letters/${l.id}`)).statusCode).toBe(409);
    const refused = (statement: ReturnType<typeof sql>) =>
      inRegion(t.database, { regionId: region.id }, (tx) => tx.execute(statement)).then(
        () => 'accepted',
        (e: Error & { cause?: Error }) => String(e.cause?.message ?? e.message),
      );
    expect(await refused(sql`update eoffice_letter set subject = 'diubah' where id = ${l.id}`)).toMatch(
      /immutable/,
    );
    expect(await refused(sql`update eoffice_letter set number = null where id = ${l.id}`)).toMatch(
      /immutable/,
    );
    expect(await refused(sql`delete from eoffice_letter where id = ${l.id}`)).toMatch(/never deleted/);
    // The recipient's head has it in the inbox; opening it is the read receipt.
    const inboxB = await ok(req('GET', people.kadisB, '/inbox'));
    expect(inboxB.items.find((i: any) => i.letterId === l.id)).toMatchObject({
      kind: 'letter',
      unread: true,
    });
    // Each box: sent and drafts for the drafter, done for whoever handled it.
    expect(
      (await ok(req('GET', people.staf, '/inbox?box=sent'))).items.map((i: any) => i.letterId),
    ).toContain(l.id);
    expect(
      (await ok(req('GET', people.staf, '/inbox?box=drafts'))).items.map((i: any) => i.letterId),
    ).not.toContain(l.id);
    expect(
      (await ok(req('GET', people.kadisB, '/inbox?box=done'))).items.map((i: any) => i.letterId),
    ).not.toContain(l.id);
    const opened = await ok(req('GET', people.kadisB, `/letters/${l.id}`));
    expect(opened.recipients[0].readAt).not.toBeNull();
    expect(opened.can.dispose).toBe(pos.kadisB);
  });

  it('gives numbers gap-free under concurrent signing, and a failed signing gives its number back', async () => {
    const ids = [];
    for (let i = 0; i < 6; i++) ids.push(await readyToSign({ classificationCode: '000.1' }));
    const results = await Promise.all(ids.map((id) => req('POST', people.kadisA, `/letters/${id}/sign`, {})));
    for (const r of results) expect(r.statusCode, r.body).toBe(200);
    const seqs = results.map((r) => Number(r.json().number.split('/')[2])).sort((a, b) => a - b);
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBe(seqs[i - 1]! + 1);
    // A signer that fails (the provider is down) rolls the whole signing back, its number too.
    const failing: SignatureAdapter = {
      id: 'down',
      sign: async () => {
        throw new Error('provider down');
      },
    };
    const id = await readyToSign({ classificationCode: '000.1' });
    await expect(
      inRegion(t.database, { regionId: region.id }, async (tx) => {
        const v = await viewerOf(tx, { id: people.kadisA!.id, name: 'Kadis' }, today, new Set());
        return signLetter(
          tx,
          {
            files: t.app.simpul.files,
            signer: failing,
            region: { id: region.id, name: region.name },
            origin: 'http://localhost',
            settings: { numberPattern: '{klasifikasi}/{urut}/{unit}/{tahun}', seriesBy: 'opd' },
          },
          v,
          id,
        );
      }),
    ).rejects.toThrow('provider down');
    const next = await ok(req('POST', people.kadisA, `/letters/${id}/sign`, {}));
    expect(Number(next.number.split('/')[2])).toBe(seqs.at(-1)! + 1);
  });

  it('disposes down the chain with deadlines, finishes, escalates overdue ones, and shows the tree to the sender', async () => {
    const s = await signed();
    // Only down, only from a position that received it, never into the past.
    const bad = await req('POST', people.kadisB, `/letters/${s.id}/dispositions`, {
      fromPositionId: pos.kadisB,
      to: [pos.kabid],
    });
    expect(bad.statusCode).toBe(400);
    expect(
      (
        await req('POST', people.kasi, `/letters/${s.id}/dispositions`, {
          fromPositionId: pos.kasi,
          to: [pos.stafB],
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await req('POST', people.kadisB, `/letters/${s.id}/dispositions`, {
          fromPositionId: pos.kadisB,
          to: [pos.kasi],
          dueOn: '2020-01-01',
        })
      ).statusCode,
    ).toBe(400);
    const d1 = await ok(
      req('POST', people.kadisB, `/letters/${s.id}/dispositions`, {
        fromPositionId: pos.kadisB,
        to: [pos.kasi, pos.tu],
        instructions: ['tindak_lanjuti', 'siapkan_jawaban'],
        note: 'Segera siapkan data.',
        dueOn: today,
      }),
    );
    const toKasi = d1.dispositions.find((d: any) => d.toPositionId === pos.kasi);
    // Handled by passing it on: no longer in the head's to-do list.
    expect(
      (await ok(req('GET', people.kadisB, '/inbox'))).items.some(
        (i: any) => i.letterId === s.id && i.kind === 'letter',
      ),
    ).toBe(false);
    const kasiInbox = await ok(req('GET', people.kasi, '/inbox'));
    expect(kasiInbox.items.find((i: any) => i.dispositionId === toKasi.id)).toMatchObject({
      kind: 'disposition',
      dueOn: today,
    });
    // The kasi forwards down to their staff, who finishes; then the kasi finishes.
    const d2 = await ok(
      req('POST', people.kasi, `/letters/${s.id}/dispositions`, {
        fromPositionId: pos.kasi,
        parentId: toKasi.id,
        to: [pos.stafB],
      }),
    );
    const toStaf = d2.dispositions.find((d: any) => d.parentId === toKasi.id);
    expect(toStaf.dueOn).toBe(today);
    expect(
      (await req('POST', people.kasi, `/dispositions/${toStaf.id}/finish`, { note: 'x' })).statusCode,
    ).toBe(403);
    await ok(req('POST', people.stafB, `/dispositions/${toStaf.id}/finish`, { note: 'Data disiapkan.' }));
    await ok(
      req('POST', people.kasi, `/dispositions/${toKasi.id}/finish`, { note: 'Data dikirim ke Diskominfo.' }),
    );
    expect(
      (await req('POST', people.kasi, `/dispositions/${toKasi.id}/finish`, { note: 'lagi' })).statusCode,
    ).toBe(409);
    // The first office sees the whole tree.
    const seen = await ok(req('GET', people.staf, `/letters/${s.id}`));
    expect(seen.dispositions.map((d: any) => [d.toPositionTitle, d.state])).toEqual(
      expect.arrayContaining([
        ['Kasi Pelayanan', 'done'],
        ['Pengadministrasi Perizinan', 'done'],
        ['Kasubag Umum DPMPTSP', 'open'],
      ]),
    );
    // The open one to the TU passes its deadline: its sender is told, then the position above.
    await asPlatform(t.database, { actor: 'test', action: 'backdate', reason: 'test' }, (tx) =>
      tx.execute(
        sql`update eoffice_disposition set due_on = due_on - 3 where letter_id = ${s.id} and state = 'open'`,
      ),
    );
    await inRegion(t.database, { regionId: region.id }, (tx) =>
      (escalateOverdue as { run: (c: { tx: typeof tx; regionId: string }) => Promise<void> }).run({
        tx,
        regionId: region.id,
      }),
    );
    const after = await ok(req('GET', people.kadisB, `/letters/${s.id}`));
    expect(after.dispositions.find((d: any) => d.toPositionId === pos.tu)).toMatchObject({
      overdue: true,
      state: 'open',
    });
    const told = await inRegion(t.database, { regionId: region.id }, (tx) =>
      tx.execute(
        sql`select count(*)::int as n from notification where user_id = ${people.kadisB!.id} and title->>'id' like 'Disposisi lewat batas waktu%'`,
      ),
    );
    expect(rowsOf<{ n: number }>(told)[0]!.n).toBe(1);
    const summary = await ok(req('GET', admin, '/summary'));
    expect(summary.dispositionsOverdue).toBeGreaterThanOrEqual(1);
    expect(summary.overdueByOpd[0]).toMatchObject({ opdName: 'DPMPTSP' });
  });

  it('pages the inbox with `before` without skipping letters changed within one millisecond', async () => {
    const times = [
      '2020-01-01T03:00:00.123900Z',
      '2020-01-01T03:00:00.123500Z',
      '2020-01-01T03:00:00.123100Z',
    ];
    const ids: string[] = [];
    for (const at of times) {
      const l = await ok(req('POST', people.staf, '/letters', draft()), 201);
      await inRegion(t.database, { regionId: region.id }, (tx) =>
        tx.execute(sql`update eoffice_letter set updated_at = ${at}::timestamptz where id = ${l.id}`),
      );
      ids.push(l.id);
    }
    const seen: string[] = [];
    let before = '2020-01-02T00:00:00Z';
    for (let page = 0; page < 4; page++) {
      const { items } = await ok(
        req('GET', people.staf, `/inbox?box=drafts&limit=1&before=${encodeURIComponent(before)}`),
      );
      if (!items.length) break;
      seen.push(items[0].letterId);
      before = items[0].at;
    }
    expect(seen).toEqual(ids);
  });

  it('keeps the inbox with the position across a staff rotation, and shows a Plt signature as such', async () => {
    const s = await signed();
    // The head of DPMPTSP rotates out today; the successor holds the position from today.
    const [current] = await ok(req('GET', admin, `/positions/${pos.kadisB}/assignments`));
    const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    await ok(req('POST', admin, `/assignments/${current.id}/end`, { endsOn: yesterday }), 204);
    await ok(
      req('POST', admin, '/assignments', {
        positionId: pos.kadisB,
        email: people.successor!.email,
        startsOn: today,
      }),
      201,
    );
    const inbox = await ok(req('GET', people.successor, '/inbox'));
    expect(inbox.items.some((i: any) => i.letterId === s.id)).toBe(true);
    expect((await ok(req('GET', people.kadisB, '/me/positions'))).length).toBe(0);
    expect((await req('GET', people.kadisB, `/letters/${s.id}`)).statusCode).toBe(404);

    // A Plt Kepala Diskominfo signs while the head is away.
    await ok(
      req('POST', admin, '/assignments', {
        positionId: pos.kadisA,
        email: people.plt!.email,
        kind: 'plt',
        startsOn: today,
        endsOn: today,
      }),
      201,
    );
    const id = await readyToSign();
    const byPlt = await ok(req('POST', people.plt, `/letters/${id}/sign`, {}));
    expect(byPlt.signedAs).toBe('plt');
    const pdf = await req('GET', people.plt, `/letters/${id}/pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const path = join(tmpdir(), `naskah-${process.pid}.pdf`);
    writeFileSync(path, pdf.rawPayload);
    try {
      expect(execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' })).toContain(
        'Plt. Kepala Diskominfo',
      );
      expect(execFileSync('pdfsig', [path], { encoding: 'utf8' })).toContain('Signature is Valid');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      if (process.env.CI === 'true') throw new Error('pdftotext/pdfsig (poppler-utils) are required in CI');
      console.log('SKIPPED: poppler-utils not installed');
    }
    // The public check: valid for the bytes issued, different for one flipped bit; no body, no recipients.
    const code = byPlt.checkUrl.split('/cek/')[1];
    const check = await ok(req('GET', undefined, `/api/documents/check/${code}`));
    expect(check).toMatchObject({
      state: 'valid',
      number: byPlt.number,
      holderName: expect.stringContaining('Plt. Kepala Diskominfo'),
    });
    expect(JSON.stringify(check)).not.toContain('reklame');
    const same = await call(t, region, {
      method: 'POST',
      url: `/api/documents/check/${code}/file`,
      payload: pdf.rawPayload,
      headers: { 'content-type': 'application/pdf' },
    });
    expect(same.json().matches).toBe(true);
    const tampered = Buffer.from(pdf.rawPayload);
    tampered.writeUInt8(tampered.readUInt8(500) ^ 0x01, 500);
    const diff = await call(t, region, {
      method: 'POST',
      url: `/api/documents/check/${code}/file`,
      payload: tampered,
      headers: { 'content-type': 'application/pdf' },
    });
    expect(diff.json().matches).toBe(false);
  });

  it('keeps terbatas and rahasia letters to their distribution and the chain above', async () => {
    const secret = await signed({
      confidentiality: 'rahasia',
      subject: 'Hasil audit internal',
      to: [pos.kasi],
    });
    const plain = await signed({ subject: 'Surat biasa untuk arsip', to: [pos.kasi] });
    // The recipient and the head above them read it; a colleague beside them does not.
    await ok(req('GET', people.kasi, `/letters/${secret.id}`));
    await ok(req('GET', people.successor, `/letters/${secret.id}`));
    expect((await req('GET', people.tu, `/letters/${secret.id}`)).statusCode).toBe(404);
    // The OPD's archivist reads ordinary letters of the office that signed them, never rahasia ones.
    const archivist = await createAccount(t, region, [{ role: 'opd_admin', opdId: opds.diskominfo! }]);
    await ok(req('GET', archivist, `/letters/${plain.id}`));
    expect((await req('GET', archivist, `/letters/${secret.id}`)).statusCode).toBe(404);
    const found = await ok(req('GET', archivist, '/archive?q=audit'));
    expect(found.items.map((i: any) => i.id)).not.toContain(secret.id);
    expect((await ok(req('GET', people.kasi, '/archive?q=audit'))).items.map((i: any) => i.id)).toContain(
      secret.id,
    );
    // Its files follow the letter: the signed PDF is not the archivist's to download.
    const fileId = await inRegion(
      t.database,
      { regionId: region.id },
      async (tx) =>
        rowsOf<{ file_id: string }>(
          await tx.execute(sql`select file_id from eoffice_letter where id = ${secret.id}`),
        )[0]!.file_id,
    );
    expect((await req('GET', archivist, `/api/files/${fileId}`)).statusCode).toBe(404);
    expect((await req('GET', people.kasi, `/api/files/${fileId}`)).statusCode).toBe(200);
    // Another region sees none of it.
    expect((await req('GET', foreignAdmin, `/letters/${plain.id}`, undefined, other)).statusCode).toBe(404);
    expect(await ok(req('GET', foreignAdmin, '/positions', undefined, other))).toEqual([]);
    expect((await ok(req('GET', foreignAdmin, '/archive?q=arsip', undefined, other))).items).toEqual([]);
  });

  it('registers incoming letters with agenda numbers, searches the archive and exports the agenda book', async () => {
    const up = await call(t, region, {
      method: 'POST',
      url: '/api/files/documents?purpose=naskah-masuk',
      as: people.tu,
      ...fileUpload(await scanPdf(), 'scan.pdf', 'application/pdf'),
    });
    expect(up.statusCode, up.body).toBe(201);
    const input = {
      toPositionId: pos.kadisB,
      senderName: 'Kementerian Investasi/BKPM',
      senderNumber: 'B-77/A.8/2026',
      senderDate: today,
      receivedOn: today,
      subject: 'Undangan rakor perizinan berusaha',
      summary: 'Rapat koordinasi OSS RBA di Serang.',
      classificationCode: '500.16',
      scanFileId: up.json().id,
    };
    // Only the receiving office's secretariat registers (or its admin).
    expect((await req('POST', people.staf, '/incoming', input)).statusCode).toBe(403);
    const inc = await ok(req('POST', people.tu, '/incoming', input), 201);
    expect(inc.recipients[0].agendaNumber).toMatch(/\/AG\/DPMPTSP\//);
    expect(
      (await req('POST', people.tu, '/incoming', { ...input, classificationCode: '999' })).statusCode,
    ).toBe(400);
    expect(
      (await req('POST', people.tu, '/incoming', { ...input, senderDate: '2026-02-30' })).statusCode,
    ).toBe(400);
    // Archive search by words, number and classification.
    const archivist = await createAccount(t, region, [{ role: 'opd_admin', opdId: opds.dpmptsp! }]);
    expect((await ok(req('GET', archivist, '/archive?q=rakor%20perizinan'))).items[0]).toMatchObject({
      id: inc.id,
      direction: 'in',
    });
    expect((await ok(req('GET', archivist, '/archive?number=B-77'))).items.map((i: any) => i.id)).toEqual([
      inc.id,
    ]);
    expect(
      (await ok(req('GET', archivist, '/archive?number=B-77/A.8/2026'))).items.map((i: any) => i.id),
    ).toEqual([inc.id]);
    expect((await ok(req('GET', archivist, '/archive?number=77'))).items).toEqual([]);
    expect(
      (await ok(req('GET', archivist, '/archive?classification=500'))).items.map((i: any) => i.id),
    ).toContain(inc.id);
    expect((await ok(req('GET', archivist, '/archive?q=zzzzkatayangtidakada'))).items).toEqual([]);
    const csv = await req(
      'GET',
      archivist,
      `/archive/agenda.csv?book=in&opdCode=dpmptsp&year=${today.slice(0, 4)}`,
    );
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(inc.recipients[0].agendaNumber);
    expect(csv.body).toContain('B-77/A.8/2026');
    const xlsx = await req(
      'GET',
      archivist,
      `/archive/agenda.xlsx?book=out&opdCode=dpmptsp&year=${today.slice(0, 4)}`,
    );
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    // The scan's text layer becomes searchable (pdftotext, where the server has it).
    await (indexAttachments as { run: (w: RegionWorker) => Promise<void> }).run({
      regionId: region.id,
      inRegion: (work) => inRegion(t.database, { regionId: region.id }, work),
      mail: async () => {},
      files: t.app.simpul.files,
    });
    if (await pdfText(await scanPdf()))
      expect((await ok(req('GET', archivist, '/archive?q=pindaian'))).items.map((i: any) => i.id)).toEqual([
        inc.id,
      ]);
    else if (process.env.CI === 'true') throw new Error('pdftotext (poppler-utils) is required in CI');
    // The records for another records system (SRIKANDI): the ANRI description and the file's hash.
    const exported = await ok(
      req('GET', archivist, `/archive/export.json?opdCode=dpmptsp&from=${today}&to=${today}`),
    );
    expect(exported.records.find((r: any) => r.id === inc.id)).toMatchObject({
      arah: 'in',
      nomor: 'B-77/A.8/2026',
      klasifikasi: '500.16',
      berkas_sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // Another office's agenda book is not this archivist's.
    expect(
      (await req('GET', archivist, `/archive/agenda.csv?book=out&opdCode=diskominfo&year=2026`)).statusCode,
    ).toBe(403);
  });

  it('moves records by the retention schedule only with an approval, and a destroyed record keeps its entry', async () => {
    const old = async (receivedOn: string, subject: string) =>
      ok(
        req('POST', people.tu, '/incoming', {
          toPositionId: pos.kadisB,
          senderName: 'Pemerintah Provinsi Banten',
          senderNumber: `${subject}/2015`,
          senderDate: receivedOn,
          receivedOn,
          subject,
          summary: 'Arsip lama',
          classificationCode: '000.1.2',
        }),
        201,
      );
    const a = await old('2016-03-01', 'Arsip lama A');
    const due = await ok(req('GET', admin, '/archive/retention?opdCode=dpmptsp'));
    expect(due.due.find((d: any) => d.action === 'inaktif').letters.map((l: any) => l.id)).toContain(a.id);
    const proposal = await ok(
      req('POST', admin, '/archive/retention', { action: 'inaktif', opdCode: 'dpmptsp' }),
      201,
    );
    // Never by the proposer; a rejection changes nothing.
    expect((await req('POST', admin, `/archive/retention/${proposal.id}/approve`, {})).statusCode).toBe(403);
    await ok(req('POST', admin2, `/archive/retention/${proposal.id}/approve`, {}), 204);
    expect((await ok(req('GET', people.successor, `/letters/${a.id}`))).archive.state).toBe('inaktif');
    // 2 + 3 years later it is due to be destroyed.
    const musnah = await ok(
      req('POST', admin, '/archive/retention', { action: 'musnah', opdCode: 'dpmptsp' }),
      201,
    );
    await ok(
      req('POST', admin2, `/archive/retention/${musnah.id}/approve`, { note: 'BA pemusnahan 01/2026' }),
      204,
    );
    const gone = await ok(req('GET', people.successor, `/letters/${a.id}`));
    expect(gone).toMatchObject({ archive: { state: 'musnah' }, body: '', subject: 'Arsip lama A' });
    const list = await ok(req('GET', admin, '/archive/retention/proposals'));
    expect(list.find((p: any) => p.id === musnah.id)).toMatchObject({
      state: 'approved',
      note: 'BA pemusnahan 01/2026',
    });
  });

  it('mails a signed letter to an external address with the PDF attached', async () => {
    const s = await signed({ external: [{ name: 'PT Reklame Jaya', email: 'surat@reklame.example' }] });
    const before = t.sender.mails.length;
    const worker: RegionWorker = {
      regionId: region.id,
      inRegion: (work) => inRegion(t.database, { regionId: region.id }, work),
      mail: async (m) => t.sender.mail(m),
      files: t.app.simpul.files,
    };
    await (mailExternal as { run: (w: RegionWorker) => Promise<void> }).run(worker);
    const sent = t.sender.mails.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      to: 'surat@reklame.example',
      subject: expect.stringContaining(s.number),
    });
    expect(sent[0]!.attachments?.[0]?.content.subarray(0, 5).toString()).toBe('%PDF-');
    await (mailExternal as { run: (w: RegionWorker) => Promise<void> }).run(worker);
    expect(t.sender.mails.length).toBe(before + 1);
  });

  it('refuses bad drafts with a clear error', async () => {
    const bad = async (extra: Record<string, unknown>) =>
      (await req('POST', people.staf, '/letters', draft(extra))).statusCode;
    expect(await bad({ classificationCode: '123.4' })).toBe(400);
    expect(await bad({ classificationCode: 'abc' })).toBe(400);
    expect(await bad({ body: '<script>x</script>' })).toBe(400);
    expect(await bad({ to: [] })).toBe(400);
    expect(await bad({ fromPositionId: pos.kabid })).toBe(403);
    expect(await bad({ to: ['00000000-0000-4000-8000-000000000000'] })).toBe(404);
    const res = await req('POST', people.staf, '/letters', draft({ subject: '' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBeTruthy();
    expect(sanitizeBody('<h1>x</h1><p>a&amp;b</p>')).toBe('x<p>a&amp;b</p>');
    expect(
      bodyBlocks('<ol><li>satu</li><li><strong>dua</strong></li></ol>').map((b) => [b.kind, b.index]),
    ).toEqual([
      ['number', 1],
      ['number', 2],
    ]);
  });
});

async function scanPdf() {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument();
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.text('Pindaian surat masuk (contoh)');
  doc.end();
  return done;
}
