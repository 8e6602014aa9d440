import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { invalid } from '../errors';
import { hashPassword } from './password';

/**
 * zxcvbn score a chosen password must reach. 3 means the estimate is at least 10^8 guesses:
 * far beyond what an online attacker gets through the sign-in limits (rate-limits.ts,
 * sign-in-throttle.ts), and with argon2id (~50 ms a guess) months of work for a stolen hash
 * per account. Score 4 (10^10) would also refuse many memorable passphrases, which pushes people
 * to write passwords down; 2 and below is the top-million-password territory spraying finds.
 */
export const MIN_PASSWORD_SCORE = 3;

/** What a person's own details say about their likely password: name, phone, e-mail, region. */
export type PasswordContext = {
  name?: string | null;
  phone?: string | null;
  email?: string | null;
  regionName?: string | null;
};

type Checker = {
  zxcvbn: ZxcvbnFactory;
  warnings: { id: Record<string, string>; en: Record<string, string> };
  suggestions: { id: Record<string, string>; en: Record<string, string> };
};

// The dictionaries are several megabytes: loaded on the first password someone chooses, once per
// process, not at start-up (most processes serve far more sign-ins than sign-ups).
let checker: Promise<Checker> | undefined;
function loadChecker(): Promise<Checker> {
  checker ??= (async () => {
    const [{ ZxcvbnFactory }, common, id, en] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-id'),
      import('@zxcvbn-ts/language-en'),
    ]);
    return {
      // Feedback comes back as plain keys (no translations given), so both languages can be looked up.
      // Levenshtein matching stays off: it costs ~10x the CPU on the event loop for little gain.
      zxcvbn: new ZxcvbnFactory({
        dictionary: { ...common.dictionary, ...id.dictionary, ...en.dictionary },
        graphs: common.adjacencyGraphs,
      }),
      warnings: { id: id.translations.warnings, en: en.translations.warnings },
      suggestions: { id: id.translations.suggestions, en: en.translations.suggestions },
    };
  })();
  checker.catch(() => {
    checker = undefined;
  });
  return checker;
}

/** Words a guesser would try first for this person: each part of the name, e-mail, phone and region. */
export function passwordUserInputs(ctx: PasswordContext): string[] {
  const out = new Set<string>();
  const words = (s: string | null | undefined) => {
    if (!s) return;
    const lower = s.toLowerCase();
    out.add(lower);
    const parts = lower.split(/[^\p{L}\p{N}]+/u).filter((p) => p.length >= 3);
    for (const p of parts) out.add(p);
    if (parts.length > 1) out.add(parts.join(''));
  };
  words(ctx.name);
  words(ctx.email);
  words(ctx.regionName);
  if (ctx.phone) {
    const digits = ctx.phone.replace(/\D/g, '');
    out.add(digits);
    // +62812… is typed as 0812… or 812… far more often than as 62812….
    if (digits.startsWith('62')) {
      out.add(`0${digits.slice(2)}`);
      out.add(digits.slice(2));
    }
    // The tail of the number is a favourite suffix ("nama" + last digits of the phone).
    out.add(digits.slice(-4));
    out.add(digits.slice(-6));
  }
  return [...out];
}

/**
 * Refuses a password a person chose when it is common or guessable from their own details
 * (VALIDATION_FAILED, the reason in Indonesian and English, details on `field`). Only for chosen
 * passwords: seeded demo accounts are hashed directly.
 */
export async function assertStrongPassword(
  password: string,
  ctx: PasswordContext,
  field = 'body.password',
): Promise<void> {
  const c = await loadChecker();
  const result = c.zxcvbn.check(password, passwordUserInputs(ctx));
  if (result.score >= MIN_PASSWORD_SCORE) return;
  const warning = result.feedback.warning;
  const suggestion = result.feedback.suggestions[0];
  const reason =
    warning && c.warnings.id[warning] && c.warnings.en[warning]
      ? { id: c.warnings.id[warning], en: c.warnings.en[warning] }
      : suggestion && c.suggestions.id[suggestion] && c.suggestions.en[suggestion]
        ? { id: c.suggestions.id[suggestion], en: c.suggestions.en[suggestion] }
        : { id: 'Tambahkan lebih banyak kata yang kurang umum.', en: 'Add more words that are less common.' };
  const messages = {
    id: `Kata sandi terlalu mudah ditebak: ${reason.id}`,
    en: `The password is too easy to guess: ${reason.en}`,
  };
  throw invalid(messages, [
    {
      path: field,
      code: 'custom',
      // "Indonesian / English", the form the web app's field messages read (web/src/core/validation.ts).
      message: `${messages.id} / ${messages.en}`,
      reason: warning ?? suggestion ?? 'weak',
      score: result.score,
    },
  ]);
}

/** The hash of a newly chosen password, after the strength check (hashing runs outside transactions). */
export async function hashChosenPassword(
  password: string,
  ctx: PasswordContext,
  field = 'body.password',
): Promise<string> {
  await assertStrongPassword(password, ctx, field);
  return hashPassword(password);
}
