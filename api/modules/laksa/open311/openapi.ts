import { z } from 'zod';
import type { OperationDocs } from '../../../core/http/openapi-transform';
import { formats } from './format';
import { postFields } from './service';

/**
 * The Open311 mount's documentation (the routes read bodies with their own form parser and answer
 * JSON or XML by the path's extension, which their zod schemas cannot say). Documentation only:
 * nothing here changes what a route accepts or sends.
 */
const PREFIX = '/open311/v2';
type Schema = Record<string, unknown>;

const str = { type: 'string' };
const strOrNull = { type: ['string', 'null'] };
const numOrNull = { type: ['number', 'null'] };
const object = (properties: Record<string, Schema>, required = Object.keys(properties)): Schema => ({
  type: 'object',
  properties,
  required,
});

const request = object({
  service_request_id: str,
  status: { type: 'string', enum: ['open', 'closed'] },
  status_notes: str,
  service_name: str,
  service_code: str,
  description: str,
  agency_responsible: strOrNull,
  service_notice: str,
  requested_datetime: str,
  updated_datetime: str,
  expected_datetime: strOrNull,
  address: strOrNull,
  address_id: strOrNull,
  zipcode: strOrNull,
  lat: numOrNull,
  long: numOrNull,
  media_url: strOrNull,
});
const filed = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      service_request_id: str,
      service_notice: str,
      token: str,
      account_id: strOrNull,
    },
    required: ['service_request_id'],
  },
};
const service = object({
  service_code: str,
  service_name: str,
  description: str,
  metadata: { type: 'boolean' },
  type: { type: 'string', enum: ['realtime'] },
  keywords: str,
  group: str,
});
const discovery = object({
  changeset: str,
  contact: str,
  key_service: str,
  endpoints: {
    type: 'array',
    items: object({
      specification: str,
      url: str,
      changeset: str,
      type: str,
      formats: { type: 'array', items: str },
    }),
  },
});
const definition = object({
  service_code: str,
  attributes: { type: 'array', items: { type: 'object', additionalProperties: true } },
});
const tokens = { type: 'array', items: object({ service_request_id: str, token: str }) };

/** The spec's error list, with the HTTP status as code. */
const errors = { type: 'array', items: object({ code: { type: 'integer' }, description: str }) };
const xml = (root: string) => ({
  schema: { type: 'string', description: `XML document <${root}>, the same content as the JSON form` },
});

/** `.json` → JSON schema; `.xml` → an XML string; `{file}` routes answer either, by extension. */
const answer = (format: 'json' | 'xml' | 'both', json: Schema, root: string, description: string) => ({
  '200': {
    description,
    content: {
      ...(format !== 'xml' ? { 'application/json': { schema: json } } : {}),
      ...(format !== 'json' ? { 'text/xml': xml(root) } : {}),
    },
  },
});
const errorContent = (format: 'json' | 'xml' | 'both') => ({
  ...(format !== 'xml' ? { 'application/json': { schema: errors } } : {}),
  ...(format !== 'json' ? { 'text/xml': xml('errors') } : {}),
});

const postBody = z.toJSONSchema(postFields, { io: 'input', unrepresentable: 'any' }) as Schema;
(postBody.properties as Record<string, Schema>).api_key = {
  type: 'string',
  description: 'Issued by the region',
};
(postBody.properties as Record<string, Schema>).jurisdiction_id = {
  type: 'string',
  description: "The region's Kemendagri code; optional",
};
(postBody.required as string[]).push('api_key');
delete postBody.$schema;

export const open311OpenApi: OperationDocs = {};
for (const f of formats) {
  const id = f === 'json' ? 'Json' : 'Xml';
  open311OpenApi[`GET ${PREFIX}/discovery.${f}`] = {
    operationId: `getOpen311Discovery${id}`,
    responses: answer(f, discovery, 'discovery', 'Endpoints, formats and contact'),
    errorContent: errorContent(f),
  };
  open311OpenApi[`GET ${PREFIX}/services.${f}`] = {
    operationId: `listOpen311Services${id}`,
    responses: answer(f, { type: 'array', items: service }, 'services', 'Services'),
    errorContent: errorContent(f),
  };
  open311OpenApi[`GET ${PREFIX}/requests.${f}`] = {
    operationId: `listOpen311Requests${id}`,
    responses: answer(f, { type: 'array', items: request }, 'service_requests', 'Service requests'),
    errorContent: errorContent(f),
  };
  open311OpenApi[`POST ${PREFIX}/requests.${f}`] = {
    operationId: `createOpen311Request${id}`,
    requestBody: {
      'application/x-www-form-urlencoded': { schema: postBody },
      'application/json': { schema: postBody },
    },
    responses: answer(f, filed, 'service_requests', 'The filed request: its ticket and notice'),
    errorContent: errorContent(f),
  };
}
open311OpenApi[`GET ${PREFIX}/services/:file`] = {
  operationId: 'getOpen311Service',
  responses: answer('both', definition, 'service_definition', 'Service definition'),
  errorContent: errorContent('both'),
};
open311OpenApi[`GET ${PREFIX}/requests/:file`] = {
  operationId: 'getOpen311Request',
  responses: answer(
    'both',
    { type: 'array', items: request, maxItems: 1 },
    'service_requests',
    'A list of one',
  ),
  errorContent: errorContent('both'),
};
open311OpenApi[`GET ${PREFIX}/tokens/:file`] = {
  operationId: 'getOpen311Token',
  responses: answer('both', tokens, 'service_requests', 'The ticket for a token'),
  errorContent: errorContent('both'),
};
