import { createHash } from 'node:crypto';
import type { XMLBuilder } from 'fast-xml-parser';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OFFSET_HOURS, type TimeZoneCode, utcOffset } from '../../../core/calendar/working-days';
import { lazyRequire } from '../../../core/lazy';

/**
 * Open311 GeoReport v2 output: the same documents as JSON or XML (chosen by the resource's
 * extension), UTF-8, dates in ISO 8601 with the region's offset, and the spec's error lists.
 */
export const formats = ['json', 'xml'] as const;
export type Format = (typeof formats)[number];

export const contentTypes: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

/** `name.json` / `name.xml` → [name, format]; anything else → null. */
export function splitExtension(file: string): [string, Format] | null {
  const m = /^(.+)\.(json|xml)$/.exec(file);
  return m ? [m[1]!, m[2] as Format] : null;
}

/** The format a request asked for, from its path (errors answer in it too). JSON when unclear. */
export function formatOf(req: FastifyRequest): Format {
  return /\.xml$/i.test(req.url.split('?')[0] ?? '') ? 'xml' : 'json';
}

export const offsetOf = utcOffset;

/** `2026-03-02T14:05:00+07:00`: the instant in the region's time zone (Indonesia has no DST). */
export function zoned(d: Date, tz: TimeZoneCode): string {
  return `${new Date(d.getTime() + OFFSET_HOURS[tz] * 3_600_000).toISOString().slice(0, 19)}${offsetOf(tz)}`;
}

/**
 * A start_date/end_date parameter: ISO 8601 date-time with `Z` or an offset; without an offset
 * (or a bare date) it is read in the region's time zone. A bare end date means the end of that day.
 */
export function parseDateParam(value: string, tz: TimeZoneCode, end: boolean): Date | null {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?))?(Z|[+-]\d{2}:?\d{2})?$/.exec(
    value.trim(),
  );
  if (!m) return null;
  const [, date, time, zone] = m;
  const clock = time ? (time.length === 5 ? `${time}:00` : time) : end ? '23:59:59.999' : '00:00:00';
  const offset =
    zone === undefined
      ? offsetOf(tz)
      : zone === 'Z'
        ? 'Z'
        : zone.includes(':')
          ? zone
          : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const d = new Date(`${date}T${clock.replace(/(\.\d{3})\d+$/, '$1')}${offset}`);
  if (Number.isNaN(d.getTime())) return null;
  // Date rolls 2026-02-30 over into March: reject what does not round-trip.
  const [y, mo, da] = date!.split('-').map(Number);
  const check = new Date(Date.UTC(y!, mo! - 1, da!));
  return check.getUTCMonth() === mo! - 1 && check.getUTCDate() === da! ? d : null;
}

// Characters XML 1.0 cannot carry at all (a pasted description may hold them).
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what must be removed
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function clean(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(XML_INVALID, '');
  if (Array.isArray(value)) return value.map(clean);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clean(v)]));
  return value;
}

// fast-xml-parser loads with the first XML answer (most Open311 clients ask JSON), not at start-up.
const xml = lazyRequire<typeof import('fast-xml-parser')>('fast-xml-parser');
let builder: XMLBuilder | undefined;

/** `<?xml …?><root>…</root>`: arrays become repeated elements, null an empty element. */
export function toXml(root: string, body: Record<string, unknown>): string {
  builder ??= new (xml().XMLBuilder)({ format: false, suppressEmptyNode: false, processEntities: true });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [root]: clean(body) })}`;
}

/** How each Open311 document nests in XML (the JSON form is the plain value). */
export const xmlShapes = {
  discovery: (d: { endpoints: { formats: string[] }[] } & Record<string, unknown>) =>
    toXml('discovery', {
      ...d,
      endpoints: { endpoint: d.endpoints.map((e) => ({ ...e, formats: { format: e.formats } })) },
    }),
  services: (list: object[]) => toXml('services', { service: list }),
  definition: (d: { service_code: string; attributes: ({ values: object[] } & Record<string, unknown>)[] }) =>
    toXml('service_definition', {
      service_code: d.service_code,
      attributes: { attribute: d.attributes.map((a) => ({ ...a, values: { value: a.values } })) },
    }),
  requests: (list: object[]) => toXml('service_requests', { request: list }),
  errors: (list: object[]) => toXml('errors', { error: list }),
};

export function sendDocument(
  reply: FastifyReply,
  format: Format,
  json: unknown,
  xml: () => string,
  status = 200,
) {
  return reply
    .code(status)
    .type(contentTypes[format])
    .send(format === 'json' ? JSON.stringify(json) : xml());
}

/**
 * A document that changes rarely (discovery, the service list, service definitions): cacheable for
 * five minutes, then revalidated with a strong ETag, so a client polling it gets a 304 without a body.
 */
export function sendCacheableDocument(
  req: FastifyRequest,
  reply: FastifyReply,
  format: Format,
  json: unknown,
  xml: () => string,
) {
  const body = format === 'json' ? JSON.stringify(json) : xml();
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  reply.header('cache-control', 'public, max-age=300').header('etag', etag);
  const given = req.headers['if-none-match'];
  if (given?.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) return reply.code(304).send();
  return reply.code(200).type(contentTypes[format]).send(body);
}

/** The spec's error list: `[{code, description}]` / `<errors><error>…</error></errors>`, with the HTTP status. */
export function sendErrors(reply: FastifyReply, format: Format, status: number, description: string) {
  const list = [{ code: status, description }];
  return sendDocument(reply, format, list, () => xmlShapes.errors(list), status);
}
