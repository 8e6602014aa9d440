import type { z } from 'zod';
import { numberCategories, type numberView } from '../../../../shared/modules/nomor-penting';

export const categories = numberCategories;
export type Category = (typeof numberCategories)[number];
export type ImportantNumber = z.infer<typeof numberView>;

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
