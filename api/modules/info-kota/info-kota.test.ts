import { sql } from 'drizzle-orm';
import { XMLParser } from 'fast-xml-parser';
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
import { startPushService } from '../../../test/support/push-service';
import { inRegion } from '../../core/db/scope';
import { injectMeta } from '../../core/http/page-meta';
import { announceDue } from './announcements';
import { publishDue } from './articles';
import { articlePageMeta } from './public';
import { sanitizeBody } from './sanitize';

const base = '/api/m/info-kota';
const rowsOf = <T>(r: unknown) => ((r as { rows?: T[] }).rows ?? (r as T[])) as T[];
const BODY = '<h2>Latar</h2><p>Isi berita yang cukup panjang untuk diterbitkan oleh redaksi.</p>';

/** Known XSS payloads (OWASP cheat sheet and friends): none may survive the sanitiser. */
const XSS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<img src="/api/files/00000000-0000-4000-8000-000000000000" onerror="alert(1)">',
  '<img src="javascript:alert(1)">',
  '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  '<img src="https://evil.example/track.gif">',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<body onload=alert(1)>',
  '<a href="javascript:alert(1)">klik</a>',
  '<a href="JaVaScRiPt:alert(1)">klik</a>',
  '<a href="jav&#x09;ascript:alert(1)">klik</a>',
  '<a href="vbscript:msgbox(1)">klik</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">klik</a>',
  '<a href="https://ok.example" onmouseover="alert(1)">klik</a>',
  '<p style="background:url(javascript:alert(1))">gaya</p>',
  '<div style="width: expression(alert(1))">gaya</div>',
  '<iframe src="https://evil.example/"></iframe>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="evil.swf"></object><embed src="evil.swf">',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<form action="javascript:alert(1)"><input type=submit></form>',
  '<details open ontoggle=alert(1)>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="https://evil.example/">',
  '<link rel=stylesheet href="https://evil.example/x.css">',
  '<style>@import "https://evil.example/x.css";</style>',
  '"><script>alert(1)</script>',
  '<a href="//evil.example">protokol relatif</a>',
];

