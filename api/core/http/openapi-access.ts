import { jsonSchemaTransform } from 'fastify-type-provider-zod';

type Transform = typeof jsonSchemaTransform;
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The zod → JSON Schema transform, plus each operation's declared access from its route config:
 * `x-simpul-access` (public, user or the permission it needs) and the OpenAPI `security` it
 * implies (session cookie; CSRF header on state-changing calls). The document then says who may
 * call what, and test/core/route-walk.test.ts checks every operation against it.
 */
export const transformWithAccess: Transform = (input) => {
  const out = jsonSchemaTransform(input) as { schema: Record<string, unknown>; url: string };
  const access = input.route.config?.access;
  if (!access || access === 'none') return out;
  const methods = ([] as string[]).concat(input.route.method);
  const session = methods.every((m) => SAFE.has(m)) ? { session: [] } : { session: [], csrf: [] };
  return {
    ...out,
    schema: {
      ...out.schema,
      'x-simpul-access': access,
      // Public: anyone, and a signed-in caller's session is used when present.
      security: access === 'public' ? [{}, session] : [session],
    },
  };
};
