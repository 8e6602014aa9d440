import type { AlertView } from '../../../../../shared/modules/harga-pangan';
import { api } from '../../../core/api';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { Button } from '../../../core/ui';
import { BASE } from '../api';
import { rupiah } from '../format';

/** TPID alerts of the signed-in member (also e-mailed when their address is verified). */
export function Alerts() {
  const { t, locale } = useLang();
  const alerts = useApi<AlertView[]>(`${BASE}/alerts`);
  const list = alerts.data ?? [];
  if (alerts.data && list.length === 0) return <p>{t('hargaPangan.staff.alertsEmpty')}</p>;
  return (
    <div data-testid="hp-alerts">
      <ul className="hp-compare">
        {list.map((a) => (
          <li key={a.id} data-testid="hp-alert" style={a.readAt ? undefined : { fontWeight: 600 }}>
            {t(`hargaPangan.staff.alert_${a.kind}`, {
              name: a.commodityName,
              pct: a.reference,
              het: rupiah(a.reference, locale),
              price: rupiah(a.average, locale),
              date: a.date,
            })}
          </li>
        ))}
      </ul>
      {list.some((a) => !a.readAt) ? (
        <Button
          variant="secondary"
          onClick={() => void api(`${BASE}/alerts/read`, { method: 'POST' }).then(alerts.reload)}
        >
          {t('hargaPangan.staff.markRead')}
        </Button>
      ) : null}
    </div>
  );
}
