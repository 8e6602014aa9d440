import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { region, regionDomain, regionModule } from '../db/schema';
import { inRegion } from '../db/scope';
import { APP_ROLE } from '../db/tenancy';
import { normaliseHost } from './domains';

export type RegionRecord = typeof region.$inferSelect & {
  /** Verified host names: the ones that serve the region. */
  domains: string[];
  /** Host names waiting for their proof or a platform admin's approval. */
  pendingDomains: { domain: string; token: string }[];
};
export type RegionModuleState = { enabled: boolean; settings: Record<string, unknown> };

/** Channel that tells every process to drop its cached copy of a region. */
export const REGION_CACHE_CHANNEL = 'simpul_region_cache';

/**
 * In-memory directory of regions (by id, slug, code and host name) and of each region's module
 * switches, so resolving a request's region costs no query. Every process refreshes its copy
 * when any process announces a change (LISTEN/NOTIFY on REGION_CACHE_CHANNEL).
 */
export class RegionDirectory {
  private byId = new Map<string, RegionRecord>();
  private bySlug = new Map<string, RegionRecord>();
  private byCode = new Map<string, RegionRecord>();
  private byDomain = new Map<string, RegionRecord>();
  private pendingByToken = new Map<string, { domain: string; regionId: string }>();
  private modules = new Map<string, Promise<Map<string, RegionModuleState>>>();
  /** The same maps once loaded, for the request path's synchronous check (no await when cached). */
  private loadedModules = new Map<string, Map<string, RegionModuleState>>();
  private unlisten: (() => Promise<void>) | null = null;
  /** The reload running now, and the one queued behind it (see `reload`). */
  private loading: Promise<void> | null = null;
  private loadingNext: Promise<void> | null = null;
  /** After `stop`: no reload reads any more (the database is about to close). */
  private stopped = false;

  constructor(
    private readonly database: Database,
    /** A reload woken by NOTIFY that failed: the copy stays as it was until the next change. */
    private readonly onReloadError: (err: unknown) => void = () => {},
  ) {}

  async start(): Promise<void> {
    await this.reload();
    this.unlisten = await this.database.listen(REGION_CACHE_CHANNEL, (regionId) => {
      this.forgetModules(regionId);
      this.reload().catch(this.onReloadError);
    });
  }

  /** Stops listening, and lets a reload in flight or queued finish before the database closes. */
  async stop(): Promise<void> {
    await this.unlisten?.();
    this.stopped = true;
    await Promise.allSettled([this.loading, this.loadingNext]);
  }

  /**
   * Loads regions and domains again. Reloads run one at a time: one asked for while another runs
   * starts when that one ends (several such asks share it), so it reads after every change its
   * callers made, and an older read (e.g. one woken by an earlier NOTIFY) never lands after a
   * newer one and brings back what was just changed.
   */
  reload(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (!this.loading) {
      this.loading = this.load().finally(() => {
        this.loading = null;
      });
      return this.loading;
    }
    this.loadingNext ??= this.loading
      .catch(() => {})
      .then(() => {
        this.loadingNext = null;
        return this.reload();
      });
    return this.loadingNext;
  }

  /** Reads regions and domains; both tables are readable by the app role without a region. */
  private async load(): Promise<void> {
    const { regions, domains } = await this.database.run(() =>
      this.database.db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('role', ${APP_ROLE}, true)`);
        return { regions: await tx.select().from(region), domains: await tx.select().from(regionDomain) };
      }),
    );
    const byId = new Map<string, RegionRecord>();
    for (const r of regions) byId.set(r.id, { ...r, domains: [], pendingDomains: [] });
    const pending = new Map<string, { domain: string; regionId: string }>();
    for (const d of domains) {
      if (d.verifiedAt) byId.get(d.regionId)?.domains.push(d.domain);
      else if (d.token) {
        byId.get(d.regionId)?.pendingDomains.push({ domain: d.domain, token: d.token });
        pending.set(d.token, { domain: d.domain, regionId: d.regionId });
      }
    }
    this.pendingByToken = pending;
    this.byId = byId;
    this.bySlug = new Map([...byId.values()].map((r) => [r.slug, r]));
    this.byCode = new Map([...byId.values()].map((r) => [r.code, r]));
    this.byDomain = new Map([...byId.values()].flatMap((r) => r.domains.map((d) => [d, r] as const)));
  }

  /** Announces a change to every process (including this one). Call after the change commits. */
  async invalidate(regionId: string): Promise<void> {
    this.forgetModules(regionId);
    await this.reload();
    await this.database.run(() =>
      this.database.db.execute(sql`select pg_notify(${REGION_CACHE_CHANNEL}, ${regionId})`),
    );
  }

  get(id: string) {
    return this.byId.get(id);
  }
  getBySlug(slug: string) {
    return this.bySlug.get(slug);
  }
  getByCode(code: string) {
    return this.byCode.get(code);
  }
  /** The region a Host header names (in any spelling: case, port, trailing dot, IDNA). */
  getByHost(host: string) {
    const name = normaliseHost(host);
    return name ? this.byDomain.get(name) : undefined;
  }
  /** The pending host name whose proof token this is (served on that host only). */
  pendingProof(token: string) {
    return this.pendingByToken.get(token);
  }
  all(): RegionRecord[] {
    return [...this.byId.values()];
  }

  /** Module switches of a region (rows absent = module off). */
  moduleStates(regionId: string): Promise<Map<string, RegionModuleState>> {
    let p = this.modules.get(regionId);
    if (!p) {
      p = inRegion(this.database, { regionId }, (tx) =>
        tx.select().from(regionModule).where(eq(regionModule.regionId, regionId)),
      ).then((rows) => {
        const states = new Map(rows.map((r) => [r.moduleId, { enabled: r.enabled, settings: r.settings }]));
        // Only if still current: an invalidation while loading must not be undone by a late answer.
        if (this.modules.get(regionId) === p) this.loadedModules.set(regionId, states);
        return states;
      });
      p.catch(() => this.modules.delete(regionId));
      this.modules.set(regionId, p);
    }
    return p;
  }

  private forgetModules(regionId: string) {
    this.modules.delete(regionId);
    this.loadedModules.delete(regionId);
  }

  /** Module switches already in memory, or undefined (then `moduleStates`). */
  loadedModuleStates(regionId: string): Map<string, RegionModuleState> | undefined {
    return this.loadedModules.get(regionId);
  }

  async isModuleEnabled(regionId: string, moduleId: string): Promise<boolean> {
    return (await this.moduleStates(regionId)).get(moduleId)?.enabled ?? false;
  }
}
