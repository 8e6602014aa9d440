import { z } from 'zod';

/**
 * Indonesian phone numbers: accept 08…, 628…, +628… (with spaces or dashes) and store E.164 (+628…).
 * Mobile numbers are 9–13 digits after the leading 0; landlines (e.g. 021…) are accepted too.
 */
export function normalizePhone(input: string): string | null {
  const digits = input.replace(/[\s\-().]/g, '');
  let national: string;
  if (/^\+62\d+$/.test(digits)) national = digits.slice(3);
  else if (/^62\d+$/.test(digits)) national = digits.slice(2);
  else if (/^0\d+$/.test(digits)) national = digits.slice(1);
  else return null;
  if (!/^[1-9]\d{7,12}$/.test(national)) return null;
  return `+62${national}`;
}

export const phoneSchema = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const e164 = normalizePhone(v);
    if (!e164) {
      ctx.addIssue({
        code: 'custom',
        message: 'Nomor telepon tidak valid (contoh: 0812xxxxxxx) / invalid phone number',
      });
      return z.NEVER;
    }
    return e164;
  });

/**
 * The 38 provinces (Kemendagri codes, including the new Papua provinces 93–96) and their time
 * zone: WIB for Sumatra, Java, West and Central Kalimantan; WITA for Bali, Nusa Tenggara, the rest
 * of Kalimantan and Sulawesi; WIT for Maluku and Papua.
 */
export const provinceTimeZones = {
  ...Object.fromEntries(
    [
      '11',
      '12',
      '13',
      '14',
      '15',
      '16',
      '17',
      '18',
      '19',
      '21',
      '31',
      '32',
      '33',
      '34',
      '35',
      '36',
      '61',
      '62',
    ].map((c) => [c, 'WIB']),
  ),
  ...Object.fromEntries(
    ['51', '52', '53', '63', '64', '65', '71', '72', '73', '74', '75', '76'].map((c) => [c, 'WITA']),
  ),
  ...Object.fromEntries(['81', '82', '91', '92', '93', '94', '95', '96'].map((c) => [c, 'WIT'])),
} as Record<string, 'WIB' | 'WITA' | 'WIT'>;
export const provinceCodes: readonly string[] = Object.keys(provinceTimeZones).sort();

/**
 * NIK: 16 digits PPKKCC DDMMYY SSSS. DD + 40 for women; serial never 0000; no checksum.
 * The prefix is where the NIK was first issued, so it is never required to match the region.
 */
export function checkNik(
  nik: string,
): { ok: true; sex: 'L' | 'P'; birthDate: string } | { ok: false; reason: string } {
  if (!/^\d{16}$/.test(nik)) return { ok: false, reason: 'NIK harus 16 digit / NIK must be 16 digits' };
  if (!(nik.slice(0, 2) in provinceTimeZones))
    return { ok: false, reason: 'Kode provinsi NIK tidak dikenal / unknown province code' };
  if (nik.slice(2, 4) === '00' || nik.slice(4, 6) === '00')
    return {
      ok: false,
      reason: 'Kode kabupaten/kecamatan NIK tidak valid / invalid regency or district code',
    };
  let day = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  const sex = day > 40 ? 'P' : 'L';
  if (day > 40) day -= 40;
  if (month < 1 || month > 12)
    return { ok: false, reason: 'Bulan lahir pada NIK tidak valid / invalid birth month' };
  // Two-digit year: pick the century that does not put the birth date in the future.
  const nowYY = new Date().getUTCFullYear() % 100;
  const year = yy <= nowYY ? 2000 + yy : 1900 + yy;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (day < 1 || date.getUTCMonth() !== month - 1)
    return { ok: false, reason: 'Tanggal lahir pada NIK tidak valid / invalid birth date' };
  if (nik.slice(12) === '0000')
    return { ok: false, reason: 'Nomor urut NIK tidak boleh 0000 / serial cannot be 0000' };
  return { ok: true, sex, birthDate: date.toISOString().slice(0, 10) };
}

export const nikSchema = z
  .string()
  .trim()
  .superRefine((v, ctx) => {
    const r = checkNik(v);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.reason });
  });

/** Shows only the last 4 digits: a NIK is never returned in full. */
export function maskNik(nik: string): string {
  return `************${nik.slice(-4)}`;
}

export const kemendagriRegionCode = z
  .string()
  .regex(/^\d{2}(\.\d{2})?$/, 'Kode wilayah Kemendagri: PP atau PP.KK / Kemendagri code: PP or PP.KK');

export const timeZones = { WIB: 'Asia/Jakarta', WITA: 'Asia/Makassar', WIT: 'Asia/Jayapura' } as const;
export type TimeZoneName = keyof typeof timeZones;
/** Hours ahead of UTC; Indonesia keeps no daylight saving, so these never change. */
export const timeZoneOffsetHours: Record<TimeZoneName, number> = { WIB: 7, WITA: 8, WIT: 9 };
