import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { region, regionDomain, regionModule } from '../db/schema';
import { inRegion } from '../db/scope';
import { APP_ROLE } from '../db/tenancy';

export type RegionRecord = typeof region.$inferSelect & { domains: string[] };
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
  private modules = new Map<string, Promise<Map<string, RegionModuleState>>>();
  private unlisten: (() => Promise<void>) | null = null;

  constructor(private readonly database: Database) {}

  async start(): Promise<void> {
    await this.reload();
    this.unlisten = await this.database.listen(REGION_CACHE_CHANNEL, (regionId) => {
      this.modules.delete(regionId);
      void this.reload();
    });
  }

  async stop(): Promise<void> {
    await this.unlisten?.();
  }

  /** Loads regions and domains; both tables are readable by the app role without a region. */
  async reload(): Promise<void> {
    const { regions, domains } = await this.database.run(() =>
      this.database.db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('role', ${APP_ROLE}, true)`);
        return { regions: await tx.select().from(region), domains: await tx.select().from(regionDomain) };
      }),
    );
    const byId = new Map<string, RegionRecord>();
    for (const r of regions) byId.set(r.id, { ...r, domains: [] });
    for (const d of domains) byId.get(d.regionId)?.domains.push(d.domain);
    this.byId = byId;
    this.bySlug = new Map([...byId.values()].map((r) => [r.slug, r]));
    this.byCode = new Map([...byId.values()].map((r) => [r.code, r]));
    this.byDomain = new Map([...byId.values()].flatMap((r) => r.domains.map((d) => [d, r] as const)));
  }

  /** Announces a change to every process (including this one). Call after the change commits. */
  async invalidate(regionId: string): Promise<void> {
    this.modules.delete(regionId);
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
  getByHost(host: string) {
    return (
      this.byDomain.get(host.toLowerCase()) ?? this.byDomain.get(host.toLowerCase().replace(/:\d+$/, ''))
    );
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
      ).then((rows) => new Map(rows.map((r) => [r.moduleId, { enabled: r.enabled, settings: r.settings }])));
      p.catch(() => this.modules.delete(regionId));
      this.modules.set(regionId, p);
    }
    return p;
  }

  async isModuleEnabled(regionId: string, moduleId: string): Promise<boolean> {
    return (await this.moduleStates(regionId)).get(moduleId)?.enabled ?? false;
  }
}
