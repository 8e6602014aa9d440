import { sql } from 'drizzle-orm';
import { regionZone } from '../../core/datasets/query';
import type { ModuleOpenData } from '../../core/datasets/types';

/**
 * What 112 publishes as open data (served by Data & Peta): monthly counts and response times only.
 * No map of incidents: an emergency's exact place can point at a person's home.
 */
export const daruratOpenData: ModuleOpenData = {
  datasets: [
    {
      id: 'insiden-per-jenis',
      title: {
        id: 'Kejadian darurat 112 per jenis, kecamatan dan bulan',
        en: '112 emergencies per type, kecamatan and month',
      },
      description: {
        id: 'Jumlah kejadian yang ditangani layanan darurat 112, per jenis kejadian, kecamatan dan bulan.',
        en: 'Number of incidents handled by the 112 emergency service, per type, kecamatan and month.',
      },
      organisation: 'diskominfo',
      tags: ['112', 'darurat', 'keselamatan'],
      frequency: 'daily',
      fields: [
        { name: 'bulan', type: 'date', label: { id: 'Bulan', en: 'Month' } },
        { name: 'jenis', type: 'text', label: { id: 'Jenis kejadian', en: 'Incident type' } },
        { name: 'kecamatan', type: 'text', label: { id: 'Kecamatan', en: 'Kecamatan' } },
        { name: 'jumlah', type: 'int', label: { id: 'Jumlah kejadian', en: 'Incidents' } },
      ],
      query:
        () => sql`select date_trunc('month', i.call_received_at at time zone ${regionZone})::date as bulan,
          t.name as jenis, i.kecamatan, count(*)::int as jumlah
        from darurat_incident i join darurat_type t on t.region_id = i.region_id and t.id = i.type_id
        where i.merged_into_id is null
        group by 1, 2, 3`,
    },
    {
      id: 'waktu-respons',
      title: {
        id: 'Waktu respons 112 per jenis kejadian dan bulan',
        en: '112 response times per incident type and month',
      },
      description: {
        id: 'Median menit dari panggilan diterima sampai unit ditugaskan dan sampai unit tiba di lokasi.',
        en: 'Median minutes from call received to unit dispatched and to unit on scene.',
      },
      organisation: 'diskominfo',
      tags: ['112', 'darurat', 'kinerja'],
      frequency: 'daily',
      fields: [
        { name: 'bulan', type: 'date', label: { id: 'Bulan', en: 'Month' } },
        { name: 'jenis', type: 'text', label: { id: 'Jenis kejadian', en: 'Incident type' } },
        { name: 'kejadian', type: 'int', label: { id: 'Kejadian', en: 'Incidents' } },
        {
          name: 'median_menit_penugasan',
          type: 'numeric',
          label: { id: 'Median menit sampai penugasan', en: 'Median minutes to dispatch' },
        },
        {
          name: 'median_menit_tiba',
          type: 'numeric',
          label: { id: 'Median menit sampai tiba', en: 'Median minutes to on scene' },
        },
      ],
      query:
        () => sql`select date_trunc('month', i.call_received_at at time zone ${regionZone})::date as bulan, t.name as jenis,
          count(*)::int as kejadian,
          round((percentile_cont(0.5) within group (order by extract(epoch from i.dispatched_at - i.call_received_at) / 60))::numeric, 1) as median_menit_penugasan,
          round((percentile_cont(0.5) within group (order by extract(epoch from i.on_scene_at - i.call_received_at) / 60))::numeric, 1) as median_menit_tiba
        from darurat_incident i join darurat_type t on t.region_id = i.region_id and t.id = i.type_id
        where i.merged_into_id is null
        group by 1, 2`,
    },
  ],
};
