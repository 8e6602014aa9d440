import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createAccount,
  createRegion,
  createTestApp,
  type TestApp,
  type TestRegion,
} from '../support/app';
import { arbitraryFor, type JsonSchema, nastyValue } from '../support/fuzz-schema';
import { testDbKind } from '../support/kind';

/**
 * Property-based fuzzing of every operation in the OpenAPI document: malformed and boundary
 * inputs (wrong types, huge strings, NUL bytes, lone surrogates, extreme numbers, bad dates,
 * missing and extra fields, bad JSON, random bytes) as a signed-in region admin and anonymously.
 * A 5xx, or a 2xx whose JSON breaks the declared response schema, fails. Bounded: FUZZ_RUNS
 * cases per operation and identity; FUZZ_SEED reproduces a run (each operation uses seed + its index).
 */
// The PostgreSQL project fuzzes with another seed and half the cases: the same seed there only
// repeated PGlite's inputs, at a sixth of the whole suite's time; a new seed explores new ones.
const onPostgres = testDbKind() === 'postgres';
const SEED = Number(process.env.FUZZ_SEED ?? (onPostgres ? 20261205 : 20261204));
const RUNS = Number(process.env.FUZZ_RUNS ?? (onPostgres ? 100 : 200));

type Param = { name: string; in: string; required?: boolean; schema?: JsonSchema };
type Operation = {
  method: string;
  path: string;
  parameters?: Param[];
  requestBody?: { content: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
};
type Spec = {
  paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>>;
  components?: { schemas?: Record<string, JsonSchema> };
};
type Sent = { method: string; url: string; headers: Record<string, string>; payload?: string | Buffer };

/** Percent-encodes anything, also lone surrogates (sent as invalid UTF-8, itself a nasty input). */
const enc = (v: unknown) => {
  const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
  try {
    return encodeURIComponent(s);
  } catch {
    return s.replace(/[^A-Za-z0-9]/g, (c) => `%${(c.charCodeAt(0) & 0xff).toString(16).padStart(2, '0')}`);
  }
};

const badJson = fc.constantFrom(
  '{',
  '{"a":',
  '[1,',
  '',
  'null',
  '"x"',
  '1e999',
  '\u0000',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"a":1,"a":2}',
  `[${'['.repeat(5000)}`,
);

function requestFor(op: Operation, resolve: (ref: string) => JsonSchema): fc.Arbitrary<Sent> {
  const params = op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const pathArb = fc.tuple(
    ...pathParams.map((p) => fc.oneof(fc.uuid(), arbitraryFor(p.schema, resolve), fc.string())),
  );
  const queryArb = fc.tuple(
    ...queryParams.map((p) => fc.option(arbitraryFor(p.schema, resolve), { freq: p.required ? 8 : 2 })),
    fc.option(fc.tuple(fc.constantFrom('extra', 'limit', 'x\u0000'), nastyValue), { freq: 3 }),
  );
  const content = op.requestBody?.content ?? {};
  const jsonSchema = content['application/json']?.schema;
  const otherTypes = Object.keys(content).filter((c) => c !== 'application/json');
  const bodyArb: fc.Arbitrary<{ type: string; payload: string | Buffer } | null> =
    op.method === 'GET' || op.method === 'DELETE'
      ? fc.constant(null)
      : fc.oneof(
          {
            weight: 5,
            arbitrary: arbitraryFor(jsonSchema ?? { type: 'object' }, resolve).map((v) => ({
              type: 'application/json',
              payload: JSON.stringify(v) ?? 'null',
            })),
          },
          { weight: 1, arbitrary: badJson.map((payload) => ({ type: 'application/json', payload })) },
          {
            weight: otherTypes.length ? 3 : 1,
            arbitrary: fc
              .tuple(
                fc.constantFrom(
                  ...otherTypes,
                  'multipart/form-data',
                  'text/csv',
                  'application/x-www-form-urlencoded',
                ),
                fc.oneof(
                  fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b)),
                  fc.constantFrom(
                    Buffer.from('PK\u0003\u0004garbage'),
                    Buffer.from('date,market\n2026-01-01,\u0000\n'),
                    Buffer.from(
                      '--x\r\nContent-Disposition: form-data; name="photo"; filename="a\u0000.jpg"\r\n\r\n',
                    ),
                  ),
                ),
              )
              .map(([type, payload]) => ({ type, payload })),
          },
          { weight: 1, arbitrary: fc.constant(null) },
        );
  return fc.tuple(pathArb, queryArb, bodyArb).map(([pathValues, queryValues, body]): Sent => {
    let i = 0;
    // Never empty, `.` or `..`: `/reports/`, `/reports/.` (a dot segment, normalised away as RFC 3986
    // says) would reach the list route and be checked against the wrong schema.
    const segment = (v: string) => (v === '' || v === '.' || v === '..' ? `-${v}` : v);
    const path = op.path.replace(/\{[^}]+\}/g, () => segment(enc(pathValues[i++])));
    const pairs: string[] = [];
    queryParams.forEach((p, k) => {
      const v = queryValues[k];
      if (v === null || v === undefined) return;
      for (const one of Array.isArray(v) && v.length ? v : [v]) pairs.push(`${enc(p.name)}=${enc(one)}`);
    });
    const extra = queryValues[queryParams.length] as [string, unknown] | null;
    if (extra) pairs.push(`${enc(extra[0])}=${enc(extra[1])}`);
    return {
      method: op.method,
      url: pairs.length ? `${path}?${pairs.join('&')}` : path,
      headers: body ? { 'content-type': body.type } : ({} as Record<string, string>),
      ...(body ? { payload: body.payload } : {}),
    };
  });
}

