import sharp from 'sharp';

/** A small photo as multipart/form-data (field "photo"). */
export async function photoUpload(opts: { name?: string; width?: number; height?: number } = {}) {
  const bytes = await sharp({
    create: { width: opts.width ?? 64, height: opts.height ?? 64, channels: 3, background: '#c83c1e' },
  })
    .png()
    .toBuffer();
  const boundary = '----simpul-uji';
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="${opts.name ?? 'foto.png'}"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** Any file as multipart/form-data (field "file"), as a phone's file picker sends it. */
export function fileUpload(bytes: Buffer, name: string, mime: string) {
  const boundary = '----simpul-berkas';
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${mime}\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
