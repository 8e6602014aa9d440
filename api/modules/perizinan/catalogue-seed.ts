import type { Requirement, TypeDefinition } from '../../../shared/modules/perizinan';

/** A requirement with the usual defaults (no age limit, no note, no template). */
const requirement = (
  key: string,
  label: Requirement['label'],
  docType: Requirement['docType'],
  formats: Requirement['formats'],
  maxKb: number,
  maxAgeDays: number | null = null,
  mandatory = true,
): Requirement => ({
  key,
  label,
  docType,
  mandatory,
  formats,
  maxKb,
  maxAgeDays,
  note: null,
  templateFileId: null,
});

const ktp = requirement(
  'ktp',
  { id: 'KTP pemohon', en: "Applicant's identity card" },
  'ktp',
  ['pdf', 'jpg', 'png'],
  2048,
);
const pernyataan = requirement(
  'pernyataan',
  { id: 'Surat pernyataan bermeterai', en: 'Signed statement with duty stamp' },
  'surat_pernyataan',
  ['pdf'],
  2048,
);

/**
 * The permits a region starts with (non-OSS, regional): reklame, izin keramaian, izin penelitian.
 * Region admins change them in the console; every change is a new version.
 */
export const starterCatalogue: { code: string; opdCode: string; definition: TypeDefinition }[] = [
  {
    code: 'reklame',
    opdCode: 'dpmptsp',
    definition: {
      name: { id: 'Izin Penyelenggaraan Reklame', en: 'Billboard permit' },
      legalBasis: [
        'Undang-Undang Nomor 1 Tahun 2022 tentang Hubungan Keuangan antara Pemerintah Pusat dan Pemerintahan Daerah',
        'Peraturan Daerah tentang Pajak Daerah dan Retribusi Daerah',
        'Peraturan Wali Kota tentang Penyelenggaraan Reklame',
      ],
      description: {
        id: 'Izin memasang reklame tetap (papan, billboard, videotron) di wilayah kota. Dinilai tim teknis dengan survei lokasi.',
        en: 'Permit to put up a fixed billboard (board, billboard, videotron) in the city, assessed by a technical team with a site survey.',
      },
      applicantKinds: ['individual', 'company'],
      requirements: [
        ktp,
        requirement(
          'desain',
          { id: 'Desain dan ukuran reklame', en: 'Billboard design and size' },
          'desain',
          ['pdf', 'jpg', 'png'],
          5120,
        ),
        requirement(
          'denah',
          { id: 'Denah / foto lokasi', en: 'Site plan / photo' },
          'denah_lokasi',
          ['pdf', 'jpg', 'png'],
          5120,
        ),
        pernyataan,
      ],
      fields: [
        {
          key: 'naskah',
          label: { id: 'Naskah / isi reklame', en: 'Billboard text' },
          kind: 'text',
          required: true,
          options: [],
          unit: null,
          onPermit: true,
        },
        {
          key: 'jenis',
          label: { id: 'Jenis reklame', en: 'Kind' },
          kind: 'choice',
          required: true,
          options: ['Papan/billboard', 'Videotron', 'Baliho', 'Neon box'],
          unit: null,
          onPermit: true,
        },
        {
          key: 'luas_m2',
          label: { id: 'Luas bidang reklame', en: 'Area' },
          kind: 'number',
          required: true,
          options: [],
          unit: 'm²',
          onPermit: true,
        },
        {
          key: 'alamat',
          label: { id: 'Alamat lokasi', en: 'Site address' },
          kind: 'address',
          required: true,
          options: [],
          unit: null,
          onPermit: true,
        },
        {
          key: 'titik',
          label: { id: 'Titik lokasi di peta', en: 'Site on the map' },
          kind: 'point',
          required: false,
          options: [],
          unit: null,
          onPermit: false,
        },
      ],
      fee: { kind: 'per_unit', amount: 75_000, unitField: 'luas_m2', retributionCode: '4.1.2.03.01' },
      slaDays: 7,
      technicalReview: { opdCode: 'dpupr', fieldSurvey: true },
      output: {
        title: { id: 'Surat Izin Penyelenggaraan Reklame', en: 'Billboard permit' },
        conditions: [
          'Reklame dipasang sesuai desain, ukuran dan titik lokasi yang diizinkan.',
          'Konstruksi reklame wajib aman dan dipelihara oleh pemegang izin.',
          'Izin dapat dicabut apabila ketentuan ini dilanggar.',
        ],
      },
      validityMonths: 12,
    },
  },
  {
    code: 'keramaian',
    opdCode: 'dpmptsp',
    definition: {
      name: { id: 'Rekomendasi Izin Keramaian', en: 'Public event recommendation' },
      legalBasis: ['Peraturan Wali Kota tentang Pelayanan Perizinan dan Nonperizinan'],
      description: {
        id: 'Rekomendasi daerah untuk acara yang mengumpulkan orang banyak (konser, bazar, pawai), sebagai syarat izin keramaian dari Polres.',
        en: 'Regional recommendation for a crowd event (concert, bazaar, parade), needed for the police event permit.',
      },
      applicantKinds: ['individual', 'company'],
      requirements: [
        ktp,
        requirement(
          'proposal',
          { id: 'Proposal / rundown acara', en: 'Event proposal / rundown' },
          'proposal',
          ['pdf'],
          5120,
        ),
        requirement(
          'domisili',
          { id: 'Surat keterangan domisili (≤ 3 bulan)', en: 'Certificate of domicile (≤ 3 months)' },
          'domisili',
          ['pdf', 'jpg', 'png'],
          2048,
          90,
          false,
        ),
      ],
      fields: [
        {
          key: 'nama_acara',
          label: { id: 'Nama acara', en: 'Event name' },
          kind: 'text',
          required: true,
          options: [],
          unit: null,
          onPermit: true,
        },
        {
          key: 'tanggal',
          label: { id: 'Tanggal acara', en: 'Event date' },
          kind: 'date',
          required: true,
          options: [],
          unit: null,
          onPermit: true,
        },
        {
          key: 'peserta',
          label: { id: 'Perkiraan peserta', en: 'Expected attendance' },
          kind: 'number',
          required: true,
          options: [],
          unit: 'orang',
          onPermit: true,
        },
        {
          key: 'tempat',
          label: { id: 'Tempat acara', en: 'Venue' },
          kind: 'address',
          required: true,
          options: [],
          unit: null,
          onPermit: true,
        },
      ],
      fee: { kind: 'none' },
      slaDays: 3,
      technicalReview: null,
      output: {
        title: { id: 'Rekomendasi Izin Keramaian', en: 'Public event recommendation' },
        conditions: ['Penyelenggara menjaga ketertiban, kebersihan dan keamanan selama acara.'],
      },
      validityMonths: 1,
    },
  },
  {
    code: 'penelitian',
    opdCode: 'dpmptsp',
    definition: {
      name: { id: 'Izin Penelitian', en: 'Research permit' },
      legalBasis: [
        'Peraturan Menteri Dalam Negeri Nomor 3 Tahun 2018 tentang Penerbitan Surat Keterangan Penelitian',
      ],
      description: {
        id: 'Surat keterangan penelitian untuk mahasiswa dan peneliti yang mengambil data di perangkat daerah.',
        en: 'Research certificate for students and researchers collecting data at regional offices.',
      },
      applicantKinds: ['individual'],
      requirements: [
        ktp,
        requirement(
          'rekomendasi',
          { id: 'Surat pengantar kampus / lembaga', en: 'Letter from the university / institution' },
          'surat_rekomendasi',
          ['pdf'],
          2048,
          90,
        ),
        requirement(
          'proposal',
          { id: 'Proposal penelitian', en: 'Research proposal' },
          'proposal',
          ['pdf'],
          10_240,
        ),
      ],
      fields: [
        {
          key: 'judul',
          label: { id: 'Judul penelitian', en: 'Title' },
          kind: 'text',
          required: true,
          options: [],
          unit: null,
          onPermit: true,
        },
        {
          key: 'lokasi',
          label: { id: 'Lokasi / OPD tujuan', en: 'Place / office' },
          kind: 'text',
          required: true,
          options: [],
          unit: null,
          onPermit: true,
        },
        {
          key: 'mulai',
          label: { id: 'Mulai', en: 'Start' },
          kind: 'date',
          required: true,
          options: [],
          unit: null,
          onPermit: true,
        },
      ],
      fee: { kind: 'none' },
      slaDays: 3,
      technicalReview: null,
      output: {
        title: { id: 'Surat Keterangan Penelitian', en: 'Research certificate' },
        conditions: [
          'Hasil penelitian diserahkan kepada pemerintah daerah.',
          'Tidak untuk kepentingan lain di luar penelitian.',
        ],
      },
      validityMonths: 6,
    },
  },
];
