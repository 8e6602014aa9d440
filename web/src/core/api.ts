import { basePath } from './base';
import { currentLang } from './i18n';

export interface ApiErrorBody {
  code: string;
  message: string;
  messages?: { id: string; en: string };
  details?: unknown;
  requestId?: string;
}

/** An error answered by the API (error envelope), or a network failure (code `NETWORK`). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messages: { id: string; en: string } | null;
  readonly details: unknown;
  readonly requestId: string | null;

  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.messages = body.messages ?? null;
    this.details = body.details;
    this.requestId = body.requestId ?? null;
  }

  /** The message in the current UI language. */
  localized(): string {
    return this.messages?.[currentLang()] ?? this.message;
  }
}

const networkMessages = {
  id: 'Tidak dapat terhubung ke server. Periksa koneksi internet Anda.',
  en: 'Cannot reach the server. Check your internet connection.',
};

let csrfToken: string | null = null;
let onAuthLost: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when an API call answers 401 outside /auth/*, i.e. the session ended. */
export function setAuthLostHandler(handler: (() => void) | null): void {
  onAuthLost = handler;
}

export function apiUrl(path: string): string {
  return `${basePath}/api${path}`;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  method?: Method;
  body?: unknown;
  signal?: AbortSignal;
  /** Revalidate instead of using the HTTP cache (e.g. /api/region is cacheable for a minute). */
  fresh?: boolean;
  /** Send `body` (a Blob, e.g. a chosen PDF) as is, with this content type, instead of as JSON. */
  rawType?: string;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLang(),
  };
  // A FormData body (file upload) sets its own multipart content type with the boundary.
  const isForm = typeof FormData !== 'undefined' && options.body instanceof FormData;
  const isRaw = options.rawType !== undefined;
  if (options.body !== undefined && !isForm)
    headers['Content-Type'] = isRaw ? options.rawType! : 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(apiUrl(path), {
      method,
      headers,
      credentials: 'include',
      body:
        options.body === undefined
          ? undefined
          : isForm || isRaw
            ? (options.body as FormData | Blob)
            : JSON.stringify(options.body),
      signal: options.signal,
      cache: options.fresh ? 'no-cache' : 'default',
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, {
      code: 'NETWORK',
      message: networkMessages[currentLang()],
      messages: networkMessages,
    });
  }

  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (!res.ok) {
    const envelope = (json as { error?: ApiErrorBody } | null)?.error;
    const body: ApiErrorBody =
      envelope && typeof envelope.code === 'string'
        ? envelope
        : { code: `HTTP_${res.status}`, message: `${res.status} ${res.statusText}` };
    if (
      res.status === 401 &&
      (body.code === 'UNAUTHENTICATED' || body.code === 'SESSION_EXPIRED') &&
      !path.startsWith('/auth/')
    ) {
      onAuthLost?.();
    }
    throw new ApiError(res.status, body);
  }
  return json as T;
}

/** A user-facing message for anything thrown by `api()`. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.localized();
  if (err instanceof Error) return err.message;
  return String(err);
}
