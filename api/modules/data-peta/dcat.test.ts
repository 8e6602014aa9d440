import { Parser } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createRegion, createTestApp, type TestApp, type TestRegion } from '../../../test/support/app';
import { makeDataset, publish, SAMPLE_CSV, staffAdmin, uploadCsv } from './testing';

const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

/** DCAT-AP catalogue (JSON-LD and Turtle) with Hydra paging; the DCAT-AP 3 mandatory properties present. */
describe('data-peta: DCAT-AP catalogue', () => {
  let t: TestApp;
  let region: TestRegion;
  beforeAll(async () => {
    t = await createTestApp();
    region = await createRegion(t);
    const admin = await staffAdmin(t, region);
    const ds = await makeDataset(t, region, admin, {
      name: 'dcat-uji',
      title: 'Dataset DCAT',
      temporalStart: '2025-01-01',
      temporalEnd: '2025-12-31',
      contactName: 'Diskominfo',
      contactEmail: 'data@example.id',
    });
    await uploadCsv(t, region, admin, ds.id, SAMPLE_CSV);
    await publish(t, region, admin, ds.id);
    const hidden = await makeDataset(t, region, admin, { name: 'dcat-draf' });
    void hidden;
  });
  afterAll(() => t.close());

  it('serves Turtle that parses, with Catalog, Datasets, Distributions and their mandatory properties', async () => {
    const res = await call(t, region, { method: 'GET', url: '/catalog.ttl' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/turtle/);
    const quads = new Parser().parse(res.body);
    const subjectsOf = (type: string) =>
      quads
        .filter((q) => q.predicate.value === RDF_TYPE && q.object.value === type)
        .map((q) => q.subject.value);
    const has = (s: string, p: string) => quads.some((q) => q.subject.value === s && q.predicate.value === p);
    const [catalog] = subjectsOf(`${DCAT}Catalog`);
    expect(catalog).toBeTruthy();
    for (const p of [`${DCT}title`, `${DCT}description`, `${DCT}publisher`])
      expect(has(catalog!, p), p).toBe(true);
    const datasets = subjectsOf(`${DCAT}Dataset`);
    expect(datasets.some((d) => d.endsWith('/dataset/dcat-uji'))).toBe(true);
    expect(datasets.some((d) => d.endsWith('/dataset/dcat-draf'))).toBe(false);
    expect(datasets.some((d) => d.endsWith('/dataset/laksa-laporan-per-kategori'))).toBe(true);
    for (const d of datasets)
      for (const p of [`${DCT}title`, `${DCT}description`]) expect(has(d, p), `${d} ${p}`).toBe(true);
    for (const dist of subjectsOf(`${DCAT}Distribution`))
      expect(has(dist, `${DCAT}accessURL`), dist).toBe(true);
    const ours = datasets.find((d) => d.endsWith('/dataset/dcat-uji'))!;
    for (const p of [
      `${DCT}temporal`,
      `${DCAT}contactPoint`,
      `${DCAT}keyword`,
      `${DCT}license`,
      `${DCAT}distribution`,
    ])
      expect(has(ours, p), p).toBe(true);
    expect(subjectsOf('http://www.w3.org/ns/hydra/core#PartialCollectionView')).toHaveLength(1);
  });

  it('dereferences a dataset URI to its portal page', async () => {
    const res = await call(t, region, { method: 'GET', url: '/dataset/dcat-uji' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${region.path}/layanan/data-peta/dataset/dcat-uji`);
  });

  it('serves the same catalogue as JSON-LD with Hydra paging (100 a page)', async () => {
    const res = await call(t, region, { method: 'GET', url: '/catalog.jsonld' });
    expect(res.headers['content-type']).toMatch(/^application\/ld\+json/);
    const doc = res.json();
    expect(doc['@context'].dcat).toBe(DCAT);
    const view = doc['@graph'].find((n: { '@type': string[] }) =>
      n['@type'].includes('hydra:PartialCollectionView'),
    );
    expect(view['hydra:first']['@id']).toContain('/catalog.jsonld?page=1');
    expect(Number(view['hydra:totalItems']['@value'])).toBeGreaterThan(5);
    const page2 = await call(t, region, { method: 'GET', url: '/catalog.jsonld?page=2' });
    expect(page2.statusCode).toBe(200);
    const datasets2 = page2
      .json()
      ['@graph'].filter((n: { '@type': string[] }) => n['@type'].includes('dcat:Dataset'));
    expect(datasets2).toEqual([]);
    expect((await call(t, region, { method: 'GET', url: '/catalog.jsonld?page=0' })).statusCode).toBe(400);
  });
});
