import { useState } from 'react';
import { orderRules } from '../../../../../shared/modules/antrian';
import { api, errorMessage } from '../../../core/api';
import { basePath } from '../../../core/base';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { useSession } from '../../../core/session';
import { Alert, Button, Check, Field, SelectField, Spinner, TextAreaField, useToast } from '../../../core/ui';
import { BASE, type ClerkRow, type ServiceView, type UnitView, type WeekHours } from '../api';
import { weekdays } from '../common';

/** Set-up of the units one manages: the unit, its services, counters, clerks and the kiosk key. */
export function Settings() {
  const { t } = useLang();
  const units = useApi<UnitView[]>(`${BASE}/admin/units`);
  const [code, setCode] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  if (units.loading && !units.data) return <Spinner label={t('antrian.loading')} />;
  if (!units.data) return <Alert>{units.error}</Alert>;
  const unit = units.data.find((u) => u.code === (code ?? units.data![0]?.code));
  return (
    <div className="antrian-settings" data-testid="antrian-settings">
      <div className="antrian-settings-bar">
        <SelectField
          label={t('antrian.unit')}
          value={unit?.code ?? ''}
          onChange={(e) => {
            setCode(e.target.value);
            setCreating(false);
          }}
          options={units.data.map((u) => ({
            value: u.code,
            label: u.active ? u.name : `${u.name} (${t('antrian.inactive')})`,
          }))}
          data-testid="antrian-settings-unit"
        />
        <Button variant="secondary" onClick={() => setCreating(true)}>
          {t('antrian.admin.newUnit')}
        </Button>
      </div>
      {creating ? (
        <UnitForm
          key="new"
          unit={null}
          onSaved={(c) => {
            setCreating(false);
            setCode(c);
            units.reload();
          }}
        />
      ) : unit ? (
        <div key={unit.code} className="antrian-settings-grid">
          <UnitForm unit={unit} onSaved={() => units.reload()} />
          <Services unit={unit} onSaved={() => units.reload()} />
          <Counters unit={unit} onSaved={() => units.reload()} />
          <Clerks unit={unit} />
          <KioskKey unit={unit} />
        </div>
      ) : (
        <p className="muted">{t('antrian.noUnits')}</p>
      )}
    </div>
  );
}

const defaultHours: WeekHours = [
  null,
  ...Array.from({ length: 5 }, () => ({ open: '08:00', close: '15:00' })),
  null,
];

