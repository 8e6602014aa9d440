/**
 * The LAKSA bench's world: 20 real kabupaten/kota of Jawa Barat and Jawa Tengah with their share of
 * the 1,000,000 reports, and the vocabulary complaints are written with. The bulk load (fixture.ts)
 * passes these lists to PostgreSQL as arrays; the HTTP intake and pgbench draw from the same words.
 */

export type BenchRegionSpec = {
  /** Kemendagri code (onboarded like production). */
  code: string;
  /** Reports in the bulk load (the 20 add up to 1,000,000). */
  reports: number;
  /** Rough centre and spread of report locations (degrees). */
  lat: number;
  lng: number;
  spread: number;
};

export const BENCH_REGIONS: readonly BenchRegionSpec[] = [
  { code: '32.01', reports: 110_000, lat: -6.55, lng: 106.8, spread: 0.15 }, // Kabupaten Bogor
  { code: '32.04', reports: 70_000, lat: -7.05, lng: 107.6, spread: 0.15 }, // Kabupaten Bandung
  { code: '32.15', reports: 45_000, lat: -6.3, lng: 107.3, spread: 0.15 }, // Kabupaten Karawang
  { code: '32.16', reports: 75_000, lat: -6.25, lng: 107.15, spread: 0.12 }, // Kabupaten Bekasi
  { code: '32.17', reports: 35_000, lat: -6.85, lng: 107.45, spread: 0.12 }, // Kabupaten Bandung Barat
  { code: '32.71', reports: 45_000, lat: -6.595, lng: 106.8, spread: 0.03 }, // Kota Bogor
  { code: '32.73', reports: 105_000, lat: -6.915, lng: 107.61, spread: 0.04 }, // Kota Bandung
  { code: '32.75', reports: 85_000, lat: -6.24, lng: 106.99, spread: 0.04 }, // Kota Bekasi
  { code: '32.76', reports: 70_000, lat: -6.4, lng: 106.82, spread: 0.04 }, // Kota Depok
  { code: '32.77', reports: 20_000, lat: -6.88, lng: 107.54, spread: 0.02 }, // Kota Cimahi
  { code: '33.02', reports: 45_000, lat: -7.45, lng: 109.15, spread: 0.15 }, // Kabupaten Banyumas
  { code: '33.11', reports: 30_000, lat: -7.68, lng: 110.84, spread: 0.08 }, // Kabupaten Sukoharjo
  { code: '33.13', reports: 25_000, lat: -7.6, lng: 111.05, spread: 0.1 }, // Kabupaten Karanganyar
  { code: '33.22', reports: 30_000, lat: -7.2, lng: 110.45, spread: 0.1 }, // Kabupaten Semarang
  { code: '33.71', reports: 12_000, lat: -7.48, lng: 110.22, spread: 0.02 }, // Kota Magelang
  { code: '33.72', reports: 45_000, lat: -7.57, lng: 110.82, spread: 0.03 }, // Kota Surakarta
  { code: '33.73', reports: 13_000, lat: -7.33, lng: 110.5, spread: 0.02 }, // Kota Salatiga
  { code: '33.74', reports: 100_000, lat: -7.0, lng: 110.42, spread: 0.05 }, // Kota Semarang
  { code: '33.75', reports: 20_000, lat: -6.89, lng: 109.67, spread: 0.02 }, // Kota Pekalongan
  { code: '33.76', reports: 20_000, lat: -6.87, lng: 109.14, spread: 0.02 }, // Kota Tegal
];

/**
 * What citizens write, per category code of the LAKSA seed (api/modules/laksa/seed.ts). `weight` is
 * the category's share of reports (road damage, drainage, street lights and waste dominate).
 */
