import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { api, errorMessage } from '../../../core/api';
import { todayIn } from '../../../core/format';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { useRegionTimeZone } from '../../../core/region';
import { useSession } from '../../../core/session';
import { Alert, Button, buttonClass, Field, SelectField, Spinner } from '../../../core/ui';
import { useFormat } from '../../../core/useFormat';
import {
  BASE,
  MODULE_CITIZEN,
  type PriorityView,
  type ServiceView,
  type SlotView,
  type TicketView,
  type UnitServiceView,
  type UnitView,
} from '../api';

/** One service: its published standard, "Ambil nomor sekarang" and "Booking". */
export function ServiceDetail({ code, service }: { code: string; service: string }) {
  const { t } = useLang();
  const f = useFormat();
  const { me } = useSession();
  const unit = useApi<UnitView>(`${BASE}/units/${encodeURIComponent(code)}`);
  const [mode, setMode] = useState<'none' | 'now' | 'book'>('none');
  if (unit.loading && !unit.data) return <Spinner label={t('antrian.loading')} />;
  if (!unit.data) return <Alert>{unit.error}</Alert>;
  const u = unit.data;
  const s = u.services.find((x) => x.code === service && x.active);
  if (!s) return <Alert>{t('antrian.serviceNotFound')}</Alert>;
  const here = `${MODULE_CITIZEN}/unit/${u.code}/${s.code}`;
  return (
    <div className="antrian narrow" data-testid="antrian-service-detail">
      <Link href={`/unit/${u.code}`} className="antrian-back">
        ← {u.name}
      </Link>
      <h1>
        <span className="antrian-prefix" aria-hidden="true">
          {s.prefix}
        </span>{' '}
        {s.name}
      </h1>
      {me ? (
        <div className="antrian-actions">
          <Button
            block
            variant={mode === 'now' ? 'primary' : 'secondary'}
            aria-expanded={mode === 'now'}
            disabled={!u.openNow}
            onClick={() => setMode(mode === 'now' ? 'none' : 'now')}
            data-testid="antrian-take-now"
          >
            {t('antrian.takeNow')}
          </Button>
          {!u.openNow ? <p className="muted antrian-small">{t('antrian.takeNowClosed')}</p> : null}
          {mode === 'now' ? <TakeNow unit={u} service={s} /> : null}
          <Button
            block
            variant={mode === 'book' ? 'primary' : 'secondary'}
            aria-expanded={mode === 'book'}
            disabled={s.slotQuota === 0}
            onClick={() => setMode(mode === 'book' ? 'none' : 'book')}
            data-testid="antrian-book"
          >
            {t('antrian.book')}
          </Button>
          {s.slotQuota === 0 ? <p className="muted antrian-small">{t('antrian.noBooking')}</p> : null}
          {mode === 'book' ? <Book unit={u} service={s} /> : null}
        </div>
      ) : (
        <Link
          href={`~/masuk?next=${encodeURIComponent(here)}`}
          className={buttonClass('primary', true)}
          data-testid="antrian-signin"
        >
          {t('antrian.signInToTake')}
        </Link>
      )}
      <h2>{t('antrian.standard')}</h2>
      <dl className="antrian-standard">
        <dt>{t('antrian.std.requirements')}</dt>
        <dd>
          {s.standard.requirements.length ? (
            <ol>
              {s.standard.requirements.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ol>
          ) : (
            t('antrian.std.none')
          )}
        </dd>
        {s.standard.procedure ? (
          <>
            <dt>{t('antrian.std.procedure')}</dt>
            <dd>{s.standard.procedure}</dd>
          </>
        ) : null}
        <dt>{t('antrian.std.time')}</dt>
        <dd>{f.minutes(s.standard.minutes)}</dd>
        <dt>{t('antrian.std.cost')}</dt>
        <dd>{s.standard.cost}</dd>
        {s.standard.product ? (
          <>
            <dt>{t('antrian.std.product')}</dt>
            <dd>{s.standard.product}</dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}

function usePriorities() {
  return useApi<PriorityView[]>(`${BASE}/priorities`);
}

function NikAndPriority({
  nik,
  setNik,
  priority,
  setPriority,
  withPriority,
}: {
  nik: string;
  setNik: (v: string) => void;
  priority?: string;
  setPriority?: (v: string) => void;
  withPriority: boolean;
}) {
  const { t } = useLang();
  const priorities = usePriorities();
  return (
    <>
      {withPriority && setPriority ? (
        <SelectField
          label={t('antrian.priorityLabel')}
          hint={t('antrian.priorityHint')}
          value={priority}
          onChange={(e) => setPriority(e.target.value)}
          options={(priorities.data ?? []).map((p) => ({ value: p.code, label: p.name }))}
          data-testid="antrian-priority"
        >
          <option value="">{t('antrian.priorityNone')}</option>
        </SelectField>
      ) : null}
      <Field
        label={t('antrian.nikLabel')}
        hint={t('antrian.nikHint')}
        value={nik}
        inputMode="numeric"
        autoComplete="off"
        maxLength={16}
        onChange={(e) => setNik(e.target.value.replace(/\D/g, ''))}
        data-testid="antrian-nik"
      />
    </>
  );
}

function TakeNow({ unit, service }: { unit: UnitView; service: UnitServiceView }) {
  const { t } = useLang();
  const [, navigate] = useLocation();
  const [priority, setPriority] = useState('');
  const [nik, setNik] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const waiting = service.waiting;
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const ticket = await api<TicketView>(`${BASE}/units/${unit.code}/tickets`, {
        method: 'POST',
        body: { serviceCode: service.code, priorityCode: priority || null, nik: nik || null },
      });
      navigate(`/t/${ticket.token}`);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };
  return (
    <form
      className="antrian-panel form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {waiting === undefined ? null : (
        <p className="antrian-small" data-testid="antrian-service-waiting">
          {t('antrian.waitingCount', { count: waiting })}
        </p>
      )}
      <NikAndPriority nik={nik} setNik={setNik} priority={priority} setPriority={setPriority} withPriority />
      {error ? <Alert>{error}</Alert> : null}
      <Button type="submit" block busy={busy} data-testid="antrian-take-submit">
        {t('antrian.takeSubmit')}
      </Button>
    </form>
  );
}

function Book({ unit, service }: { unit: UnitView; service: ServiceView }) {
  const { t } = useLang();
  const f = useFormat();
  const tz = useRegionTimeZone();
  const [, navigate] = useLocation();
  const min = todayIn(tz, 0);
  const max = todayIn(tz, unit.bookingDaysAhead);
  const [date, setDate] = useState(todayIn(tz, 1));
  const [slot, setSlot] = useState<string | null>(null);
  const [nik, setNik] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const valid = date >= min && date <= max;
  const slots = useApi<SlotView[]>(
    valid
      ? `${BASE}/units/${unit.code}/slots?service=${encodeURIComponent(service.code)}&date=${date}`
      : null,
  );
  const submit = async () => {
    if (!slot) return;
    setBusy(true);
    setError(null);
    try {
      const ticket = await api<TicketView>(`${BASE}/units/${unit.code}/bookings`, {
        method: 'POST',
        body: { serviceCode: service.code, date, slot, nik: nik || null },
      });
      navigate(`/t/${ticket.token}`);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };
  return (
    <form
      className="antrian-panel form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Field
        type="date"
        label={t('antrian.bookDate')}
        hint={t('antrian.bookDateHint', { days: unit.bookingDaysAhead })}
        min={min}
        max={max}
        value={date}
        onChange={(e) => {
          setDate(e.target.value);
          setSlot(null);
        }}
        data-testid="antrian-book-date"
      />
      {valid ? <p className="antrian-small">{f.day(date)}</p> : <Alert>{t('antrian.bookDateOut')}</Alert>}
      {slots.loading && !slots.data ? <Spinner label={t('antrian.loading')} /> : null}
      {slots.error ? <Alert>{slots.error}</Alert> : null}
      {valid && slots.data ? (
        slots.data.length ? (
          <fieldset className="antrian-slots">
            <legend>{t('antrian.slot')}</legend>
            {slots.data.map((x) => (
              <button
                key={x.start}
                type="button"
                className="antrian-slot"
                aria-pressed={slot === x.start}
                disabled={x.left <= 0}
                onClick={() => setSlot(x.start)}
                data-testid="antrian-slot"
              >
                <span className="antrian-slot-time">{x.start}</span>
                <span className="antrian-small">
                  {x.left > 0 ? t('antrian.slotLeft', { count: x.left }) : t('antrian.slotFull')}
                </span>
              </button>
            ))}
          </fieldset>
        ) : (
          <p className="muted">{t('antrian.noSlots')}</p>
        )
      ) : null}
      <NikAndPriority nik={nik} setNik={setNik} withPriority={false} />
      {error ? <Alert>{error}</Alert> : null}
      <Button type="submit" block busy={busy} disabled={!slot} data-testid="antrian-book-submit">
        {slot ? t('antrian.bookSubmitAt', { time: slot }) : t('antrian.bookChooseSlot')}
      </Button>
    </form>
  );
}
