import { AppError } from '../../core/errors';

/**
 * Panic-button flood guard (the same rule as LAKSA intake): at most `limit` presses per hour per citizen
 * and per IP address (fixed one-hour windows, kept in this process's memory; with several API
 * processes each enforces its own share, which is fine for a flood guard).
 */
export class PanicLimiter {
  private windows = new Map<string, { count: number; resetAt: number }>();

  /** Throws RATE_LIMITED when any key has used up its window. Counts nothing (see `hit`). */
  check(limits: [key: string, limit: number][], now = Date.now()): void {
    if (this.windows.size > 50_000) this.sweep(now);
    for (const [key, limit] of limits) {
      const full = this.window(key, now);
      if (full.count < limit) continue;
      throw new AppError('RATE_LIMITED', {
        messages: {
          id: `Terlalu banyak permintaan darurat (maksimal ${limit} per jam). Untuk keadaan darurat, telepon 112.`,
          en: `Too many emergency requests (at most ${limit} an hour). In an emergency, call 112.`,
        },
        details: { retryAfterSeconds: Math.ceil((full.resetAt - now) / 1000) },
      });
    }
  }

  /** Counts one accepted press against each key (rejected ones do not use up the limit). */
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
