import { describe, expect, it } from 'vitest';
import { SearchSlots } from '../../api/core/db/search-slots';
import { AppError } from '../../api/core/errors';
import { searchRejections } from '../../api/core/metrics';

/** A search that ends when the test says so. */
function pending() {
  let end!: (value: string) => void;
  let fail!: (err: Error) => void;
  const done = new Promise<string>((resolve, reject) => {
    end = resolve;
    fail = reject;
  });
  return { done, end, fail };
}

/** Lets p-limit start what it may (it hands out a freed slot on a later microtask). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('search slots', () => {
  it('runs at most `concurrency` searches at once, the others in the order they came', async () => {
    const slots = new SearchSlots(2, 10);
    const searches = Array.from({ length: 5 }, () => pending());
    const started: number[] = [];
    const results = searches.map((s, i) =>
      slots.run(() => {
        started.push(i);
        return s.done;
      }),
    );
    await settle();
    expect(started).toEqual([0, 1]);
    expect(slots.load).toEqual({ running: 2, waiting: 3 });

    searches[1]!.end('b');
    await settle();
    expect(started).toEqual([0, 1, 2]);
    // A failed search frees its slot too, and its caller gets its error.
    searches[0]!.fail(new Error('query failed'));
    await expect(results[0]).rejects.toThrow('query failed');
    await settle();
    expect(started).toEqual([0, 1, 2, 3]);
    for (const s of searches.slice(2)) s.end('ok');
    expect(await Promise.all(results.slice(1))).toEqual(['b', 'ok', 'ok', 'ok']);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(slots.load).toEqual({ running: 0, waiting: 0 });
  });

  it('answers 503 at once, in Indonesian and English, when every slot is busy and the queue is full', async () => {
    const slots = new SearchSlots(1, 1);
    const first = pending();
    const second = pending();
    const running = slots.run(() => first.done);
    const waiting = slots.run(() => second.done);
    await settle();

    const rejected = async () => (await searchRejections.get()).values[0]?.value ?? 0;
    const rejectedBefore = await rejected();
    let ran = false;
    const refused = await slots
      .run(async () => {
        ran = true;
      })
      .catch((err: unknown) => err);
    expect(ran).toBe(false);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).status).toBe(503);
    expect((refused as AppError).code).toBe('UNAVAILABLE');
    expect((refused as AppError).messages.id).toMatch(/pencarian/);
    expect((refused as AppError).messages.en).toMatch(/searches/);
    // Counted for /metrics (simpul_search_rejections_total).
    expect(await rejected()).toBe(rejectedBefore + 1);

    // Once the queue has room again, searches are taken.
    first.end('first');
    await settle();
    const third = slots.run(async () => 'third');
    second.end('second');
    expect(await Promise.all([running, waiting, third])).toEqual(['first', 'second', 'third']);
  });
});
