import { and, eq, sql } from 'drizzle-orm';
import type { DatasetInput, DatasetView, StoredField, Visibility } from '../../../shared/modules/data-peta';
import { rowsOf, type Tx } from '../../core/db/client';
import { conflict, notFound } from '../../core/errors';
import { emitEvent } from '../../core/events/emit';
import {
  type CatalogEnv,
  type CatalogRow,
  catalogCte,
  datasetView,
  organisations,
  staffResources,
} from './catalog';
import { dpDataset, dpFeature, dpResource, dpRow } from './schema';
import type { ParsedFeature } from './upload';

type Actor = { id: string; name: string };
const noDataset = () => notFound({ id: 'Dataset tidak ditemukan.', en: 'Dataset not found.' });

/** Every staff dataset of the region, whatever its visibility, newest change first. */
export async function listStaffDatasets(tx: Tx, env: CatalogEnv): Promise<DatasetView[]> {
  const orgs = await organisations(tx, env.region);
  const rows = rowsOf<CatalogRow>(
    await tx.execute(sql`with catalog as (${catalogCte(env, orgs, { staffOnly: true, all: true })})
      select * from catalog order by modified desc limit 1000`),
  );
  const resources = await staffResources(
    tx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => datasetView(env, r, orgs, resources));
}

export async function staffDataset(tx: Tx, env: CatalogEnv, id: string): Promise<DatasetView> {
  const orgs = await organisations(tx, env.region);
  const [row] = rowsOf<CatalogRow>(
    await tx.execute(sql`with catalog as (${catalogCte(env, orgs, { staffOnly: true, all: true })})
      select * from catalog where id = ${id} or name = ${id}`),
  );
  if (!row) throw noDataset();
  return datasetView(env, row, orgs, await staffResources(tx, [row.id]));
}

async function datasetRow(tx: Tx, id: string) {
  const [row] = await tx.select().from(dpDataset).where(eq(dpDataset.id, id));
  if (!row) throw noDataset();
  return row;
}

export async function createDataset(
  tx: Tx,
  env: CatalogEnv,
  actor: Actor,
  input: DatasetInput,
): Promise<DatasetView> {
  const [taken] = await tx.select({ id: dpDataset.id }).from(dpDataset).where(eq(dpDataset.name, input.name));
  const moduleName = env.publishers.some((m) => input.name.startsWith(`${m.id}-`));
  if (taken || moduleName)
    throw conflict({ id: `Nama "${input.name}" sudah dipakai.`, en: `The name "${input.name}" is taken.` });
  const [row] = await tx
    .insert(dpDataset)
    .values({ ...input, regionId: env.region.id, createdBy: actor.id })
    .returning({ id: dpDataset.id });
  await emitEvent(tx, env.region.id, {
    type: 'data-peta.dataset.created',
    actor,
    subject: row!.id,
    summary: { id: `Dataset dibuat: ${input.title}`, en: `Dataset created: ${input.title}` },
    data: { name: input.name },
  });
  return staffDataset(tx, env, row!.id);
}

export async function updateDataset(
  tx: Tx,
  env: CatalogEnv,
  actor: Actor,
  id: string,
  input: Partial<Omit<DatasetInput, 'name'>>,
): Promise<DatasetView> {
  const row = await datasetRow(tx, id);
  await tx
    .update(dpDataset)
    .set({ ...input, modifiedAt: sql`now()` })
    .where(eq(dpDataset.id, row.id));
  await emitEvent(tx, env.region.id, {
    type: 'data-peta.dataset.updated',
    actor,
    subject: row.id,
    summary: { id: `Dataset diubah: ${row.title}`, en: `Dataset changed: ${row.title}` },
  });
  return staffDataset(tx, env, row.id);
}

