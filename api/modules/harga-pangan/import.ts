import { eq, sql } from 'drizzle-orm';
import {
  type ImportView,
  OUTLIER_FACTOR,
  type PriceType,
  priceTypes,
} from '../../../shared/modules/harga-pangan';
import { RegionMap } from '../../core/cache/region-map';
import type { Tx } from '../../core/db/client';
import { conflict, invalid, notFound } from '../../core/errors';
import { emitEvent } from '../../core/events/emit';
import { parseSheet } from '../../core/files/sheets/parse';
import { nulRefused } from '../../core/http/input-guards';
import { raiseAlerts } from './alerts';
import { isRealDate } from './entry';
import { recomputeDaily } from './indicators';
import { listCommodities, listMarkets } from './master';
import { hpImport, type ImportRow } from './schema';
import type { AlertEnv } from './verify';

type Actor = { id: string; name: string };
type Message = { id: string; en: string };
type RowError = { row: number; column: string | null; message: Message };
export const MAX_IMPORT_ROWS = 100_000;
const CHUNK = 2_000;

/** Rows written so far by commits running in this process (the progress bar polls it). */
const progress = new RegionMap<ImportView>();

/** Reads a CSV or XLSX file into header + rows (parsed off the request thread, bombs refused). */
export async function readSheet(bytes: Buffer, fileName: string): Promise<string[][]> {
  const table = await parseSheet(bytes, fileName);
  // A cell with NUL would fail in PostgreSQL (text/jsonb) later: refuse it, naming the cell.
  table.forEach((cells, r) => {
    const c = cells.findIndex((cell) => cell?.includes('\u0000'));
    if (c >= 0) throw nulRefused(`row ${r + 1}, column ${c + 1}`);
  });
  return table;
}

/** `13500`, `13.500` (Indonesian thousands) or `Rp 13.500` → 13500; anything else (decimals, words) → null. */
export function parseRupiah(text: string): number | null {
  const t = text.replace(/^rp\.?\s*/i, '').replace(/\s/g, '');
  if (/^\d+$/.test(t)) return Number(t);
  if (/^\d{1,3}(\.\d{3})+$/.test(t)) return Number(t.replace(/\./g, ''));
  return null;
}

/**
 * Validates every row (nothing is written): each problem names its row and column. Valid rows
 * are kept in `harga_pangan_import` for the commit; the preview shows the first of them.
 */
