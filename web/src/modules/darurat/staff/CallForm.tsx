import { type FormEvent, useEffect, useState } from 'react';
import type { z } from 'zod';
import type { CallClassification, Priority, TypeView } from '../../../../../shared/modules/darurat';
import {
  callClassifications,
  callInput,
  type callResult,
  classificationLabels,
  priorities,
} from '../../../../../shared/modules/darurat';
import { api, errorMessage } from '../../../core/api';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { Alert, Button, Check, Field, SelectField, TextAreaField } from '../../../core/ui';
import { useFormat } from '../../../core/useFormat';

type Area = { code: string; name: string };
type Result = z.infer<typeof callResult>;
const focusPhone = () => document.getElementById('dr-phone')?.focus();

const blank = {
  phone: '',
  name: '',
  classification: 'darurat' as CallClassification,
  typeCode: '',
  priority: '' as Priority | '',
  place: '',
  kecamatan: '',
  kelurahan: '',
  address: '',
  description: '',
  victims: '',
  block: false,
};

/** "-6.18, 106.63" → a point, or null. */
function parsePlace(v: string): { lat: number; lng: number } | null {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*[,; ]\s*(-?\d+(?:\.\d+)?)\s*$/.exec(v);
  return m ? { lat: Number(m[1]), lng: Number(m[2]) } : null;
}

/**
 * The call-taker's form, keyboard first: Alt+N starts a new call (focus on the number; the call's
 * time starts with the first key), Tab walks the fields in order, Enter (Ctrl+Enter in the
 * description) saves. The type suggests the priority; a map click fills the location.
 */
