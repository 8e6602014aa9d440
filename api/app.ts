import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyRequest, LogController } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import helmet from 'helmet';
import { MAX_UPLOAD_BYTES } from '../shared/files';
import type { Config } from './config';
import { type CodeSender, LogSender, SmtpSender } from './core/auth/sender';
import type { Database } from './core/db/client';
import { SearchSlots } from './core/db/search-slots';
import { AppError } from './core/errors';
import { EventBus } from './core/events/bus';
import { StreamGuard } from './core/events/event-stream';
import { OutboxDispatcher } from './core/events/outbox';
import { createFileStore } from './core/files/choose';
import type { FileStore } from './core/files/store';
import { authenticate } from './core/http/access';
import { registerApiDocs } from './core/http/api-docs';
import { type AppContext, decorateRequests } from './core/http/context';
import { sendError, toAppError } from './core/http/errors';
import { registerInputGuards } from './core/http/input-guards';
import { appMetricSource, countRateLimited, registerMetrics } from './core/http/metrics';
import { createOpenApiTransform, openApiTransformObject } from './core/http/openapi-transform';
import { indexWithMeta, pageMetaFor } from './core/http/page-meta';
import { resolveRegion, rewriteRegionPrefix } from './core/http/region-resolution';
import { compiledSerializer } from './core/http/serializer';
import { isAppPage, isFilePath } from './core/http/web-pages';
import type { SimpulModule } from './core/modules/types';
import { NotificationDelivery } from './core/notifications/delivery';
import { PushSender } from './core/notifications/push-sender';
import { loadVapidKeys } from './core/notifications/vapid';
import { fromRoot } from './core/paths';
import { RegionDirectory } from './core/regions/directory';
import { type DomainProbe, httpProbe } from './core/regions/domains';
import { registerCoreRoutes } from './core/routes';
import { TaskScheduler } from './core/tasks/scheduler';
import { modules as allModules, checkModules } from './modules';

export type BuildOptions = {
  config: Config;
  database: Database;
  modules?: readonly SimpulModule[];
  files?: FileStore;
  sender?: CodeSender;
  /** How a pending host name's HTTP proof is fetched (default: http://<domain>/…, port 80). */
  domainProbe?: DomainProbe;
  /** Background work (outbox sweep, scheduled tasks). Off in most tests. */
  background?: boolean;
  logger?: boolean;
};

/**
 * JSON lines with `time` as an ISO 8601 string and `level` as its name ("info"): what log
 * shippers (Loki, Elasticsearch, CloudWatch) parse without mapping. The timestamp function is
 * pino's `stdTimeFunctions.isoTime`, written out (pino comes with Fastify, not as our dependency).
 */
export const loggerOptions = (level: string) => ({
  level,
  timestamp: () => `,"time":"${new Date().toISOString()}"`,
  formatters: { level: (label: string) => ({ level: label }) },
});

const webDist = fromRoot('web/dist');

