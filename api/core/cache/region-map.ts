/**
 * An in-process map whose entries belong to one region each: every read and write names the
 * region, so a value computed for region A can never be answered to region B, whatever key a
 * request sends (an id of B's record looked up from A finds nothing). Module caches, memos and
 * progress maps hold region data in this, never in a bare Map (test/core/architecture.test.ts).
 */
export class RegionMap<V> {
  private readonly regions = new Map<string, Map<string, V>>();

  constructor(private readonly maxEntriesPerRegion = Number.POSITIVE_INFINITY) {}

  get(regionId: string, key = ''): V | undefined {
    return this.regions.get(regionId)?.get(key);
  }

  set(regionId: string, key: string, value: V): void {
    let entries = this.regions.get(regionId);
    if (!entries) {
      entries = new Map();
      this.regions.set(regionId, entries);
    }
    if (entries.size >= this.maxEntriesPerRegion && !entries.has(key)) entries.clear();
    entries.set(key, value);
  }

  delete(regionId: string, key = ''): void {
    const entries = this.regions.get(regionId);
    entries?.delete(key);
    if (entries?.size === 0) this.regions.delete(regionId);
  }

  /** Drops everything of one region (its data changed). */
  forgetRegion(regionId: string): void {
    this.regions.delete(regionId);
  }
}
