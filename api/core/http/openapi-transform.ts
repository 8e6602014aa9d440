import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

type Transform = typeof jsonSchemaTransform;
type Schema = Record<string, unknown>;
type Content = Record<string, { schema: Schema }>;
type Response = { description: string; content?: Content };

/**
 * What a route's schema cannot say about itself (bodies parsed by a route's own content-type
 * parser, answers in other formats), keyed by `METHOD /fastify/url/:param`. Modules give theirs in
 * the manifest (`openapi`), the core's are below.
 */
export type OperationDoc = {
  /** Replaces the generated operationId. */
  operationId?: string;
  /** The request body per content type, for bodies that no zod `body` schema describes. */
  requestBody?: Content;
  /** Success responses, replacing or adding to those of the route's `response` schema. */
  responses?: Record<string, Response>;
  /** The content of every error response, when not the JSON error envelope. */
  errorContent?: Content;
  /** Error statuses this operation answers besides the generated ones. */
  errors?: number[];
};
export type OperationDocs = Record<string, OperationDoc>;

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const binary = { type: 'string', format: 'binary' } as const;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The core's routes that the generic rules below cannot describe. */
const coreDocs: OperationDocs = {
  // The self-hosted basemap: the whole file, or one byte range of it (PMTiles readers ask ranges).
  'GET /api/region/basemap.pmtiles': {
    responses: {
      '200': {
        description: 'The whole PMTiles archive',
        content: { 'application/vnd.pmtiles': { schema: binary } },
      },
      '206': {
        description: 'One byte range (Range: bytes=a-b)',
        content: { 'application/vnd.pmtiles': { schema: binary } },
      },
    },
    errors: [404, 416],
  },
  // Wrong credentials or a missing TOTP code; an account locked after repeated failures.
  'POST /api/auth/login': { errors: [401, 423] },
  'POST /api/files/photos': {
    requestBody: {
      'multipart/form-data': {
        schema: {
          type: 'object',
          properties: {
            photo: { type: 'array', items: binary, minItems: 1, maxItems: 5, description: '≤ 10 MB each' },
          },
          required: ['photo'],
        },
      },
    },
  },
};

export const ERROR_ENVELOPE_REF = '#/components/schemas/ErrorEnvelope';

const errorDescriptions: Record<number, string> = {
  400: 'Invalid input (VALIDATION_FAILED, MALFORMED_JSON)',
  401: 'Not signed in or session expired (UNAUTHENTICATED, SESSION_EXPIRED, TOTP_REQUIRED)',
  403: 'Not allowed, or the CSRF token is missing on a state-changing call (FORBIDDEN, CSRF_FAILED)',
  404: 'Not found, or the module is switched off in this region (NOT_FOUND, MODULE_DISABLED, REGION_NOT_FOUND)',
  409: 'Conflicts with existing data or the record’s state (CONFLICT)',
  413: 'The body is too large (PAYLOAD_TOO_LARGE)',
  415: 'The body’s content type is not accepted (UNSUPPORTED_MEDIA_TYPE)',
  416: 'The byte range cannot be satisfied (RANGE_NOT_SATISFIABLE)',
  423: 'The account is locked for a while (ACCOUNT_LOCKED)',
  429: 'Too many requests (RATE_LIMITED)',
};

/**
 * Which errors an operation documents — one rule for every route, written once:
 * 400 when it takes any input (params, query, body); 401 and 403 when its access is not public;
 * 403 also on every state-changing call (CSRF check when a session is sent); 404 when its path has
 * parameters or it belongs to a module (switched off → MODULE_DISABLED); 409 on state-changing
 * calls; 413 and 415 when it takes a body; 429 on every operation (the global per-IP rate limit,
 * stricter on some routes).
 */
export function errorStatuses(op: {
  method: string;
  url: string;
  access: string;
  hasInput: boolean;
  hasBody: boolean;
  module: boolean;
}): number[] {
  const unsafe = !SAFE.has(op.method);
  const out: number[] = [];
  if (op.hasInput || op.hasBody) out.push(400);
  if (op.access !== 'public') out.push(401);
  if (op.access !== 'public' || unsafe) out.push(403);
  if (op.url.includes(':') || op.module) out.push(404);
  if (unsafe) out.push(409);
  if (op.hasBody) out.push(413, 415);
  out.push(429);
  return out;
}

