import type { ReportStatus } from '../../../../../shared/modules/laksa';
import { useLang } from '../../../core/i18n';
import { Badge } from '../../../core/ui';
import { statusLabel, statusTone } from '../labels';

export function StatusBadge({ status }: { status: ReportStatus }) {
  const { lang } = useLang();
  return (
    <span className="laksa-status" data-testid="laksa-status-badge" data-status={status}>
      <Badge tone={statusTone(status)}>{statusLabel(status, lang)}</Badge>
    </span>
  );
}