export const COMPLAINTS: Record<string, { weight: number; phrases: readonly string[] }> = {
  'jalan-rusak': {
    weight: 22,
    phrases: [
      'Jalan rusak berlubang',
      'Aspal jalan mengelupas dan berlubang cukup dalam',
      'Jalan retak dan amblas di sisi kiri',
      'Lubang besar di tengah jalan membahayakan pengendara motor',
      'Jalan berlubang tergenang air saat hujan sehingga tidak terlihat',
      'Perbaikan jalan terbengkalai, material menumpuk di bahu jalan',
      'Trotoar rusak dan paving block banyak yang lepas',
      'Jembatan kecil rusak, papan lantainya berlubang',
      'Jalan lingkungan rusak parah dan belum pernah diperbaiki',
    ],
  },
  'drainase-banjir': {
    weight: 15,
    phrases: [
      'Banjir setinggi lutut setiap hujan deras',
      'Saluran drainase tersumbat sampah dan lumpur',
      'Gorong-gorong mampet sehingga air meluap ke jalan',
      'Genangan air tidak surut berhari-hari',
      'Selokan dangkal, airnya hitam dan berbau',
      'Tanggul kali jebol, air masuk ke rumah warga',
      'Drainase tertutup bangunan liar sehingga air tidak mengalir',
    ],
  },
  'penerangan-jalan': {
    weight: 12,
    phrases: [
      'Lampu PJU mati',
      'Lampu penerangan jalan umum padam, jalan gelap gulita dan rawan',
      'Tiang lampu PJU miring hampir roboh',
      'Lampu jalan berkedip-kedip dan sering mati',
      'Kabel lampu PJU menjuntai membahayakan pejalan kaki',
      'Beberapa titik lampu PJU mati berurutan',
    ],
  },
  'lalu-lintas': {
    weight: 8,
    phrases: [
      'Lampu lalu lintas di perempatan mati',
      'Parkir liar di bahu jalan menyebabkan kemacetan',
      'Rambu lalu lintas roboh dan belum dipasang kembali',
      'Marka jalan sudah pudar dan zebra cross tidak terlihat',
      'Angkot ngetem sembarangan menutup jalan',
      'Kemacetan parah setiap jam pulang kerja, mohon ada petugas',
    ],
  },
  sampah: {
    weight: 14,
    phrases: [
      'Sampah menumpuk dan tidak diangkut',
      'TPS liar di pinggir jalan berbau busuk',
      'Truk sampah tidak datang sudah seminggu',
      'Warga membuang sampah ke sungai',
      'Pembakaran sampah menimbulkan asap tebal',
      'Tumpukan sampah menutupi saluran air',
    ],
  },
  kesehatan: {
    weight: 5,
    phrases: [
      'Antrean puskesmas sangat panjang dan petugas kurang',
      'Obat di puskesmas sering kosong',
      'Pelayanan pasien BPJS di rumah sakit daerah lambat',
      'Kasus demam berdarah meningkat, mohon dilakukan fogging',
      'Posyandu tidak aktif lagi',
    ],
  },
  pendidikan: {
    weight: 4,
    phrases: [
      'Atap ruang kelas SD bocor dan plafon hampir runtuh',
      'Ada pungutan liar di sekolah negeri',
      'Zonasi PPDB tidak transparan',
      'Bangunan sekolah retak dan membahayakan murid',
    ],
  },
  'administrasi-kependudukan': {
    weight: 5,
    phrases: [
      'Pembuatan KTP elektronik lama sekali',
      'Blanko KTP elektronik habis',
      'Pengurusan akta kelahiran dipersulit',
      'Kartu keluarga belum jadi padahal sudah sebulan',
      'Antrean di kantor Disdukcapil membludak',
    ],
  },
  bansos: {
    weight: 4,
    phrases: [
      'Bantuan sosial tidak tepat sasaran',
      'Nama terdaftar di DTKS tetapi bantuan tidak cair',
      'BLT belum diterima warga',
      'Penyaluran sembako dipotong oknum',
    ],
  },
  'ketertiban-umum': {
    weight: 5,
    phrases: [
      'Balap liar setiap malam minggu',
      'Pedagang kaki lima memakai trotoar dan badan jalan',
      'Tawuran pelajar di dekat sekolah',
      'Pengamen dan pengemis di lampu merah',
      'Suara musik keras hingga larut malam',
      'Premanisme dan pungli di pasar',
    ],
  },
  perizinan: {
    weight: 2,
    phrases: [
      'Izin PBG lama sekali diproses',
      'Bangunan tanpa izin berdiri di sempadan sungai',
      'Reklame liar dipasang tanpa izin',
    ],
  },
  lainnya: {
    weight: 4,
    phrases: [
      'Pohon tumbang menutup jalan',
      'Anjing liar berkeliaran dan menggigit warga',
      'Fasilitas taman kota rusak',
      'Air PDAM tidak mengalir',
      'Ranting pohon besar menimpa kabel listrik',
    ],
  },
};

export const STREETS = [
  'Jl. Jenderal Sudirman',
  'Jl. Ahmad Yani',
  'Jl. Diponegoro',
  'Jl. Gatot Subroto',
  'Jl. Pahlawan',
  'Jl. Merdeka',
  'Jl. Pemuda',
  'Jl. Imam Bonjol',
  'Jl. Veteran',
  'Jl. Siliwangi',
  'Jl. Pajajaran',
  'Jl. Dr. Setiabudi',
  'Jl. Kartini',
  'Jl. Kenanga',
  'Jl. Melati',
  'Jl. Mawar',
  'Jl. Cempaka',
  'Jl. Anggrek',
  'Jl. Flamboyan',
  'Jl. Teuku Umar',
  'Jl. Hasanuddin',
  'Jl. Pattimura',
  'Jl. Cut Nyak Dien',
  'Jl. KH Hasyim Asyari',
  'Jl. Pramuka',
  'Jl. Garuda',
  'Jl. Rajawali',
  'Jl. Kebon Jeruk',
  'Jl. Pasar Baru',
  'Jl. Stasiun',
  'Jl. Raya Terminal',
  'Jl. Pandanaran',
  'Jl. Slamet Riyadi',
  'Jl. Dr. Wahidin',
  'Jl. Sukarno-Hatta',
  'Jl. Raya Puncak',
  'Jl. Juanda',
  'Jl. Cikutra',
  'Gg. Masjid',
  'Gg. Mushola',
  'Gg. Sawo',
  'Gg. Delima',
];

