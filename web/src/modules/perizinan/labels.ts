import type { Fee, ReviewStep, TypeDefinition } from '../../../../shared/modules/perizinan';
import type { Format } from '../../core/format';

export {
  lockerDocLabels,
  stateLabels,
  stepLabels,
} from '../../../../shared/modules/perizinan';

/** What happened at a history entry (the action), beside the state it led to. */
export const actionLabels: Record<string, { id: string; en: string }> = {
  submit: { id: 'Diajukan', en: 'Submitted' },
  check: { id: 'Berkas diperiksa', en: 'Documents checked' },
  resubmit: { id: 'Dikirim ulang', en: 'Sent again' },
  review: { id: 'Kajian teknis', en: 'Technical review' },
  pay: { id: 'Retribusi dibayar', en: 'Fee paid' },
  approve: { id: 'Disetujui', en: 'Approved' },
  sign: { id: 'Ditandatangani', en: 'Signed' },
  reject: { id: 'Ditolak', en: 'Rejected' },
  withdraw: { id: 'Dibatalkan pemohon', en: 'Withdrawn' },
  suspend: { id: 'Izin dibekukan', en: 'Permit suspended' },
  reinstate: { id: 'Izin diaktifkan kembali', en: 'Permit reinstated' },
  revoke: { id: 'Izin dicabut', en: 'Permit revoked' },
};

/** Rupiah without decimals through the platform's number format: Rp150.000 (id) / Rp150,000 (en). */
export const rupiah = (f: Format, n: number) => `Rp${f.number(n, 0)}`;

/** The steps an application of this type goes through, in order (the procedure). */
export function stepsOf(def: TypeDefinition): ReviewStep[] {
  return [
    'front_office',
    ...(def.technicalReview ? (['technical'] as const) : []),
    ...(def.fee.kind === 'none' ? [] : (['cashier'] as const)),
    'verifier',
    'signer',
  ];
}

export function feeText(
  f: Format,
  fee: Fee,
  def: TypeDefinition,
  t: (k: string, p?: Record<string, unknown>) => string,
  pick: (l: { id: string; en: string }) => string,
): string {
  if (fee.kind === 'none') return t('izin.free');
  if (fee.kind === 'fixed') return rupiah(f, fee.amount);
  const field = def.fields.find((x) => x.key === fee.unitField);
  return t('izin.feePerUnit', {
    amount: rupiah(f, fee.amount),
    unit: field?.unit ?? '',
    field: field ? pick(field.label) : fee.unitField,
  });
}
