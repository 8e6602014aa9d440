/**
 * An in-process map whose entries belong to one region each: every read and write names the
 * region, so a value computed for region A can never be answered to region B, whatever key a
 * request sends (an id of B's record looked up from A finds nothing). Module caches, memos and
 * progress maps hold region data in this, never in a bare Map (test/core/architecture.test.ts).
 */
export class RegionMap<V> {
  private readonly regions = new Map<string, Map<string, V>>();
  /** How many times each region was forgotten: a load begun before a forget is not kept. */
  private readonly forgotten = new Map<string, number>();

  constructor(private readonly maxEntriesPerRegion = Number.POSITIVE_INFINITY) {}

  get(regionId: string, key = ''): V | undefined {
    return this.regions.get(regionId)?.get(key);
  }

  /** Take this before reading what `set` will keep, and pass it to `set` (see there). */
  stamp(regionId: string): number {
    return this.forgotten.get(regionId) ?? 0;
  }

  /**
   * Keeps a value. With `since` (a `stamp` taken before the value was read), a value read before
   * the region was last forgotten is dropped: a slow read that began before a change committed
   * would otherwise bring the old data back after the change's `forgetRegion`.
   */
  set(regionId: string, key: string, value: V, since?: number): void {
    if (since !== undefined && since !== this.stamp(regionId)) return;
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
    this.forgotten.set(regionId, this.stamp(regionId) + 1);
  }
}