export const WHEN = [
  'sejak tiga hari lalu',
  'sudah berbulan-bulan',
  'sejak minggu lalu',
  'setiap malam',
  'sejak tadi pagi',
  'sudah dua minggu',
  'sejak awal bulan',
  'setiap musim hujan',
];

export const IMPACT = [
  'Mohon segera ditindaklanjuti.',
  'Sangat mengganggu aktivitas warga.',
  'Sudah dilaporkan ke RT/RW tetapi belum ada tindakan.',
  'Mohon perhatian dinas terkait.',
  'Banyak pengendara motor terjatuh.',
  'Anak-anak sekolah terpaksa memutar lewat jalan lain.',
  'Warga khawatir terjadi kecelakaan.',
  'Terima kasih atas perhatiannya.',
];

/** What a search term is, for the bench's per-kind figures and its checks before measuring. */
export type SearchKind = 'common' | 'rare' | 'absent' | 'multi-word' | 'ticket';
export type SearchTerm = { kind: SearchKind; q: string };

/**
 * Search terms staff type, of every kind, because each kind takes another path: single common words,
 * two-word phrases and places (`common`: each finds reports in every region); `rare` words (about
 * 1% or fewer of a region's reports, the kind that used to read the region until a page was full);
 * `absent` ones (found nowhere: read the whole region before the search had its index); long
 * `multi-word` queries; `ticket` numbers (a template: CODE becomes the region's code without the
 * dot). websearch_to_tsquery syntax.
 */
export const SEARCH_TERMS: readonly SearchTerm[] = [
  ...[
    'jalan rusak',
    'lampu pju mati',
    'sampah menumpuk',
    'banjir',
    'drainase tersumbat',
    'berlubang',
    'parkir liar',
    'pohon tumbang',
    'gorong-gorong',
    'ktp elektronik',
    'sudirman',
    'jl. pahlawan',
    'genangan air',
    'balap liar',
    'puskesmas',
    'kemacetan',
    'trotoar',
    'selokan berbau',
    'pdam',
    'demam berdarah',
  ].map((q) => ({ kind: 'common' as const, q })),
  ...['posyandu', 'sembako', 'zonasi ppdb', 'pungutan liar', 'blanko', 'reklame sawo', 'tawuran delima'].map(
    (q) => ({ kind: 'rare' as const, q }),
  ),
  ...['lampuu', 'jembatan gantung', 'xyzzy', 'banjir bandang lahar'].map((q) => ({
    kind: 'absent' as const,
    q,
  })),
  ...[
    'lampu pju mati sejak minggu lalu mohon segera ditindaklanjuti',
    'jalan rusak berlubang membahayakan pengendara motor',
    '"saluran drainase tersumbat sampah"',
    'sampah -sungai menumpuk',
  ].map((q) => ({ kind: 'multi-word' as const, q })),
  ...['LKS-CODE-25-000123', 'lks-CODE-26-000042'].map((q) => ({ kind: 'ticket' as const, q })),
];

/** A term as typed in a region (ticket numbers carry the region's code). */
export const termIn = (t: SearchTerm, regionCode: string) => t.q.replace('CODE', regionCode.replace('.', ''));

/** A small seeded PRNG (mulberry32), so a run's request stream is reproducible. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  return { next, pick };
}

export type Rng = ReturnType<typeof prng>;

/** A complaint of the given category, like the bulk load writes them (same vocabulary). */
export function describe(rng: Rng, categoryCode: string, kelurahan: string) {
  const phrases = COMPLAINTS[categoryCode]?.phrases ?? COMPLAINTS.lainnya!.phrases;
  const street = rng.pick(STREETS);
  const rt = 1 + Math.floor(rng.next() * 12);
  const rw = 1 + Math.floor(rng.next() * 9);
  const description = `${rng.pick(phrases)} di ${street} RT ${pad2(rt)}/RW ${pad2(rw)}, ${kelurahan}, ${rng.pick(WHEN)}. ${rng.pick(IMPACT)}`;
  const address = `${street} No. ${1 + Math.floor(rng.next() * 250)}, ${kelurahan}`;
  return { description, address };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Category codes weighted by their share, for drawing one. */
export const WEIGHTED_CATEGORY_CODES: readonly string[] = Object.entries(COMPLAINTS).flatMap(([code, c]) =>
  Array.from({ length: c.weight }, () => code),
);