export async function setVisibility(
  tx: Tx,
  env: CatalogEnv,
  actor: Actor,
  id: string,
  visibility: Visibility,
): Promise<DatasetView> {
  const row = await datasetRow(tx, id);
  await tx.update(dpDataset).set({ visibility, modifiedAt: sql`now()` }).where(eq(dpDataset.id, row.id));
  const word = { draft: ['draf', 'draft'], public: ['publik', 'public'], private: ['privat', 'private'] }[
    visibility
  ];
  await emitEvent(tx, env.region.id, {
    type: visibility === 'public' ? 'data-peta.dataset.published' : 'data-peta.dataset.withdrawn',
    actor,
    subject: row.id,
    // Public datasets may show on the LIVE Room feed; withdrawals stay in the audit log.
    permission: visibility === 'public' ? 'core:live.watch' : 'core:audit.read',
    summary: { id: `Dataset ${word[0]}: ${row.title}`, en: `Dataset ${word[1]}: ${row.title}` },
    data: { name: row.name, visibility },
  });
  return staffDataset(tx, env, row.id);
}

export async function deleteDataset(tx: Tx, env: CatalogEnv, actor: Actor, id: string): Promise<void> {
  const row = await datasetRow(tx, id);
  await tx.delete(dpDataset).where(eq(dpDataset.id, row.id));
  await emitEvent(tx, env.region.id, {
    type: 'data-peta.dataset.deleted',
    actor,
    subject: row.id,
    summary: { id: `Dataset dihapus: ${row.title}`, en: `Dataset deleted: ${row.title}` },
    data: { name: row.name },
  });
}

async function nextPosition(tx: Tx, datasetId: string): Promise<number> {
  const [r] = rowsOf<{ n: number }>(
    await tx.execute(
      sql`select coalesce(max(position) + 1, 0)::int as n from data_peta_resource where dataset_id = ${datasetId}::uuid`,
    ),
  );
  return Number(r?.n ?? 0);
}

async function touch(
  tx: Tx,
  env: CatalogEnv,
  actor: Actor,
  datasetId: string,
  what: { id: string; en: string },
) {
  await tx.update(dpDataset).set({ modifiedAt: sql`now()` }).where(eq(dpDataset.id, datasetId));
  await emitEvent(tx, env.region.id, {
    type: 'data-peta.resource.added',
    actor,
    subject: datasetId,
    summary: what,
  });
}

export async function addLink(
  tx: Tx,
  env: CatalogEnv,
  actor: Actor,
  id: string,
  input: { name: string; url: string; format: string; description: string },
): Promise<DatasetView> {
  const ds = await datasetRow(tx, id);
  await tx.insert(dpResource).values({
    regionId: env.region.id,
    datasetId: ds.id,
    kind: 'link',
    name: input.name,
    description: input.description,
    format: input.format.toUpperCase(),
    url: input.url,
    position: await nextPosition(tx, ds.id),
  });
  await touch(tx, env, actor, ds.id, {
    id: `Tautan ditambahkan ke ${ds.title}`,
    en: `Link added to ${ds.title}`,
  });
  return staffDataset(tx, env, ds.id);
}

const CHUNK = 1000;

/** Stores an uploaded table as a DataStore resource (its rows queryable by datastore_search). */
export async function addTable(
  tx: Tx,
  env: CatalogEnv,
  actor: Actor,
  id: string,
  upload: {
    fileName: string;
    size: number;
    fields: StoredField[];
    rows: Record<string, string | number | null>[];
  },
): Promise<{ view: DatasetView; resourceId: string }> {
  const ds = await datasetRow(tx, id);
  const [res] = await tx
    .insert(dpResource)
    .values({
      regionId: env.region.id,
      datasetId: ds.id,
      kind: 'table',
      name: upload.fileName,
      format: 'CSV',
      fields: upload.fields,
      rowCount: upload.rows.length,
      size: upload.size,
      position: await nextPosition(tx, ds.id),
    })
    .returning({ id: dpResource.id });
  for (let i = 0; i < upload.rows.length; i += CHUNK)
    await tx
      .insert(dpRow)
      .values(
        upload.rows
          .slice(i, i + CHUNK)
          .map((data, j) => ({ regionId: env.region.id, resourceId: res!.id, rowNo: i + j + 1, data })),
      );
  await touch(tx, env, actor, ds.id, {
    id: `Tabel ${upload.fileName} (${upload.rows.length} baris) dimuat ke ${ds.title}`,
    en: `Table ${upload.fileName} (${upload.rows.length} rows) loaded into ${ds.title}`,
  });
  return { view: await staffDataset(tx, env, ds.id), resourceId: res!.id };
}

