import { useCallback, useEffect, useRef, useState } from 'react';
import { api, errorMessage } from '../../../core/api';
import { useApi, useDebounced } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { Alert, Button, Field, SelectField, Spinner } from '../../../core/ui';
import { useFormat } from '../../../core/useFormat';
import { BASE, type DeskView, type PriorityView } from '../api';
import { stateLabel } from '../common';
import { useUnitStream } from '../live';

const UNIT_KEY = 'simpul.antrian.deskUnit';

/** The counter clerk's screen: pick the unit (once), open a counter, then call and serve. */
export function Desk() {
  const { t } = useLang();
  const units = useApi<{ code: string; name: string }[]>(`${BASE}/desk`);
  const [unit, setUnit] = useState<string | null>(() => {
    try {
      return localStorage.getItem(UNIT_KEY);
    } catch {
      return null;
    }
  });
  const list = units.data;
  const chosen = list?.find((u) => u.code === unit)?.code ?? (list?.length === 1 ? list[0]!.code : null);
  const choose = (code: string) => {
    setUnit(code);
    try {
      localStorage.setItem(UNIT_KEY, code);
    } catch {
      /* ignore */
    }
  };
  if (units.loading && !list) return <Spinner label={t('antrian.loading')} />;
  if (units.error) return <Alert>{units.error}</Alert>;
  if (!list?.length) return <Alert kind="info">{t('antrian.desk.noUnits')}</Alert>;
  return (
    <div className="antrian-desk-wrap">
      {list.length > 1 ? (
        <SelectField
          label={t('antrian.unit')}
          value={chosen ?? ''}
          onChange={(e) => choose(e.target.value)}
          options={list.map((u) => ({ value: u.code, label: u.name }))}
          fieldClassName="antrian-desk-unit"
          data-testid="antrian-desk-unit"
        >
          <option value="">{t('antrian.choose')}</option>
        </SelectField>
      ) : null}
      {chosen ? <DeskAt key={chosen} code={chosen} /> : null}
    </div>
  );
}

type Action =
  | 'call'
  | 'recall'
  | 'start'
  | 'finish'
  | 'no-show'
  | 'pause'
  | 'close'
  | 'transfer'
  | 'check-in'
  | 'open';

