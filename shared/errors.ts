import { z } from 'zod';

/** The closed set of error codes. Each maps to exactly one HTTP status (api/core/http/errors.ts). */
export const errorCodes = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  TOTP_REQUIRED: 401,
  NOT_FOUND: 404,
  REGION_NOT_FOUND: 404,
  MODULE_DISABLED: 404,
  CONFLICT: 409,
  ACCOUNT_LOCKED: 423,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RANGE_NOT_SATISFIABLE: 416,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;
export type ErrorCode = keyof typeof errorCodes;

/** Default messages, Indonesian first. A thrown AppError may carry a more specific pair. */
export const errorMessages: Record<ErrorCode, { id: string; en: string }> = {
  VALIDATION_FAILED: { id: 'Data yang dikirim tidak valid.', en: 'The submitted data is invalid.' },
  MALFORMED_JSON: { id: 'Isi permintaan bukan JSON yang valid.', en: 'The request body is not valid JSON.' },
  UNAUTHENTICATED: { id: 'Silakan masuk terlebih dahulu.', en: 'Please sign in first.' },
  SESSION_EXPIRED: {
    id: 'Sesi Anda telah berakhir. Silakan masuk lagi.',
    en: 'Your session has expired. Please sign in again.',
  },
  CSRF_FAILED: { id: 'Token keamanan (CSRF) tidak cocok.', en: 'The security (CSRF) token does not match.' },
  FORBIDDEN: {
    id: 'Anda tidak memiliki izin untuk tindakan ini.',
    en: 'You do not have permission for this action.',
  },
  TOTP_REQUIRED: {
    id: 'Masukkan kode verifikasi dua langkah.',
    en: 'Enter your two-factor verification code.',
  },
  NOT_FOUND: { id: 'Data tidak ditemukan.', en: 'Not found.' },
  REGION_NOT_FOUND: { id: 'Daerah tidak dikenal.', en: 'Unknown region.' },
  MODULE_DISABLED: {
    id: 'Layanan ini tidak aktif di daerah ini.',
    en: 'This service is not enabled in this region.',
  },
  CONFLICT: {
    id: 'Data bertentangan dengan data yang sudah ada.',
    en: 'The data conflicts with existing data.',
  },
  ACCOUNT_LOCKED: {
    id: 'Akun dikunci sementara karena terlalu banyak percobaan masuk.',
    en: 'The account is temporarily locked after too many sign-in attempts.',
  },
  PAYLOAD_TOO_LARGE: { id: 'Ukuran data terlalu besar.', en: 'The payload is too large.' },
  UNSUPPORTED_MEDIA_TYPE: {
    id: 'Jenis berkas atau konten tidak didukung.',
    en: 'Unsupported file or content type.',
  },
  RANGE_NOT_SATISFIABLE: {
    id: 'Rentang byte yang diminta tidak dapat dipenuhi.',
    en: 'The requested byte range cannot be satisfied.',
  },
  RATE_LIMITED: {
    id: 'Terlalu banyak permintaan. Coba lagi sebentar lagi.',
    en: 'Too many requests. Try again shortly.',
  },
  INTERNAL: { id: 'Terjadi kesalahan pada server.', en: 'An internal server error occurred.' },
  UNAVAILABLE: { id: 'Layanan sedang tidak tersedia.', en: 'The service is unavailable.' },
};

export const errorEnvelope = z
  .object({
    error: z.object({
      code: z.string(),
      message: z
        .string()
        .describe('Message in the requested language (Accept-Language), Indonesian by default'),
      messages: z.object({ id: z.string(), en: z.string() }),
      details: z.unknown().optional(),
      requestId: z.string(),
    }),
  })
  .meta({ id: 'ErrorEnvelope' });
export type ErrorEnvelope = z.infer<typeof errorEnvelope>;
