import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api, errorMessage } from '../../../core/api';
import { basePath } from '../../../core/base';
import { useDebounced, useNow } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { useFormat } from '../../../core/useFormat';
import {
  BASE,
  type DisplayView,
  type PriorityView,
  type ServiceView,
  storedKioskKey,
  storeKioskKey,
  type TicketView,
  ticketPath,
  type UnitView,
} from '../api';
import { useUnitStream } from '../live';
import { Qr } from '../Qr';
import { kioskApi } from './kioskApi';

type Step =
  | { kind: 'home' }
  | { kind: 'priority'; service: ServiceView }
  | { kind: 'booking' }
  | { kind: 'ticket'; ticket: TicketView }
  | { kind: 'error'; message: string };

const RETURN_SECONDS = 20;
const AUTO_PRINT = 'simpul.antrian.kiosk.autoprint';
const IDLE_MS = 60_000;
/** The characters of a booking code (api/modules/antrian/numbering.ts): no 0/O, 1/I/L. */
const CODE_KEYS = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'.split('');

/**
 * The key from `?key=` is kept per unit and taken off the address bar (it would show on screen).
 * `?print=auto` makes this kiosk print every ticket by itself (a kiosk browser with silent
 * printing, e.g. Chrome `--kiosk-printing`); `?print=manual` goes back to the "Cetak tiket" button.
 */
function takeKeyFromUrl(unit: string): string | null {
  const params = new URLSearchParams(window.location.search);
  const fromUrl = params.get('key');
  try {
    if (params.get('print') === 'auto') localStorage.setItem(AUTO_PRINT, '1');
    if (params.get('print') === 'manual') localStorage.removeItem(AUTO_PRINT);
  } catch {
    /* private mode: no auto print */
  }
  if (fromUrl) storeKioskKey(unit, fromUrl);
  if (fromUrl || params.has('print')) {
    params.delete('key');
    params.delete('print');
    const rest = params.toString();
    window.history.replaceState(null, '', `${window.location.pathname}${rest ? `?${rest}` : ''}`);
  }
  return fromUrl ?? storedKioskKey(unit);
}

function autoPrint(): boolean {
  try {
    return localStorage.getItem(AUTO_PRINT) === '1';
  } catch {
    return false;
  }
}

/**
 * `/layar/antrian/kiosk/<unit>?key=…`: the ticket kiosk of a unit, full screen on a cheap tablet.
 * One big button per service → (priority group?) → the ticket with its QR, printed on a thermal
 * roll; "Saya sudah booking" checks a booking in by its code (typed on the keypad or scanned).
 */