const VERBS = new Set([
  'approve',
  'close',
  'commit',
  'disable',
  'dispatch',
  'dispose',
  'enable',
  'login',
  'logout',
  'merge',
  'open',
  'read',
  'register',
  'reopen',
  'resend',
  'request',
  'reset',
  'retry',
  'setup',
  'support',
  'test',
  'verify',
]);
/** Collections whose name is not a plural. */
const COLLECTIONS = new Set(['audit', 'inbox', 'opd', 'routing', 'verification']);
/** Plural-looking words that are not plurals. */
const NOT_PLURAL = new Set(['stats', 'status']);
const words = (segment: string) => segment.split(/[^A-Za-z0-9]+/).filter(Boolean);
const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
const singular = (w: string) =>
  NOT_PLURAL.has(w) || w.endsWith('ss')
    ? w
    : w.endsWith('ies')
      ? `${w.slice(0, -3)}y`
      : w.endsWith('s')
        ? w.slice(0, -1)
        : w;
const isCollection = (w: string) => COLLECTIONS.has(w) || (w.endsWith('s') && !NOT_PLURAL.has(w));

/**
 * A stable, verb-first camelCase operationId from the method and path: `GET …/inbox` →
 * `listLaksaInbox`, `GET …/reports/:id` → `getLaksaReport`, `POST …/numbers` →
 * `createNomorPentingNumber`, `POST …/reports/:ticket/reopen` → `reopenLaksaReport`.
 * `/api`, `/m` and `/v2` carry no meaning and are left out; path parameters only decide the verb
 * and the singular. A route's `schema.operationId` (or its OperationDoc) wins.
 */
export function operationIdOf(method: string, url: string): string {
  const segments = url.split('/').filter((s) => s && !['api', 'm', 'v2'].includes(s));
  const last = segments.at(-1) ?? '';
  const lastIsParam = last.startsWith(':');
  const literal = segments.filter((s) => !s.startsWith(':'));
  // A parameter right after a segment names one of it: `reports/:id` → Report.
  const parts = segments.flatMap((s, i) => {
    if (s.startsWith(':')) return [];
    const ws = words(s);
    if (segments[i + 1]?.startsWith(':') && ws.length) ws[ws.length - 1] = singular(ws.at(-1)!);
    return ws;
  });
  let verb: string;
  let noun = parts;
  const action = words(literal.at(-1) ?? '').at(-1) ?? '';
  if (method === 'GET') verb = !lastIsParam && isCollection(words(last).at(-1) ?? '') ? 'list' : 'get';
  else if (method === 'DELETE') verb = 'delete';
  else if (method === 'PATCH' || method === 'PUT' || (action === 'status' && !lastIsParam)) verb = 'update';
  else if (!lastIsParam && VERBS.has(action) && literal.length > 1) {
    // `…/reports/:ticket/reopen` → reopenLaksaReport; `…/password-reset` → resetAuthPassword.
    verb = action;
    noun = parts.slice(0, -1);
  } else {
    verb = 'create';
    if (!lastIsParam && noun.length) noun = [...noun.slice(0, -1), singular(noun.at(-1)!)];
  }
  return verb + noun.map(cap).join('');
}

const jsonContent = (schema: Schema): Content => ({ 'application/json': { schema } });

/** Request body for routes whose own content-type parser takes other than JSON (their `consumes`). */
function bodyFromConsumes(consumes: string[]): Content {
  return Object.fromEntries(
    consumes.map((type) => [type, { schema: type.startsWith('text/') ? { type: 'string' } : binary }]),
  );
}

/** Success content of downloads, from the path's suffix or the route's `produces`. */
function downloadOf(url: string, produces: string[] | undefined): Content | null {
  if (url.endsWith('.csv')) return { 'text/csv': { schema: { type: 'string' } } };
  if (url.endsWith('.xlsx')) return { [XLSX]: { schema: binary } };
  if (url.endsWith('/stream'))
    return { 'text/event-stream': { schema: { type: 'string', description: 'Server-Sent Events' } } };
  if (produces?.length)
    return Object.fromEntries(
      produces.map((t) => [t, { schema: t.startsWith('text/') ? { type: 'string' } : binary }]),
    );
  return null;
}

/**
 * The zod → JSON Schema transform, plus what a code generator needs, derived in this one place
 * so that a new route gets it without a line of its own:
 * - `operationId` (operationIdOf);
 * - the declared access from the route config: `x-simpul-access` (public, user or the permission
 *   it needs) and the OpenAPI `security` it implies (session cookie; CSRF header on
 *   state-changing calls; public operations also allow no credentials at all); `x-simpul-replica`
 *   when anonymous reads may be served by a read replica;
 * - documented error responses with the error envelope (errorStatuses);
 * - bodies and answers that are not JSON (multipart uploads, raw CSV/XLSX bodies, CSV/XLSX
 *   downloads, event streams, and what modules describe in their manifest's `openapi`).
 * test/core/openapi.test.ts lints the result; test/core/route-walk.test.ts checks every operation
 * against its declared access.
 */