export function CallForm({
  pin,
  onCreated,
}: {
  pin: { lat: number; lng: number } | null;
  onCreated: (id: string | null) => void;
}) {
  const { t, pick } = useLang();
  const format = useFormat();
  const types = useApi<TypeView[]>('/m/darurat/types');
  const kecamatan = useApi<Area[]>('/region/areas');
  const [d, setD] = useState(blank);
  const kelurahan = useApi<Area[]>(d.kecamatan ? `/region/areas?parent=${d.kecamatan}` : null);
  const [receivedAt, setReceivedAt] = useState<string | null>(null);
  const [blocked, setBlocked] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof typeof blank>(k: K, v: (typeof blank)[K]) => setD((x) => ({ ...x, [k]: v }));

  useEffect(() => {
    if (pin) setD((x) => ({ ...x, place: `${pin.lat.toFixed(5)}, ${pin.lng.toFixed(5)}` }));
  }, [pin]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && (e.key === 'n' || e.key === 'N')) {
        e.preventDefault();
        focusPhone();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  async function checkBlocked() {
    setBlocked(null);
    if (d.phone.replace(/\D/g, '').length < 9) return;
    try {
      const r = await api<{ blockedUntil: string | null }>(
        `/m/darurat/blocks/${encodeURIComponent(d.phone)}`,
      );
      setBlocked(r.blockedUntil);
    } catch {
      /* an invalid number is reported on save */
    }
  }

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    setError(null);
    setDone(null);
    const point = parsePlace(d.place);
    const body = {
      callerPhone: d.phone,
      callerName: d.name.trim() || undefined,
      classification: d.classification,
      receivedAt: receivedAt ?? undefined,
      typeCode: d.typeCode || undefined,
      priority: d.priority || undefined,
      lat: point?.lat,
      lng: point?.lng,
      areaCode: d.kelurahan || d.kecamatan || undefined,
      address: d.address.trim() || undefined,
      description: d.description.trim() || undefined,
      victims: d.victims === '' ? undefined : Number(d.victims),
      block: d.block,
    };
    const parsed = callInput.safeParse(body);
    if (!parsed.success) {
      setError(parsed.error.issues.map((i) => i.message).join(' · '));
      return;
    }
    setBusy(true);
    try {
      const r = await api<Result>('/m/darurat/calls', { method: 'POST', body });
      setDone(
        r.incident ? t('darurat.form.created', { number: r.incident.number }) : t('darurat.form.logged'),
      );
      setD(blank);
      setReceivedAt(null);
      setBlocked(null);
      onCreated(r.incident?.id ?? null);
      focusPhone();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const emergency = d.classification === 'darurat';
  return (
    <form onSubmit={submit} className="dr-form" data-testid="call-form" aria-describedby="dr-form-keys">
      <p id="dr-form-keys" className="small muted">
        {t('darurat.form.keys')}
      </p>
      <Field
        id="dr-phone"
        label={t('darurat.form.phone')}
        type="tel"
        autoComplete="off"
        autoFocus
        value={d.phone}
        onChange={(e) => {
          if (!receivedAt) setReceivedAt(new Date().toISOString());
          set('phone', e.target.value);
        }}
        onBlur={checkBlocked}
        data-testid="call-phone"
        required
      />
      {blocked ? (
        <Alert kind="warning" data-testid="call-blocked">
          {t('darurat.form.blocked', { until: format.dateTime(blocked) })}
        </Alert>
      ) : null}
      <Field
        id="dr-name"
        label={t('darurat.form.name')}
        value={d.name}
        onChange={(e) => set('name', e.target.value)}
      />
      <SelectField
        id="dr-class"
        label={t('darurat.form.classification')}
        value={d.classification}
        onChange={(e) => set('classification', e.target.value as CallClassification)}
        options={callClassifications.map((c) => ({ value: c, label: pick(classificationLabels[c]) }))}
        data-testid="call-classification"
      />
      {emergency ? (
        <>
          <SelectField
            id="dr-type"
            label={t('darurat.form.type')}
            value={d.typeCode}
            onChange={(e) => {
              const ty = types.data?.find((x) => x.code === e.target.value);
              setD((x) => ({ ...x, typeCode: e.target.value, priority: ty?.defaultPriority ?? x.priority }));
            }}
            options={(types.data ?? []).map((ty) => ({
              value: ty.code,
              label: pick({ id: ty.name, en: ty.nameEn }),
            }))}
            data-testid="call-type"
          >
            <option value="">{t('darurat.form.choose')}</option>
          </SelectField>
          <SelectField
            id="dr-priority"
            label={t('darurat.form.priority')}
            hint={t('darurat.form.priorityHint')}
            value={d.priority}
            onChange={(e) => set('priority', e.target.value as Priority)}
            options={priorities.map((p) => ({ value: p, label: p }))}
            data-testid="call-priority"
          >
            <option value="">–</option>
          </SelectField>
          <Field
            id="dr-place"
            label={t('darurat.form.place')}
            hint={t('darurat.form.placeHint')}
            value={d.place}
            onChange={(e) => set('place', e.target.value)}
            inputMode="decimal"
            data-testid="call-place"
          />
          <SelectField
            id="dr-kecamatan"
            label={t('darurat.form.kecamatan')}
            value={d.kecamatan}
            onChange={(e) => setD((x) => ({ ...x, kecamatan: e.target.value, kelurahan: '' }))}
            options={(kecamatan.data ?? []).map((a) => ({ value: a.code, label: a.name }))}
          >
            <option value="">–</option>
          </SelectField>
          {d.kecamatan ? (
            <SelectField
              id="dr-kelurahan"
              label={t('darurat.form.kelurahan')}
              value={d.kelurahan}
              onChange={(e) => set('kelurahan', e.target.value)}
              options={(kelurahan.data ?? []).map((a) => ({ value: a.code, label: a.name }))}
            >
              <option value="">–</option>
            </SelectField>
          ) : null}
          <Field
            id="dr-address"
            label={t('darurat.form.address')}
            value={d.address}
            onChange={(e) => set('address', e.target.value)}
          />
          <TextAreaField
            id="dr-description"
            label={t('darurat.form.description')}
            rows={2}
            value={d.description}
            onChange={(e) => set('description', e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && e.ctrlKey) void submit();
            }}
            data-testid="call-description"
          />
          <Field
            id="dr-victims"
            label={t('darurat.form.victims')}
            inputMode="numeric"
            value={d.victims}
            onChange={(e) => set('victims', e.target.value.replace(/\D/g, ''))}
          />
        </>
      ) : null}
      {d.classification === 'prank' || d.classification === 'ghost' ? (
        <Check
          label={t('darurat.form.block')}
          checked={d.block}
          onChange={(e) => set('block', e.target.checked)}
          data-testid="call-block"
        />
      ) : null}
      {error ? <Alert data-testid="call-error">{error}</Alert> : null}
      {done ? (
        <Alert kind="success" data-testid="call-done">
          {done}
        </Alert>
      ) : null}
      <Button type="submit" busy={busy} data-testid="call-submit">
        {emergency ? t('darurat.form.submit') : t('darurat.form.log')}
      </Button>
    </form>
  );
}