/** Stores an uploaded GeoJSON as a layer resource (an OGC collection once the dataset is public). */
export async function addLayer(
  tx: Tx,
  env: CatalogEnv,
  actor: Actor,
  id: string,
  upload: { fileName: string; size: number; color: string; fields: StoredField[]; features: ParsedFeature[] },
): Promise<{ view: DatasetView; resourceId: string }> {
  const ds = await datasetRow(tx, id);
  const extent = upload.features.reduce<[number, number, number, number]>(
    (e, f) => [
      Math.min(e[0], f.bbox[0]),
      Math.min(e[1], f.bbox[1]),
      Math.max(e[2], f.bbox[2]),
      Math.max(e[3], f.bbox[3]),
    ],
    [180, 90, -180, -90],
  );
  const [res] = await tx
    .insert(dpResource)
    .values({
      regionId: env.region.id,
      datasetId: ds.id,
      kind: 'layer',
      name: upload.fileName,
      format: 'GeoJSON',
      fields: upload.fields,
      rowCount: upload.features.length,
      size: upload.size,
      color: upload.color,
      extent,
      position: await nextPosition(tx, ds.id),
    })
    .returning({ id: dpResource.id });
  for (let i = 0; i < upload.features.length; i += CHUNK)
    await tx.insert(dpFeature).values(
      upload.features.slice(i, i + CHUNK).map((f, j) => ({
        regionId: env.region.id,
        resourceId: res!.id,
        featureNo: i + j + 1,
        geometry: f.geometry,
        properties: f.properties,
        minx: f.bbox[0],
        miny: f.bbox[1],
        maxx: f.bbox[2],
        maxy: f.bbox[3],
        at: f.at ? new Date(f.at) : null,
      })),
    );
  await touch(tx, env, actor, ds.id, {
    id: `Lapisan ${upload.fileName} (${upload.features.length} fitur) dimuat ke ${ds.title}`,
    en: `Layer ${upload.fileName} (${upload.features.length} features) loaded into ${ds.title}`,
  });
  return { view: await staffDataset(tx, env, ds.id), resourceId: res!.id };
}

export async function deleteResource(
  tx: Tx,
  env: CatalogEnv,
  actor: Actor,
  id: string,
  resourceId: string,
): Promise<DatasetView> {
  const ds = await datasetRow(tx, id);
  const gone = await tx
    .delete(dpResource)
    .where(and(eq(dpResource.datasetId, ds.id), eq(dpResource.id, resourceId)))
    .returning({ id: dpResource.id });
  if (gone.length === 0) throw notFound({ id: 'Sumber data tidak ditemukan.', en: 'Resource not found.' });
  await emitEvent(tx, env.region.id, {
    type: 'data-peta.resource.deleted',
    actor,
    subject: ds.id,
    summary: { id: `Sumber data dihapus dari ${ds.title}`, en: `Resource removed from ${ds.title}` },
  });
  return staffDataset(tx, env, ds.id);
}

/** Views, downloads and API calls per dataset over the last `days` days (usage_daily). */
export async function usagePerDataset(tx: Tx, days: number) {
  const rows = rowsOf<{ metric: string; n: number }>(
    await tx.execute(sql`select metric, sum(count)::int as n from usage_daily
      where module = 'data-peta' and day >= current_date - ${days}::int
        and (metric like 'view:%' or metric like 'download:%' or metric like 'api:%')
      group by metric`),
  );
  const by = new Map<string, { name: string; views: number; downloads: number; api: number }>();
  for (const r of rows) {
    const [kind, name = ''] = r.metric.split(/:(.*)/s);
    const e = by.get(name) ?? { name, views: 0, downloads: 0, api: 0 };
    if (kind === 'view') e.views += Number(r.n);
    else if (kind === 'download') e.downloads += Number(r.n);
    else e.api += Number(r.n);
    by.set(name, e);
  }
  return [...by.values()].sort((a, b) => b.views + b.downloads + b.api - (a.views + a.downloads + a.api));
}
