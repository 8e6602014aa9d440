import { z } from 'zod';

export const numberCategories = ['darurat', 'kesehatan', 'keamanan', 'pemerintahan', 'lainnya'] as const;

export const numberView = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    number: z.string(),
    category: z.enum(numberCategories),
    description: z.string().nullable(),
    sort: z.number().int(),
  })
  .meta({ id: 'ImportantNumber' });

export const numberInput = z.object({
  name: z.string().trim().min(2).max(120),
  number: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()-]{3,20}$/, 'Nomor telepon tidak valid / invalid phone number'),
  category: z.enum(numberCategories),
  description: z.string().trim().max(300).nullable().optional(),
  sort: z.number().int().min(0).max(10000).default(100),
});
export const numberUpdateInput = numberInput.partial();
