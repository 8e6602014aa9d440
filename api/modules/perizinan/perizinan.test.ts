import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import PDFDocument from 'pdfkit';
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
import { WorkingCalendar } from '../../core/calendar/working-days';
import { opd } from '../../core/db/schema';
import { asPlatform, inRegion } from '../../core/db/scope';
import { starterCatalogue } from './catalogue-seed';
import { pauseClock, resumeClock, startClock } from './engine';
import { flagOverdue, lapseReturned } from './tasks';

const base = '/api/m/perizinan';

/** A small real PDF (PDFKit), like a scanned document a phone shares. */
async function pdf(text: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A6' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((r) => doc.on('end', () => r(Buffer.concat(chunks))));
  doc.text(text);
  doc.end();
  return done;
}

describe('perizinan module', () => {
  let t: TestApp;
  let region: TestRegion;
  let other: TestRegion;
  let admin: TestAccount;
  let citizen: TestAccount;
  let stranger: TestAccount;
  let frontOffice: TestAccount;
  let technical: TestAccount;
  let cashier: TestAccount;
  let verifier: TestAccount;
  let signer: TestAccount;
  let leader: TestAccount;
  const today = new Date().toISOString().slice(0, 10);

  const req = (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
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

  /** Uploads a file and keeps it in the locker with a type (and the date printed on it). */
  const keep = async (
    as: TestAccount,
    docType: string,
    bytes: Buffer,
    mime = 'application/pdf',
    documentDate: string | null = null,
  ) => {
    const up = fileUpload(bytes, 'berkas', mime);
    const file = await call(t, region, {
      method: 'POST',
      url: '/api/files/documents?purpose=izin-dokumen',
      as,
      ...up,
    });
    expect(file.statusCode, file.body).toBe(201);
    const item = await req('POST', as, '/locker', {
      fileId: file.json().id,
      docType,
      label: docType,
      documentDate,
    });
    expect(item.statusCode, item.body).toBe(201);
    return item.json().id as string;
  };

  /** A complete keramaian application (no fee, no technical review), submitted. */
  const keramaian = async (as = citizen) => {
    const draft = await req('POST', as, '/applications', {
      typeCode: 'keramaian',
      applicant: { kind: 'individual', name: 'Budi Santoso', nik: '3671011505980001' },
      form: { nama_acara: 'Bazar UMKM', tanggal: today, peserta: 300, tempat: 'Alun-alun' },
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const id = draft.json().id as string;
    const ktp = await keep(as, 'ktp', await pdf('KTP'));
    const proposal = await keep(as, 'proposal', await pdf('Proposal'));
    for (const [key, locker] of [
      ['ktp', ktp],
      ['proposal', proposal],
    ] as const)
      expect(
        (await req('PUT', as, `/applications/${id}/items/${key}`, { lockerItemId: locker })).statusCode,
      ).toBe(200);
    const sub = await req('POST', as, `/applications/${id}/submit`, {});
    expect(sub.statusCode, sub.body).toBe(200);
    return id;
  };

  beforeAll(async () => {
    t = await createTestApp();
    region = await createRegion(t);
    other = await createRegion(t);
    const opds = await asPlatform(
      t.database,
      { actor: 'test', action: 'test', reason: 'fixture', regionId: region.id },
      (tx) => tx.select({ id: opd.id, code: opd.code }).from(opd).where(sql`${opd.regionId} = ${region.id}`),
    );
    const dpmptsp = opds.find((o) => o.code === 'dpmptsp')!.id;
    const dpupr = opds.find((o) => o.code === 'dpupr')!.id;
    admin = await createAccount(t, region, ['region_admin']);
    citizen = await createAccount(t, region, ['citizen']);
    stranger = await createAccount(t, region, ['citizen']);
    frontOffice = await createAccount(t, region, [{ role: 'opd_officer', opdId: dpmptsp }]);
    cashier = await createAccount(t, region, [{ role: 'opd_officer', opdId: dpmptsp }]);
    verifier = await createAccount(t, region, [{ role: 'opd_officer', opdId: dpmptsp }]);
    signer = await createAccount(t, region, [{ role: 'opd_admin', opdId: dpmptsp }]);
    technical = await createAccount(t, region, [{ role: 'opd_officer', opdId: dpupr }]);
    leader = await createAccount(t, region, ['leadership']);
    for (const [who, step, opdCode] of [
      [frontOffice, 'front_office', 'dpmptsp'],
      [cashier, 'cashier', 'dpmptsp'],
      [verifier, 'verifier', 'dpmptsp'],
      [signer, 'signer', 'dpmptsp'],
      [technical, 'technical', 'dpupr'],
    ] as const) {
      const res = await req('POST', admin, '/admin/staff', { userId: who.id, step, opdCode });
      expect(res.statusCode, res.body).toBe(204);
    }
  });
  afterAll(() => t?.close());

  it('publishes the starter catalogue as the service standard to anyone', async () => {
    const res = await req('GET', undefined, '/types');
    expect(res.statusCode).toBe(200);
    const codes = res.json().map((x: { code: string }) => x.code);
    expect(codes).toEqual(starterCatalogue.map((s) => s.code).sort());
    const reklame = res.json().find((x: { code: string }) => x.code === 'reklame');
    expect(reklame.definition.slaDays).toBe(7);
    expect(reklame.definition.fee).toMatchObject({ kind: 'per_unit', unitField: 'luas_m2' });
    expect(reklame.opd.code).toBe('dpmptsp');
  });

  it('refuses a file that is neither a PDF nor a photo, and a truncated PDF, on upload', async () => {
    for (const [bytes, name, mime] of [
      [Buffer.from('MZ\x90\x00 not a document'), 'virus.exe', 'application/pdf'],
      [(await pdf('cut')).subarray(0, 400), 'cut.pdf', 'application/pdf'],
    ] as const) {
      const res = await call(t, region, {
        method: 'POST',
        url: '/api/files/documents',
        as: citizen,
        ...fileUpload(bytes, name, mime),
      });
      expect(res.statusCode, name).toBe(415);
      expect(res.json().error.messages).toMatchObject({
        id: expect.stringContaining('PDF'),
        en: expect.stringContaining('PDF'),
      });
    }
  });

  it('refuses a submission missing a mandatory document with the whole list, and a locker document of the wrong type or size', async () => {
    const draft = await req('POST', citizen, '/applications', { typeCode: 'penelitian' });
    const id = draft.json().id;
    const missing = await req('POST', citizen, `/applications/${id}/submit`, {});
    expect(missing.statusCode).toBe(400);
    const keys = missing.json().error.details.problems.map((p: { key: string }) => p.key);
    expect(keys).toEqual(
      expect.arrayContaining(['applicant', 'ktp', 'rekomendasi', 'proposal', 'judul', 'lokasi', 'mulai']),
    );
    // A KTP in the proposal's slot, and a photo where only PDF is accepted.
    const ktp = await keep(citizen, 'ktp', await pdf('KTP'));
    const wrongType = await req('PUT', citizen, `/applications/${id}/items/proposal`, { lockerItemId: ktp });
    expect(wrongType.statusCode).toBe(400);
    const sharp = (await import('sharp')).default;
    const png = await sharp({ create: { width: 40, height: 40, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    const photo = await keep(citizen, 'proposal', png, 'image/png');
    const wrongFormat = await req('PUT', citizen, `/applications/${id}/items/proposal`, {
      lockerItemId: photo,
    });
    expect(wrongFormat.statusCode).toBe(400);
    expect(wrongFormat.json().error.details.rule).toMatch(/^format/);
    // "≤ 3 months": an old letter counts as missing validity.
    const old = await keep(citizen, 'surat_rekomendasi', await pdf('Surat'), 'application/pdf', '2020-01-01');
    expect(
      (await req('PUT', citizen, `/applications/${id}/items/rekomendasi`, { lockerItemId: old })).statusCode,
    ).toBe(200);
    const again = await req('POST', citizen, `/applications/${id}/submit`, {});
    expect(again.json().error.details.problems).toContainEqual(
      expect.objectContaining({ key: 'rekomendasi', problem: 'expired' }),
    );
  });

  it('reuses locker documents in the next application and never shows them to another citizen', async () => {
    const locker = (await req('GET', citizen, '/locker')).json();
    expect(locker.length).toBeGreaterThan(0);
    const draft = await req('POST', citizen, '/applications', { typeCode: 'keramaian' });
    const ktp = locker.find((d: { docType: string }) => d.docType === 'ktp');
    expect(
      (await req('PUT', citizen, `/applications/${draft.json().id}/items/ktp`, { lockerItemId: ktp.id }))
        .statusCode,
    ).toBe(200);
    expect((await req('GET', stranger, '/locker')).json()).toEqual([]);
    const theft = await req('PUT', stranger, `/applications/${draft.json().id}/items/ktp`, {
      lockerItemId: ktp.id,
    });
    expect(theft.statusCode).toBe(404);
    expect((await req('GET', stranger, `/api/files/${ktp.fileId}`)).statusCode).toBe(404);
    expect((await req('GET', citizen, `/api/files/${ktp.fileId}`)).statusCode).toBe(200);
  });

  it('runs the workflow: return one item, fix only it, complete, approve, sign; the QR check says valid and the PDF matches', async () => {
    const id = await keramaian();
    const view = (await req('GET', citizen, `/applications/${id}`)).json();
    expect(view.number).toMatch(/^REG-\d{4}-\d{6}$/);
    expect(view.state).toBe('submitted');
    const receipt = await req('GET', citizen, `/applications/${id}/receipt.pdf`);
    expect(receipt.statusCode).toBe(200);
    expect(receipt.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    // Each step acts only as itself.
    expect(
      (
        await req('POST', verifier, `/staff/applications/${id}/check`, {
          items: [{ key: 'ktp', status: 'ok' }],
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await req('POST', citizen, `/staff/applications/${id}/check`, {
          items: [{ key: 'ktp', status: 'ok' }],
        })
      ).statusCode,
    ).toBe(403);
    const inbox = (await req('GET', frontOffice, '/staff/inbox')).json();
    expect(inbox.map((r: { id: string }) => r.id)).toContain(id);
    expect((await req('GET', signer, '/staff/inbox')).json().map((r: { id: string }) => r.id)).not.toContain(
      id,
    );

    const returned = await req('POST', frontOffice, `/staff/applications/${id}/check`, {
      items: [
        { key: 'ktp', status: 'ok' },
        { key: 'proposal', status: 'fix', note: 'Rundown acara belum ada.' },
      ],
    });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json().state).toBe('returned');
    // The front office sees the full NIK (it checks the KTP); the verifier a masked one.
    expect(returned.json().applicant.nik).toBe('3671011505980001');
    const mine = (await req('GET', citizen, `/applications/${id}`)).json();
    expect(
      mine.items.filter((i: { status: string }) => i.status === 'fix').map((i: { key: string }) => i.key),
    ).toEqual(['proposal']);
    // Only the flagged item may change; resubmitting before fixing it is refused with its name.
    const ktp2 = await keep(citizen, 'ktp', await pdf('KTP baru'));
    expect(
      (await req('PUT', citizen, `/applications/${id}/items/ktp`, { lockerItemId: ktp2 })).statusCode,
    ).toBe(409);
    expect((await req('POST', citizen, `/applications/${id}/resubmit`, {})).statusCode).toBe(400);
    const fixed = await keep(citizen, 'proposal', await pdf('Proposal + rundown'));
    expect(
      (await req('PUT', citizen, `/applications/${id}/items/proposal`, { lockerItemId: fixed })).statusCode,
    ).toBe(200);
    expect((await req('POST', citizen, `/applications/${id}/resubmit`, {})).json().state).toBe('submitted');

    const complete = await req('POST', frontOffice, `/staff/applications/${id}/check`, {
      items: [
        { key: 'ktp', status: 'ok' },
        { key: 'proposal', status: 'ok' },
      ],
    });
    expect(complete.json()).toMatchObject({ state: 'approval', paused: false });
    expect(complete.json().completeAt).not.toBeNull();
    expect(Date.parse(complete.json().dueAt)).toBeGreaterThan(Date.now());
    const approved = await req('POST', verifier, `/staff/applications/${id}/approve`, { note: null });
    expect(approved.json().state).toBe('signing');
    expect(approved.json().applicant.nik).toMatch(/\*/);
    const signed = await req('POST', signer, `/staff/applications/${id}/sign`, { note: null });
    expect(signed.statusCode, signed.body).toBe(200);
    const permit = signed.json().permit;
    expect(permit).toMatchObject({
      state: 'valid',
      number: expect.stringMatching(/^503\/\d{4}\/KERAMAIAN\/DPMPTSP\/\d{4}$/),
    });
    expect(signed.json().history.map((h: { action: string }) => h.action)).toEqual([
      'submit',
      'check',
      'resubmit',
      'check',
      'approve',
      'sign',
    ]);

    const file = await req('GET', citizen, `/applications/${id}/permit.pdf`);
    expect(file.statusCode).toBe(200);
    const bytes = file.rawPayload;
    expect(bytes.includes(Buffer.from('/ByteRange'))).toBe(true);
    const check = await req('GET', undefined, `/api/documents/check/${permit.code}`);
    expect(check.json()).toMatchObject({
      state: 'valid',
      number: permit.number,
      holderName: 'Budi Santoso',
      fileCheck: true,
    });
    expect(JSON.stringify(check.json())).not.toContain('3671011505980001');
    const same = await call(t, region, {
      method: 'POST',
      url: `/api/documents/check/${permit.code}/file`,
      payload: bytes,
      headers: { 'content-type': 'application/pdf' },
    });
    expect(same.json().matches).toBe(true);
    const tampered = Buffer.from(bytes);
    const at = Math.floor(tampered.length / 3);
    tampered.writeUInt8((tampered.readUInt8(at) ^ 0x01) & 0xff, at);
    const diff = await call(t, region, {
      method: 'POST',
      url: `/api/documents/check/${permit.code}/file`,
      payload: tampered,
      headers: { 'content-type': 'application/pdf' },
    });
    expect(diff.json().matches).toBe(false);

    // poppler's pdfsig (when installed) validates the embedded signature.
    try {
      const path = join(tmpdir(), `izin-${process.pid}.pdf`);
      writeFileSync(path, bytes);
      const out = execFileSync('pdfsig', [path], { encoding: 'utf8' });
      expect(out).toContain('Signature is Valid');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      if (process.env.CI === 'true') throw new Error('pdfsig (poppler-utils) is required in CI');
      console.log('SKIPPED: pdfsig not installed (apt-get install poppler-utils)');
    }

    // Suspension and revocation show on the public check at once.
    await req('POST', signer, `/staff/applications/${id}/suspend`, { reason: 'Pelanggaran ketertiban' });
    expect((await req('GET', undefined, `/api/documents/check/${permit.code}`)).json().state).toBe(
      'suspended',
    );
    await req('POST', signer, `/staff/applications/${id}/revoke`, {
      reason: 'Izin dicabut karena pelanggaran',
    });
    expect((await req('GET', undefined, `/api/documents/check/${permit.code}`)).json().state).toBe('revoked');
    expect(
      (await req('POST', signer, `/staff/applications/${id}/reinstate`, { reason: 'Coba pulihkan' }))
        .statusCode,
    ).toBe(409);
  });

  it('reklame: technical survey, the fee by m², paid exactly once, then signed', async () => {
    const draft = await req('POST', citizen, '/applications', {
      typeCode: 'reklame',
      applicant: {
        kind: 'company',
        name: 'Sri Wahyuni',
        nik: '3671014507900002',
        companyName: 'PT Papan Jaya',
        nib: '9120001234567',
      },
      form: { naskah: 'Promo', jenis: 'Baliho', luas_m2: 12.5, alamat: 'Jl. Daan Mogot 1' },
    });
    const id = draft.json().id;
    for (const [key, type] of [
      ['ktp', 'ktp'],
      ['desain', 'desain'],
      ['denah', 'denah_lokasi'],
      ['pernyataan', 'surat_pernyataan'],
    ] as const)
      await req('PUT', citizen, `/applications/${id}/items/${key}`, {
        lockerItemId: await keep(citizen, type, await pdf(type)),
      });
    expect((await req('POST', citizen, `/applications/${id}/submit`, {})).statusCode).toBe(200);
    const items = ['ktp', 'desain', 'denah', 'pernyataan'].map((key) => ({ key, status: 'ok' }));
    expect((await req('POST', frontOffice, `/staff/applications/${id}/check`, { items })).json().state).toBe(
      'technical',
    );
    expect(
      (await req('GET', technical, '/staff/inbox?step=technical')).json().map((r: { id: string }) => r.id),
    ).toContain(id);
    const noSurvey = await req('POST', technical, `/staff/applications/${id}/review`, {
      decision: 'recommend',
      note: 'Layak',
    });
    expect(noSurvey.statusCode).toBe(400);
    const rec = await req('POST', technical, `/staff/applications/${id}/review`, {
      decision: 'recommend',
      note: 'Lokasi aman',
      surveyDate: today,
    });
    expect(rec.json()).toMatchObject({ state: 'payment', fee: { amount: 937_500, paidAt: null } });
    expect(rec.json().fee.billingCode).toMatch(/^\d{12}$/);
    // Only the cashier, only once — even two at the same instant.
    expect(
      (await req('POST', verifier, `/staff/applications/${id}/pay`, { receiptNumber: 'KW-1' })).statusCode,
    ).toBe(404);
    const [a, b] = await Promise.all([
      req('POST', cashier, `/staff/applications/${id}/pay`, { receiptNumber: 'KW-001' }),
      req('POST', cashier, `/staff/applications/${id}/pay`, { receiptNumber: 'KW-002' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    // The refused one says why: already paid (not "not possible in this state").
    expect([a, b].find((x) => x.statusCode === 409)!.json().error.messages.id).toBe(
      'Retribusi ini sudah tercatat lunas.',
    );
    await req('POST', verifier, `/staff/applications/${id}/approve`, { note: null });
    const signed = await req('POST', signer, `/staff/applications/${id}/sign`, { note: null });
    expect(signed.json().permit.state).toBe('valid');
    expect(
      (await req('GET', undefined, `/api/documents/check/${signed.json().permit.code}`)).json().holderName,
    ).toBe('PT Papan Jaya');
  });

  it('takes a payment gateway callback only when signed with the region secret, once', async () => {
    const draft = await req('POST', citizen, '/applications', {
      typeCode: 'reklame',
      applicant: { kind: 'individual', name: 'Dewi', nik: '3671014507900003' },
      form: { naskah: 'Toko', jenis: 'Neon box', luas_m2: 2, alamat: 'Jl. Merdeka 2' },
    });
    const id = draft.json().id;
    for (const [key, type] of [
      ['ktp', 'ktp'],
      ['desain', 'desain'],
      ['denah', 'denah_lokasi'],
      ['pernyataan', 'surat_pernyataan'],
    ] as const)
      await req('PUT', citizen, `/applications/${id}/items/${key}`, {
        lockerItemId: await keep(citizen, type, await pdf(type)),
      });
    await req('POST', citizen, `/applications/${id}/submit`, {});
    const items = ['ktp', 'desain', 'denah', 'pernyataan'].map((key) => ({ key, status: 'ok' }));
    await req('POST', frontOffice, `/staff/applications/${id}/check`, { items });
    const due = await req('POST', technical, `/staff/applications/${id}/review`, {
      decision: 'recommend',
      note: 'Aman',
      surveyDate: today,
    });
    const { billingCode, amount } = due.json().fee;
    expect(amount).toBe(150_000);
    const body = JSON.stringify({
      billingCode,
      amount,
      paidAt: new Date().toISOString(),
      reference: 'BANK-REF-77',
    });
    const send = (signature: string, payload = body) =>
      call(t, region, {
        method: 'POST',
        url: `${base}/payments/callback`,
        payload,
        headers: { 'content-type': 'application/json', 'x-simpul-signature': signature },
      });
    const { createHmac } = await import('node:crypto');
    const secret = 'rahasia-bank-daerah-0123456789abcdef';
    const sig = (b: string) => `sha256=${createHmac('sha256', secret).update(b).digest('hex')}`;
    expect((await send(sig(body))).statusCode).toBe(404); // off until the region sets a secret
    const on = await call(t, region, {
      method: 'PUT',
      url: '/api/admin/modules/perizinan',
      as: admin,
      payload: { enabled: true, settings: { paymentCallbackSecret: secret } },
    });
    expect(on.statusCode, on.body).toBe(200);
    expect((await send('sha256=00')).statusCode).toBe(403);
    const forged = body.replace(String(amount), '1');
    expect((await send(sig(body), forged)).statusCode).toBe(403);
    const wrongAmount = JSON.stringify({
      billingCode,
      amount: 1,
      paidAt: new Date().toISOString(),
      reference: 'X-1',
    });
    expect((await send(sig(wrongAmount), wrongAmount)).statusCode).toBe(400);
    const first = await send(sig(body));
    expect(first.json()).toEqual({ status: 'paid' });
    expect((await send(sig(body))).json()).toEqual({ status: 'already' });
    const view = (await req('GET', citizen, `/applications/${id}`)).json();
    expect(view.state).toBe('approval');
    expect(view.fee.receiptNumber).toBe('BANK-REF-77');
    expect(
      (await req('POST', cashier, `/staff/applications/${id}/pay`, { receiptNumber: 'KW-9' })).statusCode,
    ).toBe(409);
  });

  it('lets an application left returned for longer than the revision days lapse, and tells the applicant', async () => {
    const id = await keramaian();
    await req('POST', frontOffice, `/staff/applications/${id}/check`, {
      items: [
        { key: 'ktp', status: 'fix', note: 'Buram' },
        { key: 'proposal', status: 'ok' },
      ],
    });
    const later = new Date(Date.now() + 30 * 86_400_000);
    const n = await inRegion(t.database, { regionId: region.id }, (tx) =>
      lapseReturned({ tx, regionId: region.id }, later),
    );
    expect(n).toBeGreaterThanOrEqual(1);
    const view = (await req('GET', citizen, `/applications/${id}`)).json();
    expect(view.state).toBe('withdrawn');
    expect(view.history.at(-1).note).toMatch(/hari kerja/);
  });

  it('offers a requirement template to anyone once the admin attaches it to the type', async () => {
    const upload = await call(t, region, {
      method: 'POST',
      url: '/api/files/documents?purpose=izin-template',
      as: admin,
      ...fileUpload(await pdf('Format surat pernyataan'), 'format.pdf', 'application/pdf'),
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const fileId = upload.json().id as string;
    expect((await req('GET', undefined, `/api/files/${fileId}`)).statusCode).toBe(404);
    const current = (await req('GET', admin, '/admin/types'))
      .json()
      .find((x: { code: string }) => x.code === 'penelitian');
    const requirements = current.definition.requirements.map((r: { key: string }) =>
      r.key === 'proposal' ? { ...r, templateFileId: fileId } : r,
    );
    const saved = await req('PUT', admin, '/admin/types/penelitian', {
      code: 'penelitian',
      opdCode: 'dpmptsp',
      ...current.definition,
      requirements,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const open = await req('GET', undefined, `/api/files/${fileId}`);
    expect(open.statusCode).toBe(200);
    expect(open.headers['content-type']).toContain('application/pdf');
    expect(open.headers['content-security-policy']).toBe('sandbox');
  });

  it('keeps the version an application was filed under when the type changes', async () => {
    const id = await keramaian();
    const current = (await req('GET', admin, '/admin/types'))
      .json()
      .find((x: { code: string }) => x.code === 'keramaian');
    const changed = await req('PUT', admin, '/admin/types/keramaian', {
      code: 'keramaian',
      opdCode: 'dpmptsp',
      ...current.definition,
      slaDays: 10,
      requirements: [
        ...current.definition.requirements,
        {
          ...current.definition.requirements[0],
          key: 'kk',
          docType: 'kk',
          mandatory: false,
          label: { id: 'KK', en: 'Family card' },
        },
      ],
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().version).toBe(current.version + 1);
    const filed = (await req('GET', citizen, `/applications/${id}`)).json();
    expect(filed.type.version).toBe(current.version);
    expect(filed.items.map((i: { key: string }) => i.key)).not.toContain('kk');
    const fresh = (await req('POST', citizen, '/applications', { typeCode: 'keramaian' })).json();
    expect(fresh.type.version).toBe(current.version + 1);
    expect(fresh.items.map((i: { key: string }) => i.key)).toContain('kk');
    // Only admins edit the catalogue; a bad fee reference is refused with the reason.
    expect(
      (
        await req('PUT', frontOffice, '/admin/types/keramaian', {
          ...changed.json().definition,
          code: 'keramaian',
          opdCode: 'dpmptsp',
        })
      ).statusCode,
    ).toBe(403);
    const bad = await req('POST', admin, '/admin/types', {
      code: 'baru',
      opdCode: 'dpmptsp',
      ...current.definition,
      fee: { kind: 'per_unit', amount: 1000, unitField: 'tempat', retributionCode: 'X' },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('pauses the SLA while the file is with the applicant and moves the due date by the working days lost (holidays skipped)', () => {
    // Friday 2026-03-06 … a region holiday on Monday 2026-03-09.
    const cal = new WorkingCalendar({
      timeZone: 'WIB',
      extraHolidays: [{ date: '2026-03-09', name: 'Hari jadi' }],
    });
    const def = starterCatalogue[0]!.definition; // 7 working days
    const clock = startClock(cal, def, new Date('2026-03-02T03:00:00Z')); // Monday 10:00 WIB
    expect(clock.dueAt.toISOString()).toBe('2026-03-12T16:59:59.999Z'); // 7 working days later (Mon 9 skipped)
    const app = { completeAt: clock.completeAt, dueAt: clock.dueAt, pausedAt: null } as never;
    const paused = pauseClock(app, new Date('2026-03-06T03:00:00Z'));
    expect(paused).toHaveProperty('pausedAt');
    // Back on Wednesday 11: Mon (holiday) does not count, Tue and Wed do: two working days lost.
    const resumed = resumeClock(
      cal,
      { ...(app as object), ...paused } as never,
      new Date('2026-03-11T03:00:00Z'),
    );
    expect(resumed.dueAt?.toISOString()).toBe('2026-03-16T16:59:59.999Z'); // Fri 13, then Mon 16
  });

  it('flags an application past its SLA once (LIVE Room event) but not one paused with the applicant', async () => {
    const id = await keramaian();
    await req('POST', frontOffice, `/staff/applications/${id}/check`, {
      items: [
        { key: 'ktp', status: 'ok' },
        { key: 'proposal', status: 'ok' },
      ],
    });
    await inRegion(t.database, { regionId: region.id }, (tx) =>
      tx.execute(sql`update izin_application set due_at = now() - interval '1 hour' where id = ${id}`),
    );
    const flagged = await inRegion(t.database, { regionId: region.id }, (tx) =>
      flagOverdue({ tx, regionId: region.id }),
    );
    expect(flagged).toBeGreaterThanOrEqual(1);
    const again = await inRegion(t.database, { regionId: region.id }, (tx) =>
      flagOverdue({ tx, regionId: region.id }),
    );
    expect(again).toBe(0);
    const view = (await req('GET', citizen, `/applications/${id}`)).json();
    expect(view.overdue).toBe(true);
    const live = await req('GET', leader, '/live/summary');
    expect(live.json().overdueByOpd).toContainEqual({ opd: 'DPMPTSP', count: expect.any(Number) });
  });

  it('keeps applications, lockers and permits inside their region', async () => {
    const id = await keramaian();
    const outsider = await createAccount(t, other, ['region_admin']);
    expect((await req('GET', outsider, `/staff/applications/${id}`, undefined, other)).statusCode).toBe(404);
    expect((await req('GET', outsider, '/locker', undefined, other)).json()).toEqual([]);
    const counts = await inRegion(t.database, { regionId: other.id }, (tx) =>
      tx.execute(
        sql`select (select count(*) from izin_application)::int as a, (select count(*) from izin_locker_item)::int as l`,
      ),
    );
    expect((counts as unknown as { rows: { a: number; l: number }[] }).rows[0]).toEqual({ a: 0, l: 0 });
    // Open data has counts only.
    const open = await req('GET', undefined, '/open-data/issued');
    expect(open.statusCode).toBe(200);
    expect(JSON.stringify(open.json())).not.toMatch(/Budi|3671/);
  });
});
