import { useEffect, useRef, useState } from 'react';
import type { FormField, TypeDefinition } from '../../../../../shared/modules/perizinan';
import { ApiError, api, errorMessage } from '../../../core/api';
import { useLang } from '../../../core/i18n';
import { Alert, Button } from '../../../core/ui';
import { type ApplicationView, BASE, type FormValues, type LockerItem, type Problem } from '../api';
import { Slot } from './Slot';

type Applicant = {
  kind: 'individual' | 'company';
  name: string;
  nik: string;
  companyName: string;
  nib: string;
};
type SaveState = 'saved' | 'pending' | 'saving' | 'error';

/** The applicant in the shape the API accepts, or undefined while it is still incomplete. */
function applicantBody(a: Applicant) {
  if (a.name.trim().length < 2 || !/^\d{16}$/.test(a.nik)) return undefined;
  if (a.kind === 'individual') return { kind: 'individual' as const, name: a.name.trim(), nik: a.nik };
  if (a.companyName.trim().length < 2 || !/^\d{13}$/.test(a.nib)) return undefined;
  return {
    kind: 'company' as const,
    name: a.name.trim(),
    nik: a.nik,
    companyName: a.companyName.trim(),
    nib: a.nib,
  };
}

/**
 * The draft: applicant, the type's fields and one slot per requirement. It saves itself (a
 * debounced PATCH) and says so; "Kirim" lists what the server finds missing.
 */