function UnitForm({ unit, onSaved }: { unit: UnitView | null; onSaved: (code: string) => void }) {
  const { t } = useLang();
  const toast = useToast();
  const [v, setV] = useState(() => ({
    code: unit?.code ?? '',
    name: unit?.name ?? '',
    address: unit?.address ?? '',
    kind: unit?.kind ?? ('general' as const),
    opdCode: unit?.opdCode ?? null,
    hours: unit?.hours ?? defaultHours,
    orderRule: unit?.orderRule ?? ('booking_priority_arrival' as const),
    notifyAhead: unit?.notifyAhead ?? 3,
    openOnHolidays: unit?.openOnHolidays ?? false,
    active: unit?.active ?? true,
  }));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const days = weekdays();
  const setDay = (d: number, h: WeekHours[number]) =>
    setV((x) => ({ ...x, hours: x.hours.map((o, i) => (i === d ? h : o)) as WeekHours }));
  const rules: Record<(typeof orderRules)[number], string> = {
    booking_priority_arrival: t('antrian.admin.rule.booking_priority_arrival'),
    priority_arrival: t('antrian.admin.rule.priority_arrival'),
    arrival: t('antrian.admin.rule.arrival'),
  };
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await api(`${BASE}/admin/units/${encodeURIComponent(v.code)}`, { method: 'PUT', body: v });
      toast(t('antrian.admin.saved'), 'success');
      onSaved(v.code);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="card antrian-settings-card form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      aria-labelledby="unit-form-title"
    >
      <h2 id="unit-form-title">{unit ? t('antrian.admin.unit') : t('antrian.admin.newUnit')}</h2>
      {unit ? null : (
        <Field
          label={t('antrian.admin.code')}
          hint={t('antrian.admin.codeHint')}
          value={v.code}
          required
          onChange={(e) => setV({ ...v, code: e.target.value.toLowerCase() })}
        />
      )}
      <Field
        label={t('antrian.admin.name')}
        value={v.name}
        required
        onChange={(e) => setV({ ...v, name: e.target.value })}
      />
      <Field
        label={t('antrian.admin.address')}
        value={v.address}
        onChange={(e) => setV({ ...v, address: e.target.value })}
      />
      <SelectField
        label={t('antrian.admin.kind')}
        value={v.kind}
        onChange={(e) => setV({ ...v, kind: e.target.value as typeof v.kind })}
        options={[
          { value: 'general', label: t('antrian.admin.kindGeneral') },
          { value: 'health', label: t('antrian.admin.kindHealth') },
        ]}
      />
      <fieldset className="antrian-hours-edit">
        <legend>{t('antrian.hours')}</legend>
        {[1, 2, 3, 4, 5, 6, 0].map((d) => {
          const h = v.hours[d] ?? null;
          return (
            <div key={d} className="antrian-hours-row">
              <Check
                label={days[d]}
                checked={!!h}
                onChange={(e) => setDay(d, e.target.checked ? { open: '08:00', close: '15:00' } : null)}
              />
              {h ? (
                <>
                  <label
                    className="sr-only"
                    htmlFor={`open-${d}`}
                  >{`${days[d]} ${t('antrian.admin.open')}`}</label>
                  <input
                    id={`open-${d}`}
                    type="time"
                    value={h.open}
                    onChange={(e) => setDay(d, { ...h, open: e.target.value })}
                  />
                  <span aria-hidden="true">–</span>
                  <label
                    className="sr-only"
                    htmlFor={`close-${d}`}
                  >{`${days[d]} ${t('antrian.admin.close')}`}</label>
                  <input
                    id={`close-${d}`}
                    type="time"
                    value={h.close}
                    onChange={(e) => setDay(d, { ...h, close: e.target.value })}
                  />
                </>
              ) : (
                <span className="muted antrian-small">{t('antrian.closedDay')}</span>
              )}
            </div>
          );
        })}
      </fieldset>
      <SelectField
        label={t('antrian.admin.orderRule')}
        value={v.orderRule}
        onChange={(e) => setV({ ...v, orderRule: e.target.value as typeof v.orderRule })}
        options={orderRules.map((r) => ({ value: r, label: rules[r] }))}
      />
      <Field
        type="number"
        min={1}
        max={20}
        label={t('antrian.admin.notifyAhead')}
        hint={t('antrian.admin.notifyAheadHint')}
        value={v.notifyAhead}
        onChange={(e) => setV({ ...v, notifyAhead: Number(e.target.value) })}
      />
      <Check
        label={t('antrian.admin.openOnHolidays')}
        checked={v.openOnHolidays}
        onChange={(e) => setV({ ...v, openOnHolidays: e.target.checked })}
      />
      <Check
        label={t('antrian.admin.active')}
        checked={v.active}
        onChange={(e) => {
          if (
            !e.target.checked &&
            unit &&
            !window.confirm(t('antrian.admin.deactivateConfirm', { name: unit.name }))
          )
            return;
          setV({ ...v, active: e.target.checked });
        }}
      />
      {error ? <Alert>{error}</Alert> : null}
      <Button type="submit" busy={busy} data-testid="antrian-unit-save">
        {t('antrian.admin.save')}
      </Button>
    </form>
  );
}

type ServiceForm = Omit<ServiceView, 'id' | 'standard'> & {
  standard: Omit<ServiceView['standard'], 'requirements'> & { requirements: string };
};

function toForm(s: ServiceView | null): ServiceForm {
  return {
    code: s?.code ?? '',
    name: s?.name ?? '',
    prefix: s?.prefix ?? '',
    numberStart: s?.numberStart ?? 1,
    numberEnd: s?.numberEnd ?? 999,
    dailyCap: s?.dailyCap ?? 200,
    slotMinutes: s?.slotMinutes ?? 30,
    slotQuota: s?.slotQuota ?? 5,
    weight: s?.weight ?? 0,
    active: s?.active ?? true,
    standard: {
      requirements: (s?.standard.requirements ?? []).join('\n'),
      procedure: s?.standard.procedure ?? '',
      minutes: s?.standard.minutes ?? 15,
      cost: s?.standard.cost ?? 'Gratis',
      product: s?.standard.product ?? '',
    },
  };
}

