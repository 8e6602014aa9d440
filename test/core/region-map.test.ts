import { describe, expect, it } from 'vitest';
import { RegionMap } from '../../api/core/cache/region-map';
import { deferred } from '../support/deferred';

describe('RegionMap', () => {
  it('answers a value only to the region that stored it', () => {
    const map = new RegionMap<string>();
    map.set('a', 'k', 'of a');
    expect(map.get('a', 'k')).toBe('of a');
    expect(map.get('b', 'k')).toBeUndefined();
  });

  it('does not keep a value read before the region was forgotten', async () => {
    // A cache fill that began before a change committed answers after the change forgot the
    // region: keeping it would serve the old data until it expires.
    const map = new RegionMap<string>();
    const slowRead = deferred<string>();
    const fill = (async () => {
      const since = map.stamp('a');
      map.set('a', '', await slowRead.promise, since);
    })();
    map.set('b', '', 'of b', map.stamp('b'));
    map.forgetRegion('a'); // the change committed
    slowRead.resolve('before the change');
    await fill;
    expect(map.get('a')).toBeUndefined();
    expect(map.get('b')).toBe('of b'); // another region's forget does not touch it

    const since = map.stamp('a');
    map.set('a', '', 'after the change', since);
    expect(map.get('a')).toBe('after the change');
  });

  it('clears a region that reaches its limit before taking a new key', () => {
    const map = new RegionMap<number>(2);
    map.set('a', 'x', 1);
    map.set('a', 'y', 2);
    map.set('a', 'x', 3); // an existing key is replaced, nothing cleared
    expect([map.get('a', 'x'), map.get('a', 'y')]).toEqual([3, 2]);
    map.set('a', 'z', 4);
    expect([map.get('a', 'x'), map.get('a', 'y'), map.get('a', 'z')]).toEqual([undefined, undefined, 4]);
  });
});
