import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { type ErrorCode, errorCodes, errorMessages } from '../../../shared/errors';
import { databaseError } from '../db/errors';
import { AppError } from '../errors';

/** Picks the message language: English when the client prefers it, Indonesian otherwise. */
export function preferredLanguage(req: FastifyRequest): 'id' | 'en' {
  const accept = req.headers['accept-language'] ?? '';
  return /^\s*en\b/i.test(accept) ? 'en' : 'id';
}

export function sendError(req: FastifyRequest, reply: FastifyReply, err: AppError) {
  const lang = preferredLanguage(req);
  return reply
    .code(err.status)
    .type('application/json; charset=utf-8')
    .send({
      error: {
        code: err.code,
        message: err.messages[lang],
        messages: err.messages,
        ...(err.details === undefined ? {} : { details: err.details }),
        requestId: req.id,
      },
    });
}

const MALFORMED_PATH = {
  id: 'Alamat tidak valid: pengenal di tautan salah format (mungkin terpotong atau salah ketik).',
  en: 'Invalid address: the identifier in the link is malformed (perhaps cut off or mistyped).',
};

/** Turns anything thrown into the error envelope. The one place codes become HTTP statuses. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as FastifyError & { validation?: unknown };
  if (hasZodFastifySchemaValidationErrors(e)) {
    return new AppError('VALIDATION_FAILED', {
      // A malformed id in the path (a mistyped or truncated link) says so instead of "the submitted data".
      ...(e.validationContext === 'params' ? { messages: MALFORMED_PATH } : {}),
      details: e.validation.map((v) => ({
        path: [e.validationContext, ...(v.instancePath.split('/').filter(Boolean) as string[])]
          .filter(Boolean)
          .join('.'),
        message: v.message,
      })),
    });
  }
  if (isResponseSerializationError(e)) return new AppError('INTERNAL');
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('MALFORMED_JSON');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
      return new AppError('PAYLOAD_TOO_LARGE');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE');
  }
  if (e instanceof SyntaxError) return new AppError('MALFORMED_JSON');
  if (isMalformedMultipart(e)) return malformedMultipart();
  const fromDatabase = databaseError(e);
  if (fromDatabase) return fromDatabase;
  const status = typeof e.statusCode === 'number' ? e.statusCode : 500;
  if (status === 429) return new AppError('RATE_LIMITED');
  if (status >= 400 && status < 500) {
    const code =
      (Object.keys(errorCodes) as ErrorCode[]).find((c) => errorCodes[c] === status) ?? 'VALIDATION_FAILED';
    return new AppError(code, { messages: errorMessages[code] });
  }
  return new AppError('INTERNAL');
}

/**
 * Busboy (inside @fastify/multipart) throws plain Errors without a code for a broken body: no
 * boundary in the content type, or the body ends inside a part. Their messages are all we have.
 */
const MULTIPART_FAILURES = [
  /^Multipart: Boundary not found$/,
  /^Boundary required$/,
  /^Unexpected end of multipart data$/,
  /terminated early due to unexpected end of multipart data$/,
];
const isMalformedMultipart = (e: { message?: unknown; statusCode?: unknown }) =>
  e.statusCode === undefined &&
  typeof e.message === 'string' &&
  MULTIPART_FAILURES.some((m) => m.test(e.message as string));
const malformedMultipart = () =>
  new AppError('VALIDATION_FAILED', {
    messages: {
      id: 'Isi multipart/form-data rusak atau terpotong.',
      en: 'The multipart/form-data body is malformed or truncated.',
    },
  });