function Services({ unit, onSaved }: { unit: UnitView; onSaved: () => void }) {
  const { t } = useLang();
  const [editing, setEditing] = useState<ServiceView | 'new' | null>(null);
  return (
    <section className="card antrian-settings-card" aria-labelledby="services-title">
      <h2 id="services-title">{t('antrian.services')}</h2>
      <ul className="antrian-settings-list">
        {unit.services.map((s) => (
          <li key={s.code}>
            <span>
              <span className="antrian-prefix">{s.prefix}</span> {s.name}
              {s.active ? '' : ` (${t('antrian.inactive')})`}
            </span>
            <Button
              small
              variant="secondary"
              onClick={() => setEditing(s)}
              aria-label={`${t('antrian.admin.edit')} ${s.name}`}
            >
              {t('antrian.admin.edit')}
            </Button>
          </li>
        ))}
      </ul>
      <Button variant="secondary" onClick={() => setEditing('new')}>
        {t('antrian.admin.newService')}
      </Button>
      {editing ? (
        <ServiceEditor
          key={editing === 'new' ? 'new' : editing.code}
          unit={unit}
          service={editing === 'new' ? null : editing}
          onDone={() => {
            setEditing(null);
            onSaved();
          }}
          onCancel={() => setEditing(null)}
        />
      ) : null}
    </section>
  );
}

function ServiceEditor({
  unit,
  service,
  onDone,
  onCancel,
}: {
  unit: UnitView;
  service: ServiceView | null;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useLang();
  const [v, setV] = useState(() => toForm(service));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const num = (k: keyof ServiceForm) => (e: { target: { value: string } }) =>
    setV({ ...v, [k]: Number(e.target.value) });
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const body = {
        ...v,
        standard: {
          ...v.standard,
          requirements: v.standard.requirements
            .split('\n')
            .map((r) => r.trim())
            .filter(Boolean),
        },
      };
      await api(`${BASE}/admin/units/${unit.code}/services/${encodeURIComponent(v.code)}`, {
        method: 'PUT',
        body,
      });
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="antrian-panel form antrian-service-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {service ? null : (
        <Field
          label={t('antrian.admin.code')}
          hint={t('antrian.admin.codeHint')}
          value={v.code}
          required
          onChange={(e) => setV({ ...v, code: e.target.value.toLowerCase() })}
        />
      )}
      <Field
        label={t('antrian.admin.name')}
        value={v.name}
        required
        onChange={(e) => setV({ ...v, name: e.target.value })}
      />
      <div className="antrian-grid-3">
        <Field
          label={t('antrian.admin.prefix')}
          value={v.prefix}
          maxLength={3}
          required
          onChange={(e) => setV({ ...v, prefix: e.target.value.toUpperCase() })}
        />
        <Field
          type="number"
          label={t('antrian.admin.numberStart')}
          value={v.numberStart}
          onChange={num('numberStart')}
        />
        <Field
          type="number"
          label={t('antrian.admin.numberEnd')}
          value={v.numberEnd}
          onChange={num('numberEnd')}
        />
        <Field
          type="number"
          label={t('antrian.admin.dailyCap')}
          value={v.dailyCap}
          onChange={num('dailyCap')}
        />
        <Field
          type="number"
          label={t('antrian.admin.slotMinutes')}
          value={v.slotMinutes}
          onChange={num('slotMinutes')}
        />
        <Field
          type="number"
          label={t('antrian.admin.slotQuota')}
          hint={t('antrian.admin.slotQuotaHint')}
          value={v.slotQuota}
          onChange={num('slotQuota')}
        />
        <Field type="number" label={t('antrian.admin.weight')} value={v.weight} onChange={num('weight')} />
        <Field
          type="number"
          label={t('antrian.std.time')}
          hint={t('antrian.admin.minutesHint')}
          value={v.standard.minutes}
          onChange={(e) => setV({ ...v, standard: { ...v.standard, minutes: Number(e.target.value) } })}
        />
      </div>
      <TextAreaField
        label={t('antrian.admin.requirements')}
        value={v.standard.requirements}
        rows={4}
        onChange={(e) => setV({ ...v, standard: { ...v.standard, requirements: e.target.value } })}
      />
      <TextAreaField
        label={t('antrian.std.procedure')}
        value={v.standard.procedure}
        rows={2}
        onChange={(e) => setV({ ...v, standard: { ...v.standard, procedure: e.target.value } })}
      />
      <Field
        label={t('antrian.std.cost')}
        value={v.standard.cost}
        onChange={(e) => setV({ ...v, standard: { ...v.standard, cost: e.target.value } })}
      />
      <Field
        label={t('antrian.std.product')}
        value={v.standard.product}
        onChange={(e) => setV({ ...v, standard: { ...v.standard, product: e.target.value } })}
      />
      <Check
        label={t('antrian.admin.active')}
        checked={v.active}
        onChange={(e) => setV({ ...v, active: e.target.checked })}
      />
      {error ? <Alert>{error}</Alert> : null}
      <div className="row">
        <Button type="submit" busy={busy}>
          {t('antrian.admin.save')}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          {t('antrian.cancel')}
        </Button>
      </div>
    </form>
  );
}

