import pLimit, { type LimitFunction } from 'p-limit';
import { AppError } from '../errors';
import { searchRejections } from '../metrics';

/**
 * The full-text searches of one API process take turns on a few database slots
 * (`SEARCH_CONCURRENCY`, default 3); the others wait, first come first served, and past
 * `SEARCH_QUEUE` waiting a search is answered 503 at once instead of piling up.
 *
 * Why: a search costs the database 1–8 ms of CPU (bench/laksa: the index door, then the page),
 * ten times an inbox page. Eight at once on a 2-core database each ran at a quarter of its speed,
 * and every request beside them (the inbox, a report being filed) queued behind them for the CPU:
 * a long multi-word search stretched past 200 ms. In turn each runs at full speed, and a burst of
 * searches (several operators typing, or one client hammering) cannot hold every core.
 * The queue is p-limit's (sindresorhus/p-limit: FIFO, counts active and pending work).
 */
export class SearchSlots {
  readonly #limit: LimitFunction;
  readonly #queue: number;

  constructor(concurrency: number, queue: number) {
    this.#limit = pLimit(concurrency);
    this.#queue = queue;
  }

  /** Runs `search` in its turn; refuses at once (503 UNAVAILABLE) when the queue is full. */
  run<T>(search: () => Promise<T>): Promise<T> {
    if (this.#limit.activeCount >= this.#limit.concurrency && this.#limit.pendingCount >= this.#queue) {
      searchRejections.inc();
      return Promise.reject(
        new AppError('UNAVAILABLE', {
          messages: {
            id: 'Terlalu banyak pencarian sedang berjalan. Coba lagi sebentar lagi.',
            en: 'Too many searches are running. Try again in a moment.',
          },
        }),
      );
    }
    return this.#limit(search);
  }

  /** Searches running and waiting now. */
  get load() {
    return { running: this.#limit.activeCount, waiting: this.#limit.pendingCount };
  }
}
