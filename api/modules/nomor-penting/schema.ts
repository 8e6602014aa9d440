import { index, integer, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenantTable } from '../../core/db/tenancy';

export const nomorPentingNumber = tenantTable(
  'nomor_penting_number',
  {
    id: uuid().notNull().defaultRandom(),
    name: text().notNull(),
    number: text().notNull(),
    category: text().$type<'darurat' | 'kesehatan' | 'keamanan' | 'pemerintahan' | 'lainnya'>().notNull(),
    description: text(),
    sort: integer().notNull().default(100),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    index('nomor_penting_sort_idx').on(t.regionId, t.sort),
  ],
);