function Counters({ unit, onSaved }: { unit: UnitView; onSaved: () => void }) {
  const { t } = useLang();
  const [names, setNames] = useState<Record<number, string>>({});
  const next = Math.max(0, ...unit.counters.map((c) => c.number)) + 1;
  const [newName, setNewName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const save = async (n: number, name: string) => {
    setError(null);
    try {
      await api(`${BASE}/admin/units/${unit.code}/counters/${n}`, { method: 'PUT', body: { name } });
      onSaved();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <section className="card antrian-settings-card" aria-labelledby="counters-title">
      <h2 id="counters-title">{t('antrian.admin.counters')}</h2>
      <ul className="antrian-settings-list">
        {unit.counters.map((c) => (
          <li key={c.id}>
            <label
              className="sr-only"
              htmlFor={`counter-${c.number}`}
            >{`${t('antrian.admin.counterName')} ${c.number}`}</label>
            <input
              id={`counter-${c.number}`}
              value={names[c.number] ?? c.name}
              onChange={(e) => setNames({ ...names, [c.number]: e.target.value })}
            />
            <Button
              small
              variant="secondary"
              disabled={!names[c.number] || names[c.number] === c.name}
              onClick={() => void save(c.number, names[c.number]!)}
            >
              {t('antrian.admin.rename')}
            </Button>
          </li>
        ))}
      </ul>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (newName.trim()) void save(next, newName.trim()).then(() => setNewName(''));
        }}
      >
        <Field
          label={t('antrian.admin.newCounter', { n: next })}
          value={newName}
          placeholder={`Loket ${next}`}
          onChange={(e) => setNewName(e.target.value)}
        />
        <Button type="submit" variant="secondary" disabled={!newName.trim()}>
          {t('antrian.admin.add')}
        </Button>
      </form>
      {error ? <Alert>{error}</Alert> : null}
    </section>
  );
}

type UserHit = { id: string; name: string; email: string | null };