describe('info-kota module', () => {
  let t: TestApp;
  let push: Awaited<ReturnType<typeof startPushService>>;
  let region: TestRegion;
  let other: TestRegion;
  let opds: Record<string, string>;
  let kecamatan: string[];
  let editor: TestAccount;
  let writer: TestAccount;
  let otherWriter: TestAccount;
  let puprAdmin: TestAccount;
  let citizen: TestAccount;

  const opdsOf = async (r: TestRegion) =>
    Object.fromEntries(
      rowsOf<{ code: string; id: string }>(
        await inRegion(t.database, { regionId: r.id }, (tx) => tx.execute(sql`select code, id from opd`)),
      ).map((o) => [o.code, o.id]),
    );
  const draft = async (as: TestAccount, extra: Record<string, unknown> = {}, r = region) => {
    const res = await call(t, r, {
      method: 'POST',
      url: `${base}/desk/articles`,
      as,
      payload: { title: 'Perbaikan Jalan di Kecamatan', bodyHtml: BODY, category: 'pembangunan', ...extra },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const act = (
    as: TestAccount,
    id: string,
    action: string,
    payload: Record<string, unknown> = {},
    r = region,
  ) => call(t, r, { method: 'POST', url: `${base}/desk/articles/${id}/${action}`, as, payload });
  const publicArticle = (slug: string, r = region) => call(t, r, { url: `${base}/public/articles/${slug}` });

  beforeAll(async () => {
    push = await startPushService();
    t = await createTestApp({ env: { PUSH_EXTRA_ORIGINS: push.origin } });
    region = await createRegion(t);
    other = await createRegion(t);
    opds = await opdsOf(region);
    kecamatan = rowsOf<{ code: string }>(
      await inRegion(t.database, { regionId: region.id }, (tx) =>
        tx.execute(sql`select code from region_area where level = 'kecamatan' order by code`),
      ),
    ).map((a) => a.code);
    editor = await createAccount(t, region, [{ role: 'opd_admin', opdId: opds.diskominfo! }]);
    writer = await createAccount(t, region, [{ role: 'opd_officer', opdId: opds.dishub! }]);
    otherWriter = await createAccount(t, region, [{ role: 'opd_officer', opdId: opds.dpupr! }]);
    puprAdmin = await createAccount(t, region, [{ role: 'opd_admin', opdId: opds.dpupr! }]);
    citizen = await createAccount(t, region, ['citizen']);
  });
  afterAll(async () => {
    await t.close();
    await push.close();
  });

  it('tells the desk who is a writer and who is an editor', async () => {
    const me = async (as: TestAccount) => (await call(t, region, { url: `${base}/desk/me`, as })).json();
    expect(await me(editor)).toMatchObject({ writer: true, editor: true, timeZone: 'WIB' });
    expect(await me(writer)).toMatchObject({ writer: true, editor: false });
    expect((await me(writer)).opds).toEqual([{ id: opds.dishub, name: expect.any(String) }]);
    // An OPD admin outside the editorial OPD writes but does not publish.
    expect(await me(puprAdmin)).toMatchObject({ writer: true, editor: false });
    expect((await call(t, region, { url: `${base}/desk/me`, as: citizen })).statusCode).toBe(403);
  });

  it('runs the workflow: the writer drafts and submits, the editor returns with a note and publishes; revisions say who did what', async () => {
    const a = await draft(writer, { title: 'Uji Emisi Gratis di Puspemkot', tags: ['emisi', 'emisi'] });
    expect(a).toMatchObject({ status: 'draft', opdId: opds.dishub, slug: 'uji-emisi-gratis-di-puspemkot' });
    expect(a.tags).toEqual(['emisi']);
    expect(a.can).toEqual({ edit: true, submit: true, return: false, publish: false, archive: false });

    // The writer cannot publish; another OPD's writer cannot see or edit it; citizens see nothing.
    expect((await act(writer, a.id, 'publish')).statusCode).toBe(403);
    expect(
      (await call(t, region, { url: `${base}/desk/articles/${a.id}`, as: otherWriter })).statusCode,
    ).toBe(404);
    const foreignEdit = await call(t, region, {
      method: 'PATCH',
      url: `${base}/desk/articles/${a.id}`,
      as: otherWriter,
      payload: { version: 1, title: 'Diubah OPD lain' },
    });
    expect(foreignEdit.statusCode).toBe(404);
    expect((await act(puprAdmin, a.id, 'publish')).statusCode).toBe(404);
    expect((await call(t, region, { url: `${base}/desk/articles/${a.id}`, as: citizen })).statusCode).toBe(
      403,
    );
    expect((await publicArticle(a.slug)).statusCode).toBe(404);

    expect((await act(writer, a.id, 'submit')).json().status).toBe('review');
    // In review the writer can no longer change it.
    const locked = await call(t, region, {
      method: 'PATCH',
      url: `${base}/desk/articles/${a.id}`,
      as: writer,
      payload: { version: 1, title: 'Judul baru sesudah diajukan' },
    });
    expect(locked.statusCode).toBe(403);
    const returned = await act(editor, a.id, 'return', { note: 'Tambahkan jam layanan.' });
    expect(returned.json()).toMatchObject({ status: 'draft', reviewNote: 'Tambahkan jam layanan.' });

    const edited = await call(t, region, {
      method: 'PATCH',
      url: `${base}/desk/articles/${a.id}`,
      as: writer,
      payload: { version: 1, summary: 'Setiap Sabtu pukul 08.00–12.00 WIB.' },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().version).toBe(2);
    // Fields not sent are left as they were.
    expect(edited.json()).toMatchObject({ tags: ['emisi'], title: 'Uji Emisi Gratis di Puspemkot' });
    expect(edited.json().bodyHtml).toContain('Latar');
    // A save from a stale copy is refused.
    const stale = await call(t, region, {
      method: 'PATCH',
      url: `${base}/desk/articles/${a.id}`,
      as: editor,
      payload: { version: 1, title: 'Judul dari salinan lama' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('CONFLICT');

    await act(writer, a.id, 'submit');
    const published = await act(editor, a.id, 'publish', {});
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', reviewNote: null });
    expect((await act(editor, a.id, 'publish')).statusCode).toBe(409);

    const page = await publicArticle(a.slug);
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ title: 'Uji Emisi Gratis di Puspemkot', opdName: 'Dishub' });

    const detail = (await call(t, region, { url: `${base}/desk/articles/${a.id}`, as: writer })).json();
    expect(detail.revisions.map((r: { action: string }) => r.action).reverse()).toEqual([
      'created',
      'submitted',
      'returned',
      'edited',
      'submitted',
      'published',
    ]);
    const edit = detail.revisions.find((r: { action: string }) => r.action === 'edited');
    expect(edit).toMatchObject({ fields: ['summary'], actorName: writer.name, version: 2 });
    expect(detail.revisions.find((r: { action: string }) => r.action === 'returned').note).toBe(
      'Tambahkan jam layanan.',
    );

    // The writer's queue holds only their OPD's articles; the editor sees all, with counts.
    await draft(otherWriter, { title: 'Berita Dinas PUPR' });
    const mine = (await call(t, region, { url: `${base}/desk/articles`, as: writer })).json();
    expect(mine.items.every((x: { opdId: string }) => x.opdId === opds.dishub)).toBe(true);
    const all = (await call(t, region, { url: `${base}/desk/articles?status=draft`, as: editor })).json();
    expect(all.items.some((x: { opdName: string }) => x.opdName === 'Dinas PUPR')).toBe(true);
    expect(all.counts.published).toBeGreaterThanOrEqual(1);

    // Archived: off the public feed, the link answers 404.
    expect((await act(editor, a.id, 'archive')).json().status).toBe('archived');
    expect((await publicArticle(a.slug)).statusCode).toBe(404);
  });

  it('schedules in the region’s time zone (WIB, WITA, WIT): the task publishes at that instant; a past time publishes at once', async () => {
    const zones = [
      { r: region, zone: 'WIB', offset: 7 },
      { r: await createRegion(t, { code: '73.71' }), zone: 'WITA', offset: 8 },
      { r: await createRegion(t, { code: '91.71' }), zone: 'WIT', offset: 9 },
    ];
    for (const { r, zone, offset } of zones) {
      const admin = await createAccount(t, r, ['region_admin']);
      expect((await call(t, r, { url: `${base}/desk/me`, as: admin })).json()).toMatchObject({
        editor: true,
        timeZone: zone,
      });
      const a = await draft(admin, { title: `Terbit terjadwal ${zone}` }, r);
      const res = await act(admin, a.id, 'publish', { publishAt: '2030-01-15T08:00' }, r);
      expect(res.statusCode, res.body).toBe(200);
      const due = new Date(Date.UTC(2030, 0, 15, 8 - offset, 0));
      expect(res.json()).toMatchObject({ status: 'scheduled', publishAt: due.toISOString() });
      expect((await publicArticle(a.slug, r)).statusCode).toBe(404);

      const run = (now: Date) => inRegion(t.database, { regionId: r.id }, (tx) => publishDue(tx, r.id, now));
      expect(await run(new Date(due.getTime() - 1000))).toBe(0);
      expect(await run(due)).toBe(1);
      expect(await run(new Date(due.getTime() + 60_000))).toBe(0);
      const page = await publicArticle(a.slug, r);
      expect(page.statusCode).toBe(200);
      expect(page.json().publishedAt).toBe(due.toISOString());

      const past = await draft(admin, { title: `Terbit lampau ${zone}` }, r);
      expect((await act(admin, past.id, 'publish', { publishAt: '2020-01-01T07:00' }, r)).json().status).toBe(
        'published',
      );
    }
  });

  it('sends a published article to the devices following news, encrypted; an urgent area announcement with high urgency', async () => {
    const subscribe = (d: ReturnType<typeof push.device>, body: Record<string, unknown>) =>
      call(t, region, {
        method: 'POST',
        url: '/api/notifications/devices',
        payload: { subscription: d.subscription, ...body },
      });
    // Earlier publications in this region are delivered first: the devices below follow from now on.
    await t.app.simpul.notifications.drain(region.id);
    const news = push.device('info-news');
    const area = push.device('info-area');
    const elsewhere = push.device('info-elsewhere');
    expect((await subscribe(news, { topics: ['info-kota.news'] })).statusCode).toBe(200);
    expect(
      (await subscribe(area, { topics: ['info-kota.announcements'], areaCode: kecamatan[0] })).statusCode,
    ).toBe(200);
    await subscribe(elsewhere, { topics: ['info-kota.announcements'], areaCode: kecamatan[1] });

    const a = await draft(editor, { title: 'Pasar Murah Jelang Natal', summary: 'Di 13 kecamatan.' });
    await act(editor, a.id, 'publish');
    await t.app.simpul.notifications.drain(region.id);
    expect(push.errors).toEqual([]);
    expect(news.received).toHaveLength(1);
    expect(news.received[0]!.payload).toMatchObject({
      title: 'Pasar Murah Jelang Natal',
      body: 'Di 13 kecamatan.',
      url: `/layanan/info-kota/berita/${a.slug}`,
      topic: 'info-kota.news',
    });
    expect(news.received[0]!.headers['content-encoding']).toBe('aes128gcm');

    const now = new Date();
    const local = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 16);
    const res = await call(t, region, {
      method: 'POST',
      url: `${base}/desk/announcements`,
      as: editor,
      payload: {
        title: 'Siaga banjir Kali Angke',
        body: 'Warga bantaran diminta waspada.',
        validFrom: local(now.getTime() - 60_000),
        validUntil: local(now.getTime() + 86_400_000),
        areaCode: kecamatan[0],
        urgent: true,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    await t.app.simpul.notifications.drain(region.id);
    expect(area.received.map((m) => m.payload.title)).toEqual(['PENTING: Siaga banjir Kali Angke']);
    expect(area.received[0]!.headers.urgency).toBe('high');
    expect(elsewhere.received).toEqual([]);
    expect(news.received).toHaveLength(1);

    // One that starts later is sent by the task when its validity begins, once.
    const later = now.getTime() + 3_600_000;
    const planned = await call(t, region, {
      method: 'POST',
      url: `${base}/desk/announcements`,
      as: editor,
      payload: {
        title: 'Vaksinasi keliling di kecamatan',
        body: 'Besok di balai warga.',
        validFrom: local(later),
        validUntil: local(later + 86_400_000),
        areaCode: kecamatan[0],
      },
    });
    expect(planned.statusCode, planned.body).toBe(201);
    const due = (at: number) =>
      inRegion(t.database, { regionId: region.id }, (tx) => announceDue(tx, region.id, new Date(at)));
    expect(await due(later - 60_000)).toBe(0);
    expect(await due(later + 60_000)).toBe(1);
    expect(await due(later + 120_000)).toBe(0);
    await t.app.simpul.notifications.drain(region.id);
    expect(area.received.map((m) => m.payload.title)).toEqual([
      'PENTING: Siaga banjir Kali Angke',
      'Vaksinasi keliling di kecamatan',
    ]);
    expect(area.received[1]!.headers.urgency ?? 'normal').toBe('normal');

    // In force: on the home strip and in the area's list, not in another kecamatan's.
    const homeView = (await call(t, region, { url: `${base}/public/home` })).json();
    expect(homeView.urgent.map((x: { title: string }) => x.title)).toContain('Siaga banjir Kali Angke');
    expect(homeView.latest.map((x: { slug: string }) => x.slug)).toContain(a.slug);
    const here = (await call(t, region, { url: `${base}/public/announcements?area=${kecamatan[0]}` })).json();
    const there = (
      await call(t, region, { url: `${base}/public/announcements?area=${kecamatan[1]}` })
    ).json();
    expect(here.map((x: { title: string }) => x.title)).toContain('Siaga banjir Kali Angke');
    expect(there.map((x: { title: string }) => x.title)).not.toContain('Siaga banjir Kali Angke');
  });

  it('refuses an announcement for an area outside the region, and other bad input, with the error envelope', async () => {
    const ann = (payload: Record<string, unknown>, as = editor) =>
      call(t, region, {
        method: 'POST',
        url: `${base}/desk/announcements`,
        as,
        payload: {
          title: 'Pengumuman uji',
          body: 'Isi',
          validFrom: '2030-01-01T08:00',
          validUntil: '2030-01-02T08:00',
          ...payload,
        },
      });
    const foreign = await ann({ areaCode: '31.71.01' });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(foreign.json().error.messages.id).toMatch(/Wilayah/);
    expect((await ann({ areaCode: `${other.code}.01` })).statusCode).toBe(400);
    expect((await ann({ validUntil: '2029-12-31T08:00' })).statusCode).toBe(400);
    expect((await ann({ validFrom: '2030-02-30T08:00' })).statusCode).toBe(400);
    expect((await ann({}, writer)).statusCode).toBe(403);

    const bad = [
      { title: 'x', bodyHtml: BODY, category: 'pembangunan' },
      { title: 'Judul yang cukup', bodyHtml: BODY, category: 'gosip' },
      { title: 'Judul yang cukup', category: 'ekonomi', slug: 'Bukan Slug!' },
      { title: 'Judul yang cukup', category: 'ekonomi', coverFileId: '00000000-0000-4000-8000-000000000000' },
      {
        title: 'Judul yang cukup',
        category: 'ekonomi',
        tags: Array.from({ length: 20 }, (_, i) => `tag${i}`),
      },
    ];
    for (const payload of bad) {
      const res = await call(t, region, {
        method: 'POST',
        url: `${base}/desk/articles`,
        as: writer,
        payload,
      });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.messages.en).toBeTruthy();
    }
    const a = await draft(editor);
    expect((await act(editor, a.id, 'publish', { publishAt: '15-01-2030 08:00' })).statusCode).toBe(400);
    expect((await act(editor, a.id, 'publish', { publishAt: '2030-02-30T08:00' })).statusCode).toBe(400);
    expect((await act(editor, a.id, 'return', { note: '' })).statusCode).toBe(400);
    expect((await publicArticle('Bukan_slug')).statusCode).toBe(400);
    const empty = await draft(writer, { title: 'Tanpa isi', bodyHtml: '<p></p>' });
    expect((await act(writer, empty.id, 'submit')).statusCode).toBe(400);
  });

  it('sanitises article bodies against known XSS payloads, keeping what the editor makes', async () => {
    for (const x of XSS) {
      const clean = sanitizeBody(`<p>sebelum</p>${x}<p>sesudah</p>`);
      expect(clean, x).not.toMatch(
        /<script|<svg|<style|<object|<embed|<form|<meta|<base|<link|<math|<details/i,
      );
      expect(clean, x).not.toMatch(/\son\w+\s*=|javascript:|vbscript:|data:|expression\(|srcdoc|style=/i);
      expect(clean, x).not.toMatch(/evil\.example/);
      expect(clean, x).toContain('<p>sebelum</p>');
    }
    const kept = sanitizeBody(
      '<h1>Judul</h1><p><strong>Tebal</strong> <a href="https://tangerangkota.go.id">tautan</a> <a href="mailto:humas@x.go.id">surel</a></p>' +
        '<ul><li>satu</li></ul><blockquote><p>kutipan</p></blockquote>' +
        '<figure><img src="/r/kota-uji/api/files/0b6f8f1e-1111-4222-8333-444455556666" alt="Foto"><figcaption>Keterangan <span class="credit">Foto: Humas</span></figcaption></figure>' +
        '<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>',
    );
    expect(kept).toContain('<h2>Judul</h2>');
    expect(kept).toContain(
      '<a href="https://tangerangkota.go.id" rel="noopener noreferrer nofollow" target="_blank">',
    );
    expect(kept).toContain('<a href="mailto:humas@x.go.id">');
    expect(kept).toContain('<img src="/api/files/0b6f8f1e-1111-4222-8333-444455556666" alt="Foto"');
    expect(kept).toContain('<figcaption>Keterangan <span class="credit">Foto: Humas</span></figcaption>');
    expect(kept).toMatch(/<iframe src="https:\/\/www\.youtube\.com\/embed\/dQw4w9WgXcQ"[^>]*sandbox=/);

    // Through the API: what is stored is the sanitised body.
    // (An image of ours that does not exist is refused with 400 rather than stored: left out here.)
    const a = await draft(writer, {
      bodyHtml: `<p>aman</p>${XSS.filter((x) => !x.includes('/api/files/')).join('')}`,
    });
    expect(a.bodyHtml).not.toMatch(/<script|onerror|javascript:/i);
    expect(a.bodyHtml).toContain('<p>aman</p>');
  });

  it('article images: checked like every upload, the staff desk sees them, the public once the article is out', async () => {
    const upload = await photoUpload();
    const up = await call(t, region, {
      method: 'POST',
      url: '/api/files/photos?purpose=info-kota',
      as: writer,
      ...upload,
    });
    expect(up.statusCode, up.body).toBe(201);
    const photo = up.json()[0].id as string;
    const a = await draft(writer, {
      title: 'Berita dengan foto',
      coverFileId: photo,
      coverCaption: 'Foto: Humas Dishub',
      bodyHtml: `${BODY}<figure><img src="${region.path}/api/files/${photo}" alt="Lokasi"><figcaption>Lokasi</figcaption></figure>`,
    });
    expect(a.coverUrl).toBe(`/api/files/${photo}`);
    const get = (as?: TestAccount) => call(t, region, { url: `/api/files/${photo}`, as });
    expect((await get()).statusCode).toBe(404);
    expect((await get(citizen)).statusCode).toBe(404);
    expect((await get(editor)).statusCode).toBe(200);
    await act(editor, a.id, 'publish');
    const open = await get();
    expect(open.statusCode).toBe(200);
    expect(open.headers['cache-control']).toMatch(/^public/);
    const page = (await publicArticle(a.slug)).json();
    expect(page.bodyHtml).toContain(`src="${region.path}/api/files/${photo}"`);
    expect(page.coverUrl).toBe(`${region.path}/api/files/${photo}`);
  });

  it('serves the public feed with paging, search and category; article pages cacheable with ETag and NewsArticle JSON-LD', async () => {
    for (const [i, category] of (['kesehatan', 'kesehatan', 'ekonomi'] as const).entries()) {
      const a = await draft(editor, { title: `Kabar feed nomor ${i + 1}`, category, tags: ['feed'] });
      await act(editor, a.id, 'publish');
    }
    const feedOf = async (q: string) =>
      (await call(t, region, { url: `${base}/public/articles?${q}` })).json();
    const p1 = await feedOf('tag=feed&limit=2');
    expect(p1.items.map((x: { title: string }) => x.title)).toEqual([
      'Kabar feed nomor 3',
      'Kabar feed nomor 2',
    ]);
    expect(p1.hasMore).toBe(true);
    const p2 = await feedOf('tag=feed&limit=2&page=2');
    expect(p2).toMatchObject({ hasMore: false, page: 2 });
    expect((await feedOf('category=kesehatan&tag=feed')).items).toHaveLength(2);
    expect((await feedOf('q=nomor%202')).items.map((x: { title: string }) => x.title)).toEqual([
      'Kabar feed nomor 2',
    ]);
    expect((await feedOf('q=%25')).items).toEqual([]);

    const first = await publicArticle('kabar-feed-nomor-1');
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toMatch(/public, max-age=\d+/);
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();
    const again = await call(t, region, {
      url: `${base}/public/articles/kabar-feed-nomor-1`,
      headers: { 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
    const view = first.json();
    expect(view.url).toMatch(/\/layanan\/info-kota\/berita\/kabar-feed-nomor-1$/);
    expect(view.og).toMatchObject({ type: 'article', title: 'Kabar feed nomor 1', url: view.url });
    expect(view.jsonLd).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'Kabar feed nomor 1',
      datePublished: view.publishedAt,
      inLanguage: 'id-ID',
      mainEntityOfPage: { '@type': 'WebPage', '@id': view.url },
      publisher: { '@type': 'GovernmentOrganization', name: expect.stringContaining(region.name) },
      author: { name: expect.any(String) },
    });
    expect(Date.parse(view.jsonLd.dateModified)).not.toBeNaN();
  });

  it('gives share previews (Open Graph) for published articles only, escaped into the page head', async () => {
    const site = { origin: 'https://kota.example', basePath: '', regionName: region.name, logoUrl: null };
    const meta = (path: string) =>
      inRegion(t.database, { regionId: region.id }, (tx) => articlePageMeta(tx, path, site));
    const og = await meta('/berita/kabar-feed-nomor-1');
    expect(og).toMatchObject({
      title: 'Kabar feed nomor 1',
      type: 'article',
      url: 'https://kota.example/layanan/info-kota/berita/kabar-feed-nomor-1',
    });
    expect(await meta('/berita/tidak-ada')).toBeNull();
    expect(await meta('/agenda')).toBeNull();
    const html = injectMeta(
      '<html><head><meta name="description" content="x" /><title>Simpul</title></head><body></body></html>',
      { ...og!, title: 'A "quoted" <script>alert(1)</script> & more' },
    );
    expect(html).toContain(
      '<title>A &quot;quoted&quot; &lt;script&gt;alert(1)&lt;/script&gt; &amp; more</title>',
    );
    expect(html).toContain('<meta property="og:title" content="A &quot;quoted&quot; &lt;script&gt;');
    expect(html).not.toContain('<script>alert');
  });

  it('publishes valid RSS 2.0 and Atom 1.0 feeds, per region and per category', async () => {
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });
    const rss = await call(t, region, { url: `${base}/public/feed.rss` });
    expect(rss.statusCode).toBe(200);
    expect(rss.headers['content-type']).toMatch(/application\/rss\+xml/);
    const doc = parser.parse(rss.body);
    expect(doc.rss['@version']).toBe('2.0');
    const ch = doc.rss.channel;
    expect(ch.title).toContain(region.name);
    expect(ch.link).toMatch(/^http/);
    expect(ch.description).toBeTruthy();
    const items = [ch.item].flat();
    expect(items.length).toBeGreaterThanOrEqual(3);
    for (const i of items) {
      expect(i.title).toBeTruthy();
      expect(i.link).toMatch(/^http.*\/layanan\/info-kota\/berita\//);
      expect(Date.parse(i.pubDate)).not.toBeNaN();
      expect(i.guid).toBeTruthy();
    }

    const atom = await call(t, region, { url: `${base}/public/feed.atom?category=kesehatan` });
    expect(atom.headers['content-type']).toMatch(/application\/atom\+xml/);
    const feed = parser.parse(atom.body).feed;
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toBeTruthy();
    expect(feed.title).toContain('Kesehatan');
    expect(Date.parse(feed.updated)).not.toBeNaN();
    const entries = [feed.entry].flat();
    expect(entries.length).toBe(2);
    for (const e of entries) {
      expect(e.id).toBeTruthy();
      expect(e.title).toBeTruthy();
      expect(Date.parse(e.updated)).not.toBeNaN();
      expect([e.link].flat()[0]['@href']).toMatch(/\/layanan\/info-kota\/berita\//);
    }
    expect((await call(t, region, { url: `${base}/public/feed.rss?category=gosip` })).statusCode).toBe(400);
  });

  it('keeps regions apart', async () => {
    const a = await draft(editor, { title: 'Hanya untuk daerah ini' });
    await act(editor, a.id, 'publish');
    const foreignAdmin = await createAccount(t, other, ['region_admin']);
    expect((await publicArticle(a.slug, other)).statusCode).toBe(404);
    expect(
      (await call(t, other, { url: `${base}/desk/articles/${a.id}`, as: foreignAdmin })).statusCode,
    ).toBe(404);
    expect((await act(foreignAdmin, a.id, 'archive', {}, other)).statusCode).toBe(404);
    const feed = (await call(t, other, { url: `${base}/public/articles?q=Hanya` })).json();
    expect(feed.items).toEqual([]);
  });

  it('keeps an agenda; the LIVE Room sees today’s articles and urgent announcements', async () => {
    const ev = await call(t, region, {
      method: 'POST',
      url: `${base}/desk/agenda`,
      as: writer,
      payload: {
        title: 'Car Free Day Sudirman',
        startsAt: '2030-03-03T06:00',
        endsAt: '2030-03-03T09:00',
        place: 'Jl. Jenderal Sudirman',
        lat: -6.18,
        lng: 106.63,
      },
    });
    expect(ev.statusCode, ev.body).toBe(201);
    expect(ev.json()).toMatchObject({ startsAt: '2030-03-02T23:00:00.000Z', opdName: 'Dishub' });
    const list = (await call(t, region, { url: `${base}/public/agenda` })).json();
    expect(list.map((e: { title: string }) => e.title)).toContain('Car Free Day Sudirman');
    const edit = (as: TestAccount) =>
      call(t, region, {
        method: 'PUT',
        url: `${base}/desk/agenda/${ev.json().id}`,
        as,
        payload: { title: 'Car Free Day diubah', startsAt: '2030-03-03T06:00', place: 'Jl. Sudirman' },
      });
    expect((await edit(otherWriter)).statusCode).toBe(403);
    expect((await edit(writer)).statusCode).toBe(200);
    const noLng = await call(t, region, {
      method: 'POST',
      url: `${base}/desk/agenda`,
      as: writer,
      payload: { title: 'Acara tanpa bujur', startsAt: '2030-03-03T06:00', place: 'Taman', lat: -6.1 },
    });
    expect(noLng.statusCode).toBe(400);

    const operator = await createAccount(t, region, ['operator']);
    const wall = await call(t, region, { url: `${base}/live`, as: operator });
    expect(wall.statusCode).toBe(200);
    expect(wall.json().publishedToday.length).toBeGreaterThan(0);
    expect(wall.json().urgent.map((x: { title: string }) => x.title)).toContain('Siaga banjir Kali Angke');
    expect((await call(t, region, { url: `${base}/live`, as: citizen })).statusCode).toBe(403);
    // The publication is on the wall's stream.
    const events = rowsOf<{ permission: string }>(
      await inRegion(t.database, { regionId: region.id }, (tx) =>
        tx.execute(sql`select permission from event where type = 'info-kota.article.published' limit 1`),
      ),
    );
    expect(events[0]?.permission).toBe('core:live.watch');
  });
});