export function createOpenApiTransform(moduleDocs: OperationDocs = {}): Transform {
  const docs = { ...coreDocs, ...moduleDocs };
  return (input) => {
    const out = jsonSchemaTransform(input) as { schema: Record<string, unknown>; url: string };
    const config = input.route.config as { access?: string; module?: string; replica?: boolean } | undefined;
    const access = config?.access;
    if (!access || access === 'none') return out;
    const method = ([] as string[]).concat(input.route.method).find((m) => m !== 'HEAD') ?? 'GET';
    const doc = docs[`${method} ${input.url}`] ?? {};
    const schema: Record<string, unknown> = { ...out.schema };
    const source = (input.route.schema ?? {}) as Record<string, unknown>;

    schema.operationId = doc.operationId ?? source.operationId ?? operationIdOf(method, input.url);

    const session = SAFE.has(method) ? { session: [] } : { session: [], csrf: [] };
    schema['x-simpul-access'] = access;
    // Anonymous reads of it may come from a read replica, seconds behind (docs/SCALING.md §3).
    if (config?.replica) schema['x-simpul-replica'] = true;
    schema.security = access === 'public' ? [{}, session] : [session];

    if (doc.requestBody) schema.body = { content: doc.requestBody };
    else if (!schema.body && Array.isArray(source.consumes) && source.consumes.length)
      schema.body = { content: bodyFromConsumes(source.consumes as string[]) };

    const responses: Record<string, unknown> = { ...((schema.response as Schema | undefined) ?? {}) };
    if (!Object.keys(responses).some((c) => c.startsWith('2'))) {
      const content = downloadOf(input.url, source.produces as string[] | undefined);
      // `type: 'null'`: no body is documented (the route's answer has no schema).
      responses['200'] = content
        ? { description: 'Success', content }
        : { type: 'null', description: 'Success' };
    }
    Object.assign(responses, doc.responses);

    const hasBody = !!schema.body;
    const hasInput = ['querystring', 'params', 'headers'].some((k) => schema[k]);
    const statuses = new Set([
      ...errorStatuses({ method, url: input.url, access, hasInput, hasBody, module: !!config?.module }),
      ...(doc.errors ?? []),
    ]);
    for (const status of [...statuses].sort())
      responses[String(status)] ??= {
        description: errorDescriptions[status] ?? 'Error',
        content: structuredClone(doc.errorContent ?? jsonContent({ $ref: ERROR_ENVELOPE_REF })),
      };
    schema.response = responses;
    return { ...out, schema };
  };
}

type TransformObject = typeof jsonSchemaTransformObject;

/** Every node of a JSON value, depth first. */
function visit(value: unknown, each: (node: Record<string, unknown>) => void) {
  if (Array.isArray(value)) for (const v of value) visit(v, each);
  else if (value && typeof value === 'object') {
    each(value as Record<string, unknown>);
    for (const v of Object.values(value)) visit(v, each);
  }
}

/**
 * The document-wide step after the per-route transform: zod's schemas by id into
 * components.schemas (jsonSchemaTransformObject), then two repairs a generator (and Redocly)
 * wants: a record keyed by an enum (`z.record(z.enum([…]), …)`) names its keys as properties, and
 * components no operation reaches are left out (zod emits an input and an output form of each).
 */
export const openApiTransformObject: TransformObject = (input) => {
  const doc = jsonSchemaTransformObject(input) as {
    paths?: unknown;
    components?: { schemas?: Record<string, unknown> };
  };
  const schemas = doc.components?.schemas;
  visit(doc, (node) => {
    const keys = (node.propertyNames as { enum?: unknown[] } | undefined)?.enum;
    if (keys && !node.properties && Array.isArray(node.required) && node.additionalProperties)
      node.properties = Object.fromEntries(keys.map((k) => [String(k), node.additionalProperties]));
  });
  if (schemas) {
    const used = new Set<string>();
    const refsOf = (value: unknown) => {
      const found: string[] = [];
      visit(value, (node) => {
        if (typeof node.$ref === 'string' && node.$ref.startsWith('#/components/schemas/'))
          found.push(node.$ref.slice('#/components/schemas/'.length));
      });
      return found;
    };
    const queue = refsOf(doc.paths);
    while (queue.length) {
      const name = queue.pop()!;
      if (used.has(name)) continue;
      used.add(name);
      queue.push(...refsOf(schemas[name]));
    }
    for (const name of Object.keys(schemas)) if (!used.has(name)) delete schemas[name];
  }
  return doc as ReturnType<TransformObject>;
};
