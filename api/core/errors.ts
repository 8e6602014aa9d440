import { type ErrorCode, errorCodes, errorMessages } from '../../shared/errors';

export type { ErrorCode };

/** The one error type the API throws on purpose. The HTTP status comes from the code, in one place. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  readonly messages: { id: string; en: string };

  constructor(code: ErrorCode, opts: { messages?: { id: string; en: string }; details?: unknown } = {}) {
    const messages = opts.messages ?? errorMessages[code];
    super(messages.en);
    this.code = code;
    this.details = opts.details;
    this.messages = messages;
  }

  get status(): number {
    return errorCodes[this.code];
  }
}

export const notFound = (what?: { id: string; en: string }) => new AppError('NOT_FOUND', { messages: what });
export const forbidden = () => new AppError('FORBIDDEN');
export const conflict = (messages: { id: string; en: string }, details?: unknown) =>
  new AppError('CONFLICT', { messages, details });
export const invalid = (messages: { id: string; en: string }, details?: unknown) =>
  new AppError('VALIDATION_FAILED', { messages, details });
