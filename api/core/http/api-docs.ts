import { promisify } from 'node:util';
import zlib from 'node:zlib';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
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
    // Scalar's module is a 4.3 MB file (its page script inlined as a string): importing it cost
    // ≈ 0.3 s of every start (issue 19: start ≤ 3 s), for a page few people open. Its two routes
    // (the page, its script) are forwarded to a small Fastify app made on the first visit.
    const forward = async (req: FastifyRequest, reply: FastifyReply) => {
      const res = await (await scalarApp()).inject({ method: 'GET', url: req.url, headers: req.headers });
      for (const [name, value] of Object.entries(res.headers))
        if (value !== undefined && !hopHeaders.has(name)) reply.header(name, value);
      return reply.code(res.statusCode).send(res.payload);
    };
    docs.get('/api/docs/', { config: { access: 'none' }, schema: { hide: true } }, forward);
    docs.get('/api/docs/js/scalar.js', { config: { access: 'none' }, schema: { hide: true } }, forward);
  });
}

/** Headers of the inner app's answer that the outer reply sets itself. */
const hopHeaders = new Set(['content-length', 'date', 'connection', 'keep-alive', 'transfer-encoding']);

// region-safe: the docs page's app, the same for every region (the page reads the document relatively).
let scalarPromise: Promise<FastifyInstance> | undefined;
function scalarApp(): Promise<FastifyInstance> {
  scalarPromise ??= (async () => {
    const { default: scalar } = await import('@scalar/fastify-api-reference');
    // Same trailing-slash rule as the app: /api/docs answers like /api/docs/ (scalar then redirects).
    const inner = Fastify({ routerOptions: { ignoreTrailingSlash: true } });
    await inner.register(scalar, {
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
    await inner.ready();
    return inner;
  })();
  scalarPromise.catch(() => {
    scalarPromise = undefined; // a failed start is tried again on the next visit
  });
  return scalarPromise;
}
