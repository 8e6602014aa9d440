import { api } from '../../../core/api';
import { checkPhoto } from '../../../core/photo-check';

export type Uploaded = { id: string; url: string };

/** Checks a chosen image like every upload (checkPhoto), then sends it through the file pipeline. */
export async function uploadImage(file: File): Promise<Uploaded> {
  const check = await checkPhoto(file);
  if (!check.ok) throw new Error(check.message);
  const form = new FormData();
  form.append('photo', file, file.name);
  const [stored] = await api<Uploaded[]>('/files/photos?purpose=info-kota', { method: 'POST', body: form });
  if (!stored) throw new Error('upload returned nothing');
  return stored;
}
