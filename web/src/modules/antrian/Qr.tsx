import { useEffect, useState } from 'react';

/** A QR code drawn in the browser (the `qrcode` package, loaded only when a QR is shown). */
export function Qr({ text, size = 200, label }: { text: string; size?: number; label: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    import('qrcode')
      .then((m) => m.toDataURL(text, { margin: 1, width: size * 2, errorCorrectionLevel: 'M' }))
      .then((url) => {
        if (live) setSrc(url);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [text, size]);
  return src ? (
    <img className="antrian-qr" src={src} width={size} height={size} alt={label} data-testid="antrian-qr" />
  ) : (
    <span className="antrian-qr antrian-qr-empty" style={{ width: size, height: size }} aria-hidden="true" />
  );
}