export async function previewImport(
  tx: Tx,
  env: { regionId: string; regionCode: string; today: string },
  actor: Actor,
  fileName: string,
  table: string[][],
) {
  const header = (table[0] ?? []).map((h) => h.toLowerCase().trim().replace(/_/g, ' '));
  const col = (name: string) => header.indexOf(name);
  const missing = ['date', 'market', 'commodity', 'unit', 'price'].filter((c) => col(c) < 0);
  if (missing.length > 0)
    throw invalid(
      {
        id: `Kolom wajib tidak ada: ${missing.join(', ')}. Kolom: date, market, commodity, unit, price, price type.`,
        en: `Missing columns: ${missing.join(', ')}. Columns: date, market, commodity, unit, price, price type.`,
      },
      { missing },
    );
  const body = table.slice(1);
  if (body.length > MAX_IMPORT_ROWS)
    throw invalid({
      id: `Paling banyak ${MAX_IMPORT_ROWS} baris per berkas.`,
      en: `At most ${MAX_IMPORT_ROWS} rows per file.`,
    });
  const markets = new Map<string, { id: string; name: string }>();
  for (const m of await listMarkets(tx, true)) {
    markets.set(m.name.toLowerCase(), m);
    markets.set(m.id, m);
  }
  const commodities = new Map<string, { id: string; code: string; unit: string }>();
  for (const c of await listCommodities(tx, true)) {
    commodities.set(c.code, c);
    commodities.set(c.name.toLowerCase(), c);
  }
  const lastVerified = await latestVerified(tx);

  const errors: RowError[] = [];
  const valid: ImportRow[] = [];
  const seen = new Map<string, number>();
  const names = new Map<string, { market: string; commodity: string; unit: string }>();
  body.forEach((cells, i) => {
    const row = i + 2;
    const get = (name: string) => (col(name) >= 0 ? (cells[col(name)] ?? '').trim() : '');
    if (cells.every((c) => !c?.trim())) return; // blank line
    const fail = (column: string | null, id: string, en: string) =>
      errors.push({ row, column, message: { id, en } });
    const before = errors.length;
    const regionCode = get('region code');
    if (regionCode && regionCode !== env.regionCode)
      fail(
        'region code',
        `Kode wilayah ${regionCode} bukan daerah ini (${env.regionCode}).`,
        `Region code ${regionCode} is not this region (${env.regionCode}).`,
      );
    const date = get('date');
    if (!isRealDate(date))
      fail('date', `Tanggal "${date}" tidak valid (YYYY-MM-DD).`, `Date "${date}" is invalid (YYYY-MM-DD).`);
    else if (date > env.today)
      fail('date', `Tanggal ${date} ada di masa depan.`, `Date ${date} is in the future.`);
    const market = markets.get(get('market').toLowerCase());
    if (!market)
      fail('market', `Pasar "${get('market')}" tidak dikenal.`, `Unknown market "${get('market')}".`);
    const commodity = commodities.get(get('commodity').toLowerCase());
    if (!commodity)
      fail(
        'commodity',
        `Komoditas "${get('commodity')}" tidak dikenal.`,
        `Unknown commodity "${get('commodity')}".`,
      );
    else if (get('unit').toLowerCase() !== commodity.unit)
      fail(
        'unit',
        `Satuan "${get('unit')}" salah; ${commodity.code} per ${commodity.unit}.`,
        `Wrong unit "${get('unit')}"; ${commodity.code} is per ${commodity.unit}.`,
      );
    const price = parseRupiah(get('price'));
    if (price === null || price <= 0 || price > 100_000_000)
      fail(
        'price',
        `Harga "${get('price')}" harus rupiah bulat lebih dari 0.`,
        `Price "${get('price')}" must be whole rupiah above 0.`,
      );
    const typeText = (get('price type') || 'eceran').toLowerCase();
    const priceType = priceTypes.includes(typeText as PriceType) ? (typeText as PriceType) : null;
    if (!priceType)
      fail(
        'price type',
        `Jenis harga "${typeText}" harus eceran atau grosir.`,
        `Price type "${typeText}" must be eceran or grosir.`,
      );
    if (errors.length > before || !market || !commodity || price === null || !priceType) return;
    const key = `${market.id}|${commodity.id}|${date}|${priceType}`;
    const first = seen.get(key);
    if (first !== undefined) {
      fail(
        null,
        `Duplikat baris ${first} (pasar, komoditas, tanggal, jenis sama).`,
        `Duplicate of row ${first} (same market, commodity, date, type).`,
      );
      return;
    }
    seen.set(key, row);
    const last = lastVerified.get(`${market.id}|${commodity.id}|${priceType}`);
    if (last && (price > last * OUTLIER_FACTOR || price * OUTLIER_FACTOR < last)) {
      fail(
        'price',
        `Harga ${price} jauh dari harga terverifikasi terakhir ${last} (lebih dari ×5 atau kurang dari ÷5); masukkan lewat layar input dengan konfirmasi.`,
        `Price ${price} is far from the last verified ${last} (over ×5 or under ÷5); enter it on the entry screen with a confirmation.`,
      );
      return;
    }
    valid.push({ row, date, marketId: market.id, commodityId: commodity.id, price, priceType });
    names.set(`${row}`, { market: market.name, commodity: commodity.code, unit: commodity.unit });
  });
  const [saved] = await tx
    .insert(hpImport)
    .values({
      regionId: env.regionId,
      createdBy: actor.id,
      fileName,
      totalRows: valid.length + new Set(errors.map((e) => e.row)).size,
      rows: valid,
      errors,
    })
    .returning();
  return toView(saved!, names);
}

function toView(
  i: typeof hpImport.$inferSelect,
  names?: Map<string, { market: string; commodity: string; unit: string }>,
): ImportView {
  return {
    id: i.id,
    fileName: i.fileName,
    status: i.status,
    totalRows: i.totalRows,
    validRows: i.rows.length,
    errors: (i.errors as RowError[]).slice(0, 500),
    preview: i.rows.slice(0, 20).map((r) => ({
      row: r.row,
      date: r.date,
      market: names?.get(`${r.row}`)?.market ?? r.marketId,
      commodity: names?.get(`${r.row}`)?.commodity ?? r.commodityId,
      unit: names?.get(`${r.row}`)?.unit ?? '',
      price: r.price,
      priceType: r.priceType,
    })),
    processed: i.status === 'committed' ? i.rows.length : 0,
  };
}