export function Kiosk({ unit }: { unit: string }) {
  const { t } = useLang();
  const f = useFormat();
  const now = useNow(15_000);
  const [key] = useState(() => takeKeyFromUrl(unit));
  const [data, setData] = useState<UnitView | null>(null);
  const [loadError, setLoadError] = useState<{ forbidden: boolean; message: string } | null>(null);
  const [priorities, setPriorities] = useState<PriorityView[]>([]);
  const [waiting, setWaiting] = useState<Record<string, number>>({});
  const [step, setStep] = useState<Step>({ kind: 'home' });
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    if (!key) return;
    kioskApi<UnitView>(unit, key, '')
      .then((u) => {
        setData(u);
        setLoadError(null);
      })
      .catch((err) =>
        setLoadError({
          forbidden: err instanceof ApiError && err.status === 403,
          message: errorMessage(err),
        }),
      );
    // People waiting per service, from the display snapshot (by prefix).
    api<DisplayView>(`${BASE}/units/${encodeURIComponent(unit)}/display`, { fresh: true })
      .then((d) => setWaiting(Object.fromEntries(d.waiting.map((w) => [w.prefix, w.count]))))
      .catch(() => undefined);
  }, [unit, key]);
  useEffect(() => {
    load();
    api<PriorityView[]>(`${BASE}/priorities`)
      .then(setPriorities)
      .catch(() => setPriorities([]));
  }, [load]);
  const reload = useDebounced(load, 1500);
  useUnitStream(key ? unit : null, reload, reload);

  // Back to the start after a while without a touch (someone walked away mid-way).
  const lastTouch = useRef(Date.now());
  useEffect(() => {
    const touch = () => {
      lastTouch.current = Date.now();
    };
    window.addEventListener('pointerdown', touch);
    window.addEventListener('keydown', touch);
    const id = window.setInterval(() => {
      if (Date.now() - lastTouch.current > IDLE_MS)
        setStep((s) => (s.kind === 'home' ? s : { kind: 'home' }));
    }, 5000);
    return () => {
      window.removeEventListener('pointerdown', touch);
      window.removeEventListener('keydown', touch);
      window.clearInterval(id);
    };
  }, []);

  // An error screen goes back to the start by itself too.
  useEffect(() => {
    if (step.kind !== 'error') return;
    const id = window.setTimeout(() => setStep({ kind: 'home' }), 15_000);
    return () => window.clearTimeout(id);
  }, [step]);

  const issue = async (service: ServiceView, priorityCode: string | null) => {
    if (!key) return;
    setBusy(true);
    try {
      const ticket = await kioskApi<TicketView>(unit, key, '/tickets', {
        serviceCode: service.code,
        priorityCode,
        nik: null,
      });
      setStep({ kind: 'ticket', ticket });
      load();
    } catch (err) {
      setStep({ kind: 'error', message: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  const checkIn = async (bookingCode: string) => {
    if (!key) return;
    setBusy(true);
    try {
      const ticket = await kioskApi<TicketView>(unit, key, '/check-in', { bookingCode });
      setStep({ kind: 'ticket', ticket });
      load();
    } catch (err) {
      setStep({ kind: 'error', message: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  if (!key || loadError?.forbidden)
    return (
      <main className="antrian-kiosk antrian-kiosk-center" id="main" data-testid="antrian-kiosk-badkey">
        <h1 className="antrian-kiosk-big">{t('antrian.kiosk.badKeyTitle')}</h1>
        <p>{loadError?.message ?? t('antrian.kiosk.noKey')}</p>
      </main>
    );
  if (!data)
    return (
      <main className="antrian-kiosk antrian-kiosk-center" id="main">
        <p role="status">{loadError ? loadError.message : t('antrian.loading')}</p>
        {loadError ? (
          <button type="button" className="antrian-kiosk-btn" onClick={load}>
            {t('antrian.retry')}
          </button>
        ) : null}
      </main>
    );

  const services = data.services.filter((s) => s.active);
  return (
    <main className="antrian-kiosk" id="main" data-testid="antrian-kiosk">
      <header className="antrian-kiosk-head">
        <div>
          <h1>{data.name}</h1>
          <p>{f.date(now)}</p>
        </div>
        <span className="antrian-kiosk-clock">{f.time(now).slice(0, 5)}</span>
      </header>
      {step.kind === 'home' ? (
        <section className="antrian-kiosk-body" aria-labelledby="kiosk-title">
          <h2 id="kiosk-title">{t('antrian.kiosk.choose')}</h2>
          {!data.openNow ? (
            <p className="antrian-kiosk-banner" role="status">
              {t('antrian.kiosk.closedNow')}
            </p>
          ) : null}
          <div className="antrian-kiosk-services">
            {services.map((s) => (
              <button
                key={s.code}
                type="button"
                className="antrian-kiosk-service"
                disabled={busy}
                data-testid="antrian-kiosk-service"
                data-code={s.code}
                onClick={() =>
                  priorities.length ? setStep({ kind: 'priority', service: s }) : void issue(s, null)
                }
              >
                <span className="antrian-kiosk-prefix" aria-hidden="true">
                  {s.prefix}
                </span>
                <span className="antrian-kiosk-service-name">{s.name}</span>
                <span className="antrian-kiosk-service-wait">
                  {waiting[s.prefix] === undefined
                    ? null
                    : t('antrian.waitingCount', { count: waiting[s.prefix] })}
                </span>
              </button>
            ))}
          </div>
          <button
            type="button"
            className="antrian-kiosk-btn antrian-kiosk-btn-secondary"
            onClick={() => setStep({ kind: 'booking' })}
            data-testid="antrian-kiosk-booked"
          >
            {t('antrian.kiosk.haveBooking')}
          </button>
        </section>
      ) : null}
      {step.kind === 'priority' ? (
        <PriorityStep
          service={step.service}
          priorities={priorities}
          busy={busy}
          onBack={() => setStep({ kind: 'home' })}
          onIssue={(code) => issue(step.service, code)}
        />
      ) : null}
      {step.kind === 'booking' ? (
        <BookingStep busy={busy} onBack={() => setStep({ kind: 'home' })} onSubmit={checkIn} />
      ) : null}
      {step.kind === 'ticket' ? (
        <TicketStep ticket={step.ticket} unitName={data.name} onDone={() => setStep({ kind: 'home' })} />
      ) : null}
      {step.kind === 'error' ? (
        <section
          className="antrian-kiosk-body antrian-kiosk-center"
          role="alert"
          data-testid="antrian-kiosk-error"
        >
          <h2 className="antrian-kiosk-big">{t('antrian.kiosk.sorry')}</h2>
          <p className="antrian-kiosk-message">{step.message}</p>
          <button type="button" className="antrian-kiosk-btn" onClick={() => setStep({ kind: 'home' })}>
            {t('antrian.kiosk.back')}
          </button>
        </section>
      ) : null}
    </main>
  );
}

function PriorityStep({
  service,
  priorities,
  busy,
  onBack,
  onIssue,
}: {
  service: ServiceView;
  priorities: PriorityView[];
  busy: boolean;
  onBack: () => void;
  onIssue: (code: string | null) => void;
}) {
  const { t } = useLang();
  const [chosen, setChosen] = useState<string | null>(null);
  return (
    <section className="antrian-kiosk-body" aria-labelledby="kiosk-prio-title">
      <p className="antrian-kiosk-chosen">
        <span className="antrian-kiosk-prefix" aria-hidden="true">
          {service.prefix}
        </span>{' '}
        {service.name}
      </p>
      <h2 id="kiosk-prio-title">{t('antrian.kiosk.priorityQuestion')}</h2>
      <p>{t('antrian.kiosk.priorityHint')}</p>
      <div className="antrian-kiosk-toggles">
        {priorities.map((p) => (
          <button
            key={p.code}
            type="button"
            className="antrian-kiosk-toggle"
            aria-pressed={chosen === p.code}
            data-testid="antrian-kiosk-priority"
            onClick={() => setChosen((c) => (c === p.code ? null : p.code))}
          >
            {p.name}
          </button>
        ))}
      </div>
      <div className="antrian-kiosk-actions">
        <button type="button" className="antrian-kiosk-btn antrian-kiosk-btn-secondary" onClick={onBack}>
          {t('antrian.kiosk.back')}
        </button>
        <button
          type="button"
          className="antrian-kiosk-btn"
          disabled={busy}
          aria-busy={busy || undefined}
          onClick={() => onIssue(chosen)}
          data-testid="antrian-kiosk-take"
        >
          {t('antrian.kiosk.take')}
        </button>
      </div>
    </section>
  );
}

function BookingStep({
  busy,
  onBack,
  onSubmit,
}: {
  busy: boolean;
  onBack: () => void;
  onSubmit: (code: string) => void;
}) {
  const { t } = useLang();
  const [code, setCode] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const clean = (v: string) =>
    v
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, '')
      .slice(0, 8);
  const submit = () => {
    if (code.length === 8) onSubmit(code);
  };
  const press = (k: string) => {
    setCode((c) => clean(c + k));
    input.current?.focus();
  };
  return (
    <section className="antrian-kiosk-body" aria-labelledby="kiosk-code-title">
      <h2 id="kiosk-code-title">{t('antrian.kiosk.codeTitle')}</h2>
      <p>{t('antrian.kiosk.codeHint')}</p>
      <form
        className="antrian-kiosk-code"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label htmlFor="kiosk-code" className="sr-only">
          {t('antrian.bookingCode')}
        </label>
        {/* inputMode none: no on-screen keyboard over the keypad; a scanner still types here + Enter. */}
        <input
          id="kiosk-code"
          ref={input}
          className="antrian-kiosk-input"
          value={code}
          inputMode="none"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={8}
          onChange={(e) => setCode(clean(e.target.value))}
          data-testid="antrian-kiosk-code"
        />
        <div className="antrian-kiosk-keys">
          {CODE_KEYS.map((k) => (
            <button key={k} type="button" className="antrian-kiosk-key" onClick={() => press(k)}>
              {k}
            </button>
          ))}
          <button
            type="button"
            className="antrian-kiosk-key antrian-kiosk-key-wide"
            onClick={() => {
              setCode((c) => c.slice(0, -1));
              input.current?.focus();
            }}
            aria-label={t('antrian.kiosk.backspace')}
          >
            ⌫
          </button>
        </div>
        <div className="antrian-kiosk-actions">
          <button type="button" className="antrian-kiosk-btn antrian-kiosk-btn-secondary" onClick={onBack}>
            {t('antrian.kiosk.back')}
          </button>
          <button
            type="submit"
            className="antrian-kiosk-btn"
            disabled={busy || code.length !== 8}
            aria-busy={busy || undefined}
            data-testid="antrian-kiosk-checkin"
          >
            {t('antrian.kiosk.checkIn')}
          </button>
        </div>
      </form>
    </section>
  );
}

function TicketStep({
  ticket,
  unitName,
  onDone,
}: {
  ticket: TicketView;
  unitName: string;
  onDone: () => void;
}) {
  const { t } = useLang();
  const f = useFormat();
  const [left, setLeft] = useState(RETURN_SECONDS);
  const url = `${window.location.origin}${basePath}${ticketPath(ticket.token)}`;
  useEffect(() => {
    const id = window.setInterval(() => setLeft((n) => n - 1), 1000);
    return () => window.clearInterval(id);
  }, []);
  useEffect(() => {
    if (left <= 0) onDone();
  }, [left, onDone]);
  useEffect(() => {
    if (autoPrint()) window.setTimeout(() => window.print(), 600);
  }, []);
  const wait =
    ticket.estimatedWaitMinutes === null ? null : f.minutes(Math.max(1, ticket.estimatedWaitMinutes));
  return (
    <section className="antrian-kiosk-body antrian-kiosk-ticket" aria-labelledby="kiosk-ticket-title">
      <div className="antrian-kiosk-ticket-main">
        <h2 id="kiosk-ticket-title">{t('antrian.kiosk.yourNumber')}</h2>
        <p className="antrian-kiosk-number" data-testid="antrian-kiosk-number" aria-live="polite">
          {ticket.number}
        </p>
        <p className="antrian-kiosk-service-name">{ticket.service.name}</p>
        <p>
          {ticket.ahead === null ? null : t('antrian.aheadCount', { count: ticket.ahead })}
          {wait ? ` · ${t('antrian.estimate', { time: wait })}` : ''}
        </p>
        <div className="antrian-kiosk-actions">
          <button
            type="button"
            className="antrian-kiosk-btn antrian-kiosk-btn-secondary"
            onClick={() => window.print()}
            data-testid="antrian-kiosk-print"
          >
            {t('antrian.kiosk.print')}
          </button>
          <button type="button" className="antrian-kiosk-btn" onClick={onDone}>
            {t('antrian.kiosk.done')}
          </button>
        </div>
        <p className="antrian-kiosk-small" aria-live="off">
          {t('antrian.kiosk.returning', { count: Math.max(0, left) })}
        </p>
      </div>
      <div className="antrian-kiosk-ticket-qr">
        <Qr text={url} size={220} label={t('antrian.qrTicket')} />
        <p className="antrian-kiosk-small">{t('antrian.kiosk.scan')}</p>
      </div>
      {/* Only this part is printed (antrian.css @media print), sized for a 58/80 mm roll. */}
      <div className="antrian-print" aria-hidden="true">
        <p className="antrian-print-unit">{unitName}</p>
        <p>{t('antrian.kiosk.yourNumber')}</p>
        <p className="antrian-print-number">{ticket.number}</p>
        <p className="antrian-print-service">{ticket.service.name}</p>
        <p>
          {ticket.issuedAt ? f.dateTime(ticket.issuedAt) : ''}
          {ticket.ahead === null ? '' : ` · ${t('antrian.aheadCount', { count: ticket.ahead })}`}
        </p>
        <Qr text={url} size={140} label="" />
        <p>{t('antrian.kiosk.scan')}</p>
      </div>
    </section>
  );
}
