import {
  closedStatuses,
  type ReportStatus,
  type ReportType,
  reportTypeLabels,
  statusLabels,
} from '../../../../shared/modules/laksa';

/**
 * LAKSA label helpers shared by the citizen and staff pages. Small and stable on purpose: the
 * texts themselves live in shared/modules/laksa.ts (the same words the API sends).
 */
type Lang = 'id' | 'en';

export function statusLabel(status: ReportStatus, lang: Lang): string {
  return statusLabels[status]?.[lang] ?? status;
}

export function typeLabel(type: ReportType, lang: Lang): string {
  return reportTypeLabels[type]?.[lang] ?? type;
}

export function isClosed(status: ReportStatus): boolean {
  return closedStatuses.includes(status);
}

/** Badge tone for a status (core Badge tones). */
export function statusTone(status: ReportStatus): 'neutral' | 'ok' | 'warn' | 'off' {
  if (status === 'selesai') return 'ok';
  if (status === 'ditolak' || status === 'dialihkan') return 'off';
  if (status === 'menunggu_verifikasi' || status === 'ditunda' || status === 'ditinjau_ulang') return 'warn';
  return 'neutral';
}
