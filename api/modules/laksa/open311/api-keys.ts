import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiKeyInput, apiKeyView } from '../../../../shared/modules/laksa';
import type { Tx } from '../../../core/db/client';
import { notFound } from '../../../core/errors';
import { emitEvent } from '../../../core/events/emit';
import { laksaApiKey } from '../schema';

/**
 * Open311 API keys. A region issues one per client application; the key is shown once, only its
 * SHA-256 is stored (a leaked database leaks no usable key) and its first characters identify it.
 */
const KEY_PREFIX = 'o311_';
/** Characters shown in lists: `o311_` + 7 of the 32 random ones (the other 25 stay secret). */
const SHOWN = KEY_PREFIX.length + 7;

export const hashApiKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

export function newApiKey(): { key: string; prefix: string; keyHash: string } {
  const key = `${KEY_PREFIX}${randomBytes(24).toString('base64url')}`;
  return { key, prefix: key.slice(0, SHOWN), keyHash: hashApiKey(key) };
}

type KeyRow = typeof laksaApiKey.$inferSelect;
const toView = (k: KeyRow, key?: string): z.infer<typeof apiKeyView> => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  ...(key ? { key } : {}),
  createdAt: k.createdAt.toISOString(),
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
  revokedAt: k.revokedAt?.toISOString() ?? null,
});

/** The live (not revoked) key of this region with that value, if any. Other regions' keys are invisible (RLS). */
export async function findLiveKey(
  tx: Tx,
  key: string | undefined,
): Promise<Pick<KeyRow, 'id' | 'name' | 'prefix'> | null> {
  if (!key || key.length > 200) return null;
  const [row] = await tx
    .select({ id: laksaApiKey.id, name: laksaApiKey.name, prefix: laksaApiKey.prefix })
    .from(laksaApiKey)
    .where(and(eq(laksaApiKey.keyHash, hashApiKey(key)), isNull(laksaApiKey.revokedAt)));
  return row ?? null;
}

export async function markKeyUsed(tx: Tx, id: string) {
  await tx.update(laksaApiKey).set({ lastUsedAt: new Date() }).where(eq(laksaApiKey.id, id));
}

export async function listApiKeys(tx: Tx) {
  const rows = await tx.select().from(laksaApiKey).orderBy(desc(laksaApiKey.createdAt), laksaApiKey.id);
  return rows.map((k) => toView(k));
}

type Actor = { id: string; name: string };

export async function createApiKey(
  tx: Tx,
  regionId: string,
  actor: Actor,
  input: z.infer<typeof apiKeyInput>,
) {
  const { key, prefix, keyHash } = newApiKey();
  const [row] = await tx
    .insert(laksaApiKey)
    .values({ regionId, name: input.name, prefix, keyHash })
    .returning();
  await emitEvent(tx, regionId, {
    type: 'laksa.apikey.created',
    actor,
    subject: row!.id,
    summary: {
      id: `Kunci API Open311 dibuat: ${input.name} (${prefix}…)`,
      en: `Open311 API key created: ${input.name} (${prefix}…)`,
    },
    data: { id: row!.id, name: input.name, prefix },
  });
  return toView(row!, key);
}

/** Revokes a key at once (idempotent: revoking a revoked key changes nothing). */
export async function revokeApiKey(tx: Tx, regionId: string, actor: Actor, id: string) {
  const [row] = await tx.select().from(laksaApiKey).where(eq(laksaApiKey.id, id));
  if (!row) throw notFound({ id: 'Kunci API tidak ditemukan.', en: 'API key not found.' });
  if (row.revokedAt) return;
  await tx.update(laksaApiKey).set({ revokedAt: new Date() }).where(eq(laksaApiKey.id, id));
  await emitEvent(tx, regionId, {
    type: 'laksa.apikey.revoked',
    actor,
    subject: id,
    summary: {
      id: `Kunci API Open311 dicabut: ${row.name} (${row.prefix}…)`,
      en: `Open311 API key revoked: ${row.name} (${row.prefix}…)`,
    },
    data: { id, name: row.name, prefix: row.prefix },
  });
}

const tags = ['laksa-admin'];
const access = 'laksa:manage' as const;

/** Region administration of Open311 API keys. Mounted at /api/m/laksa/admin. */
export async function apiKeyAdminRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api-keys',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Open311 API keys (never the key itself)',
        response: { 200: z.array(apiKeyView) },
      },
    },
    (req) => req.inRegion((tx) => listApiKeys(tx)),
  );

  r.post(
    '/api-keys',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Issue an Open311 API key (the key is in this response only)',
        body: apiKeyInput,
        response: { 201: apiKeyView },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await req.inRegion((tx) => createApiKey(tx, req.region.id, req.actor(), req.body))),
  );

  r.delete(
    '/api-keys/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Revoke an Open311 API key (at once)',
        params: z.object({ id: z.string().uuid() }),
      },
    },
    async (req, reply) => {
      await req.inRegion((tx) => revokeApiKey(tx, req.region.id, req.actor(), req.params.id));
      return reply.code(204).send();
    },
  );
}