function Clerks({ unit }: { unit: UnitView }) {
  const { t } = useLang();
  const { can } = useSession();
  const clerks = useApi<ClerkRow[]>(`${BASE}/admin/units/${unit.code}/clerks`);
  const [editing, setEditing] = useState<{
    userId: string;
    name: string;
    services: Record<string, number>;
  } | null>(null);
  const [q, setQ] = useState('');
  const canSearch = can('core:users.manage');
  const hits = useApi<UserHit[]>(
    canSearch && q.trim().length >= 2 ? `/admin/users?q=${encodeURIComponent(q.trim())}&limit=10` : null,
  );
  const [userId, setUserId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const names = Object.fromEntries(unit.services.map((s) => [s.code, s.name]));
  const put = async (id: string, services: Record<string, number>) => {
    setBusy(true);
    setError(null);
    try {
      await api(`${BASE}/admin/units/${unit.code}/clerks`, {
        method: 'PUT',
        body: { userId: id, services: Object.entries(services).map(([code, weight]) => ({ code, weight })) },
      });
      setEditing(null);
      clerks.reload();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const start = (id: string, name: string, services: { code: string; weight: number }[]) =>
    setEditing({ userId: id, name, services: Object.fromEntries(services.map((s) => [s.code, s.weight])) });
  return (
    <section className="card antrian-settings-card" aria-labelledby="clerks-title">
      <h2 id="clerks-title">{t('antrian.admin.clerks')}</h2>
      {clerks.error ? <Alert>{clerks.error}</Alert> : null}
      <ul className="antrian-settings-list">
        {clerks.data?.map((c) => (
          <li key={c.userId}>
            <span>
              <strong>{c.name}</strong>
              <span className="muted antrian-small antrian-block">
                {c.services.map((s) => names[s.code] ?? s.code).join(', ')}
              </span>
            </span>
            <Button small variant="secondary" onClick={() => start(c.userId, c.name, c.services)}>
              {t('antrian.admin.edit')}
            </Button>
          </li>
        ))}
      </ul>
      {editing ? (
        <div className="antrian-panel">
          <p>
            <strong>{editing.name}</strong>
          </p>
          {unit.services.map((s) => (
            <div key={s.code} className="antrian-clerk-service">
              <Check
                label={s.name}
                checked={editing.services[s.code] !== undefined}
                onChange={(e) => {
                  const next = { ...editing.services };
                  if (e.target.checked) next[s.code] = 1;
                  else delete next[s.code];
                  setEditing({ ...editing, services: next });
                }}
              />
              {editing.services[s.code] !== undefined ? (
                <Field
                  type="number"
                  min={0}
                  max={10}
                  label={t('antrian.admin.weight')}
                  value={editing.services[s.code]}
                  onChange={(e) =>
                    setEditing({
                      ...editing,
                      services: { ...editing.services, [s.code]: Number(e.target.value) },
                    })
                  }
                />
              ) : null}
            </div>
          ))}
          <div className="row">
            <Button busy={busy} onClick={() => void put(editing.userId, editing.services)}>
              {t('antrian.admin.save')}
            </Button>
            <Button
              variant="danger"
              onClick={() => {
                if (window.confirm(t('antrian.admin.removeClerkConfirm', { name: editing.name })))
                  void put(editing.userId, {});
              }}
            >
              {t('antrian.admin.removeClerk')}
            </Button>
            <Button variant="ghost" onClick={() => setEditing(null)}>
              {t('antrian.cancel')}
            </Button>
          </div>
        </div>
      ) : (
        <div className="antrian-panel">
          {canSearch ? (
            <>
              <Field label={t('antrian.admin.searchUser')} value={q} onChange={(e) => setQ(e.target.value)} />
              <SelectField
                label={t('antrian.admin.person')}
                value={userId}
                onChange={(e) => setUserId(e.target.value)}
                options={(hits.data ?? []).map((u) => ({
                  value: u.id,
                  label: u.email ? `${u.name} (${u.email})` : u.name,
                }))}
              >
                <option value="">{t('antrian.choose')}</option>
              </SelectField>
            </>
          ) : (
            <Field
              label={t('antrian.admin.userId')}
              hint={t('antrian.admin.userIdHint')}
              value={userId}
              onChange={(e) => setUserId(e.target.value.trim())}
            />
          )}
          <Button
            variant="secondary"
            disabled={!/^[0-9a-f-]{36}$/i.test(userId)}
            onClick={() => start(userId, hits.data?.find((u) => u.id === userId)?.name ?? userId, [])}
          >
            {t('antrian.admin.addClerk')}
          </Button>
        </div>
      )}
      {error ? <Alert>{error}</Alert> : null}
    </section>
  );
}

function KioskKey({ unit }: { unit: UnitView }) {
  const { t } = useLang();
  const [url, setUrl] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const tvUrl = `${window.location.origin}${basePath}/layar/antrian/tv/${unit.code}`;
  const rotate = async () => {
    if (!window.confirm(t('antrian.admin.kioskConfirm', { name: unit.name }))) return;
    setBusy(true);
    setError(null);
    try {
      const { key } = await api<{ key: string }>(`${BASE}/admin/units/${unit.code}/kiosk-key`, {
        method: 'POST',
      });
      setUrl(
        `${window.location.origin}${basePath}/layar/antrian/kiosk/${unit.code}?key=${encodeURIComponent(key)}`,
      );
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card antrian-settings-card" aria-labelledby="kiosk-title">
      <h2 id="kiosk-title">{t('antrian.admin.screens')}</h2>
      <p className="antrian-small">{t('antrian.admin.tvUrl')}</p>
      <p>
        <a href={tvUrl} target="_blank" rel="noreferrer" className="break">
          {tvUrl}
        </a>
      </p>
      <p className="antrian-small">{t('antrian.admin.kioskHint')}</p>
      <Button variant="secondary" busy={busy} onClick={() => void rotate()} data-testid="antrian-kiosk-key">
        {t('antrian.admin.kioskNew')}
      </Button>
      {url ? (
        <div className="antrian-panel" data-testid="antrian-kiosk-url">
          <p className="antrian-small">{t('antrian.admin.kioskOnce')}</p>
          <code className="break">{url}</code>
          <Button
            small
            onClick={() =>
              void navigator.clipboard?.writeText(url).then(
                () => setCopied(true),
                () => setCopied(false),
              )
            }
          >
            {copied ? t('antrian.admin.copied') : t('antrian.admin.copy')}
          </Button>
        </div>
      ) : null}
      {error ? <Alert>{error}</Alert> : null}
    </section>
  );
}
