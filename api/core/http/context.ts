import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../config';
import type { CodeSender } from '../auth/sender';
import { SESSION_COOKIE, type SessionUser } from '../auth/sessions';
import type { Database, Tx } from '../db/client';
import { inRegion, type ReadOptions, readInRegion } from '../db/scope';
import type { SearchSlots } from '../db/search-slots';
import { AppError } from '../errors';
import type { EventBus } from '../events/bus';
import type { StreamGuard } from '../events/event-stream';
import type { FileStore } from '../files/store';
import type { SimpulModule } from '../modules/types';
import type { NotificationDelivery } from '../notifications/delivery';
import type { RegionDirectory, RegionRecord } from '../regions/directory';
import type { DomainProbe } from '../regions/domains';

/**
 * Who may call a route. Every /api route declares one (checked when routes are registered):
 * 'public' (anyone), 'user' (any signed-in account of the region) or a permission `module:action`.
 * 'none' marks routes outside any region (health, metrics, docs).
 */
export type Access = 'none' | 'public' | 'user' | `${string}:${string}`;

/** Everything a request handler or module can reach. Built once in buildApp. */
export type AppContext = {
  config: Config;
  database: Database;
  directory: RegionDirectory;
  bus: EventBus;
  /** Caps on open live streams (per session, per address) in this process. */
  streams: StreamGuard;
  /** Full-text searches take turns on a few database slots in this process (core/db/search-slots.ts). */
  searches: SearchSlots;
  files: FileStore;
  sender: CodeSender;
  /** Fetches a pending host name's proof over HTTP (tests point it at their own server). */
  domainProbe: DomainProbe;
  /** Delivers queued notifications (Web Push, e-mail); `drain(regionId)` delivers what is due now. */
  notifications: NotificationDelivery;
  /** The modules this app runs (api/modules.ts, or a test's list), e.g. to collect their `openData`. */
  modules: readonly SimpulModule[];
};

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** The session cookie is not read at all (anonymous beacons): no user, no CSRF check. */
    anonymous?: boolean;
    /** Set by app.ts on every route of a module: the module must be enabled in the region. */
    module?: string;
    /**
     * Its reads may be served by a read replica, a few seconds behind, when the request carries
     * no session cookie (docs/SCALING.md §3). Only GET routes with access 'public' (app.ts checks).
     */
    replica?: boolean;
  }
  interface FastifyInstance {
    simpul: AppContext;
  }
  interface FastifyRequest {
    /** The region this request belongs to (by host name or /r/<slug>/ prefix). */
    region: RegionRecord;
    /** The signed-in account, if any. */
    user: SessionUser | null;
    /** Permissions of `user` in this region (empty when signed out). */
    permissions: ReadonlySet<string>;
    /** Base path the client should use for this region ('' or '/r/<slug>'). */
    basePath: string;
    /** Runs work in one transaction confined to this request's region (row-level security). */
    inRegion<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
    /**
     * Reads (a READ ONLY transaction) confined to this request's region: on a read replica when
     * readOptions() allows it, else on the primary. A NOT_FOUND on a replica is retried on the primary.
     */
    readPublic<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
    /**
     * How this request's reads may go (readInRegion's options): to a replica only on a route that
     * opted in and without a session cookie, so a signed-in citizen reads what they just wrote.
     */
    readOptions(): ReadOptions;
    /** The signed-in account as an event actor; throws UNAUTHENTICATED when signed out. */
    actor(): { id: string; name: string };
  }
}

export function decorateRequests(app: FastifyInstance) {
  app.decorateRequest('region', null as unknown as RegionRecord);
  app.decorateRequest('user', null);
  app.decorateRequest('permissions', null as unknown as ReadonlySet<string>);
  app.decorateRequest('basePath', '');
  app.decorateRequest('inRegion', function <T>(this: FastifyRequest, work: (tx: Tx) => Promise<T>) {
    return inRegion(app.simpul.database, { regionId: this.region.id, userId: this.user?.userId }, work);
  });
  app.decorateRequest('readOptions', function (this: FastifyRequest): ReadOptions {
    return { replica: this.routeOptions.config.replica === true && !this.cookies[SESSION_COOKIE] };
  });
  app.decorateRequest('readPublic', function <T>(this: FastifyRequest, work: (tx: Tx) => Promise<T>) {
    const scope = { regionId: this.region.id, userId: this.user?.userId };
    return readInRegion(app.simpul.database, scope, work, this.readOptions());
  });
  app.decorateRequest('actor', function (this: FastifyRequest) {
    if (!this.user) throw new AppError('UNAUTHENTICATED');
    return { id: this.user.userId, name: this.user.name };
  });
}
