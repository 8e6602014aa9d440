/**
 * JSON Schema (draft-07) of the Open311 GeoReport v2 JSON documents, written from the spec text
 * (http://wiki.open311.org/GeoReport_v2 and /Service_Discovery). The contract tests validate every
 * JSON answer against it (ajv). `additionalProperties: false` everywhere: an answer that carried
 * anything else (a reporter's name, an `anonymous` flag) would fail.
 *
 * Where the spec leaves a field optional, LAKSA always sends it (null when unknown), and the
 * schema says so: the document shape is fixed for clients.
 */

const text = { type: 'string' } as const;
const nullableText = { type: ['string', 'null'] } as const;
/** "All date/time fields must be formatted in a common subset of ISO 8601 … Timezone information … must be included." */
const dateTime = {
  type: 'string',
  format: 'date-time',
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$',
} as const;
const nullableDateTime = { anyOf: [dateTime, { type: 'null' }] } as const;

const strict = <P extends Record<string, unknown>>(
  properties: P,
  required: readonly (keyof P & string)[] = Object.keys(properties),
) => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties,
});

/** GET discovery: where the endpoints are, their formats, and how to get a key. */
export const discoverySchema = strict({
  changeset: dateTime,
  contact: text,
  key_service: text,
  endpoints: {
    type: 'array',
    minItems: 1,
    items: strict({
      specification: { type: 'string', format: 'uri' },
      url: { type: 'string', format: 'uri' },
      changeset: dateTime,
      type: { enum: ['production', 'test'] },
      formats: {
        type: 'array',
        minItems: 1,
        uniqueItems: true,
        items: { enum: ['text/xml', 'application/json'] },
      },
    }),
  },
});

/** GET services: one entry per service type (for LAKSA: an active category). */
export const servicesSchema = {
  type: 'array',
  items: strict(
    {
      service_code: text,
      service_name: text,
      description: nullableText,
      metadata: { type: 'boolean' },
      type: { enum: ['realtime', 'batch', 'blackbox'] },
      keywords: nullableText,
      group: nullableText,
    },
    ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'],
  ),
} as const;

/** GET service definition: the attributes a POST may fill (`attribute[code]`). */
export const serviceDefinitionSchema = strict({
  service_code: text,
  attributes: {
    type: 'array',
    items: strict({
      variable: { type: 'boolean' },
      code: text,
      datatype: { enum: ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] },
      required: { type: 'boolean' },
      datatype_description: nullableText,
      order: { type: 'integer', minimum: 0 },
      description: text,
      values: { type: 'array', items: strict({ key: text, name: text }) },
    }),
  },
});

/** GET service requests / GET service request (a list of one). Never anything about the reporter. */
export const serviceRequestsSchema = {
  type: 'array',
  items: strict({
    service_request_id: text,
    status: { enum: ['open', 'closed'] },
    status_notes: nullableText,
    service_name: nullableText,
    service_code: text,
    description: nullableText,
    agency_responsible: nullableText,
    service_notice: nullableText,
    requested_datetime: dateTime,
    updated_datetime: nullableDateTime,
    expected_datetime: nullableDateTime,
    address: nullableText,
    address_id: nullableText,
    zipcode: nullableText,
    lat: { type: 'number', minimum: -90, maximum: 90 },
    long: { type: 'number', minimum: -180, maximum: 180 },
    media_url: { anyOf: [{ type: 'string', format: 'uri' }, { type: 'null' }] },
  }),
} as const;

/** POST service request: the new id at once (or a token to ask for it later), a notice, the account. */
export const postResponseSchema = {
  type: 'array',
  minItems: 1,
  maxItems: 1,
  items: {
    anyOf: [
      strict(
        { service_request_id: text, token: text, service_notice: nullableText, account_id: nullableText },
        ['service_request_id', 'service_notice', 'account_id'],
      ),
      strict({ token: text, service_notice: nullableText, account_id: nullableText }),
    ],
  },
} as const;

/** GET service_request_id from a token. */
export const tokenSchema = {
  type: 'array',
  items: strict({ service_request_id: nullableText, token: text }),
} as const;

/** Every error: a list of `{code, description}`, sent with the same HTTP status. */
export const errorsSchema = {
  type: 'array',
  minItems: 1,
  items: strict({ code: { type: 'integer', minimum: 400, maximum: 599 }, description: text }),
} as const;

export const open311Schemas = {
  discovery: discoverySchema,
  services: servicesSchema,
  serviceDefinition: serviceDefinitionSchema,
  serviceRequests: serviceRequestsSchema,
  postResponse: postResponseSchema,
  token: tokenSchema,
  errors: errorsSchema,
} as const;
export type Open311SchemaName = keyof typeof open311Schemas;
