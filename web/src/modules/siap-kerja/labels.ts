import {
  type Ak1Status,
  type ApplicationStatus,
  type EmployerStatus,
  educationLabels,
  type JobType,
  type VacancyStatus,
} from '../../../../shared/modules/siap-kerja';

type Label = { id: string; en: string };

export { educationLabels };

export const jobTypeLabels: Record<JobType, Label> = {
  penuh_waktu: { id: 'Penuh waktu', en: 'Full time' },
  paruh_waktu: { id: 'Paruh waktu', en: 'Part time' },
  kontrak: { id: 'Kontrak', en: 'Contract' },
  magang: { id: 'Magang', en: 'Internship' },
  harian: { id: 'Harian', en: 'Daily work' },
};

export const applicationLabels: Record<ApplicationStatus, Label> = {
  dilamar: { id: 'Dilamar', en: 'Applied' },
  disaring: { id: 'Disaring', en: 'Screening' },
  wawancara: { id: 'Wawancara', en: 'Interview' },
  ditawari: { id: 'Ditawari', en: 'Offered' },
  diterima: { id: 'Diterima', en: 'Hired' },
  ditolak: { id: 'Tidak lolos', en: 'Not selected' },
  ditarik: { id: 'Ditarik', en: 'Withdrawn' },
};

export const ak1Labels: Record<Ak1Status, Label> = {
  diajukan: { id: 'Menunggu verifikasi Disnaker', en: 'Waiting for Disnaker' },
  perlu_datang: { id: 'Perlu datang ke kantor Disnaker', en: 'Please visit the Disnaker office' },
  terbit: { id: 'Berlaku', en: 'Valid' },
  ditolak: { id: 'Ditolak', en: 'Refused' },
  dicabut: { id: 'Dicabut', en: 'Revoked' },
  kedaluwarsa: { id: 'Kedaluwarsa', en: 'Expired' },
};

export const employerLabels: Record<EmployerStatus, Label> = {
  menunggu: { id: 'Menunggu verifikasi Disnaker', en: 'Waiting for Disnaker' },
  terverifikasi: { id: 'Terverifikasi', en: 'Verified' },
  ditolak: { id: 'Ditolak', en: 'Refused' },
};

export const vacancyLabels: Record<VacancyStatus, Label> = {
  menunggu: { id: 'Menunggu verifikasi', en: 'Waiting for review' },
  terbuka: { id: 'Tayang', en: 'Open' },
  ditutup: { id: 'Ditutup', en: 'Closed' },
  terisi: { id: 'Terisi', en: 'Filled' },
  ditolak: { id: 'Ditolak', en: 'Refused' },
};

/** Words for the match explanation ("cocok: pendidikan, lokasi; kurang: pengalaman 2 tahun"). */
export const criterionLabels: Record<string, Label> = {
  pendidikan: { id: 'pendidikan', en: 'education' },
  keahlian: { id: 'keahlian', en: 'skills' },
  lokasi: { id: 'lokasi', en: 'location' },
  pengalaman: { id: 'pengalaman', en: 'experience' },
  gaji: { id: 'gaji', en: 'pay' },
  jenis: { id: 'jenis kerja', en: 'job type' },
};

export const maritalLabels: Record<string, Label> = {
  belum_kawin: { id: 'Belum kawin', en: 'Single' },
  kawin: { id: 'Kawin', en: 'Married' },
  cerai_hidup: { id: 'Cerai hidup', en: 'Divorced' },
  cerai_mati: { id: 'Cerai mati', en: 'Widowed' },
};
export const religionLabels: Record<string, Label> = {
  islam: { id: 'Islam', en: 'Islam' },
  kristen: { id: 'Kristen', en: 'Protestant' },
  katolik: { id: 'Katolik', en: 'Catholic' },
  hindu: { id: 'Hindu', en: 'Hindu' },
  buddha: { id: 'Buddha', en: 'Buddhist' },
  khonghucu: { id: 'Khonghucu', en: 'Confucian' },
  lainnya: { id: 'Lainnya', en: 'Other' },
};
