import { sql } from 'drizzle-orm';
import type { ModuleOpenData } from '../../core/datasets/types';

/** What Antrian publishes through Data & Peta: daily counts and times per unit and service, nobody named. */
export const antrianOpenData: ModuleOpenData = {
  datasets: [
    {
      id: 'antrean-harian',
      title: {
        id: 'Antrean layanan per hari, unit dan layanan',
        en: 'Service queues per day, unit and service',
      },
      description: {
        id: 'Jumlah nomor antrean, yang dilayani, yang tidak hadir, rata-rata waktu tunggu dan waktu layanan (menit) per hari di setiap unit layanan publik, dibanding standar pelayanan.',
        en: 'Tickets, people served, no-shows, mean waiting and service time (minutes) per day at every public service unit, against the published service standard.',
      },
      organisation: 'dpmptsp',
      tags: ['antrian', 'pelayanan publik'],
      frequency: 'daily',
      fields: [
        { name: 'tanggal', type: 'date', label: { id: 'Tanggal', en: 'Date' } },
        { name: 'unit', type: 'text', label: { id: 'Unit layanan', en: 'Service unit' } },
        { name: 'layanan', type: 'text', label: { id: 'Layanan', en: 'Service' } },
        { name: 'nomor', type: 'int', label: { id: 'Nomor antrean', en: 'Tickets' } },
        { name: 'dilayani', type: 'int', label: { id: 'Dilayani', en: 'Served' } },
        { name: 'tidak_hadir', type: 'int', label: { id: 'Tidak hadir', en: 'No-shows' } },
        {
          name: 'rata_tunggu_menit',
          type: 'numeric',
          label: { id: 'Rata-rata tunggu (menit)', en: 'Mean wait (min)' },
        },
        {
          name: 'rata_layanan_menit',
          type: 'numeric',
          label: { id: 'Rata-rata layanan (menit)', en: 'Mean service (min)' },
        },
        {
          name: 'standar_menit',
          type: 'int',
          label: { id: 'Standar pelayanan (menit)', en: 'Service standard (min)' },
        },
      ],
      query: () => sql`select t.day as tanggal, u.name as unit, s.name as layanan, count(*)::int as nomor,
          count(*) filter (where t.status = 'done')::int as dilayani,
          count(*) filter (where t.status = 'no_show')::int as tidak_hadir,
          round((avg(extract(epoch from t.called_at - t.issued_at)) filter (where t.called_at is not null) / 60)::numeric, 1) as rata_tunggu_menit,
          round((avg(extract(epoch from t.finished_at - t.started_at)) filter (where t.status = 'done') / 60)::numeric, 1) as rata_layanan_menit,
          (s.standard->>'minutes')::int as standar_menit
        from antrian_ticket t
        join antrian_unit u on u.region_id = t.region_id and u.id = t.unit_id
        join antrian_service s on s.region_id = t.region_id and s.id = t.service_id
        where t.status not in ('booked', 'cancelled')
        group by t.day, u.name, s.name, s.standard`,
    },
  ],
};