/** Builds the whole HTTP application. Used by main.ts and by every HTTP test (app.inject). */
export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const { config, database } = opts;
  const modules = opts.modules ?? allModules;
  checkModules(modules);

  const app = Fastify({
    logger: opts.logger === false ? false : loggerOptions(config.logLevel),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : crypto.randomUUID();
    },
    requestIdHeader: false,
    // One access-log line per request (below) instead of Fastify's two: half the log volume.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    trustProxy: config.trustProxy,
    rewriteUrl: (req) => rewriteRegionPrefix(req),
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.setValidatorCompiler(validatorCompiler);
  // Tests serialise responses with zod (a response that breaks its schema fails loudly); elsewhere
  // the same schemas are compiled once per route into fast-json-stringify, ~3× faster.
  if (config.env !== 'test') app.setSerializerCompiler(compiledSerializer);
  else app.setSerializerCompiler(serializerCompiler);

  const directory = new RegionDirectory(database, (err) =>
    app.log.warn({ err }, 'region directory reload after NOTIFY failed'),
  );
  const bus = new EventBus(database);
  const sender =
    opts.sender ??
    (config.smtpUrl
      ? new SmtpSender(config.smtpUrl, config.mailFrom, new LogSender((l) => app.log.info(l)))
      : new LogSender((l) => app.log.info(l)));
  const notifications = new NotificationDelivery(
    database,
    directory,
    new PushSender(await loadVapidKeys(database, config), config.push.subject),
    sender,
    (m, err) => app.log.error({ err }, m),
  );
  const ctx: AppContext = {
    config,
    database,
    directory,
    bus,
    streams: new StreamGuard(config.streamLimits),
    searches: new SearchSlots(config.searchSlots.concurrency, config.searchSlots.queue),
    files: opts.files ?? (await createFileStore(config.files)),
    sender,
    domainProbe: opts.domainProbe ?? httpProbe,
    notifications,
    modules,
  };
  app.decorate('simpul', ctx);
  decorateRequests(app);

  await directory.start();
  await bus.start();
  const outbox = new OutboxDispatcher(database, directory, modules, (m, err) => app.log.error({ err }, m));
  const scheduler = new TaskScheduler(
    database,
    directory,
    modules,
    (m, err, fields) => app.log.error({ err, ...fields }, m),
    ctx.sender,
    (m, fields) => app.log.warn(fields, m),
    ctx.files,
  );
  if (opts.background !== false) {
    outbox.start(bus);
    scheduler.start();
    await notifications.start();
  }
  app.addHook('onClose', async () => {
    outbox.stop();
    await scheduler.stop();
    await notifications.stop();
    await bus.stop();
    await directory.stop();
    // A store the app made is the app's to close; one passed in belongs to the caller.
    if (!opts.files) ctx.files.close?.();
  });

  // The request line is built only when it is logged (production runs at info; benches silent).
  const INFO_OR_BELOW = new Set(['trace', 'debug', 'info']);
  // Hooks on every request are synchronous where they can be: an async hook costs a promise and a
  // microtask per request (issue 19: the region-scoped read against a bare route, bench/http.ts).
  app.addHook('onResponse', (req, reply, done) => {
    if (INFO_OR_BELOW.has(req.log.level))
      req.log.info(
        {
          method: req.method,
          route: req.routeOptions.url ?? null,
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime * 10) / 10,
          region: req.region?.code ?? null,
        },
        'request',
      );
    done();
  });
  await app.register(cookie, { secret: config.sessionSecret });
  // Security headers: helmet's middleware built once (the Fastify wrapper rebuilds it per request).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // https: stays for basemap tiles from a URL template, whose host the deployment (MAP_TILE_URL)
        // or the region admin chooses (shared/map.ts). A self-hosted PMTiles basemap is same-origin.
        // Region logos are same-origin uploads.
        imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  // Helmet's headers depend on nothing in the request: they are taken once from a dry run of its
  // middleware and set in one call per request (its 12 middlewares cost ~2% of a hot read).
  const securityHeaderValues = helmetHeaders(securityHeaders);
  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-request-id', req.id);
    for (const [name, value] of securityHeaderValues) reply.raw.setHeader(name, value);
    done();
  });
  await app.register(rateLimit, {
    max: config.rateLimitPerMinute,
    timeWindow: '1 minute',
    errorResponseBuilder: (_req, ctx) =>
      Object.assign(new AppError('RATE_LIMITED'), { statusCode: ctx.statusCode, limiter: 'global' }),
  });
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 5, fields: 20 } });
  registerMetrics(app, appMetricSource(database, bus, ctx.searches), config.metricsToken);
  registerInputGuards(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Simpul API',
        version: '0.1.0',
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
        description:
          'API of Simpul. Every path also works under the region path prefix `/r/{slug}` (single-domain deployments); otherwise the region is found by host name. Errors use one envelope: `{error:{code,message,messages:{id,en},details,requestId}}`.',
      },
      // Replaced per request by the region's own address (GET /api/openapi.json).
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'simpul_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: createOpenApiTransform(Object.assign({}, ...modules.map((m) => m.openapi ?? {}))),
    // Puts the schemas named with `.meta({ id })` into components.schemas (their $refs resolve).
    transformObject: openApiTransformObject,
  });
  // Every /api route must say who may call it: a route without `config.access` is a bug.
  // The API reference (a third-party plugin) belongs to no region.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) route.config = { ...route.config, access: 'none' };
    else if (route.url.startsWith('/api/') && !route.config?.access)
      throw new Error(`route ${route.method} ${route.url} declares no config.access`);
    // A replica is seconds behind and read-only: only anonymous-safe reads may opt in.
    const methods = ([] as string[]).concat(route.method);
    if (
      route.config?.replica &&
      (route.config.access !== 'public' || methods.some((m) => m !== 'GET' && m !== 'HEAD'))
    )
      throw new Error(
        `route ${route.method} ${route.url}: config.replica is for GET routes with access 'public'`,
      );
  });

  await registerApiDocs(app, { directory, defaultRegionCode: config.defaultRegionCode });

  // The access check hangs on the MATCHED route and its declared access, never on the raw URL:
  // whatever spelling of a path reaches a handler (`/%61pi/…`, `/api//…`), its check runs first.
  // Synchronous when the region's module switches and the session are cached (nearly always): a
  // promise only when something has to be loaded.
  const checkAccess = (req: FastifyRequest): void | Promise<void> => {
    if (!req.routeOptions.url) return; // no route matched: the not-found handler answers
    const access = req.routeOptions.config?.access;
    if (access === 'none') return;
    // Only routes registered by plugins outside the API (the web app's static files) declare
    // nothing; onRoute refuses an /api route without access, so this is never an API handler.
    if (access === undefined) {
      if (req.routeOptions.url.startsWith('/api')) throw new AppError('INTERNAL');
      return;
    }
    const { region, basePath } = resolveRegion(req, directory, config.defaultRegionCode);
    req.region = region;
    req.basePath = basePath;
    // A disabled module does not exist for that region (checked before any permission).
    const moduleId = req.routeOptions.config.module;
    if (!moduleId) return authenticate(req, ctx, modules);
    const states = directory.loadedModuleStates(region.id);
    if (states) {
      if (!states.get(moduleId)?.enabled) throw new AppError('MODULE_DISABLED');
      return authenticate(req, ctx, modules);
    }
    return directory.isModuleEnabled(region.id, moduleId).then((enabled) => {
      if (!enabled) throw new AppError('MODULE_DISABLED');
      return authenticate(req, ctx, modules);
    });
  };
  app.addHook('onRequest', (req, _reply, done) => {
    let pending: void | Promise<void>;
    try {
      pending = checkAccess(req);
    } catch (err) {
      return done(err as Error);
    }
    if (pending) pending.then(() => done(), done);
    else done();
  });

  app.setErrorHandler((err, req, reply) => {
    const appErr = toAppError(err);
    if (appErr.code === 'RATE_LIMITED') countRateLimited(req, (err as { limiter?: string }).limiter);
    if (appErr.status >= 500) req.log.error({ err }, 'request failed');
    else req.log.info({ code: appErr.code }, 'request rejected');
    return sendError(req, reply, appErr);
  });

  // The document names the server of the region the request resolved to (host or /r/<slug>), so
  // generated clients and the reference page's snippets carry a real address. The cached document
  // is never changed: each answer is a shallow copy with its own `servers`.
  app.get('/api/openapi.json', { config: { access: 'none' }, schema: { hide: true } }, async (req) => {
    const { region, basePath } = resolveRegion(req, directory, config.defaultRegionCode);
    const doc = app.swagger();
    return {
      ...doc,
      info: { ...doc.info, title: `API ${region.name}` },
      servers: [{ url: `${req.protocol}://${req.host}${basePath}`, description: region.name }],
    };
  });
  await registerCoreRoutes(app, modules);

  // A module's routes (/api/m/<id>) and its mounts (e.g. /open311/v2) carry the module's id: the
  // hook above resolves their region, checks the module switch and enforces their access.
  const mount = (m: SimpulModule, prefix: string, routes: (scope: FastifyInstance) => Promise<void>) =>
    app.register(
      async (scope) => {
        scope.addHook('onRoute', (route) => {
          if (!route.config?.access)
            throw new Error(`route ${route.method} ${route.url} declares no config.access`);
          route.config = { ...route.config, module: m.id };
        });
        await routes(scope);
      },
      { prefix },
    );
  for (const m of modules) {
    if (m.routes) await mount(m, `/api/m/${m.id}`, m.routes);
    for (const extra of m.mounts ?? []) await mount(m, extra.prefix, extra.routes);
  }
  // The first path segment of every mount (e.g. /open311) is API space, like /api: never the web app.
  const firstSegment = (url: string) => url.split(/[/?#]/)[1] ?? '';
  const mountRoots = new Set(modules.flatMap((m) => (m.mounts ?? []).map((x) => firstSegment(x.prefix))));

  const hasWeb = existsSync(path.join(webDist, 'index.html'));
  const moduleIds = new Set(modules.map((m) => m.id));
  if (hasWeb)
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: false,
      // The manifest is per region (core/regions/manifest.ts); a stale built one must not shadow it.
      // The .br/.gz twins are found by `preCompressed` beside their file, not through routes of their
      // own: two of every three files, whose GET + HEAD routes took ≈ 0.2 s of every start.
      globIgnore: ['manifest.webmanifest', '**/*.br', '**/*.gz'],
      preCompressed: true,
      // Hashed file names under /assets/ never change: cache them for a year. Everything else
      // (index.html, sw.js, manifest) is revalidated so a deploy reaches phones at once.
      cacheControl: false,
      setHeaders: (reply, filePath) =>
        reply.header(
          'cache-control',
          filePath.includes(`${path.sep}assets${path.sep}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        ),
    });
  app.setNotFoundHandler(async (req, reply) => {
    // index.html links the manifest relatively: from a deep page (/r/x/layanan/laksa) it asks
    // /r/x/layanan/manifest.webmanifest; send it to the region's one.
    if (req.method === 'GET' && /\/manifest\.webmanifest$/.test(req.url.split('?')[0]!)) {
      const prefix = /^\/r\/[a-z0-9-]+(?=\/)/.exec(req.originalUrl)?.[0] ?? '';
      return reply.header('cache-control', 'public, max-age=300').redirect(`${prefix}/manifest.webmanifest`);
    }
    const pathname = req.url.split('?')[0]!;
    const wantsPage =
      (req.method === 'GET' || req.method === 'HEAD') &&
      !pathname.startsWith('/api/') &&
      !mountRoots.has(firstSegment(pathname)) &&
      !isFilePath(pathname) &&
      (req.headers.accept ?? '').includes('text/html');
    // An unknown path still gets the app (its "tidak ditemukan" page, with links home) but with
    // the status that says so (web-pages.ts).
    if (wantsPage && hasWeb && isAppPage(pathname, moduleIds)) {
      // A module page with share-preview facts (an Info Kota article) gets them in its HTML.
      const meta = await pageMetaFor(req, pathname, {
        database,
        directory,
        defaultRegionCode: config.defaultRegionCode,
        modules,
      }).catch((err) => {
        req.log.warn({ err }, 'page meta failed; sending the plain page');
        return null;
      });
      if (meta)
        return reply
          .header('cache-control', 'no-cache')
          .type('text/html; charset=utf-8')
          .send(await indexWithMeta(webDist, meta));
    }
    if (wantsPage && hasWeb)
      return reply
        .code(isAppPage(pathname, moduleIds) ? 200 : 404)
        .header('cache-control', 'no-cache')
        .sendFile('index.html');
    return sendError(req, reply, new AppError('NOT_FOUND'));
  });

  return app;
}

/** The headers a helmet middleware sets, from one dry run (it reads nothing from the request). */
function helmetHeaders(middleware: ReturnType<typeof helmet>): [string, string][] {
  const headers: [string, string][] = [];
  const res = {
    setHeader: (name: string, value: string) => headers.push([name, String(value)]),
    removeHeader: () => {},
  };
  let done = false;
  middleware({} as never, res as never, (err?: unknown) => {
    if (err) throw err;
    done = true;
  });
  if (!done) throw new Error('helmet did not finish synchronously');
  return headers;
}
