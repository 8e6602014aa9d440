/**
 * Awaits Drizzle queries one after another. Queries are lazy until awaited, so passing them here
 * (instead of to Promise.all) keeps one transaction's statements sequential: a transaction is one
 * connection, which cannot run two statements at once (pg warns, PGlite queues).
 */
export async function inOrder<T extends readonly unknown[]>(
  queries: T,
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const out: unknown[] = [];
  for (const q of queries) out.push(await q);
  return out as { -readonly [K in keyof T]: Awaited<T[K]> };
}
