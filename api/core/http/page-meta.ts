import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyRequest } from 'fastify';
import type { Database } from '../db/client';
import { inRegion } from '../db/scope';
import type { PageMeta, SimpulModule } from '../modules/types';
import type { RegionDirectory } from '../regions/directory';
import { resolveRegion } from './region-resolution';

const escapeAttr = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** index.html with the page's title, description and Open Graph / Twitter card tags in its head. */
export function injectMeta(html: string, meta: PageMeta): string {
  const tags = [
    ['og:title', meta.title],
    ['og:description', meta.description],
    ['og:url', meta.url],
    ['og:type', meta.type],
    ['og:site_name', meta.siteName],
    ...(meta.image ? [['og:image', meta.image]] : []),
  ]
    .map(([p, c]) => `<meta property="${p}" content="${escapeAttr(c!)}" />`)
    .concat(
      `<meta name="twitter:card" content="${meta.image ? 'summary_large_image' : 'summary'}" />`,
      `<link rel="canonical" href="${escapeAttr(meta.url)}" />`,
    )
    .join('\n    ');
  return html
    .replace(/<title>[^<]*<\/title>/, `<title>${escapeAttr(meta.title)}</title>`)
    .replace(
      /<meta name="description" content="[^"]*" \/>/,
      `<meta name="description" content="${escapeAttr(meta.description)}" />`,
    )
    .replace('</head>', `    ${tags}\n  </head>`);
}

/**
 * For a module page (`/layanan/<id>/<rest>`), the share-preview facts its manifest's `pageMeta`
 * gives (an article's title, summary and cover), so a link pasted in WhatsApp or Facebook shows
 * them: their crawlers run no script. `null` for any other page or when the module has none.
 */
export async function pageMetaFor(
  req: FastifyRequest,
  pathname: string,
  ctx: {
    database: Database;
    directory: RegionDirectory;
    defaultRegionCode: string;
    modules: readonly SimpulModule[];
  },
): Promise<PageMeta | null> {
  const m = /^\/layanan\/([a-z0-9-]+)(\/[^?#]*)$/.exec(pathname);
  if (!m) return null;
  const mod = ctx.modules.find((x) => x.id === m[1]);
  if (!mod?.pageMeta) return null;
  const { region, basePath } = resolveRegion(req, ctx.directory, ctx.defaultRegionCode);
  if (!(await ctx.directory.isModuleEnabled(region.id, mod.id))) return null;
  const origin = `${req.protocol}://${req.host}`;
  return inRegion(ctx.database, { regionId: region.id }, (tx) =>
    mod.pageMeta!({ tx, regionId: region.id, path: m[2]!, origin, basePath, regionName: region.name }),
  );
}

/** The built index.html with a page's meta tags (read per request: a rebuild is picked up at once). */
export async function indexWithMeta(webDist: string, meta: PageMeta): Promise<string> {
  return injectMeta(await readFile(path.join(webDist, 'index.html'), 'utf8'), meta);
}
