import type { Confidentiality, LetterStatus, PositionLevel } from '../../../../shared/modules/eoffice';

export { dispositionInstructionLabels, letterTypeLabels } from '../../../../shared/modules/eoffice';

type Pair = { id: string; en: string };

export const urgencyLabels: Record<'biasa' | 'segera' | 'sangat_segera', Pair> = {
  biasa: { id: 'Biasa', en: 'Normal' },
  segera: { id: 'Segera', en: 'Urgent' },
  sangat_segera: { id: 'Sangat segera', en: 'Very urgent' },
};

export const confidentialityLabels: Record<Confidentiality, Pair> = {
  biasa: { id: 'Biasa', en: 'Ordinary' },
  terbatas: { id: 'Terbatas', en: 'Restricted' },
  rahasia: { id: 'Rahasia', en: 'Secret' },
};

export const statusLabels: Record<LetterStatus, Pair> = {
  draft: { id: 'Konsep', en: 'Draft' },
  review: { id: 'Dalam paraf', en: 'In review' },
  returned: { id: 'Dikembalikan', en: 'Returned' },
  signed: { id: 'Ditandatangani', en: 'Signed' },
  registered: { id: 'Teregistrasi', en: 'Registered' },
};

export const levelLabels: Record<PositionLevel, Pair> = {
  kepala: { id: 'Kepala', en: 'Head' },
  sekretaris: { id: 'Sekretaris', en: 'Secretary' },
  kabid: { id: 'Kepala bidang', en: 'Division head' },
  kasubag: { id: 'Kepala subbagian', en: 'Subdivision head' },
  kasi: { id: 'Kepala seksi', en: 'Section head' },
  staf: { id: 'Staf', en: 'Staff' },
};

export const kindLabels: Record<'definitif' | 'plt' | 'plh', Pair> = {
  definitif: { id: 'Definitif', en: 'Substantive' },
  plt: { id: 'Plt', en: 'Acting (Plt)' },
  plh: { id: 'Plh', en: 'Daily stand-in (Plh)' },
};

export const stepStateLabels: Record<'waiting' | 'pending' | 'initialed' | 'returned' | 'signed', Pair> = {
  waiting: { id: 'Menunggu giliran', en: 'Waiting' },
  pending: { id: 'Sedang di meja', en: 'On the desk' },
  initialed: { id: 'Diparaf', en: 'Initialled' },
  returned: { id: 'Dikembalikan', en: 'Returned' },
  signed: { id: 'Ditandatangani', en: 'Signed' },
};

export const roleLabels: Record<'paraf' | 'sign', Pair> = {
  paraf: { id: 'Paraf', en: 'Initial' },
  sign: { id: 'Tanda tangan', en: 'Signature' },
};

export const archiveStateLabels: Record<'aktif' | 'inaktif' | 'musnah' | 'permanen', Pair> = {
  aktif: { id: 'Aktif', en: 'Active' },
  inaktif: { id: 'Inaktif', en: 'Inactive' },
  musnah: { id: 'Musnah', en: 'Destroyed' },
  permanen: { id: 'Permanen', en: 'Permanent' },
};

export const inboxKindLabels: Record<'review' | 'letter' | 'disposition', Pair> = {
  review: { id: 'Paraf / tanda tangan', en: 'Review / sign' },
  letter: { id: 'Surat', en: 'Letter' },
  disposition: { id: 'Disposisi', en: 'Disposition' },
};

export const proposalStateLabels: Record<'proposed' | 'approved' | 'rejected', Pair> = {
  proposed: { id: 'Diusulkan', en: 'Proposed' },
  approved: { id: 'Disetujui', en: 'Approved' },
  rejected: { id: 'Ditolak', en: 'Rejected' },
};