async function latestVerified(tx: Tx): Promise<Map<string, number>> {
  const res = await tx.execute(sql`
    select distinct on (market_id, commodity_id, price_type) market_id, commodity_id, price_type, verified_price
    from harga_pangan_price where verified_price is not null
    order by market_id, commodity_id, price_type, date desc`);
  const rows = (
    res as unknown as {
      rows: { market_id: string; commodity_id: string; price_type: string; verified_price: number }[];
    }
  ).rows;
  return new Map(rows.map((r) => [`${r.market_id}|${r.commodity_id}|${r.price_type}`, r.verified_price]));
}

/** The import as its progress bar sees it: the running commit's count if this process runs it. */
export async function importStatus(tx: Tx, regionId: string, id: string): Promise<ImportView> {
  const running = progress.get(regionId, id);
  if (running) return running;
  const [i] = await tx.select().from(hpImport).where(eq(hpImport.id, id));
  if (!i) throw notFound({ id: 'Impor tidak ditemukan.', en: 'Import not found.' });
  return toView(i);
}

/** Answered without the database while a commit of `id` runs here (PGlite would queue the poll behind it). */
export const runningImport = (regionId: string, id: string) => progress.get(regionId, id);

/**
 * Writes every valid row of a previewed import as verified prices in ONE transaction (the
 * caller's): all rows or none. A file with row errors is refused; fix it and upload again.
 */
export async function commitImport(tx: Tx, env: AlertEnv, actor: Actor, id: string): Promise<ImportView> {
  const [i] = await tx.select().from(hpImport).where(eq(hpImport.id, id)).for('update');
  if (!i) throw notFound({ id: 'Impor tidak ditemukan.', en: 'Import not found.' });
  if (i.status !== 'preview')
    throw conflict({ id: 'Impor ini sudah diproses.', en: 'This import was already processed.' });
  if ((i.errors as unknown[]).length > 0)
    throw invalid(
      {
        id: 'Berkas masih memiliki baris bermasalah; perbaiki lalu unggah lagi. Tidak ada yang disimpan.',
        en: 'The file still has rows with errors; fix them and upload again. Nothing was saved.',
      },
      { errors: (i.errors as unknown[]).length },
    );
  const view = { ...toView(i), status: 'committing' as const };
  progress.set(env.regionId, id, view);
  try {
    for (let at = 0; at < i.rows.length; at += CHUNK) {
      const chunk = JSON.stringify(
        i.rows
          .slice(at, at + CHUNK)
          .map((r) => ({ m: r.marketId, c: r.commodityId, d: r.date, t: r.priceType, p: r.price })),
      );
      await tx.execute(sql`
        insert into harga_pangan_price (region_id, market_id, commodity_id, date, price_type, price, verified_price,
          status, entered_by, verified_by, verified_at)
        select ${env.regionId}::uuid, (x->>'m')::uuid, (x->>'c')::uuid, (x->>'d')::date, x->>'t', (x->>'p')::int,
          (x->>'p')::int, 'terverifikasi', ${actor.id}::uuid, ${actor.id}::uuid, now()
        from jsonb_array_elements(${chunk}::jsonb) x
        on conflict (region_id, market_id, commodity_id, date, price_type) do update set
          price = excluded.price, verified_price = excluded.verified_price, status = 'terverifikasi',
          verified_by = excluded.verified_by, verified_at = now()`);
      view.processed = Math.min(i.rows.length, at + CHUNK);
    }
    const keys = i.rows.map((r) => ({ commodityId: r.commodityId, date: r.date, priceType: r.priceType }));
    await recomputeDaily(tx, env.regionId, keys);
    await raiseAlerts(
      tx,
      env.regionId,
      actor,
      keys.filter((k) => k.priceType === 'eceran'),
      {
        today: env.today,
        days: env.alertWindowDays,
      },
    );
    const [done] = await tx
      .update(hpImport)
      .set({ status: 'committed', committedAt: new Date() })
      .where(eq(hpImport.id, id))
      .returning();
    await emitEvent(tx, env.regionId, {
      type: 'harga-pangan.import.committed',
      actor,
      subject: id,
      summary: {
        id: `${i.rows.length} harga diimpor dari ${i.fileName}`,
        en: `${i.rows.length} prices imported from ${i.fileName}`,
      },
      data: { rows: i.rows.length },
    });
    return toView(done!);
  } catch (err) {
    progress.delete(env.regionId, id);
    throw err;
  }
}

/** Called once the commit's transaction has ended (the progress then comes from the database). */
export const forgetProgress = (regionId: string, id: string) => progress.delete(regionId, id);
