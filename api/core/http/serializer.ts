import fastJson from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify/types/schema';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

/**
 * Response serialiser for production: the route's zod schema → JSON Schema → fast-json-stringify,
 * compiled once per route. Like zod, it writes only the properties the schema names, so internal
 * columns still cannot leak. Schemas JSON Schema cannot express fall back to zod.
 */
export const compiledSerializer: FastifySerializerCompiler<z.ZodType> = (route) => {
  try {
    const json = z.toJSONSchema(route.schema, { io: 'output', target: 'draft-7', unrepresentable: 'throw' });
    return fastJson(json as Parameters<typeof fastJson>[0]) as (data: unknown) => string;
  } catch {
    return serializerCompiler(route as never);
  }
};
