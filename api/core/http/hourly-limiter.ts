import { AppError } from '../errors';

/**
 * Flood guard for citizen submissions (LAKSA reports, 112 panic presses): at most `limit` per
 * hour per key (citizen, device id, address), in fixed one-hour windows kept in this process's
 * memory. With several API processes each enforces its own share, which is fine for a flood guard.
 * Keys carry the region (the callers build them from region-scoped ids).
 */
export class HourlyLimiter {
  private windows = new Map<string, { count: number; resetAt: number }>();

  /** `refusal(limit)`: the message when a key has used up its window, in both languages. */
  constructor(private readonly refusal: (limit: number) => { id: string; en: string }) {}

  /** Throws RATE_LIMITED when any key has used up its window. Counts nothing (see `hit`). */
  check(limits: [key: string, limit: number][], now = Date.now()): void {
    if (this.windows.size > 50_000) this.sweep(now);
    for (const [key, limit] of limits) {
      const full = this.window(key, now);
      if (full.count < limit) continue;
      throw new AppError('RATE_LIMITED', {
        messages: this.refusal(limit),
        details: { retryAfterSeconds: Math.ceil((full.resetAt - now) / 1000) },
      });
    }
  }

  /** Counts one accepted submission against each key (rejected ones do not use up the limit). */
  hit(keys: string[], now = Date.now()): void {
    for (const key of keys) this.window(key, now).count++;
  }

  private window(key: string, now: number) {
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      w = { count: 0, resetAt: now + 3_600_000 };
      this.windows.set(key, w);
    }
    return w;
  }

  private sweep(now: number) {
    for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
  }
}
