/** WCAG colour helpers: pick readable text colours for arbitrary region branding. */

type Rgb = [number, number, number];

export function hexToRgb(hex: string): Rgb | null {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m?.[1]) return null;
  const n = Number.parseInt(m[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function rgbToHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

function luminance([r, g, b]: Rgb): number {
  const f = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
}

export function contrast(a: string, b: string): number {
  const ra = hexToRgb(a);
  const rb = hexToRgb(b);
  if (!ra || !rb) return 1;
  const la = luminance(ra);
  const lb = luminance(rb);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

export const DARK_TEXT = '#111827';
export const LIGHT_TEXT = '#ffffff';

/** White or near-black, whichever reads better on `bg` (always at least 4.5:1). */
export function readableOn(bg: string): string {
  return contrast(bg, LIGHT_TEXT) >= contrast(bg, DARK_TEXT) ? LIGHT_TEXT : DARK_TEXT;
}

/**
 * `color` shifted toward black (light backgrounds) or white (dark backgrounds) until it reaches
 * `min` contrast on `bg`. Used for brand-coloured text and borders.
 */
export function inkOn(color: string, bg: string, min = 4.5): string {
  const c = hexToRgb(color);
  const b = hexToRgb(bg);
  if (!c || !b) return color;
  if (contrast(color, bg) >= min) return rgbToHex(c);
  const target: Rgb = luminance(b) > 0.18 ? [0, 0, 0] : [255, 255, 255];
  for (let t = 0.05; t <= 1; t += 0.05) {
    const mixed: Rgb = [0, 1, 2].map((i) => c[i]! + (target[i]! - c[i]!) * t) as Rgb;
    const hex = rgbToHex(mixed);
    if (contrast(hex, bg) >= min) return hex;
  }
  return rgbToHex(target);
}
