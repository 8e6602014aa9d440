import { sql } from 'drizzle-orm';
import type { ModuleOpenData } from '../../core/datasets/types';

/**
 * What LAKSA publishes as open data (served by Data & Peta): counts from the daily rollups, and
 * the map of public reports (verified, not rahasia) without reporter, description or photos.
 */
export const laksaOpenData: ModuleOpenData = {
  datasets: [
    {
      id: 'laporan-per-kategori',
      title: {
        id: 'Laporan LAKSA per kategori, kecamatan dan bulan',
        en: 'LAKSA reports per category, kecamatan and month',
      },
      description: {
        id: 'Jumlah pengaduan, aspirasi dan permintaan informasi warga yang masuk, per kategori, kecamatan dan bulan.',
        en: 'Number of citizen complaints, aspirations and information requests filed, per category, kecamatan and month.',
      },
      organisation: 'diskominfo',
      tags: ['pengaduan', 'laksa', 'pelayanan publik'],
      frequency: 'daily',
      fields: [
        { name: 'bulan', type: 'date', label: { id: 'Bulan', en: 'Month' } },
        { name: 'kategori', type: 'text', label: { id: 'Kategori', en: 'Category' } },
        { name: 'kecamatan', type: 'text', label: { id: 'Kecamatan', en: 'Kecamatan' } },
        { name: 'jumlah', type: 'int', label: { id: 'Jumlah laporan', en: 'Reports' } },
      ],
      query: () => sql`select date_trunc('month', s.day)::date as bulan, c.name as kategori,
          nullif(s.kecamatan, '') as kecamatan, sum(s.created)::int as jumlah
        from laksa_stat_intake s join laksa_category c on c.region_id = s.region_id and c.id = s.category_id
        group by 1, 2, 3`,
    },
    {
      id: 'kinerja-sla-opd',
      title: { id: 'Kinerja penanganan laporan LAKSA per OPD', en: 'LAKSA report handling per agency' },
      description: {
        id: 'Per OPD dan bulan: laporan diterima, diselesaikan, diselesaikan tepat waktu (SLA) dan rata-rata penilaian warga.',
        en: 'Per agency and month: reports received, resolved, resolved within the SLA, and the average citizen rating.',
      },
      organisation: 'diskominfo',
      tags: ['pengaduan', 'laksa', 'kinerja', 'sla'],
      frequency: 'daily',
      fields: [
        { name: 'bulan', type: 'date', label: { id: 'Bulan', en: 'Month' } },
        { name: 'opd', type: 'text', label: { id: 'OPD', en: 'Agency' } },
        { name: 'diterima', type: 'int', label: { id: 'Diterima', en: 'Received' } },
        { name: 'selesai', type: 'int', label: { id: 'Selesai', en: 'Resolved' } },
        { name: 'tepat_sla', type: 'int', label: { id: 'Selesai tepat SLA', en: 'Resolved within SLA' } },
        { name: 'persen_tepat_sla', type: 'numeric', label: { id: '% tepat SLA', en: '% within SLA' } },
        { name: 'rata_rating', type: 'numeric', label: { id: 'Rata-rata penilaian', en: 'Average rating' } },
      ],
      query:
        () => sql`select date_trunc('month', s.day)::date as bulan, o.name as opd, sum(s.received)::int as diterima,
          sum(s.resolved)::int as selesai, sum(s.sla_met)::int as tepat_sla,
          round(100.0 * sum(s.sla_met) / nullif(sum(s.resolved), 0), 1) as persen_tepat_sla,
          round(sum(s.rating_sum)::numeric / nullif(sum(s.rating_count), 0), 2) as rata_rating
        from laksa_stat_day s join opd o on o.region_id = s.region_id and o.id = s.opd_id
        group by 1, 2`,
    },
  ],
  layers: [
    {
      id: 'laporan',
      title: { id: 'Laporan LAKSA', en: 'LAKSA reports' },
      description: {
        id: 'Laporan warga yang sudah diverifikasi (bukan rahasia): kategori, status dan kecamatan, tanpa identitas pelapor.',
        en: 'Verified citizen reports (not confidential): category, status and kecamatan, without the reporter.',
      },
      kind: 'event',
      color: '#dc2626',
      organisation: 'diskominfo',
      tags: ['pengaduan', 'laksa'],
      fields: [
        { name: 'tiket', type: 'text', label: { id: 'Tiket', en: 'Ticket' } },
        { name: 'kategori', type: 'text', label: { id: 'Kategori', en: 'Category' } },
        { name: 'status', type: 'text', label: { id: 'Status', en: 'Status' } },
        { name: 'kecamatan', type: 'text', label: { id: 'Kecamatan', en: 'Kecamatan' } },
        { name: 'dilaporkan', type: 'timestamp', label: { id: 'Dilaporkan', en: 'Reported' } },
      ],
      query:
        () => sql`select r.id, r.lng as lon, r.lat, r.created_at as at, r.ticket as tiket, c.name as kategori,
          r.status, r.kecamatan, r.created_at as dilaporkan
        from laksa_report r left join laksa_category c on c.region_id = r.region_id and c.id = r.category_id
        where not r.confidential and r.status not in ('menunggu_verifikasi', 'ditolak')`,
    },
  ],
};
