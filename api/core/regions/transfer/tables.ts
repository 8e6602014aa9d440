import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../../db/client';

/** One table as a region archive carries it: the columns written (never generated ones) and its key. */
export type TransferTable = {
  name: string;
  /** `id` for `region`, `region_id` for every tenant table. */
  regionColumn: string;
  /** Stored columns in table order; generated columns (search vectors) are rebuilt by the target. */
  columns: string[];
  /** Primary-key columns: rows are written in key order, so an archive of the same data is the same. */
  key: string[];
  /** Identity columns (bigint ids): their sequences are moved past the imported ids. */
  identity: string[];
  /** Other archive tables this one has foreign keys to (written and loaded before it). */
  refs: string[];
};

/**
 * Tables with a `region_id` that an archive leaves out, and why. Everything else of a region —
 * every tenant table any module adds, found in the catalogue rather than listed — travels.
 */
export const SKIPPED_TABLES: Record<string, { id: string; en: string }> = {
  session: {
    id: 'sesi masuk tidak dipindah: pengguna masuk lagi di server baru',
    en: 'sign-in sessions stay behind: people sign in again on the new server',
  },
  sign_in_throttle: {
    id: 'penghitung percobaan masuk berumur pendek',
    en: 'short-lived sign-in attempt counters',
  },
  verification_code: { id: 'kode sekali pakai berumur pendek', en: 'short-lived one-time codes' },
  push_subscription: {
    id: 'terikat pada kunci VAPID server asal; aplikasi mendaftar ulang',
    en: "bound to the source server's VAPID key; the app subscribes again",
  },
  platform_audit: {
    id: 'jejak audit operator server asal',
    en: "the source server's audit of its own operators",
  },
};

/**
 * The region's tables, read from the catalogue of the connected database, in an order where
 * every table comes after the tables it references (so rows load without deferring foreign keys).
 */
export async function regionTables(tx: Tx): Promise<TransferTable[]> {
  const result = await tx.execute(sql`
    select c.relname as name,
      array(select a.attname::text from pg_attribute a
            where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
            order by a.attnum) as columns,
      array(select a.attname::text from pg_index i
            join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
            where i.indrelid = c.oid and i.indisprimary
            order by array_position(i.indkey::int2[], a.attnum)) as key,
      array(select a.attname::text from pg_attribute a
            where a.attrelid = c.oid and a.attnum > 0 and a.attidentity <> '') as identity,
      array(select distinct f.relname::text from pg_constraint k join pg_class f on f.oid = k.confrelid
            where k.conrelid = c.oid and k.contype = 'f' and k.confrelid <> c.oid) as refs
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r'
      and (c.relname = 'region' or exists (
        select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'region_id' and not a.attisdropped))`);
  const rows = rowsOf<Omit<TransferTable, 'regionColumn'>>(result);
  const tables = rows
    .filter((t) => !(t.name in SKIPPED_TABLES))
    .map((t) => ({ ...t, regionColumn: t.name === 'region' ? 'id' : 'region_id' }));
  return inDependencyOrder(tables);
}

/** Kahn's topological sort, ties broken by name so the order (and the archive) is stable. */
export function inDependencyOrder(tables: TransferTable[]): TransferTable[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const pending = new Map(tables.map((t) => [t.name, new Set(t.refs.filter((r) => byName.has(r)))]));
  const ordered: TransferTable[] = [];
  while (pending.size > 0) {
    const ready = [...pending].filter(([, deps]) => deps.size === 0).map(([name]) => name);
    if (ready.length === 0)
      throw new Error(`foreign keys form a cycle between: ${[...pending.keys()].sort().join(', ')}`);
    for (const name of ready.sort()) {
      pending.delete(name);
      ordered.push(byName.get(name)!);
      for (const deps of pending.values()) deps.delete(name);
    }
  }
  return ordered;
}

export const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
