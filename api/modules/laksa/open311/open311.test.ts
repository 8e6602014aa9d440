import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { eq } from 'drizzle-orm';
import { XMLParser } from 'fast-xml-parser';
import type { LightMyRequestResponse } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { laksaSettings, statusLabels } from '../../../../shared/modules/laksa';
import {
  call,
  createAccount,
  createRegion,
  createTestApp,
  type TestAccount,
  type TestApp,
  type TestRegion,
} from '../../../../test/support/app';
import { calendarFor } from '../../../core/calendar/region-calendar';
import { regionArea } from '../../../core/db/schema';
import { inRegion } from '../../../core/db/scope';
import { fileReport } from '../intake';
import { laksaApiKey, laksaCategory, laksaReport } from '../schema';
import { open311PostLimit } from './routes';
import { type Open311SchemaName, open311Schemas } from './spec-schema';

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv);
const validators = Object.fromEntries(
  Object.entries(open311Schemas).map(([name, schema]) => [name, ajv.compile(schema)]),
) as Record<Open311SchemaName, ReturnType<typeof ajv.compile>>;

/** A JSON answer: status, content type and the spec's schema. */
function json(res: LightMyRequestResponse, schema: Open311SchemaName, status = 200) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  const body = res.json();
  const validate = validators[schema];
  expect(validate(body), `${schema}: ${ajv.errorsText(validate.errors)}\n${res.body}`).toBe(true);
  return body;
}

const xmlParser = new XMLParser({
  parseTagValue: false,
  isArray: (name) =>
    ['service', 'request', 'attribute', 'value', 'error', 'endpoint', 'format'].includes(name),
});
/** An XML answer: status, content type, declaration; parsed (every value a string). */
function xml(res: LightMyRequestResponse, status = 200) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
  expect(res.body.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  return xmlParser.parse(res.body) as any;
}

function expectError(res: LightMyRequestResponse, status: number, format: 'json' | 'xml' = 'json') {
  if (format === 'json') {
    const body = json(res, 'errors', status);
    expect(body[0].code).toBe(status);
    return body[0].description as string;
  }
  const doc = xml(res, status);
  expect(Object.keys(doc).filter((k) => k !== '?xml')).toEqual(['errors']);
  expect(doc.errors.error).toHaveLength(1);
  expect(doc.errors.error[0].code).toBe(String(status));
  return doc.errors.error[0].description as string;
}

const form = (fields: Record<string, string>) => ({
  payload: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});
const DAY = 86_400_000;
const TICKET = /^LKS-\d{4}-\d{2}-\d{6}$/;

