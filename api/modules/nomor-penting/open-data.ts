import { sql } from 'drizzle-orm';
import type { ModuleOpenData } from '../../core/datasets/types';

/** The region's important numbers as an open dataset (served by Data & Peta). */
export const nomorPentingOpenData: ModuleOpenData = {
  datasets: [
    {
      id: 'daftar',
      title: { id: 'Nomor telepon penting', en: 'Important phone numbers' },
      description: {
        id: 'Nomor darurat dan layanan publik di daerah, 112 paling atas.',
        en: 'Emergency and public service numbers of the region, 112 first.',
      },
      tags: ['nomor penting', 'layanan publik', 'darurat'],
      frequency: 'irregular',
      fields: [
        { name: 'urutan', type: 'int', label: { id: 'Urutan', en: 'Order' } },
        { name: 'nama', type: 'text', label: { id: 'Nama', en: 'Name' } },
        { name: 'nomor', type: 'text', label: { id: 'Nomor', en: 'Number' } },
        { name: 'kategori', type: 'text', label: { id: 'Kategori', en: 'Category' } },
        { name: 'keterangan', type: 'text', label: { id: 'Keterangan', en: 'Description' } },
      ],
      query:
        () => sql`select n.name as nama, n.number as nomor, n.category as kategori, n.description as keterangan,
          n.sort as urutan from nomor_penting_number n`,
    },
  ],
};
