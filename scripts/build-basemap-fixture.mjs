#!/usr/bin/env node
/**
 * Builds the tiny basemap used by tests and screenshots: test/fixtures/tangerang-basemap.pmtiles,
 * a PMTiles v3 archive of gzipped MVT tiles (zoom 10–13) over Kota Tangerang, made from the
 * GeoJSON below with geojson-vt (tiling) and vt-pbf (MVT encoding). Layer names and `kind`s follow
 * the Protomaps basemap schema (earth, water, roads), so protomaps-leaflet's own themes
 * draw it exactly as they draw a real Protomaps extract. The shapes are schematic (a land mass,
 * the Cisadane river, a few main roads), not a survey; no place names (Simpul draws the kecamatan
 * names itself). The `pmtiles` npm package only reads archives, so a minimal writer is below
 * (header, one root directory, metadata, tile data).
 *
 *   node scripts/build-basemap-fixture.mjs [out.pmtiles]
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import GeoJSONVT from 'geojson-vt';
import { zxyToTileId } from 'pmtiles';
import vtpbf from 'vt-pbf';

const out =
  process.argv[2] ?? path.resolve(import.meta.dirname, '../test/fixtures/tangerang-basemap.pmtiles');
const BOUNDS = { west: 106.5, south: -6.3, east: 106.8, north: -6.05 };
const MIN_ZOOM = 10;
const MAX_ZOOM = 13;

const feature = (geometry, properties) => ({ type: 'Feature', geometry, properties });
const box = (w, s, e, n) => [
  [
    [w, s],
    [e, s],
    [e, n],
    [w, n],
    [w, s],
  ],
];
const layers = {
  earth: [
    feature(
      { type: 'Polygon', coordinates: box(BOUNDS.west, BOUNDS.south, BOUNDS.east, BOUNDS.north) },
      { kind: 'earth' },
    ),
  ],
  water: [
    // The Cisadane, south to north through the city (schematic, ~60 m wide).
    feature(
      {
        type: 'Polygon',
        coordinates: [
          [
            [106.622, -6.3],
            [106.628, -6.24],
            [106.632, -6.2],
            [106.637, -6.17],
            [106.63, -6.13],
            [106.622, -6.05],
            [106.6215, -6.05],
            [106.6295, -6.13],
            [106.6365, -6.17],
            [106.6315, -6.2],
            [106.6275, -6.24],
            [106.6215, -6.3],
            [106.622, -6.3],
          ],
        ],
      },
      { kind: 'river', name: 'Sungai Cisadane' },
    ),
  ],
  roads: [
    feature(
      {
        type: 'LineString',
        coordinates: [
          [106.5, -6.205],
          [106.6, -6.195],
          [106.66, -6.185],
          [106.8, -6.17],
        ],
      },
      { kind: 'highway', name: 'Tol Jakarta–Merak' },
    ),
    feature(
      {
        type: 'LineString',
        coordinates: [
          [106.55, -6.17],
          [106.633, -6.176],
          [106.72, -6.16],
          [106.8, -6.155],
        ],
      },
      { kind: 'major_road', name: 'Jl. Daan Mogot' },
    ),
    feature(
      {
        type: 'LineString',
        coordinates: [
          [106.68, -6.3],
          [106.69, -6.22],
          [106.7, -6.16],
          [106.69, -6.11],
        ],
      },
      { kind: 'major_road', name: 'Jl. HOS Cokroaminoto' },
    ),
    feature(
      {
        type: 'LineString',
        coordinates: [
          [106.6, -6.25],
          [106.61, -6.19],
          [106.64, -6.13],
        ],
      },
      { kind: 'minor_road', name: 'Jl. Imam Bonjol' },
    ),
  ],
};

const indexes = Object.fromEntries(
  Object.entries(layers).map(([name, features]) => [
    name,
    new GeoJSONVT(
      { type: 'FeatureCollection', features },
      { maxZoom: MAX_ZOOM, indexMaxZoom: MAX_ZOOM, indexMaxPoints: 0, buffer: 64 },
    ),
  ]),
);

const lon2x = (lon, z) => Math.floor(((lon + 180) / 360) * 2 ** z);
const lat2y = (lat, z) => {
  const r = (lat * Math.PI) / 180;
  return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
};

const tiles = [];
for (let z = MIN_ZOOM; z <= MAX_ZOOM; z++) {
  for (let x = lon2x(BOUNDS.west, z); x <= lon2x(BOUNDS.east, z); x++) {
    for (let y = lat2y(BOUNDS.north, z); y <= lat2y(BOUNDS.south, z); y++) {
      const tileLayers = {};
      for (const [name, index] of Object.entries(indexes)) {
        const t = index.getTile(z, x, y);
        if (t && t.features.length > 0) tileLayers[name] = t;
      }
      if (Object.keys(tileLayers).length === 0) continue;
      const mvt = vtpbf.fromGeojsonVt(tileLayers, { version: 2, extent: 4096 });
      tiles.push({ id: zxyToTileId(z, x, y), data: gzipSync(Buffer.from(mvt), { level: 9 }) });
    }
  }
}
tiles.sort((a, b) => a.id - b.id);

// Tile data, identical tiles stored once (the uniform inner tiles of `earth`).
const contents = new Map();
const chunks = [];
let dataLength = 0;
const entries = [];
for (const t of tiles) {
  const key = t.data.toString('base64');
  let offset = contents.get(key);
  if (offset === undefined) {
    offset = dataLength;
    contents.set(key, offset);
    chunks.push(t.data);
    dataLength += t.data.length;
  }
  const last = entries.at(-1);
  if (last && last.id + last.run === t.id && last.offset === offset) last.run++;
  else entries.push({ id: t.id, offset, length: t.data.length, run: 1 });
}

function varint(n, bytes) {
  let v = n;
  while (v >= 0x80) {
    bytes.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  bytes.push(v);
}
// PMTiles v3 directory: count, delta tile ids, run lengths, lengths, offsets (0 = right after the previous).
const dir = [];
varint(entries.length, dir);
let lastId = 0;
for (const e of entries) {
  varint(e.id - lastId, dir);
  lastId = e.id;
}
for (const e of entries) varint(e.run, dir);
for (const e of entries) varint(e.length, dir);
entries.forEach((e, i) => {
  const prev = entries[i - 1];
  varint(prev && e.offset === prev.offset + prev.length ? 0 : e.offset + 1, dir);
});
const rootDir = gzipSync(Buffer.from(dir), { level: 9 });
const metadata = gzipSync(
  Buffer.from(
    JSON.stringify({
      name: 'Simpul test basemap (Kota Tangerang, schematic)',
      attribution: 'Simpul test fixture',
      vector_layers: Object.keys(layers).map((id) => ({ id, fields: { kind: 'String', name: 'String' } })),
    }),
  ),
);

const HEADER = 127;
const header = Buffer.alloc(HEADER);
header.write('PMTiles', 0, 'ascii');
header.writeUInt8(3, 7);
const u64 = (at, v) => header.writeBigUInt64LE(BigInt(v), at);
const rootOffset = HEADER;
const metaOffset = rootOffset + rootDir.length;
const dataOffset = metaOffset + metadata.length;
u64(8, rootOffset);
u64(16, rootDir.length);
u64(24, metaOffset);
u64(32, metadata.length);
u64(40, dataOffset + dataLength); // no leaf directories
u64(48, 0);
u64(56, dataOffset);
u64(64, dataLength);
u64(72, tiles.length);
u64(80, entries.length);
u64(88, contents.size);
header.writeUInt8(1, 96); // clustered
header.writeUInt8(2, 97); // internal compression: gzip
header.writeUInt8(2, 98); // tile compression: gzip
header.writeUInt8(1, 99); // tile type: MVT
header.writeUInt8(MIN_ZOOM, 100);
header.writeUInt8(MAX_ZOOM, 101);
const e7 = (v) => Math.round(v * 1e7);
header.writeInt32LE(e7(BOUNDS.west), 102);
header.writeInt32LE(e7(BOUNDS.south), 106);
header.writeInt32LE(e7(BOUNDS.east), 110);
header.writeInt32LE(e7(BOUNDS.north), 114);
header.writeUInt8(12, 118);
header.writeInt32LE(e7(106.64), 119);
header.writeInt32LE(e7(-6.18), 123);

const file = Buffer.concat([header, rootDir, metadata, ...chunks]);
writeFileSync(out, file);
console.log(
  `${out}: ${file.length} bytes, ${tiles.length} tiles (${contents.size} distinct), zoom ${MIN_ZOOM}–${MAX_ZOOM}`,
);
