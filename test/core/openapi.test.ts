import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import createClient from 'openapi-fetch';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccount,
  createTestApp,
  demoRegion,
  TEST_PASSWORD,
  type TestApp,
  type TestRegion,
} from '../support/app';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const HOST = 'api.simpul.test';
type Operation = { method: string; path: string; op: any };

function operationsOf(doc: any): Operation[] {
  const out: Operation[] = [];
  for (const [p, item] of Object.entries<any>(doc.paths))
    for (const method of METHODS) if (item[method]) out.push({ method, path: p, op: item[method] });
  return out;
}

describe('the OpenAPI document is one a code generator can use', () => {
  let t: TestApp;
  let region: TestRegion;
  let doc: any;

  beforeAll(async () => {
    t = await createTestApp();
    region = demoRegion(t);
    doc = (await t.app.inject({ url: `${region.path}/api/openapi.json`, headers: { host: HOST } })).json();
  });
  afterAll(() => t.close());

  it('passes Redocly’s recommended rules without an error', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({
      source: JSON.stringify(doc),
      absoluteRef: '/openapi.json',
      config,
    });
    const errors = problems.filter((p) => p.severity === 'error');
    const warnings = problems.filter((p) => p.severity === 'warn');
    console.info(`redocly recommended: ${errors.length} errors, ${warnings.length} warnings`);
    expect(errors.map((e) => `${e.ruleId}: ${e.message} ${e.location[0]?.pointer ?? ''}`)).toEqual([]);
  });

  it('gives every operation a unique verb-first operationId, its security and its error responses', () => {
    const ops = operationsOf(doc);
    expect(ops.length).toBeGreaterThan(100);
    const ids = ops.map((o) => o.op.operationId);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    const wrong: string[] = [];
    for (const { method, path: p, op } of ops) {
      const at = `${method.toUpperCase()} ${p}`;
      if (!/^[a-z]+[A-Z][A-Za-z0-9]*$/.test(op.operationId ?? ''))
        wrong.push(`${at}: operationId ${op.operationId}`);
      const access = op['x-simpul-access'];
      const schemes = (op.security ?? []).flatMap((s: object) => Object.keys(s));
      if (!schemes.includes('session')) wrong.push(`${at}: no session scheme`);
      if (method !== 'get' && !schemes.includes('csrf')) wrong.push(`${at}: no csrf scheme`);
      const anonymous = (op.security ?? []).some((s: object) => Object.keys(s).length === 0);
      if (anonymous !== (access === 'public')) wrong.push(`${at}: anonymous ${anonymous} for ${access}`);
      const codes = Object.keys(op.responses);
      const expected = ['429'];
      if (access !== 'public') expected.push('401', '403');
      if (p.includes('{')) expected.push('404');
      if (op.parameters?.length || op.requestBody) expected.push('400');
      if (op.requestBody) expected.push('413', '415');
      for (const code of expected) if (!codes.includes(code)) wrong.push(`${at}: no ${code}`);
      for (const code of codes.filter((c) => c.startsWith('4'))) {
        const content = op.responses[code].content ?? {};
        const ref = content['application/json']?.schema?.$ref;
        // Open311 answers errors in the spec's own list (JSON or XML); everything else uses the envelope.
        if (!p.startsWith('/open311/') && ref !== '#/components/schemas/ErrorEnvelope')
          wrong.push(`${at}: ${code} without the error envelope`);
      }
    }
    expect(wrong).toEqual([]);
    // Made from method and path, so a client's method names stay put.
    expect(doc.paths['/api/m/laksa/inbox'].get.operationId).toBe('listLaksaInbox');
    expect(doc.paths['/api/m/laksa/reports/{id}'].get.operationId).toBe('getLaksaReport');
    expect(doc.paths['/api/m/nomor-penting/numbers'].post.operationId).toBe('createNomorPentingNumber');
    expect(doc.paths['/api/m/laksa/reports/{ticket}/reopen'].post.operationId).toBe('reopenLaksaReport');
    expect(doc.components.schemas.ErrorEnvelope).toBeDefined();
    expect(Object.keys(doc.components.securitySchemes)).toEqual(['session', 'csrf']);
  });

  it('describes bodies and answers that are not JSON: Open311 forms and XML, uploads, raw imports, downloads', () => {
    const op = (m: string, p: string) => doc.paths[p][m];
    const open311 = op('post', '/open311/v2/requests.xml');
    expect(Object.keys(open311.requestBody.content)).toEqual([
      'application/x-www-form-urlencoded',
      'application/json',
    ]);
    expect(open311.requestBody.content['application/x-www-form-urlencoded'].schema.required).toContain(
      'api_key',
    );
    expect(Object.keys(open311.responses['200'].content)).toEqual(['text/xml']);
    expect(Object.keys(op('get', '/open311/v2/requests.json').responses['200'].content)).toEqual([
      'application/json',
    ]);
    expect(Object.keys(op('get', '/open311/v2/requests/{file}').responses['404'].content)).toEqual([
      'application/json',
      'text/xml',
    ]);
    expect(
      op('post', '/api/files/photos').requestBody.content['multipart/form-data'].schema.required,
    ).toEqual(['photo']);
    expect(Object.keys(op('post', '/api/m/harga-pangan/imports').requestBody.content)).toEqual([
      'text/csv',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
    expect(op('get', '/api/m/laksa/inbox/export.csv').responses['200'].content['text/csv'].schema.type).toBe(
      'string',
    );
    expect(
      op('get', '/api/m/laksa/inbox/export.xlsx').responses['200'].content[
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
      ].schema.format,
    ).toBe('binary');
    expect(Object.keys(op('get', '/api/files/{id}').responses['200'].content)).toEqual([
      'image/webp',
      'application/pdf',
    ]);
  });

  it('names the server of the region the request resolved to, without changing the cached document', async () => {
    expect(doc.servers).toEqual([{ url: `http://${HOST}${region.path}`, description: region.name }]);
    expect(doc.info.title).toBe(`API ${region.name}`);
    const byHost = (await t.app.inject({ url: '/api/openapi.json', headers: { host: HOST } })).json();
    expect(byHost.servers[0].url).toBe(`http://${HOST}`);
    expect(t.app.swagger()).toMatchObject({ servers: [{ url: '/' }], info: { title: 'Simpul API' } });
  });

  it('serves a docs page with no remote fonts or vendor buttons, the region’s name as title, its script compressed', async () => {
    const page = await t.app.inject({ url: `${region.path}/api/docs/`, headers: { host: HOST } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<title>API ${region.name}</title>`);
    for (const setting of [
      '"withDefaultFonts": false',
      '"hideClientButton": true',
      '"showDeveloperTools": "never"',
      '"url": "../openapi.json"',
    ])
      expect(page.body).toContain(setting);
    const plain = await t.app.inject({
      url: '/api/docs/js/scalar.js',
      headers: { 'accept-encoding': 'identity' },
    });
    const br = await t.app.inject({
      url: '/api/docs/js/scalar.js',
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    expect(zlib.brotliDecompressSync(br.rawPayload).equals(plain.rawPayload)).toBe(true);
    console.info(`docs script: ${plain.rawPayload.length} bytes plain, ${br.rawPayload.length} brotli`);
  });

  it('generates a typed client (openapi-typescript) that type-checks and calls the running API (openapi-fetch)', async () => {
    const dts = astToString(await openapiTS(doc));
    expect(dts).toContain('listNomorPentingNumbers');

    // Type-check a small client against the generated types.
    const dir = await mkdtemp(path.join(tmpdir(), 'simpul-openapi-'));
    try {
      const require = createRequire(import.meta.url);
      const fetchTypes = path.dirname(require.resolve('openapi-fetch/package.json'));
      await writeFile(path.join(dir, 'schema.d.ts'), dts);
      await writeFile(
        path.join(dir, 'client.ts'),
        [
          "import createClient from 'openapi-fetch';",
          "import type { paths } from './schema';",
          "const client = createClient<paths>({ baseUrl: 'http://localhost' });",
          "const { data } = await client.GET('/api/m/nomor-penting/numbers', {});",
          'const names: string[] = (data ?? []).map((n) => n.name);',
          "const { error } = await client.POST('/api/auth/login', { body: { identifier: 'a@b.id', password: 'x' } });",
          'const code: string | undefined = error?.error.code;',
          'export { code, names };',
        ].join('\n'),
      );
      await writeFile(
        path.join(dir, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            noEmit: true,
            target: 'es2022',
            module: 'esnext',
            moduleResolution: 'bundler',
            skipLibCheck: true,
            types: [],
            lib: ['es2022', 'dom'],
            paths: { 'openapi-fetch': [fetchTypes] },
          },
          files: ['client.ts'],
        }),
      );
      const tsc = require.resolve('typescript/lib/tsc.js');
      const run = await promisify(execFile)(process.execPath, [tsc, '-p', dir]).catch((e) => e);
      expect(`${run.stdout ?? ''}${run.stderr ?? ''}`).toBe('');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }

    // Call three operations of a listening app with a client built from the document alone.
    const origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const served = await (await fetch(`${origin}${region.path}/api/openapi.json`)).json();
    const baseUrl = served.servers[0].url;
    expect(baseUrl).toBe(`${origin}${region.path}`);
    const client = createClient<any>({ baseUrl });

    const regionRes = await client.GET('/api/region', {});
    expect(regionRes.response.status).toBe(200);
    expect(regionRes.data.name).toBe(region.name);

    const numbers = await client.GET('/api/m/nomor-penting/numbers', {});
    expect(numbers.response.status).toBe(200);
    expect(Array.isArray(numbers.data)).toBe(true);

    const account = await createAccount(t, region, ['citizen']);
    const login = await client.POST('/api/auth/login', {
      body: { identifier: account.email, password: TEST_PASSWORD },
    });
    expect(login.response.status).toBe(200);
    expect(login.data.user.email).toBe(account.email);

    // An error arrives in the documented envelope.
    const refused = await client.GET('/api/auth/me', {});
    expect(refused.response.status).toBe(401);
    expect(refused.error.error.code).toBe('UNAUTHENTICATED');
  });
});
