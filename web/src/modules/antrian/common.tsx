import type { TicketState } from '../../../../shared/modules/antrian';
import { t } from '../../core/i18n';
import type { WeekHours } from './api';

/** Weekday names, Sunday first (the index of `hours`). */
export function weekdays(): string[] {
  return [
    t('antrian.day.sun'),
    t('antrian.day.mon'),
    t('antrian.day.tue'),
    t('antrian.day.wed'),
    t('antrian.day.thu'),
    t('antrian.day.fri'),
    t('antrian.day.sat'),
  ];
}

/** Opening hours Monday first, as a small table. */
export function HoursTable({ hours }: { hours: WeekHours }) {
  const names = weekdays();
  const order = [1, 2, 3, 4, 5, 6, 0];
  return (
    <table className="antrian-hours">
      <tbody>
        {order.map((d) => (
          <tr key={d}>
            <th scope="row">{names[d]}</th>
            <td>{hours[d] ? `${hours[d].open}–${hours[d].close}` : t('antrian.closedDay')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function stateLabel(s: TicketState): string {
  return {
    booked: t('antrian.state.booked'),
    waiting: t('antrian.state.waiting'),
    called: t('antrian.state.called'),
    serving: t('antrian.state.serving'),
    done: t('antrian.state.done'),
    no_show: t('antrian.state.no_show'),
    cancelled: t('antrian.state.cancelled'),
    transferred: t('antrian.state.transferred'),
  }[s];
}