describe('Open311 GeoReport v2', () => {
  let t: TestApp;
  let main: TestRegion;
  let bali: TestRegion;
  let off: TestRegion;
  let admin: TestAccount;
  let operator: TestAccount;
  let baliOperator: TestAccount;
  let key: string;

  const o311 = (region: TestRegion, url: string, extra: Parameters<typeof call>[2] | object = {}) =>
    call(t, region, { method: 'GET', url: `/open311/v2/${url}`, ...extra });
  const post = (region: TestRegion, fields: Record<string, string>, fmt: 'json' | 'xml' = 'json') =>
    call(t, region, { method: 'POST', url: `/open311/v2/requests.${fmt}`, ...form(fields) });
  const act = (region: TestRegion, as: TestAccount, id: string, payload: object) =>
    call(t, region, { method: 'POST', url: `/api/m/laksa/reports/${id}/actions`, as, payload });
  const staffView = async (region: TestRegion, as: TestAccount, id: string) => {
    const res = await call(t, region, { method: 'GET', url: `/api/m/laksa/reports/${id}`, as });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const reportByTicket = (region: TestRegion, ticket: string) =>
    inRegion(t.database, { regionId: region.id }, async (tx) => {
      const [row] = await tx.select().from(laksaReport).where(eq(laksaReport.ticket, ticket));
      return row!;
    });

  /** Files a report directly (as the app would), in the region's calendar. */
  const file = (
    region: TestRegion,
    o: {
      code?: string;
      confidential?: boolean;
      anonymous?: boolean;
      photoIds?: string[];
      reporterId?: string | null;
    } = {},
  ) =>
    inRegion(t.database, { regionId: region.id }, async (tx) => {
      const [cat] = await tx
        .select({ id: laksaCategory.id })
        .from(laksaCategory)
        .where(eq(laksaCategory.code, o.code ?? 'jalan-rusak'));
      const timeZone = t.app.simpul.directory.get(region.id)!.timeZone;
      const env = {
        regionId: region.id,
        regionCode: region.code,
        settings: laksaSettings.parse({}),
        calendar: await calendarFor(tx, { id: region.id, timeZone }),
      };
      return fileReport(
        tx,
        env,
        {
          type: 'pengaduan',
          categoryId: cat!.id,
          description: 'Jalan berlubang besar di depan sekolah dasar, membahayakan pengendara.',
          photoIds: o.photoIds ?? [],
          lat: -6.99,
          lng: 110.42,
          areaCode: null,
          address: 'Jl. Pemuda No. 1',
          anonymous: o.anonymous ?? false,
          confidential: o.confidential ?? false,
        },
        { reporterId: o.reporterId ?? null, source: 'app' },
      );
    });
  const verify = async (region: TestRegion, as: TestAccount, id: string) => {
    const res = await act(region, as, id, { action: 'verify' });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const verified = async (region: TestRegion, as: TestAccount, o: Parameters<typeof file>[1] = {}) => {
    const r = await file(region, o);
    await verify(region, as, r.id);
    return r;
  };
  const issueKey = async (region: TestRegion, as: TestAccount, name = 'Aplikasi Uji') => {
    const res = await call(t, region, {
      method: 'POST',
      url: '/api/m/laksa/admin/api-keys',
      as,
      payload: { name },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; key: string; prefix: string };
  };

  beforeAll(async () => {
    t = await createTestApp();
    main = await createRegion(t);
    bali = await createRegion(t, { code: '51.71' }); // Kota Denpasar: WITA
    off = await createRegion(t, { modules: ['nomor-penting'] });
    admin = await createAccount(t, main, ['region_admin']);
    operator = await createAccount(t, main, ['operator']);
    baliOperator = await createAccount(t, bali, ['operator']);
    key = (await issueKey(main, admin)).key;
  });
  afterAll(() => t.close());

  describe('API keys (region admin)', () => {
    it('shows a new key once, stores only its SHA-256, lists and revokes it', async () => {
      const created = await issueKey(main, admin, 'Aplikasi Kecamatan');
      expect(created.key).toMatch(/^o311_[A-Za-z0-9_-]{32}$/);
      expect(created.prefix).toBe(created.key.slice(0, 12));
      const [row] = await inRegion(t.database, { regionId: main.id }, (tx) =>
        tx.select().from(laksaApiKey).where(eq(laksaApiKey.id, created.id)),
      );
      expect(row!.keyHash).toBe(createHash('sha256').update(created.key).digest('hex'));
      expect(JSON.stringify(row)).not.toContain(created.key);

      const list = await call(t, main, { method: 'GET', url: '/api/m/laksa/admin/api-keys', as: admin });
      expect(list.statusCode).toBe(200);
      const listed = list.json().find((k: { id: string }) => k.id === created.id);
      expect(listed).toMatchObject({
        name: 'Aplikasi Kecamatan',
        prefix: created.prefix,
        revokedAt: null,
        lastUsedAt: null,
      });
      expect(listed.key).toBeUndefined();
      expect(list.body).not.toContain(created.key);

      const del = () =>
        call(t, main, { method: 'DELETE', url: `/api/m/laksa/admin/api-keys/${created.id}`, as: admin });
      expect((await del()).statusCode).toBe(204);
      expect((await del()).statusCode).toBe(204); // idempotent
      const after = (
        await call(t, main, { method: 'GET', url: '/api/m/laksa/admin/api-keys', as: admin })
      ).json();
      expect(after.find((k: { id: string }) => k.id === created.id).revokedAt).not.toBeNull();
    });

    it('is for laksa:manage only, and confined to the region', async () => {
      const res = await call(t, main, { method: 'GET', url: '/api/m/laksa/admin/api-keys', as: operator });
      expect(res.statusCode).toBe(403);
      const created = await issueKey(main, admin);
      const baliAdmin = await createAccount(t, bali, ['region_admin']);
      const other = await call(t, bali, {
        method: 'DELETE',
        url: `/api/m/laksa/admin/api-keys/${created.id}`,
        as: baliAdmin,
      });
      expect(other.statusCode).toBe(404);
      const list = await call(t, bali, { method: 'GET', url: '/api/m/laksa/admin/api-keys', as: baliAdmin });
      expect(list.json().some((k: { id: string }) => k.id === created.id)).toBe(false);
    });
  });

  describe('discovery, services and service definitions', () => {
    it('discovery: the endpoint under the region path, its formats, dates with the region offset', async () => {
      const body = json(await o311(main, 'discovery.json'), 'discovery');
      expect(body.endpoints).toHaveLength(1);
      const [endpoint] = body.endpoints;
      expect(endpoint.specification).toBe('http://wiki.open311.org/GeoReport_v2');
      expect(endpoint.type).toBe('production');
      expect(endpoint.url).toMatch(new RegExp(`^http://localhost(:80)?${main.path}/open311/v2$`));
      expect(endpoint.formats.sort()).toEqual(['application/json', 'text/xml']);
      expect(body.changeset).toMatch(/\+07:00$/);
      expect(body.contact).toContain(main.name);

      const doc = xml(await o311(main, 'discovery.xml'));
      expect(doc.discovery.changeset).toBe(body.changeset);
      expect(doc.discovery.endpoints.endpoint).toHaveLength(1);
      expect(doc.discovery.endpoints.endpoint[0].formats.format.sort()).toEqual([
        'application/json',
        'text/xml',
      ]);
      expect(doc.discovery.endpoints.endpoint[0].url).toBe(endpoint.url);
    });

    it('services: the active categories, with metadata, type realtime, keywords and group (JSON and XML)', async () => {
      const services = json(await o311(main, 'services.json'), 'services');
      const codes = services.map((s: { service_code: string }) => s.service_code);
      expect(codes).toContain('jalan-rusak');
      expect(codes).toContain('ketertiban-umum');
      for (const s of services) expect(s).toMatchObject({ metadata: true, type: 'realtime' });
      expect(services.find((s: { service_code: string }) => s.service_code === 'jalan-rusak')).toMatchObject({
        service_name: 'Jalan Rusak',
        group: 'Layanan Publik',
      });
      expect(services.find((s: { service_code: string }) => s.service_code === 'ketertiban-umum').group).toBe(
        'Kamtibmas',
      );

      const doc = xml(await o311(main, 'services.xml'));
      expect(doc.services.service.map((s: { service_code: string }) => s.service_code)).toEqual(codes);
      expect(doc.services.service[0].metadata).toBe('true');
      expect(doc.services.service[0].type).toBe('realtime');
    });

    it('an inactive category is no service: not listed, no definition, cannot be posted to', async () => {
      const [cat] = await inRegion(t.database, { regionId: main.id }, (tx) =>
        tx
          .update(laksaCategory)
          .set({ active: false })
          .where(eq(laksaCategory.code, 'perizinan'))
          .returning(),
      );
      expect(cat).toBeDefined();
      const codes = json(await o311(main, 'services.json'), 'services').map(
        (s: { service_code: string }) => s.service_code,
      );
      expect(codes).not.toContain('perizinan');
      expectError(await o311(main, 'services/perizinan.json'), 404);
      const res = await post(main, {
        api_key: key,
        service_code: 'perizinan',
        lat: '-6.99',
        long: '110.42',
        description: 'Izin usaha yang sudah diajukan belum diproses.',
      });
      // The spec: an unknown (or inactive) service_code is a 404.
      expect(expectError(res, 404)).toContain('service_code');
    });

    it('service definition: report_type, anonim and rahasia as single-value lists (JSON and XML)', async () => {
      const def = json(await o311(main, 'services/jalan-rusak.json'), 'serviceDefinition');
      expect(def.service_code).toBe('jalan-rusak');
      expect(def.attributes.map((a: { code: string }) => a.code)).toEqual([
        'report_type',
        'anonim',
        'rahasia',
      ]);
      for (const a of def.attributes)
        expect(a).toMatchObject({ variable: true, datatype: 'singlevaluelist', required: false });
      expect(def.attributes[0].values.map((v: { key: string }) => v.key)).toEqual([
        'pengaduan',
        'aspirasi',
        'informasi',
      ]);
      expect(def.attributes[2].values.map((v: { key: string }) => v.key).sort()).toEqual(['false', 'true']);

      const doc = xml(await o311(main, 'services/jalan-rusak.xml'));
      expect(doc.service_definition.service_code).toBe('jalan-rusak');
      const attrs = doc.service_definition.attributes.attribute;
      expect(attrs.map((a: { code: string }) => a.code)).toEqual(['report_type', 'anonim', 'rahasia']);
      expect(attrs[0].values.value.map((v: { key: string }) => v.key)).toEqual([
        'pengaduan',
        'aspirasi',
        'informasi',
      ]);
      expect(attrs[0].values.value[0].name).toContain('Pengaduan');
    });

    it('unknown services and resources answer 404 in the spec shape and the asked format', async () => {
      expectError(await o311(main, 'services/tidak-ada.json'), 404);
      expectError(await o311(main, 'services/tidak-ada.xml'), 404, 'xml');
      expectError(await o311(main, 'services/jalan-rusak'), 404);
      expectError(await o311(main, 'services.csv'), 404);
      expectError(await o311(main, 'nothing.xml'), 404, 'xml');
    });

    it('jurisdiction_id: the region code passes, any other is a 404', async () => {
      json(await o311(main, `services.json?jurisdiction_id=${main.code}`), 'services');
      json(await o311(main, `discovery.json?jurisdiction_id=${main.code}`), 'discovery');
      expect(expectError(await o311(main, 'services.json?jurisdiction_id=36.71'), 404)).toContain(
        'jurisdiction_id',
      );
      expectError(await o311(main, `requests.xml?jurisdiction_id=${bali.code}`), 404, 'xml');
      expectError(await o311(main, 'services/jalan-rusak.json?jurisdiction_id=99.99'), 404);
      const res = await post(main, {
        api_key: key,
        jurisdiction_id: bali.code,
        service_code: 'sampah',
        lat: '-6.99',
        long: '110.42',
        description: 'Tumpukan sampah di pinggir jalan belum diangkut.',
      });
      expectError(res, 404);
    });
  });

  describe('POST requests', () => {
    it('files a report through LAKSA intake: source open311, contact kept, attributes mapped, in the staff inbox', async () => {
      const res = await post(main, {
        api_key: key,
        service_code: 'jalan-rusak',
        lat: '-6.9932',
        long: '110.4203',
        address_string: 'Jl. Pandanaran 12',
        description: 'Lubang besar di lajur kiri, sudah dua motor jatuh minggu ini.',
        media_url: 'https://contoh.id/foto/lubang.jpg',
        first_name: 'Budi',
        last_name: 'Santoso',
        email: 'budi.santoso@contoh.id',
        phone: '081234567890',
        device_id: 'perangkat-1',
        'attribute[report_type]': 'aspirasi',
      });
      const [answer] = json(res, 'postResponse');
      expect(answer.service_request_id).toMatch(TICKET);
      expect(answer.account_id).toBeNull();
      expect(answer.service_notice).toContain('verifikasi');

      const row = await reportByTicket(main, answer.service_request_id);
      expect(row).toMatchObject({
        source: 'open311',
        reporterId: null,
        type: 'aspirasi',
        status: 'menunggu_verifikasi',
        anonymous: false,
        confidential: false,
        lat: -6.9932,
        lng: 110.4203,
        address: 'Jl. Pandanaran 12',
        contact: { name: 'Budi Santoso', email: 'budi.santoso@contoh.id', phone: '081234567890' },
      });

      const inbox = await call(t, main, {
        method: 'GET',
        url: '/api/m/laksa/inbox?queue=verification',
        as: operator,
      });
      expect(inbox.statusCode, inbox.body).toBe(200);
      expect(inbox.json().items.map((i: { ticket: string }) => i.ticket)).toContain(
        answer.service_request_id,
      );
      const staff = await staffView(main, operator, row.id);
      expect(staff.source).toBe('open311');
      expect(staff.reporter).toMatchObject({ name: 'Budi Santoso', email: 'budi.santoso@contoh.id' });
      const note = staff.timeline.find((s: { kind: string }) => s.kind === 'note');
      expect(note).toMatchObject({ visibility: 'internal' });
      expect(note.note).toContain('Media: https://contoh.id/foto/lubang.jpg');
      expect(note.note).toContain('Aplikasi Uji');

      const keys = (
        await call(t, main, { method: 'GET', url: '/api/m/laksa/admin/api-keys', as: admin })
      ).json();
      expect(keys.some((k: { lastUsedAt: string | null }) => k.lastUsedAt !== null)).toBe(true);

      // Unverified: neither listed nor fetchable; once verified it is, without any reporter identity.
      const ticket = answer.service_request_id;
      expect(json(await o311(main, `requests.json?service_request_id=${ticket}`), 'serviceRequests')).toEqual(
        [],
      );
      expectError(await o311(main, `requests/${ticket}.json`), 404);
      await verify(main, operator, row.id);
      const listed = await o311(main, `requests.json?service_request_id=${ticket}`);
      const [one] = json(listed, 'serviceRequests');
      expect(one).toMatchObject({
        service_request_id: ticket,
        status: 'open',
        service_code: 'jalan-rusak',
        lat: -6.9932,
        long: 110.4203,
      });
      const fetched = await o311(main, `requests/${ticket}.xml`);
      for (const body of [listed.body, fetched.body])
        for (const secret of [
          'Budi',
          'Santoso',
          'budi.santoso',
          '81234567890',
          'perangkat-1',
          'contoh.id/foto',
          'anonim',
          'anonymous',
        ])
          expect(body).not.toContain(secret);
    });

    it('anonim hides the contact from staff; rahasia keeps the report out of Open311 for good', async () => {
      const anon = json(
        await post(main, {
          api_key: key,
          service_code: 'sampah',
          lat: '-6.99',
          long: '110.42',
          description: 'Sampah menumpuk di pasar sejak tiga hari lalu.',
          first_name: 'Sari',
          email: 'sari@contoh.id',
          'attribute[anonim]': 'true',
        }),
        'postResponse',
      )[0].service_request_id;
      const anonRow = await reportByTicket(main, anon);
      expect(anonRow.anonymous).toBe(true);
      expect((await staffView(main, operator, anonRow.id)).reporter).toBeNull();

      const secret = json(
        await post(main, {
          api_key: key,
          service_code: 'sampah',
          lat: '-6.99',
          long: '110.42',
          description: 'Ada pungutan liar di tempat pembuangan sampah.',
          'attribute[rahasia]': 'true',
        }),
        'postResponse',
      )[0].service_request_id;
      const secretRow = await reportByTicket(main, secret);
      expect(secretRow.confidential).toBe(true);
      await verify(main, operator, anonRow.id);
      await verify(main, operator, secretRow.id);

      const all = await o311(main, `requests.json?service_request_id=${anon},${secret}`);
      expect(
        json(all, 'serviceRequests').map((r: { service_request_id: string }) => r.service_request_id),
      ).toEqual([anon]);
      expect(all.body).not.toContain('Sari');
      expect(all.body).not.toContain('sari@contoh.id');
      expectError(await o311(main, `requests/${secret}.json`), 404);
      expectError(await o311(main, `requests/${secret}.xml`), 404, 'xml');
      expect((await o311(main, 'requests.json')).body).not.toContain(secret);
    });

    it('accepts JSON bodies with an attribute object, answers in XML, and places address-only reports', async () => {
      const res = await call(t, main, {
        method: 'POST',
        url: '/open311/v2/requests.xml',
        payload: {
          api_key: key,
          service_code: 'penerangan-jalan',
          address_string: 'Jl. Gajah Mada, depan masjid',
          description: 'Lampu jalan mati di sepanjang satu blok.',
          attribute: { report_type: 'informasi', anonim: false },
        },
      });
      const doc = xml(res);
      expect(doc.service_requests.request).toHaveLength(1);
      const ticket = doc.service_requests.request[0].service_request_id;
      expect(ticket).toMatch(TICKET);
      expect(doc.service_requests.request[0].account_id).toBe('');
      const row = await reportByTicket(main, ticket);
      // No coordinates: the centre of the region's bounds (here none are set: Indonesia's extent).
      expect(row).toMatchObject({
        type: 'informasi',
        address: 'Jl. Gajah Mada, depan masjid',
        lat: (-11.2 + 6.3) / 2,
        lng: (94.7 + 141.1) / 2,
      });

      const [kelurahan] = await inRegion(t.database, { regionId: main.id }, (tx) =>
        tx.select().from(regionArea).where(eq(regionArea.level, 'kelurahan')).limit(1),
      );
      const area =
        kelurahan ??
        (
          await inRegion(t.database, { regionId: main.id }, (tx) => tx.select().from(regionArea).limit(1))
        )[0]!;
      const byArea = json(
        await post(main, {
          api_key: key,
          service_code: 'sampah',
          address_id: area.code,
          description: 'Bak sampah umum rusak dan berserakan.',
        }),
        'postResponse',
      )[0].service_request_id;
      const areaRow = await reportByTicket(main, byArea);
      expect([areaRow.kelurahan, areaRow.kecamatan]).toContain(area.code);
    });

    it('403 without a live key of this region (missing, unknown, revoked, another region’s)', async () => {
      const fields = {
        service_code: 'sampah',
        lat: '-6.99',
        long: '110.42',
        description: 'Sampah menumpuk di pasar sejak tiga hari lalu.',
      };
      expect(expectError(await post(main, fields), 403)).toContain('api_key');
      expectError(await post(main, { ...fields, api_key: 'o311_bukan-kunci-yang-benar' }), 403);
      expectError(await post(main, fields, 'xml'), 403, 'xml');
      const revoked = await issueKey(main, admin, 'Akan dicabut');
      json(await post(main, { ...fields, api_key: revoked.key }), 'postResponse');
      await call(t, main, { method: 'DELETE', url: `/api/m/laksa/admin/api-keys/${revoked.id}`, as: admin });
      expectError(await post(main, { ...fields, api_key: revoked.key }), 403);
      const baliAdmin = await createAccount(t, bali, ['region_admin']);
      const baliKey = await issueKey(bali, baliAdmin);
      expectError(await post(main, { ...fields, api_key: baliKey.key }), 403);
      json(
        await post(bali, { ...fields, lat: '-8.65', long: '115.22', api_key: baliKey.key }),
        'postResponse',
      );
      // The key counts before the fields: no validation hints without one.
      expectError(await post(main, { service_code: 'tidak-ada' }), 403);
    });

    it('400 with the spec error body for bad fields (JSON and XML)', async () => {
      const ok = {
        api_key: key,
        service_code: 'sampah',
        lat: '-6.99',
        long: '110.42',
        description: 'Sampah menumpuk di pasar sejak tiga hari lalu.',
      };
      const bad: [Record<string, string>, string][] = [
        [{ ...ok, lat: 'abc' }, 'lat'],
        [{ ...ok, lat: '95' }, 'lat'],
        [{ ...ok, long: '-200' }, 'long'],
        [{ api_key: key, service_code: 'sampah', lat: '-6.99', description: ok.description }, 'long'],
        [{ api_key: key, service_code: 'sampah', description: ok.description }, 'lat'],
        [{ ...ok, description: 'Pendek' }, 'description'],
        [{ ...ok, 'attribute[anonim]': 'mungkin' }, 'attribute[anonim]'],
        [{ ...ok, 'attribute[report_type]': 'keluhan' }, 'attribute[report_type]'],
        [{ ...ok, media_url: 'ftp://contoh.id/a.jpg' }, 'media_url'],
        [{ ...ok, email: 'bukan-email' }, 'email'],
        [{ ...ok, address_id: '12345' }, 'address_id'],
      ];
      for (const [fields, field] of bad)
        expect(expectError(await post(main, fields), 400), JSON.stringify(fields)).toContain(field);
      expect(expectError(await post(main, { ...ok, lat: 'abc' }, 'xml'), 400, 'xml')).toContain('lat');
      const malformed = await call(t, main, {
        method: 'POST',
        url: '/open311/v2/requests.json',
        payload: '{"api_key":',
        headers: { 'content-type': 'application/json' },
      });
      expectError(malformed, 400);
      const multipart = await call(t, main, {
        method: 'POST',
        url: '/open311/v2/requests.xml',
        payload: `--b\r\nContent-Disposition: form-data; name="api_key"\r\n\r\n${key}\r\n--b--\r\n`,
        headers: { 'content-type': 'multipart/form-data; boundary=b' },
      });
      expect(expectError(multipart, 415, 'xml')).toContain('media_url');
    });

    it(`limits POSTs per API key (${open311PostLimit.max} a minute), answering 429 in the spec shape`, async () => {
      const fields = { api_key: 'o311_kunci-palsu-untuk-batas', service_code: 'sampah' };
      for (let i = 0; i < open311PostLimit.max; i++) expect((await post(main, fields)).statusCode).toBe(403);
      expectError(await post(main, fields), 429);
      // Another key is counted apart.
      expectError(await post(main, { ...fields, api_key: 'o311_kunci-palsu-lain' }), 403);
    });

    it('tokens: the report id maps to its ticket; unknown tokens and other regions answer 404', async () => {
      const r = await file(main);
      const [answer] = json(await o311(main, `tokens/${r.id}.json`), 'token');
      expect(answer).toEqual({ service_request_id: r.ticket, token: r.id });
      const doc = xml(await o311(main, `tokens/${r.id}.xml`));
      expect(doc.service_requests.request[0]).toEqual({ service_request_id: r.ticket, token: r.id });
      expectError(await o311(main, 'tokens/bukan-token.json'), 404);
      expectError(await o311(bali, `tokens/${r.id}.json`), 404);
    });
  });

  describe('GET requests', () => {
    let listing: TestRegion;
    let op: TestAccount;
    const ids: Record<
      'open' | 'resolved' | 'redirected' | 'rahasia' | 'unverified' | 'rejected' | 'old',
      { id: string; ticket: string }
    > = {} as never;
    let oldCreatedAt: Date;

    const tickets = (body: { service_request_id: string }[]) => body.map((r) => r.service_request_id).sort();
    const list = async (query = '') => json(await o311(listing, `requests.json${query}`), 'serviceRequests');

    beforeAll(async () => {
      listing = await createRegion(t);
      op = await createAccount(t, listing, ['operator']);
      ids.open = await verified(listing, op);
      ids.resolved = await verified(listing, op, { code: 'sampah' });
      const opdId = (await staffView(listing, op, ids.resolved.id)).opds[0].id;
      const officer = await createAccount(t, listing, [{ role: 'opd_officer', opdId }]);
      expect((await act(listing, officer, ids.resolved.id, { action: 'start' })).statusCode).toBe(200);
      const resolved = await act(listing, officer, ids.resolved.id, {
        action: 'resolve',
        note: 'Sampah sudah diangkut petugas.',
      });
      expect(resolved.statusCode, resolved.body).toBe(200);
      ids.redirected = await verified(listing, op, { code: 'sampah' });
      const redirect = await act(listing, op, ids.redirected.id, {
        action: 'redirect',
        redirectTarget: 'Pemprov',
        redirectReference: 'SP4N-001',
      });
      expect(redirect.statusCode, redirect.body).toBe(200);
      ids.rahasia = await verified(listing, op, { confidential: true });
      ids.unverified = await file(listing, { code: 'sampah' });
      ids.rejected = await file(listing);
      expect(
        (await act(listing, op, ids.rejected.id, { action: 'reject', note: 'Laporan tidak jelas.' }))
          .statusCode,
      ).toBe(200);
      ids.old = await verified(listing, op);
      oldCreatedAt = new Date(Date.now() - 100 * DAY);
      await inRegion(t.database, { regionId: listing.id }, (tx) =>
        tx.update(laksaReport).set({ createdAt: oldCreatedAt }).where(eq(laksaReport.id, ids.old.id)),
      );
    });

    it('lists only verified, non-rahasia reports of the last 90 days, newest first', async () => {
      const body = await list();
      expect(tickets(body)).toEqual([ids.open, ids.resolved, ids.redirected].map((r) => r.ticket).sort());
      const times = body.map((r: { requested_datetime: string }) => Date.parse(r.requested_datetime));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
      for (const r of body) {
        expect(r.requested_datetime).toMatch(/\+07:00$/);
        expect(r.updated_datetime).toMatch(/\+07:00$/);
        expect(r.zipcode).toBeNull();
      }
    });

    it('maps states to open/closed with the Indonesian label and the latest public note', async () => {
      const body = await list();
      const by = (id: { ticket: string }) =>
        body.find((r: { service_request_id: string }) => r.service_request_id === id.ticket);
      expect(by(ids.open)).toMatchObject({
        status: 'open',
        service_code: 'jalan-rusak',
        service_name: 'Jalan Rusak',
        address: 'Jl. Pemuda No. 1',
      });
      expect(by(ids.open).status_notes.startsWith(statusLabels.didisposisikan.id)).toBe(true);
      expect(by(ids.open).agency_responsible).toEqual(expect.any(String));
      expect(by(ids.open).expected_datetime).toMatch(/\+07:00$/);
      expect(by(ids.resolved)).toMatchObject({
        status: 'closed',
        status_notes: `${statusLabels.selesai.id} — Sampah sudah diangkut petugas.`,
      });
      expect(by(ids.redirected).status).toBe('closed');
      expect(by(ids.redirected).status_notes.startsWith(statusLabels.dialihkan.id)).toBe(true);
    });

    it('filters by status, service_code, dates and ids; pages with page/page_size', async () => {
      expect(tickets(await list('?status=open'))).toEqual([ids.open.ticket]);
      expect(tickets(await list('?status=closed'))).toEqual(
        [ids.resolved.ticket, ids.redirected.ticket].sort(),
      );
      expect(await list('?status=open,closed')).toHaveLength(3);
      expect(tickets(await list('?service_code=sampah'))).toEqual(
        [ids.resolved.ticket, ids.redirected.ticket].sort(),
      );
      expect(tickets(await list('?service_code=jalan-rusak&status=open'))).toEqual([ids.open.ticket]);
      expect(tickets(await list('?service_code=sampah,jalan-rusak'))).toHaveLength(3);

      const day = (d: Date, plus: number) => new Date(d.getTime() + plus * DAY).toISOString().slice(0, 10);
      const window = `?start_date=${day(oldCreatedAt, -1)}&end_date=${day(oldCreatedAt, 1)}`;
      expect(tickets(await list(window))).toEqual([ids.old.ticket]);
      // Every query covers at most 90 days: start_date alone means the 90 days from it (the old
      // report, 100 days ago, but not today's), a longer range is refused.
      const since = encodeURIComponent(new Date(oldCreatedAt.getTime() - 60_000).toISOString());
      expect(tickets(await list(`?start_date=${since}`))).toEqual([ids.old.ticket]);
      const recent = encodeURIComponent(new Date(Date.now() - 10 * DAY).toISOString());
      expect(await list(`?start_date=${recent}`)).toHaveLength(3);
      const until = encodeURIComponent(
        new Date(oldCreatedAt.getTime() + 60_000).toISOString().replace('Z', '+00:00'),
      );
      expect(tickets(await list(`?end_date=${until}`))).toEqual([ids.old.ticket]);

      // service_request_id overrides the other filters; hidden reports stay hidden.
      const wanted = [ids.open, ids.old, ids.rahasia, ids.unverified, ids.rejected]
        .map((r) => r.ticket.toLowerCase())
        .join(',');
      expect(tickets(await list(`?service_request_id=${wanted}&status=closed`))).toEqual(
        [ids.open.ticket, ids.old.ticket].sort(),
      );

      const all = tickets(await list());
      const page1 = await list('?page_size=2');
      const page2 = await list('?page_size=2&page=2');
      expect(page1).toHaveLength(2);
      expect(page2).toHaveLength(1);
      expect(tickets([...page1, ...page2])).toEqual(all);
      expect(await list('?page=3&page_size=2')).toEqual([]);
    });

    it('rejects bad parameters with 400 in the spec shape', async () => {
      for (const q of [
        'page_size=201',
        'page=0',
        'page_size=abc',
        'status=pending',
        'start_date=kemarin',
        'end_date=2026-02-30',
        'start_date=2026-03-02&end_date=2026-03-01',
      ])
        expectError(await o311(listing, `requests.json?${q}`), 400);
      expect(expectError(await o311(listing, 'requests.xml?page_size=500'), 400, 'xml')).toContain(
        'page_size',
      );
    });

    it('rahasia, unverified and rejected reports are never fetchable; verified ones are, as a list of one', async () => {
      for (const hidden of [ids.rahasia, ids.unverified, ids.rejected]) {
        expectError(await o311(listing, `requests/${hidden.ticket}.json`), 404);
        expectError(await o311(listing, `requests/${hidden.ticket}.xml`), 404, 'xml');
      }
      const one = json(
        await o311(listing, `requests/${ids.open.ticket.toLowerCase()}.json`),
        'serviceRequests',
      );
      expect(one).toHaveLength(1);
      expect(one[0].service_request_id).toBe(ids.open.ticket);
      const old = json(await o311(listing, `requests/${ids.old.ticket}.json`), 'serviceRequests');
      expect(old[0].requested_datetime).toBeDefined();
    });

    it('XML: service_requests/request with every field', async () => {
      const json311 = await list();
      const doc = xml(await o311(listing, 'requests.xml'));
      const requests = doc.service_requests.request;
      expect(requests).toHaveLength(json311.length);
      expect(Object.keys(requests[0]).sort()).toEqual(Object.keys(json311[0]).sort());
      const open = requests.find(
        (r: { service_request_id: string }) => r.service_request_id === ids.open.ticket,
      );
      const openJson = json311.find(
        (r: { service_request_id: string }) => r.service_request_id === ids.open.ticket,
      );
      expect(open).toMatchObject({
        status: 'open',
        lat: String(openJson.lat),
        long: String(openJson.long),
        zipcode: '',
        media_url: '',
      });
      expect(
        xml(await o311(listing, 'requests.xml?status=closed&service_code=tidak-ada')).service_requests,
      ).toBe('');
    });

    it('region isolation: a ticket of one region is 404 in another', async () => {
      expectError(await o311(bali, `requests/${ids.open.ticket}.json`), 404);
      expect(
        json(await o311(bali, `requests.json?service_request_id=${ids.open.ticket}`), 'serviceRequests'),
      ).toEqual([]);
      expect(
        json(await o311(main, `requests.json?service_request_id=${ids.open.ticket}`), 'serviceRequests'),
      ).toEqual([]);
    });
  });

  describe('media, time zones, paths and switches', () => {
    it('media_url: the first visible photo, absolute, under the region path, and it serves', async () => {
      const citizen = await createAccount(t, main, ['citizen']);
      const jpeg = await sharp({
        create: { width: 64, height: 48, channels: 3, background: { r: 90, g: 90, b: 90 } },
      })
        .jpeg()
        .toBuffer();
      const boundary = '----open311-uji';
      const upload = await call(t, main, {
        method: 'POST',
        url: '/api/files/photos?purpose=laksa',
        as: citizen,
        payload: Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
          ),
          jpeg,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]),
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
      expect(upload.statusCode, upload.body).toBe(201);
      const fileId = upload.json()[0].id;
      const r = await file(main, { photoIds: [fileId], reporterId: citizen.id });
      await verify(main, operator, r.id);
      const [one] = json(await o311(main, `requests/${r.ticket}.json`), 'serviceRequests');
      const url = new URL(one.media_url);
      expect(url.pathname).toBe(`${main.path}/api/m/laksa/photos/${fileId}`);
      expect(url.host).toMatch(/^localhost(:80)?$/);
      const photo = await t.app.inject({ method: 'GET', url: url.pathname });
      expect(photo.statusCode).toBe(200);
      expect(photo.headers['content-type']).toMatch(/^image\//);
    });

    it('dates carry the region’s offset (WITA +08:00 in Denpasar)', async () => {
      const r = await verified(bali, baliOperator);
      const [one] = json(await o311(bali, `requests/${r.ticket}.json`), 'serviceRequests');
      expect(one.requested_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
      expect(Date.parse(one.requested_datetime)).toBe(
        Math.floor((await reportByTicket(bali, r.ticket)).createdAt.getTime() / 1000) * 1000,
      );
      expect(json(await o311(bali, 'discovery.json'), 'discovery').changeset).toMatch(/\+08:00$/);
    });

    it('without /r/<slug> the host (or the default region) decides; an unknown slug is a 404', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/open311/v2/discovery.json' });
      const body = json(res, 'discovery');
      expect(body.endpoints[0].url).toMatch(/^http:\/\/localhost(:80)?\/open311\/v2$/);
      json(
        await t.app.inject({ method: 'GET', url: '/open311/v2/services.json?jurisdiction_id=36.71' }),
        'services',
      );
      expectError(
        await t.app.inject({ method: 'GET', url: '/r/tidak-ada-daerahnya/open311/v2/services.json' }),
        404,
      );
    });

    it('a region with LAKSA switched off has no Open311 (404, spec shape)', async () => {
      expectError(await o311(off, 'services.json'), 404);
      expectError(await o311(off, 'discovery.xml'), 404, 'xml');
      expectError(await post(off, { api_key: key, service_code: 'sampah' }), 404);
    });

    it('paths under /open311 are API space: never the web app, even for a browser', async () => {
      for (const url of ['/open311/', '/open311/v1/services.json', '/open311/v2/']) {
        const res = await t.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
        expect(res.statusCode, url).toBe(404);
        expect(res.headers['content-type'], url).toMatch(/^application\/json/);
      }
      // Control: where the web app is built, other unknown paths do get it.
      if (existsSync(path.resolve(import.meta.dirname, '../../../../web/dist/index.html'))) {
        const page = await t.app.inject({
          method: 'GET',
          url: '/laporan/saya',
          headers: { accept: 'text/html' },
        });
        expect(page.headers['content-type']).toMatch(/^text\/html/);
      }
    });

    it('answers are readable cross-origin and documented under the open311 tag', async () => {
      const res = await o311(main, 'services.json');
      expect(res.headers['access-control-allow-origin']).toBe('*');
      const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
      const paths = Object.keys(doc.paths).filter((p) => p.startsWith('/open311/v2/'));
      expect(paths).toEqual(
        expect.arrayContaining([
          '/open311/v2/services.json',
          '/open311/v2/requests.xml',
          '/open311/v2/services/{file}',
        ]),
      );
      expect(doc.paths['/open311/v2/requests.json'].get.tags).toEqual(['open311']);
    });
  });

  describe('as third-party clients and validators read it (GeoReport v2 requirements)', () => {
    const tickets = (body: { service_request_id: string }[]) => body.map((r) => r.service_request_id);
    it('publishes the endpoint without a trailing slash, and answers paths joined with a doubled slash', async () => {
      const endpoint = json(await o311(main, 'discovery.json'), 'discovery').endpoints[0].url as string;
      expect(endpoint.endsWith('/open311/v2')).toBe(true);
      // What a validator does with it: append `/services.xml`; one client resolves against `…/v2/`.
      const path = new URL(endpoint).pathname;
      for (const url of [`${path}/services.xml`, `${path}//services.xml`])
        expect(xml(await t.app.inject({ method: 'GET', url })).services.service.length, url).toBeGreaterThan(
          0,
        );
    });

    it('finds a report by its exact published requested_datetime, as start_date and as end_date', async () => {
      const { ticket } = await verified(main, operator);
      const one = json(await o311(main, `requests/${ticket}.json`), 'serviceRequests')[0];
      const at = encodeURIComponent(one.requested_datetime);
      for (const q of [`end_date=${at}`, `start_date=${at}`, `start_date=${at}&end_date=${at}`])
        expect(tickets(json(await o311(main, `requests.json?${q}`), 'serviceRequests')), q).toContain(ticket);
    });

    it('treats an empty optional parameter as absent', async () => {
      const plain = json(await o311(main, 'requests.json'), 'serviceRequests');
      const empty = await o311(
        main,
        'requests.json?start_date=&end_date=&page=&page_size=&status=&service_code=&jurisdiction_id=',
      );
      expect(json(empty, 'serviceRequests')).toEqual(plain);
      json(await o311(main, 'services.json?jurisdiction_id='), 'services');
    });

    it('refuses a date range over 90 days, in the spec error format, JSON and XML', async () => {
      const q = 'requests.json?start_date=2026-01-01&end_date=2026-06-30';
      expect(expectError(await o311(main, q), 400)).toContain('90');
      expect(expectError(await o311(main, q.replace('.json', '.xml')), 400, 'xml')).toContain('90');
      json(await o311(main, 'requests.json?start_date=2026-01-01&end_date=2026-03-31'), 'serviceRequests');
    });

    it("says the region's description rule in the service list and in the error of a POST that breaks it", async () => {
      const services = json(await o311(main, 'services.json'), 'services');
      expect(
        services.every((x: { description: string }) => x.description.includes('minimal 15 karakter')),
      ).toBe(true);
      const res = await post(main, { api_key: key, service_code: 'sampah', lat: '-6.99', long: '110.42' });
      const message = expectError(res, 400);
      expect(message).toContain('description');
      expect(message).toContain('kebijakan LAKSA');
      expect(message).toContain('LAKSA policy');
      const unknown = await post(main, {
        api_key: key,
        service_code: 'tidak-ada',
        lat: '-6.99',
        long: '110.42',
        description: 'Sampah menumpuk di pasar sejak tiga hari lalu.',
      });
      expect(expectError(unknown, 404)).toContain('service_code');
    });

    it('answers a browser preflight, and reads cross-origin without credentials', async () => {
      for (const url of ['/open311/v2/requests.json', '/open311/v2/services.xml']) {
        const pre = await call(t, main, {
          method: 'OPTIONS',
          url,
          headers: { origin: 'https://peta.contoh.id', 'access-control-request-method': 'POST' },
        });
        expect(pre.statusCode, url).toBe(204);
        expect(pre.headers['access-control-allow-origin']).toBe('*');
        expect(String(pre.headers['access-control-allow-methods'])).toContain('POST');
        expect(String(pre.headers['access-control-allow-headers'])).toContain('Content-Type');
        expect(pre.headers['access-control-allow-credentials']).toBeUndefined();
      }
    });

    it('lets clients cache discovery, the service list and definitions (ETag, 304)', async () => {
      for (const url of ['services.json', 'services.xml', 'discovery.json', 'services/sampah.xml']) {
        const first = await o311(main, url);
        expect(first.statusCode, url).toBe(200);
        expect(first.headers['cache-control']).toContain('max-age=');
        const etag = String(first.headers.etag);
        const again = await o311(main, url, { headers: { 'if-none-match': etag } });
        expect(again.statusCode, url).toBe(304);
        expect(again.body).toBe('');
      }
    });

    it("carries the region's own contact in discovery", async () => {
      const res = await call(t, main, {
        method: 'PATCH',
        url: '/api/admin/region',
        as: admin,
        payload: { contact: { phone: '021 5525 1234', email: 'laksa@contoh.go.id' } },
      });
      expect(res.statusCode).toBe(200);
      const doc = json(await o311(main, 'discovery.json'), 'discovery');
      expect(doc.contact).toContain('021 5525 1234');
      expect(doc.contact).toContain('laksa@contoh.go.id');
    });
  });
});
