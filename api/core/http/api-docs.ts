import { promisify } from 'node:util';
import zlib from 'node:zlib';
import scalar from '@scalar/fastify-api-reference';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RegionDirectory } from '../regions/directory';
import { resolveRegion } from './region-resolution';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** The page's one big script, compressed once per process on first request (brotli ~0.7 s, off the event loop). */
// region-safe: the docs page's own script, compressed per encoding; the same for every region.
const compressed = new Map<string, Promise<Buffer>>();
function compressOnce(encoding: 'br' | 'gzip', body: string): Promise<Buffer> {
  let done = compressed.get(encoding);
  if (!done) {
    done =
      encoding === 'br'
        ? brotli(body, {
            params: {
              [zlib.constants.BROTLI_PARAM_QUALITY]: 9,
              [zlib.constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(body),
            },
          })
        : gzip(body, { level: 9 });
    compressed.set(encoding, done);
  }
  return done;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Plain system fonts and the platform's own colours: the page reads as the region's, not a vendor's. */
const customCss = `
.scalar-app, .light-mode {
  --scalar-font: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  --scalar-font-code: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
}
.darklight-reference a[href*="scalar.com"] { display: none; }
`;

/**
 * The API reference at /api/docs (Scalar), fit for a closed network and for a government's own
 * site: no remote fonts, no vendor buttons (client, "Ask AI"/agent, MCP, developer tools,
 * toolbar), no telemetry, light only; the region's name as its title; its 4 MB script sent
 * brotli- or gzip-compressed. Everything in an encapsulated context, so its hooks never touch
 * another response.
 */
export async function registerApiDocs(
  app: FastifyInstance,
  opts: { directory: RegionDirectory; defaultRegionCode: string },
) {
  const regionName = (req: FastifyRequest) => {
    try {
      return resolveRegion(req, opts.directory, opts.defaultRegionCode).region.name;
    } catch {
      return null;
    }
  };
  await app.register(async (docs) => {
    docs.addHook('onSend', async (req, reply, payload) => {
      // The page configures itself with an inline script; it shows no user data, so only here
      // is that allowed.
      reply.header(
        'content-security-policy',
        String(reply.getHeader('content-security-policy') ?? '').replace(
          "script-src 'self'",
          "script-src 'self' 'unsafe-inline'",
        ),
      );
      if (typeof payload !== 'string') return payload;
      if (req.url.endsWith('/js/scalar.js')) {
        const accepts = String(req.headers['accept-encoding'] ?? '');
        const encoding = /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : null;
        reply.header('vary', 'accept-encoding');
        if (!encoding) return payload;
        reply.header('content-encoding', encoding);
        return compressOnce(encoding, payload);
      }
      const name = regionName(req);
      if (name && payload.startsWith('<!doctype html>'))
        return payload.replace(/<title>[^<]*<\/title>/, `<title>API ${escapeHtml(name)}</title>`);
      return payload;
    });
    await docs.register(scalar, {
      routePrefix: '/api/docs',
      configuration: {
        // Relative: under /r/<slug>/api/docs/ the region's own document is read.
        url: '../openapi.json',
        pageTitle: 'API Simpul',
        withDefaultFonts: false,
        customCss,
        hideClientButton: true,
        showDeveloperTools: 'never',
        mcp: { disabled: true },
        agent: { disabled: true },
        telemetry: false,
        hideDarkModeToggle: true,
        forceDarkModeState: 'light',
        documentDownloadType: 'json',
        defaultOpenFirstTag: true,
      },
    });
  });
}