describe('fuzzing every operation of the OpenAPI document', () => {
  let t: TestApp;
  let region: TestRegion;
  let spec: Spec;
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
  addFormats(ajv);

  beforeAll(async () => {
    t = await createTestApp();
    region = await createRegion(t);
    spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    // The response schemas' $refs point into the document: give Ajv the components under an id.
    const rewrite = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(rewrite)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v).map(([k, x]) => [
                k,
                k === '$ref' && typeof x === 'string' ? `openapi.json${x}` : rewrite(x),
              ]),
            )
          : v;
    ajv.addSchema({ $id: 'openapi.json', components: rewrite(spec.components ?? {}) as object });
    spec = { ...spec, paths: rewrite(spec.paths) as Spec['paths'] };
    console.info(`fuzz: seed ${SEED}, ${RUNS} runs per operation and identity (FUZZ_SEED, FUZZ_RUNS)`);
  });
  afterAll(() => t.close());

  const resolve = (ref: string): JsonSchema => {
    const name = ref.split('/').at(-1)!;
    return spec.components?.schemas?.[name] ?? {};
  };

  /** Operations that change who the caller is or which modules exist go last; streams never end. */
  const operations = (): Operation[] =>
    Object.entries(spec.paths)
      .flatMap(([path, ops]) =>
        Object.entries(ops).map(([method, op]) => ({ ...op, method: method.toUpperCase(), path })),
      )
      .filter((op) => !op.path.endsWith('/stream'))
      .sort(
        (a, b) =>
          Number(/\/auth\/|\/admin\/modules/.test(a.path)) - Number(/\/auth\/|\/admin\/modules/.test(b.path)),
      );

  const validators = new Map<string, ReturnType<typeof ajv.compile>>();
  function checkResponse(op: Operation, status: number, type: string, body: string): string | null {
    const schema = op.responses?.[String(status)]?.content?.['application/json']?.schema;
    if (!schema || !type.includes('json')) return null;
    const key = `${op.method} ${op.path} ${status}`;
    let validate = validators.get(key);
    if (!validate) {
      validate = ajv.compile(schema);
      validators.set(key, validate);
    }
    return validate(JSON.parse(body)) ? null : ajv.errorsText(validate.errors);
  }

  for (const who of ['region admin', 'anonymous'] as const)
    it(`no 5xx and no 2xx off its schema, as ${who}`, { timeout: 600_000 }, async () => {
      const failures: string[] = [];
      const started = performance.now();
      let requests = 0;
      let repeats = 0;
      const statuses = new Map<number, number>();
      const ops = operations();
      expect(ops.length).toBeGreaterThan(100);
      for (const [index, op] of ops.entries()) {
        // A fresh admin per operation: logging out or changing roles affects only that operation.
        const as = who === 'region admin' ? await createAccount(t, region, ['region_admin']) : undefined;
        // A GET reads and changes nothing: a request identical to one that already passed in this
        // operation's run proves nothing new (a sixth of the generated GETs, e.g. the bare path
        // again), so it is not sent again. Only passes are remembered: a failing input is always re-sent.
        const passed = new Set<string>();
        const result = await fc.check(
          fc.asyncProperty(requestFor(op, resolve), async (sent) => {
            const key = op.method === 'GET' ? sent.url : null;
            if (key !== null && passed.has(key)) {
              repeats++;
              return;
            }
            requests++;
            const res = await call(t, region, {
              method: sent.method as 'GET',
              url: sent.url,
              as,
              headers: sent.headers,
              payload: sent.payload,
            });
            statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
            if (res.statusCode >= 500) throw new Error(`${res.statusCode} ${res.body.slice(0, 400)}`);
            if (res.statusCode < 300) {
              const broken = checkResponse(
                op,
                res.statusCode,
                String(res.headers['content-type'] ?? ''),
                res.body,
              );
              if (broken) throw new Error(`${res.statusCode} off its schema: ${broken}`);
            }
            if (key !== null) passed.add(key);
          }),
          {
            seed: SEED + index,
            numRuns: who === 'anonymous' ? Math.ceil(RUNS / 3) : RUNS,
            endOnFailure: true,
          },
        );
        if (result.failed)
          failures.push(
            `${op.method} ${op.path} (seed ${SEED + index}): ${JSON.stringify(result.counterexample?.[0]).slice(0, 500)} → ${String((result.errorInstance as Error | undefined)?.message ?? result.errorInstance)}`,
          );
      }
      console.info(
        `fuzz as ${who}: ${ops.length} operations, ${requests} requests (${repeats} repeated GETs not sent) in ${Math.round((performance.now() - started) / 1000)} s, ${failures.length} failing; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
      );
      expect(failures).toEqual([]);
    });
});
