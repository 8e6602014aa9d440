import { ApiError, type ApiErrorBody, apiUrl } from '../../core/api';
import { currentLang } from '../../core/i18n';

/** Uploads one photo (multipart field "photo"; the server resizes it and strips EXIF); returns its id. */
export async function uploadPhoto(file: File, csrfToken: string | undefined): Promise<string> {
  const form = new FormData();
  form.append('photo', file, file.name);
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLang() };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(apiUrl('/files/photos?purpose=darurat'), {
    method: 'POST',
    body: form,
    headers,
    credentials: 'include',
  });
  const json = (await res.json().catch(() => null)) as { id: string }[] | { error?: ApiErrorBody } | null;
  if (!res.ok) {
    const env = (json as { error?: ApiErrorBody } | null)?.error;
    throw new ApiError(res.status, env ?? { code: `HTTP_${res.status}`, message: res.statusText });
  }
  return (json as { id: string }[])[0]!.id;
}