function isTyping(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

function DeskAt({ code }: { code: string }) {
  const { t } = useLang();
  const f = useFormat();
  const desk = useApi<DeskView>(`${BASE}/desk/${code}`);
  const priorities = useApi<PriorityView[]>(`${BASE}/priorities`);
  const priorityName = (c: string) => priorities.data?.find((p) => p.code === c)?.name ?? c;
  const [busy, setBusy] = useState<Action | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [transferOpen, setTransferOpen] = useState(false);
  const [booking, setBooking] = useState('');
  const reload = useDebounced(desk.reload, 800);
  useUnitStream(code, reload, reload);
  const d = desk.data;

  const post = useCallback(
    async (action: Action, body: unknown = {}, ticketId?: string) => {
      setBusy(action);
      setError(null);
      try {
        const next = await api<DeskView>(`${BASE}/desk/${code}/${action}`, {
          method: 'POST',
          body: ticketId ? { ticketId } : body,
        });
        desk.setData(next);
        if (action === 'finish') setNote('');
        if (action === 'transfer') setTransferOpen(false);
        if (action === 'check-in') setBooking('');
        return true;
      } catch (err) {
        setError(errorMessage(err));
        return false;
      } finally {
        setBusy(null);
      }
    },
    [code, desk.setData],
  );

  const counter = d?.counter ?? null;
  const cur = d?.current ?? null;
  const paused = counter?.status === 'paused';
  const can = {
    call: !!counter && !paused && !cur,
    recall: cur?.status === 'called',
    start: cur?.status === 'called',
    finish: cur?.status === 'called' || cur?.status === 'serving',
    noShow: cur?.status === 'called',
    transfer: !!cur,
    pause: !!counter && !cur,
  };

  // Keyboard: N R S F X T P, never while typing in a field.
  const keys = useRef<(e: KeyboardEvent) => void>(() => undefined);
  keys.current = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target) || busy) return;
    const k = e.key.toLowerCase();
    const run: Record<string, () => void> = {
      n: () => can.call && void post('call'),
      r: () => can.recall && void post('recall'),
      s: () => can.start && void post('start'),
      f: () => can.finish && void post('finish', { note }),
      x: () => can.noShow && void post('no-show'),
      t: () => can.transfer && setTransferOpen(true),
      p: () => can.pause && void post('pause', { paused: !paused }),
    };
    if (run[k]) {
      e.preventDefault();
      run[k]();
    }
  };
  useEffect(() => {
    const h = (e: KeyboardEvent) => keys.current(e);
    window.addEventListener('keydown', h);
    return () => window.removeEventListener('keydown', h);
  }, []);

  if (desk.loading && !d) return <Spinner label={t('antrian.loading')} />;
  if (!d) return <Alert>{desk.error}</Alert>;

  if (!counter)
    return (
      <section
        className="antrian-desk-open"
        aria-labelledby="desk-open-title"
        data-testid="antrian-desk-counters"
      >
        <h2 id="desk-open-title">{t('antrian.desk.openTitle', { unit: d.unit.name })}</h2>
        <p className="muted">{t('antrian.desk.openHint')}</p>
        <ul className="antrian-counter-list">
          {d.counters.map((c) => (
            <li key={c.id}>
              <span className="antrian-counter-name">{c.name}</span>
              <span className="muted antrian-small">
                {c.status === 'closed'
                  ? t('antrian.counter.closed')
                  : t('antrian.counter.usedBy', { name: c.clerkName ?? '' })}
              </span>
              <Button
                onClick={() => void post('open', { counterId: c.id })}
                busy={busy === 'open'}
                disabled={c.status !== 'closed'}
                data-testid="antrian-open-counter"
              >
                {t('antrian.desk.open')}
              </Button>
            </li>
          ))}
        </ul>
        {error ? <Alert>{error}</Alert> : null}
      </section>
    );

  const key = (label: string, k: string) => (
    <>
      {label} <kbd>{k}</kbd>
    </>
  );
  return (
    <div className="antrian-desk" data-testid="antrian-desk">
      <section className="antrian-desk-main" aria-labelledby="desk-title">
        <div className="antrian-desk-head">
          <h2 id="desk-title">
            {counter.name} · {d.unit.name}
          </h2>
          <span className={`antrian-pill antrian-pill-${paused ? 'paused' : 'open'}`}>
            {paused ? t('antrian.counter.paused') : t('antrian.counter.open')}
          </span>
          <span className="muted antrian-small">
            {t('antrian.desk.servedToday', { count: d.servedToday })}
          </span>
        </div>
        <div className="antrian-desk-current" aria-live="polite" data-testid="antrian-desk-current">
          {cur ? (
            <>
              <span className="antrian-desk-number">{cur.number}</span>
              <span className="antrian-desk-meta">
                <strong>{stateLabel(cur.status)}</strong>
                <span>{cur.service}</span>
                {cur.priority ? (
                  <span className="antrian-pill antrian-pill-priority">{priorityName(cur.priority)}</span>
                ) : null}
                {cur.nik ? <span className="antrian-small">NIK {cur.nik}</span> : null}
                <span className="antrian-small muted">
                  {cur.calledAt ? t('antrian.desk.calledAt', { time: f.time(cur.calledAt) }) : ''}
                  {cur.callCount > 1 ? ` · ${t('antrian.desk.calls', { count: cur.callCount })}` : ''}
                </span>
              </span>
            </>
          ) : (
            <span className="muted">{paused ? t('antrian.desk.pausedHint') : t('antrian.desk.idle')}</span>
          )}
        </div>
        <div className="antrian-desk-actions">
          <Button
            className="antrian-desk-primary"
            onClick={() => void post('call')}
            disabled={!can.call}
            busy={busy === 'call'}
            data-testid="antrian-call-next"
          >
            {key(t('antrian.desk.callNext'), 'N')}
          </Button>
          <Button
            variant="secondary"
            onClick={() => void post('recall')}
            disabled={!can.recall}
            busy={busy === 'recall'}
            data-testid="antrian-recall"
          >
            {key(t('antrian.desk.recall'), 'R')}
          </Button>
          <Button
            variant="secondary"
            onClick={() => void post('start')}
            disabled={!can.start}
            busy={busy === 'start'}
            data-testid="antrian-start"
          >
            {key(t('antrian.desk.start'), 'S')}
          </Button>
          <Button
            onClick={() => void post('finish', { note })}
            disabled={!can.finish}
            busy={busy === 'finish'}
            data-testid="antrian-finish"
          >
            {key(t('antrian.desk.finish'), 'F')}
          </Button>
          <Button
            variant="danger"
            onClick={() => void post('no-show')}
            disabled={!can.noShow}
            busy={busy === 'no-show'}
            data-testid="antrian-no-show"
          >
            {key(t('antrian.desk.noShow'), 'X')}
          </Button>
          <Button
            variant="secondary"
            onClick={() => setTransferOpen(!transferOpen)}
            disabled={!can.transfer}
            aria-expanded={transferOpen}
            data-testid="antrian-transfer"
          >
            {key(t('antrian.desk.transfer'), 'T')}
          </Button>
          <Button
            variant="secondary"
            onClick={() => void post('pause', { paused: !paused })}
            disabled={!can.pause}
            busy={busy === 'pause'}
            data-testid="antrian-pause"
          >
            {key(paused ? t('antrian.desk.resume') : t('antrian.desk.pause'), 'P')}
          </Button>
          <Button
            variant="ghost"
            onClick={() => {
              if (cur && !window.confirm(t('antrian.desk.closeConfirm'))) return;
              void post('close');
            }}
            busy={busy === 'close'}
            data-testid="antrian-close-counter"
          >
            {t('antrian.desk.close')}
          </Button>
        </div>
        {can.finish ? (
          <Field
            label={t('antrian.desk.note')}
            value={note}
            maxLength={500}
            onChange={(e) => setNote(e.target.value)}
            fieldClassName="antrian-desk-note"
            data-testid="antrian-note"
          />
        ) : null}
        {transferOpen && cur ? (
          <Transfer
            desk={d}
            busy={busy === 'transfer'}
            onSend={(b) => void post('transfer', b)}
            onCancel={() => setTransferOpen(false)}
          />
        ) : null}
        {error ? <Alert data-testid="antrian-desk-error">{error}</Alert> : null}
        <form
          className="antrian-desk-checkin"
          onSubmit={(e) => {
            e.preventDefault();
            if (booking.length === 8) void post('check-in', { bookingCode: booking });
          }}
        >
          <Field
            label={t('antrian.desk.checkIn')}
            value={booking}
            maxLength={8}
            autoComplete="off"
            onChange={(e) => setBooking(e.target.value.toUpperCase().replace(/[^A-Z0-9]/g, ''))}
            data-testid="antrian-desk-booking"
          />
          <Button
            type="submit"
            variant="secondary"
            disabled={booking.length !== 8}
            busy={busy === 'check-in'}
          >
            {t('antrian.desk.checkInButton')}
          </Button>
        </form>
        <p className="muted antrian-small">{t('antrian.desk.keysHint')}</p>
      </section>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the list scrolls; keyboard users must reach it (its buttons may all be disabled) */}
      <section className="antrian-desk-queue" aria-labelledby="desk-queue-title" tabIndex={0}>
        <h2 id="desk-queue-title">{t('antrian.desk.queue', { count: d.waiting.length })}</h2>
        {d.waiting.length === 0 ? <p className="muted">{t('antrian.desk.queueEmpty')}</p> : null}
        <ol className="antrian-queue" data-testid="antrian-queue">
          {d.waiting.map((w) => (
            <li key={w.id} data-testid="antrian-queue-row">
              <span className="antrian-queue-number">{w.number}</span>
              <span className="antrian-queue-meta">
                <span>{w.service}</span>
                <span className="muted antrian-small">
                  {f.time(w.issuedAt).slice(0, 5)}
                  {w.booked ? ` · ${t('antrian.desk.booked')}` : ''}
                  {w.priority ? ` · ${priorityName(w.priority)}` : ''}
                  {w.forCounter ? ` · ${t('antrian.desk.forMe')}` : ''}
                </span>
              </span>
              <Button
                small
                variant="secondary"
                disabled={!can.call}
                onClick={() => void post('call', {}, w.id)}
                aria-label={t('antrian.desk.callThis', { number: w.number })}
              >
                {t('antrian.desk.callShort')}
              </Button>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

function Transfer({
  desk,
  busy,
  onSend,
  onCancel,
}: {
  desk: DeskView;
  busy: boolean;
  onSend: (b: { serviceCode?: string; counterId?: string }) => void;
  onCancel: () => void;
}) {
  const { t } = useLang();
  const [to, setTo] = useState('');
  const others = desk.counters.filter((c) => c.id !== desk.counter?.id);
  return (
    <fieldset className="antrian-transfer" aria-label={t('antrian.desk.transfer')}>
      <SelectField
        label={t('antrian.desk.transferTo')}
        value={to}
        onChange={(e) => setTo(e.target.value)}
        data-testid="antrian-transfer-to"
      >
        <option value="">{t('antrian.choose')}</option>
        <optgroup label={t('antrian.desk.toService')}>
          {desk.unitServices.map((s) => (
            <option key={s.code} value={`s:${s.code}`}>
              {s.name}
            </option>
          ))}
        </optgroup>
        <optgroup label={t('antrian.desk.toCounter')}>
          {others.map((c) => (
            <option key={c.id} value={`c:${c.id}`}>
              {c.name}
            </option>
          ))}
        </optgroup>
      </SelectField>
      <Button
        disabled={!to}
        busy={busy}
        onClick={() =>
          onSend(to.startsWith('s:') ? { serviceCode: to.slice(2) } : { counterId: to.slice(2) })
        }
        data-testid="antrian-transfer-send"
      >
        {t('antrian.desk.transferSend')}
      </Button>
      <Button variant="ghost" onClick={onCancel}>
        {t('antrian.cancel')}
      </Button>
    </fieldset>
  );
}
