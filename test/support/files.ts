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
