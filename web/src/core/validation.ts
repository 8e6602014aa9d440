import type { Lang } from './i18n';

/** The subset of a zod issue we read (keeps this file free of a zod import). */
interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  format?: string;
  origin?: string;
}

type SafeParse = { success: true; data: unknown } | { success: false; error: { issues: Issue[] } };

const generic = {
  id: {
    required: 'Wajib diisi.',
    tooShort: (n: string) => `Minimal ${n} karakter.`,
    tooLong: (n: string) => `Maksimal ${n} karakter.`,
    tooSmall: (n: string) => `Minimal ${n}.`,
    tooBig: (n: string) => `Maksimal ${n}.`,
    email: 'Alamat e-mail tidak valid.',
    format: 'Format tidak valid.',
    digits6: 'Kode terdiri dari 6 digit angka.',
    invalid: 'Isian tidak valid.',
  },
  en: {
    required: 'Required.',
    tooShort: (n: string) => `At least ${n} characters.`,
    tooLong: (n: string) => `At most ${n} characters.`,
    tooSmall: (n: string) => `At least ${n}.`,
    tooBig: (n: string) => `At most ${n}.`,
    email: 'Invalid e-mail address.',
    format: 'Invalid format.',
    digits6: 'The code is 6 digits.',
    invalid: 'Invalid value.',
  },
};

/**
 * Localise one zod issue. The shared schemas carry bilingual messages "Indonesian / English";
 * zod's own defaults are English only, so those are replaced by our own wording.
 */
export function issueMessage(issue: Issue, lang: Lang): string {
  const g = generic[lang];
  if (issue.code === 'custom' || / \/ /.test(issue.message)) {
    const parts = issue.message.split(' / ');
    if (parts.length === 2) return (lang === 'id' ? parts[0] : parts[1]) ?? issue.message;
    return issue.message;
  }
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'string'
        ? g.tooShort(String(issue.minimum))
        : g.tooSmall(String(issue.minimum));
    case 'too_big':
      return issue.origin === 'string' ? g.tooLong(String(issue.maximum)) : g.tooBig(String(issue.maximum));
    case 'invalid_format':
      if (issue.format === 'email') return g.email;
      if (issue.format === 'regex' && /\\d\{6\}/.test(issue.message)) return g.digits6;
      return g.format;
    case 'invalid_type':
      return /received undefined/.test(issue.message) ? g.required : g.invalid;
    default:
      return g.invalid;
  }
}

export type FieldErrors = Record<string, string>;

/** Run a zod schema; map issues to `{field: message}` (first issue per top-level field). */
export function validate(
  schema: { safeParse: (v: unknown) => unknown },
  value: unknown,
  lang: Lang,
): { ok: true; data: unknown; errors: FieldErrors } | { ok: false; errors: FieldErrors } {
  const r = schema.safeParse(value) as SafeParse;
  if (r.success) return { ok: true, data: r.data, errors: {} };
  const errors: FieldErrors = {};
  for (const issue of r.error.issues) {
    const key = String(issue.path[0] ?? '_');
    if (!errors[key]) errors[key] = issueMessage(issue, lang);
  }
  return { ok: false, errors };
}

/** Drop empty strings so optional fields stay undefined. */
export function compact<T extends Record<string, unknown>>(values: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (typeof v === 'string' && v.trim() === '') continue;
    out[k] = v;
  }
  return out as Partial<T>;
}

/** Where the API says a field was (`body.password`): the request part is not a form field. */
const REQUEST_PARTS = new Set(['body', 'query', 'params', 'headers']);

/**
 * Map server-side validation details (if they list fields) to field errors. Only messages the
 * API wrote for people ("Indonesian / English", e.g. why a password is too easy to guess) are
 * shown by a field; zod's own English wording stays out (the form-level message covers it).
 */
export function serverFieldErrors(details: unknown, lang: Lang): FieldErrors {
  const list = Array.isArray(details)
    ? details
    : Array.isArray((details as { issues?: unknown[] } | null)?.issues)
      ? (details as { issues: unknown[] }).issues
      : [];
  const errors: FieldErrors = {};
  for (const item of list) {
    const issue = item as Partial<Issue>;
    const raw = (item as { path?: unknown }).path;
    const full: PropertyKey[] = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split('.') : [];
    const path = full.length > 1 && REQUEST_PARTS.has(String(full[0])) ? full.slice(1) : full;
    const key = path.length ? String(path[0]) : null;
    const forPeople = typeof issue.message === 'string' && issue.message.split(' / ').length === 2;
    if (key && forPeople && !errors[key]) {
      errors[key] = issueMessage({ ...issue, code: 'custom', path, message: issue.message as string }, lang);
    }
  }
  return errors;
}
