import { sql } from 'drizzle-orm';
import { regionZone } from '../../core/datasets/query';
import type { ModuleOpenData } from '../../core/datasets/types';

/** What Perizinan publishes through Data & Peta: permits issued counted per type and month, nobody named. */
export const perizinanOpenData: ModuleOpenData = {
  datasets: [
    {
      id: 'izin-terbit',
      title: { id: 'Izin terbit per jenis dan bulan', en: 'Permits issued per type and month' },
      description: {
        id: 'Jumlah izin daerah (non-OSS) yang diterbitkan DPMPTSP per jenis izin dan bulan terbit, termasuk yang kemudian dicabut.',
        en: 'Regional (non-OSS) permits issued per permit type and month of issue, including those later revoked.',
      },
      organisation: 'dpmptsp',
      tags: ['perizinan', 'pelayanan publik'],
      frequency: 'daily',
      fields: [
        { name: 'bulan', type: 'date', label: { id: 'Bulan terbit', en: 'Month issued' } },
        { name: 'kode_jenis', type: 'text', label: { id: 'Kode jenis izin', en: 'Permit type code' } },
        { name: 'jenis_izin', type: 'text', label: { id: 'Jenis izin', en: 'Permit type' } },
        { name: 'jumlah', type: 'int', label: { id: 'Jumlah', en: 'Count' } },
      ],
      query: () => sql`select date_trunc('month', d.issued_at at time zone ${regionZone})::date as bulan,
          t.code as kode_jenis, v.definition->'name'->>'id' as jenis_izin, count(*)::int as jumlah
        from izin_application a
        join issued_document d on d.region_id = a.region_id and d.id = a.document_id
        join izin_type t on t.region_id = a.region_id and t.id = a.type_id
        join izin_type_version v on v.region_id = a.region_id and v.type_id = a.type_id and v.version = a.type_version
        group by 1, 2, 3`,
    },
  ],
};