export function DraftForm({
  app,
  def,
  locker,
  onLocker,
  onChange,
}: {
  app: ApplicationView;
  def: TypeDefinition;
  locker: LockerItem[];
  onLocker: () => void;
  onChange: (v: ApplicationView) => void;
}) {
  const { t, pick, lang } = useLang();
  const [applicant, setApplicant] = useState<Applicant>({
    kind: app.applicant?.kind ?? def.applicantKinds[0] ?? 'individual',
    name: app.applicant?.name ?? '',
    nik: app.applicant?.nik ?? '',
    companyName: app.applicant?.companyName ?? '',
    nib: app.applicant?.nib ?? '',
  });
  const [form, setForm] = useState<FormValues>(app.form);
  const [save, setSave] = useState<SaveState>('saved');
  const [saveError, setSaveError] = useState<string | null>(null);
  const [problems, setProblems] = useState<Problem[] | null>(null);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef(true);
  const pending = useRef<Promise<void> | null>(null);

  const persist = async () => {
    setSave('saving');
    try {
      const v = await api<ApplicationView>(`${BASE}/applications/${app.id}`, {
        method: 'PATCH',
        body: { applicant: applicantBody(applicant), form },
      });
      onChange(v);
      setSave('saved');
      setSaveError(null);
    } catch (err) {
      setSave('error');
      setSaveError(errorMessage(err));
    }
  };
  const persistRef = useRef(persist);
  persistRef.current = persist;

  // biome-ignore lint/correctness/useExhaustiveDependencies: save whenever the applicant or form changes
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    setSave('pending');
    const id = window.setTimeout(() => {
      pending.current = persistRef.current();
    }, 700);
    return () => window.clearTimeout(id);
  }, [applicant, form]);

  // A document attached or replaced since: the old list of what was missing no longer holds.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the attached items change
  useEffect(() => setProblems(null), [app.items]);

  const setField = (f: FormField, value: FormValues[string]) =>
    setForm((old) => ({ ...old, [f.key]: value }));

  const submit = async () => {
    setBusy(true);
    setProblems(null);
    setSubmitError(null);
    try {
      if (save !== 'saved') await persistRef.current();
      else if (pending.current) await pending.current;
      const v = await api<ApplicationView>(`${BASE}/applications/${app.id}/submit`, {
        method: 'POST',
        body: {},
      });
      onChange(v);
    } catch (err) {
      const details = err instanceof ApiError ? (err.details as { problems?: Problem[] } | null) : null;
      if (details?.problems?.length) setProblems(details.problems);
      else setSubmitError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const labelOf = (p: Problem) => {
    if (lang === 'id') return p.label;
    const r = def.requirements.find((x) => x.key === p.key) ?? def.fields.find((x) => x.key === p.key);
    return r ? pick(r.label) : p.key === 'applicant' ? t('izin.form.applicant') : p.key;
  };

  return (
    <div className="izin-draft" data-testid="izin-draft">
      <p
        className={`izin-save izin-save-${save}`}
        role="status"
        data-testid="izin-save-state"
        data-state={save}
      >
        {t(`izin.save.${save}`)}
      </p>
      {saveError ? <Alert kind="warning">{saveError}</Alert> : null}

      <fieldset className="izin-box">
        <legend>{t('izin.form.applicant')}</legend>
        {def.applicantKinds.length > 1 ? (
          <div className="izin-radios" role="radiogroup" aria-label={t('izin.form.kind')}>
            {def.applicantKinds.map((k) => (
              <label key={k} className="izin-radio">
                <input
                  type="radio"
                  name="izin-kind"
                  value={k}
                  checked={applicant.kind === k}
                  onChange={() => setApplicant((a) => ({ ...a, kind: k }))}
                  data-testid={`izin-kind-${k}`}
                />
                {t(`izin.form.kind_${k}`)}
              </label>
            ))}
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="izin-name">{t('izin.form.name')}</label>
          <input
            id="izin-name"
            value={applicant.name}
            autoComplete="name"
            onChange={(e) => setApplicant((a) => ({ ...a, name: e.target.value }))}
            data-testid="izin-name"
          />
        </div>
        <div className="field">
          <label htmlFor="izin-nik">{t('izin.form.nik')}</label>
          <input
            id="izin-nik"
            inputMode="numeric"
            maxLength={16}
            value={applicant.nik}
            onChange={(e) => setApplicant((a) => ({ ...a, nik: e.target.value.replace(/\D/g, '') }))}
            data-testid="izin-nik"
          />
        </div>
        {applicant.kind === 'company' ? (
          <>
            <div className="field">
              <label htmlFor="izin-company">{t('izin.form.companyName')}</label>
              <input
                id="izin-company"
                value={applicant.companyName}
                onChange={(e) => setApplicant((a) => ({ ...a, companyName: e.target.value }))}
                data-testid="izin-company"
              />
            </div>
            <div className="field">
              <label htmlFor="izin-nib">{t('izin.form.nib')}</label>
              <input
                id="izin-nib"
                inputMode="numeric"
                maxLength={13}
                value={applicant.nib}
                onChange={(e) => setApplicant((a) => ({ ...a, nib: e.target.value.replace(/\D/g, '') }))}
                data-testid="izin-nib"
              />
            </div>
          </>
        ) : null}
      </fieldset>

      {def.fields.length > 0 ? (
        <fieldset className="izin-box">
          <legend>{t('izin.form.details')}</legend>
          {def.fields.map((fd) => (
            <FieldInput key={fd.key} field={fd} value={form[fd.key]} onValue={(v) => setField(fd, v)} />
          ))}
        </fieldset>
      ) : null}

      <h2>{t('izin.form.documents')}</h2>
      {def.requirements.map((r) => {
        const item = app.items.find((i) => i.key === r.key);
        return item ? (
          <Slot
            key={r.key}
            applicationId={app.id}
            req={r}
            item={item}
            locker={locker}
            onLocker={onLocker}
            onChange={onChange}
          />
        ) : null;
      })}

      {problems ? (
        <Alert data-testid="izin-problems">
          <strong>{t('izin.form.problemsTitle')}</strong>
          <ul>
            {problems.map((p) => (
              <li key={`${p.key}-${p.problem}`}>
                {labelOf(p)}: {t(`izin.problem.${p.problem}`)}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {submitError ? <Alert>{submitError}</Alert> : null}
      <Button onClick={submit} busy={busy} block data-testid="izin-submit">
        {t('izin.form.submit')}
      </Button>
    </div>
  );
}

function FieldInput({
  field,
  value,
  onValue,
}: {
  field: FormField;
  value: FormValues[string] | undefined;
  onValue: (v: FormValues[string]) => void;
}) {
  const { t, pick } = useLang();
  const id = `izin-f-${field.key}`;
  const label = (
    <label htmlFor={id}>
      {pick(field.label)}
      {field.required ? <span aria-hidden="true"> *</span> : ` (${t('izin.optional')})`}
    </label>
  );
  const str = typeof value === 'string' ? value : '';
  if (field.kind === 'number')
    return (
      <div className="field">
        {label}
        <div className="izin-unit">
          <input
            id={id}
            type="number"
            inputMode="decimal"
            min={0}
            value={typeof value === 'number' ? value : ''}
            onChange={(e) => onValue(e.target.value === '' ? null : Number(e.target.value))}
            data-testid={id}
          />
          {field.unit ? <span>{field.unit}</span> : null}
        </div>
      </div>
    );
  if (field.kind === 'date')
    return (
      <div className="field">
        {label}
        <input
          id={id}
          type="date"
          value={str}
          onChange={(e) => onValue(e.target.value || null)}
          data-testid={id}
        />
      </div>
    );
  if (field.kind === 'choice')
    return (
      <div className="field">
        {label}
        <select id={id} value={str} onChange={(e) => onValue(e.target.value || null)} data-testid={id}>
          <option value="">{t('izin.choose')}</option>
          {field.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </div>
    );
  if (field.kind === 'address')
    return (
      <div className="field">
        {label}
        <textarea id={id} rows={2} value={str} onChange={(e) => onValue(e.target.value)} data-testid={id} />
      </div>
    );
  if (field.kind === 'point') return <PointInput field={field} value={value} onValue={onValue} />;
  return (
    <div className="field">
      {label}
      <input id={id} value={str} onChange={(e) => onValue(e.target.value)} data-testid={id} />
    </div>
  );
}

/** A map point as latitude and longitude (or "use my location"); saved once both are numbers. */
function PointInput({
  field,
  value,
  onValue,
}: {
  field: FormField;
  value: FormValues[string] | undefined;
  onValue: (v: FormValues[string]) => void;
}) {
  const { t, pick } = useLang();
  const id = `izin-f-${field.key}`;
  const p = value && typeof value === 'object' ? value : null;
  const [lat, setLat] = useState(p ? String(p.lat) : '');
  const [lng, setLng] = useState(p ? String(p.lng) : '');
  const emit = (a: string, b: string) => {
    const x = Number(a);
    const y = Number(b);
    onValue(a !== '' && b !== '' && Number.isFinite(x) && Number.isFinite(y) ? { lat: x, lng: y } : null);
  };
  return (
    <fieldset className="izin-point">
      <legend>
        {pick(field.label)}
        {field.required ? ' *' : ` (${t('izin.optional')})`}
      </legend>
      <div className="izin-point-row">
        <div className="field">
          <label htmlFor={`${id}-lat`}>{t('izin.form.lat')}</label>
          <input
            id={`${id}-lat`}
            inputMode="decimal"
            value={lat}
            onChange={(e) => {
              setLat(e.target.value);
              emit(e.target.value, lng);
            }}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-lng`}>{t('izin.form.lng')}</label>
          <input
            id={`${id}-lng`}
            inputMode="decimal"
            value={lng}
            onChange={(e) => {
              setLng(e.target.value);
              emit(lat, e.target.value);
            }}
          />
        </div>
      </div>
      <button
        type="button"
        className="btn btn-ghost btn-small"
        onClick={() =>
          navigator.geolocation?.getCurrentPosition((pos) => {
            const a = pos.coords.latitude.toFixed(6);
            const b = pos.coords.longitude.toFixed(6);
            setLat(a);
            setLng(b);
            emit(a, b);
          })
        }
      >
        {t('izin.form.here')}
      </button>
    </fieldset>
  );
}
