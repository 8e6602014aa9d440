/**
 * Days off fixed by the yearly SKB 3 Menteri (Menteri Agama, Menteri Ketenagakerjaan, Menteri PANRB)
 * "tentang Hari Libur Nasional dan Cuti Bersama".
 *
 * Why this table exists next to `date-holidays`:
 * - `date-holidays` (v3, country ID) knows only the national holidays (all type 'public'); it has no
 *   cuti bersama at all.
 * - It computes Hijri holidays arithmetically, while the SKB (and the Menteri Agama's isbat) fixes
 *   them officially; for 2025 it is a day early for Idulfitri (30–31 Mar, SKB: 31 Mar–1 Apr) and for
 *   1 Muharam (26 Jun, SKB: 27 Jun), and for 2026 for Idulfitri (20–21 Mar, SKB: 21–22 Mar).
 * So for a year listed here the SKB is the whole source of truth, and the library is only the fallback
 * for other years.
 *
 * To add a year: copy its SKB (usually signed in September–October of the year before) and add any
 * later amendment. Sunday-only holidays (Paskah) are kept so the list reads like the decree.
 */

export type SkbYear = {
  decree: string;
  national: ReadonlyArray<readonly [date: string, name: string]>;
  cutiBersama: ReadonlyArray<readonly [date: string, name: string]>;
};

export const SKB: Readonly<Record<number, SkbYear>> = {
  2025: {
    decree:
      'SKB Menag, Menaker, MenPANRB No. 1017/2024, 2/2024, 2/2024 (14 Oktober 2024), ' +
      'diubah dengan No. 933/2025, 1/2025, 3/2025 (7 Agustus 2025): cuti bersama 18 Agustus',
    national: [
      ['2025-01-01', 'Tahun Baru 2025 Masehi'],
      ['2025-01-27', 'Isra Mikraj Nabi Muhammad SAW'],
      ['2025-01-29', 'Tahun Baru Imlek 2576 Kongzili'],
      ['2025-03-29', 'Hari Suci Nyepi (Tahun Baru Saka 1947)'],
      ['2025-03-31', 'Idulfitri 1446 Hijriah'],
      ['2025-04-01', 'Idulfitri 1446 Hijriah'],
      ['2025-04-18', 'Wafat Yesus Kristus'],
      ['2025-04-20', 'Kebangkitan Yesus Kristus (Paskah)'],
      ['2025-05-01', 'Hari Buruh Internasional'],
      ['2025-05-12', 'Hari Raya Waisak 2569 BE'],
      ['2025-05-29', 'Kenaikan Yesus Kristus'],
      ['2025-06-01', 'Hari Lahir Pancasila'],
      ['2025-06-06', 'Iduladha 1446 Hijriah'],
      ['2025-06-27', '1 Muharam Tahun Baru Islam 1447 Hijriah'],
      ['2025-08-17', 'Proklamasi Kemerdekaan'],
      ['2025-09-05', 'Maulid Nabi Muhammad SAW'],
      ['2025-12-25', 'Kelahiran Yesus Kristus'],
    ],
    cutiBersama: [
      ['2025-01-28', 'Cuti bersama Tahun Baru Imlek'],
      ['2025-03-28', 'Cuti bersama Hari Suci Nyepi'],
      ['2025-04-02', 'Cuti bersama Idulfitri'],
      ['2025-04-03', 'Cuti bersama Idulfitri'],
      ['2025-04-04', 'Cuti bersama Idulfitri'],
      ['2025-04-07', 'Cuti bersama Idulfitri'],
      ['2025-05-13', 'Cuti bersama Hari Raya Waisak'],
      ['2025-05-30', 'Cuti bersama Kenaikan Yesus Kristus'],
      ['2025-06-09', 'Cuti bersama Iduladha'],
      ['2025-08-18', 'Cuti bersama HUT ke-80 Kemerdekaan RI'],
      ['2025-12-26', 'Cuti bersama Kelahiran Yesus Kristus'],
    ],
  },
  2026: {
    // Idulfitri and Iduladha stay subject to the Menteri Agama's isbat; if it moves them, amend here.
    decree: 'SKB Menag, Menaker, MenPANRB No. 1497/2025, 2/2025, 5/2025 (diumumkan 19 September 2025)',
    national: [
      ['2026-01-01', 'Tahun Baru 2026 Masehi'],
      ['2026-01-16', 'Isra Mikraj Nabi Muhammad SAW'],
      ['2026-02-17', 'Tahun Baru Imlek 2577 Kongzili'],
      ['2026-03-19', 'Hari Suci Nyepi (Tahun Baru Saka 1948)'],
      ['2026-03-21', 'Idulfitri 1447 Hijriah'],
      ['2026-03-22', 'Idulfitri 1447 Hijriah'],
      ['2026-04-03', 'Wafat Yesus Kristus'],
      ['2026-04-05', 'Kebangkitan Yesus Kristus (Paskah)'],
      ['2026-05-01', 'Hari Buruh Internasional'],
      ['2026-05-14', 'Kenaikan Yesus Kristus'],
      ['2026-05-27', 'Iduladha 1447 Hijriah'],
      ['2026-05-31', 'Hari Raya Waisak 2570 BE'],
      ['2026-06-01', 'Hari Lahir Pancasila'],
      ['2026-06-16', '1 Muharam Tahun Baru Islam 1448 Hijriah'],
      ['2026-08-17', 'Proklamasi Kemerdekaan'],
      ['2026-08-25', 'Maulid Nabi Muhammad SAW'],
      ['2026-12-25', 'Kelahiran Yesus Kristus'],
    ],
    cutiBersama: [
      ['2026-02-16', 'Cuti bersama Tahun Baru Imlek'],
      ['2026-03-18', 'Cuti bersama Hari Suci Nyepi'],
      ['2026-03-20', 'Cuti bersama Idulfitri'],
      ['2026-03-23', 'Cuti bersama Idulfitri'],
      ['2026-03-24', 'Cuti bersama Idulfitri'],
      ['2026-05-15', 'Cuti bersama Kenaikan Yesus Kristus'],
      ['2026-05-28', 'Cuti bersama Iduladha'],
      ['2026-12-24', 'Cuti bersama Kelahiran Yesus Kristus'],
    ],
  },
};
