const ones = ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'];

/**
 * A whole number in Indonesian words, as a caller says it: 12 → "dua belas", 21 → "dua puluh
 * satu", 100 → "seratus", 123 → "seratus dua puluh tiga", 1000 → "seribu". 0 ≤ n < 1 000 000.
 */
export function terbilang(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1_000_000) throw new RangeError(`terbilang: ${n}`);
  if (n < 10) return ones[n]!;
  return words(n).join(' ');
}

function words(n: number): string[] {
  if (n === 0) return [];
  if (n < 10) return [ones[n]!];
  if (n === 10) return ['sepuluh'];
  if (n === 11) return ['sebelas'];
  if (n < 20) return [ones[n - 10]!, 'belas'];
  if (n < 100) return [ones[Math.floor(n / 10)]!, 'puluh', ...words(n % 10)];
  if (n < 200) return ['seratus', ...words(n - 100)];
  if (n < 1000) return [ones[Math.floor(n / 100)]!, 'ratus', ...words(n % 100)];
  if (n < 2000) return ['seribu', ...words(n - 1000)];
  return [...words(Math.floor(n / 1000)), 'ribu', ...words(n % 1000)];
}

/** "A012" → { letters: ['A'], value: 12 }; null when it is not prefix + digits. */
export function splitNumber(ticket: string): { letters: string[]; value: number } | null {
  const m = /^([A-Z]{0,3})0*(\d+)$/.exec(ticket.trim().toUpperCase());
  if (!m) return null;
  return { letters: [...m[1]!], value: Number(m[2]) };
}

/** The words of a call: "Nomor antrean A dua belas, silakan ke loket tiga". */
export function callPhrase(number: string, counterNumber: number): string {
  const parts = splitNumber(number);
  const said = parts ? [...parts.letters, terbilang(parts.value)].join(' ') : number;
  return `Nomor antrean ${said}, silakan ke loket ${terbilang(counterNumber)}`;
}

/**
 * The same call as recorded clips (web/public/antrian/voice/<name>.ogg, scripts/antrian-voice.sh),
 * for a device without an Indonesian voice: each word is one clip, "seratus" and "sepuluh" too.
 */
export function callClips(number: string, counterNumber: number): string[] {
  const parts = splitNumber(number);
  const num = parts
    ? [...parts.letters.map((l) => l.toLowerCase()), ...terbilang(parts.value).split(' ')]
    : [];
  return ['nomor-antrean', ...num, 'silakan-ke', 'loket', ...terbilang(counterNumber).split(' ')];
}
