import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { AppError, notFound } from '../errors';
import { BASEMAP_FILE_PATH } from './map';

/** A single byte range of a file of `size` bytes: `{start, end}` inclusive, or 'bad' (→ 416). */
export function parseRange(header: string, size: number): { start: number; end: number } | 'bad' {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'bad'; // malformed, or several ranges
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'bad';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (!Number.isSafeInteger(start) || start >= size || end < start) return 'bad';
  return { start, end };
}

/**
 * The deployment's self-hosted basemap (MAP_BASEMAP_FILE, a PMTiles v3 archive), served with HTTP
 * range requests: PMTiles readers (the `pmtiles` library in the browser) fetch the header, the
 * directories and each tile as byte ranges of this one file. 206 + Content-Range for a range,
 * 416 for a range it cannot satisfy (malformed, past the end, or several ranges), HEAD for the size.
 * A small route instead of @fastify/static: one file, outside the web root, with the API's
 * error envelope and region resolution.
 */
export async function basemapFileRoute(app: FastifyInstance) {
  app.get(
    BASEMAP_FILE_PATH,
    {
      config: { access: 'public' },
      schema: {
        tags: ['region'],
        summary: 'The self-hosted basemap file (PMTiles) of this server, with HTTP range requests',
        produces: ['application/vnd.pmtiles'],
      },
    },
    async (req, reply) => {
      const file = app.simpul.config.map.basemapFile;
      if (!file) throw notFound({ id: 'Tidak ada berkas peta dasar.', en: 'No basemap file is configured.' });
      let info: Awaited<ReturnType<typeof stat>>;
      try {
        info = await stat(file);
      } catch {
        throw notFound({ id: 'Berkas peta dasar tidak ditemukan.', en: 'The basemap file is missing.' });
      }
      const size = info.size;
      const etag = `"${size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
      reply
        .header('accept-ranges', 'bytes')
        .header('etag', etag)
        .header('cache-control', 'public, max-age=3600')
        .type('application/vnd.pmtiles');
      const range = req.headers.range;
      const ifRange = req.headers['if-range'];
      const useRange = typeof range === 'string' && (!ifRange || ifRange === etag);
      let start = 0;
      let end = size - 1;
      if (useRange) {
        const r = parseRange(range, size);
        if (r === 'bad') {
          reply.header('content-range', `bytes */${size}`);
          throw new AppError('RANGE_NOT_SATISFIABLE');
        }
        ({ start, end } = r);
        reply.code(206).header('content-range', `bytes ${start}-${end}/${size}`);
      }
      reply.header('content-length', String(end - start + 1));
      // HEAD: an empty stream keeps the Content-Length set above (Fastify's HEAD hook drops bodies).
      if (req.method === 'HEAD' || size === 0) return reply.send(Readable.from([]));
      return reply.send(createReadStream(file, { start, end }));
    },
  );
}
