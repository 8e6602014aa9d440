import { ApiError, type ApiErrorBody, apiUrl } from '../../../core/api';
import { currentLang } from '../../../core/i18n';
import { BASE } from '../api';

const networkMessages = {
  id: 'Tidak dapat terhubung ke server. Periksa jaringan kios.',
  en: 'Cannot reach the server. Check the kiosk network.',
};

/** A kiosk call: the unit's kiosk key in `x-kiosk-key`, no session (the routes are anonymous). */
export async function kioskApi<T>(unit: string, key: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(apiUrl(`${BASE}/kiosk/${encodeURIComponent(unit)}${path}`), {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        Accept: 'application/json',
        'Accept-Language': currentLang(),
        'x-kiosk-key': key,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      credentials: 'omit',
      cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, {
      code: 'NETWORK',
      message: networkMessages[currentLang()],
      messages: networkMessages,
    });
  }
  const json = (await res.json().catch(() => null)) as { error?: ApiErrorBody } | null;
  if (!res.ok) {
    const envelope = json?.error;
    throw new ApiError(
      res.status,
      envelope && typeof envelope.code === 'string'
        ? envelope
        : { code: `HTTP_${res.status}`, message: `${res.status} ${res.statusText}` },
    );
  }
  return json as T;
}
