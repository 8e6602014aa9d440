import fc from 'fast-check';

/** A JSON Schema as found in the OpenAPI document (only the parts the generator reads). */
export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  items?: JsonSchema;
  maxItems?: number;
  minItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
};

/** Values that break naive code: NUL, lone surrogates, huge and empty strings, extreme numbers, bad dates. */
export const nastyValue: fc.Arbitrary<unknown> = fc.constantFrom<unknown>(
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '😀'.repeat(300),
  'x'.repeat(70_000),
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00',
  "'; drop table region; --",
  '=HYPERLINK("http://evil.example")',
  '0000-00-00',
  '2026-02-30',
  '9999-12-31',
  '-000001-01-01',
  '2026-13-01T25:61:00Z',
  '00000000-0000-0000-0000-000000000000',
  'NaN',
  '1e999',
  -1,
  0,
  -0,
  2 ** 31,
  2 ** 53 + 1,
  -(2 ** 63),
  1e308,
  -1e308,
  0.1,
  true,
  null,
  [],
  {},
  [null],
  { a: { b: { c: [1, '\u0000'] } } },
);

/**
 * Values for a schema: mostly shaped like it (so the request gets past validation and reaches the
 * use case), with nasty values mixed in at every level, fields dropped and fields added.
 */
export function arbitraryFor(
  schema: JsonSchema | undefined,
  resolve: (ref: string) => JsonSchema,
  depth = 0,
): fc.Arbitrary<unknown> {
  const shaped = shapedFor(schema, resolve, depth);
  return fc.oneof({ weight: 7, arbitrary: shaped }, { weight: 1, arbitrary: nastyValue });
}

function shapedFor(
  schema: JsonSchema | undefined,
  resolve: (ref: string) => JsonSchema,
  depth: number,
): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.jsonValue({ maxDepth: 2 });
  if (schema.$ref) return shapedFor(resolve(schema.$ref), resolve, depth + 1);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => arbitraryFor(s, resolve, depth + 1)));
  if (schema.allOf?.length) return arbitraryFor(Object.assign({}, ...schema.allOf), resolve, depth + 1);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length > 1)
    return fc.oneof(...types.map((type) => shapedFor({ ...schema, type }, resolve, depth + 1)));
  switch (types[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({
        min: Math.max(schema.minimum ?? -1_000_000, -(2 ** 31)),
        max: Math.min(schema.maximum ?? 1_000_000, 2 ** 31),
      });
    case 'number':
      return fc.double({
        min: schema.minimum ?? schema.exclusiveMinimum ?? -1e6,
        max: schema.maximum ?? schema.exclusiveMaximum ?? 1e6,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'string':
      return stringFor(schema);
    case 'array':
      return fc.array(arbitraryFor(schema.items, resolve, depth + 1), {
        minLength: Math.min(schema.minItems ?? 0, 3),
        maxLength: Math.min(schema.maxItems ?? 4, 4),
      });
    case 'object':
    case undefined: {
      const props = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const fields = Object.fromEntries(
        Object.entries(props).map(([k, s]) => [k, arbitraryFor(s, resolve, depth + 1)]),
      );
      // Usually every required field, sometimes some missing; sometimes an unknown extra field.
      const record = fc.oneof(
        {
          weight: 3,
          arbitrary: fc.record(fields, { requiredKeys: [...required].filter((k) => k in fields) }),
        },
        { weight: 1, arbitrary: fc.record(fields, { requiredKeys: [] }) },
      );
      return fc
        .tuple(record, fc.option(fc.tuple(fc.constantFrom('extra', '__proto__x', 'x\u0000'), nastyValue)))
        .map(([o, extra]) => (extra ? { ...(o as object), [extra[0]]: extra[1] } : o));
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringFor(schema: JsonSchema): fc.Arbitrary<string> {
  switch (schema.format) {
    case 'uuid':
      return fc.uuid();
    case 'date':
      return fc
        .date({ min: new Date('1990-01-01'), max: new Date('2040-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case 'date-time':
      return fc
        .date({ min: new Date('1990-01-01'), max: new Date('2040-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString());
    case 'email':
      return fc.emailAddress();
    case 'uri':
      return fc.webUrl();
  }
  if (schema.pattern) {
    try {
      return fc.stringMatching(new RegExp(schema.pattern));
    } catch {
      // a pattern JavaScript cannot compile: plain strings below
    }
  }
  return fc.string({
    unit: 'grapheme',
    minLength: Math.min(schema.minLength ?? 0, 20),
    maxLength: Math.min(schema.maxLength ?? 40, 40),
  });
}
