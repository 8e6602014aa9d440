export const categories = ['darurat', 'kesehatan', 'keamanan', 'pemerintahan', 'lainnya'] as const;
export type Category = (typeof categories)[number];

export interface ImportantNumber {
  id: string;
  name: string;
  number: string;
  category: Category;
  description: string | null;
  sort: number;
}

export const numbersPath = '/m/nomor-penting/numbers';

export function telHref(number: string): string {
  return `tel:${number.replace(/[^\d+*#]/g, '')}`;
}

const isEmergency = (n: ImportantNumber) => n.number.replace(/\D/g, '') === '112';

/** 112 first, then by category order, then by `sort`, then by name. */
export function sortNumbers(list: ImportantNumber[]): ImportantNumber[] {
  return [...list].sort(
    (a, b) =>
      Number(isEmergency(b)) - Number(isEmergency(a)) ||
      categories.indexOf(a.category) - categories.indexOf(b.category) ||
      a.sort - b.sort ||
      a.name.localeCompare(b.name, 'id'),
  );
}

export function has112(list: ImportantNumber[]): boolean {
  return list.some(isEmergency);
}
