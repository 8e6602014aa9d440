import { useState } from 'react';
import {
  documentFormats,
  type FormField,
  fieldKinds,
  lockerDocTypes,
  type Requirement,
  reviewSteps,
  type TypeDefinition,
} from '../../../../../shared/modules/perizinan';
import { api, errorMessage } from '../../../core/api';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { Alert, Button, Spinner } from '../../../core/ui';
import { BASE, type StaffAssignment, type TypeView } from '../api';
import { lockerDocLabels, stepLabels } from '../labels';

type Opd = { id: string; code: string; name: string };

/** Region admin: the catalogue (versions, open/close, the editor) and who does each step. */
export function Admin() {
  const { t, pick } = useLang();
  const types = useApi<TypeView[]>(`${BASE}/admin/types`);
  const opds = useApi<Opd[]>('/admin/opd');
  const [editing, setEditing] = useState<TypeView | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<TypeView | null>(null);
  const toggle = async (x: TypeView) => {
    setError(null);
    setSaved(null);
    if (x.active && !window.confirm(t('izin.admin.closeConfirm', { name: pick(x.definition.name) }))) return;
    try {
      await api(`${BASE}/admin/types/${x.code}/active`, { method: 'POST', body: { active: !x.active } });
      types.reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  if (editing)
    return (
      <TypeEditor
        type={editing === 'new' ? null : editing}
        opds={opds.data ?? []}
        onDone={(v) => {
          setEditing(null);
          setSaved(v);
          types.reload();
        }}
      />
    );
  return (
    <div data-testid="izin-admin">
      <h2>{t('izin.admin.catalogue')}</h2>
      {types.loading && !types.data ? <Spinner label={t('izin.loading')} /> : null}
      {error ? <Alert>{error}</Alert> : null}
      {saved ? (
        <Alert kind="success" data-testid="izin-admin-saved">
          {t('izin.admin.savedVersion', { name: pick(saved.definition.name), v: saved.version })}
        </Alert>
      ) : null}
      <table className="izin-table">
        <thead>
          <tr>
            <th scope="col">{t('izin.admin.name')}</th>
            <th scope="col">{t('izin.admin.code')}</th>
            <th scope="col">{t('izin.admin.version')}</th>
            <th scope="col">{t('izin.office')}</th>
            <th scope="col">{t('izin.admin.status')}</th>
            <th scope="col">{t('izin.admin.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {types.data?.map((x) => (
            <tr key={x.code} data-testid="izin-admin-type" data-code={x.code}>
              <td>{pick(x.definition.name)}</td>
              <td>{x.code}</td>
              <td data-testid="izin-admin-version">v{x.version}</td>
              <td>{x.opd.name}</td>
              <td>{x.active ? t('izin.admin.open') : t('izin.admin.closed')}</td>
              <td className="izin-actions">
                <Button variant="secondary" onClick={() => setEditing(x)} data-testid="izin-admin-edit">
                  {t('izin.admin.edit')}
                </Button>
                <Button variant="ghost" onClick={() => toggle(x)} data-testid="izin-admin-toggle">
                  {x.active ? t('izin.admin.close') : t('izin.admin.reopen')}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Button variant="secondary" onClick={() => setEditing('new')}>
        {t('izin.admin.add')}
      </Button>
      <Assignments opds={opds.data ?? []} />
    </div>
  );
}

function Assignments({ opds }: { opds: Opd[] }) {
  const { t, pick } = useLang();
  const list = useApi<StaffAssignment[]>(`${BASE}/admin/staff`);
  const [q, setQ] = useState('');
  const users = useApi<{ id: string; name: string; email: string | null }[]>(
    q.trim().length >= 2 ? `/admin/users?q=${encodeURIComponent(q.trim())}&limit=20` : null,
  );
  const [userId, setUserId] = useState('');
  const [step, setStep] = useState<StaffAssignment['step']>('front_office');
  const [opdCode, setOpdCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const send = async (path: string, body: unknown) => {
    setError(null);
    try {
      await api(`${BASE}/admin/staff${path}`, { method: 'POST', body });
      list.reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <section aria-labelledby="izin-assign-title">
      <h2 id="izin-assign-title">{t('izin.admin.assignments')}</h2>
      <table className="izin-table">
        <thead>
          <tr>
            <th scope="col">{t('izin.admin.person')}</th>
            <th scope="col">{t('izin.admin.step')}</th>
            <th scope="col">{t('izin.office')}</th>
            <th scope="col">{t('izin.admin.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {list.data?.map((a) => (
            <tr key={`${a.userId}-${a.step}-${a.opdCode}`} data-testid="izin-assignment">
              <td>{a.name}</td>
              <td>{pick(stepLabels[a.step])}</td>
              <td>{opds.find((o) => o.code === a.opdCode)?.name ?? a.opdCode}</td>
              <td>
                <Button
                  variant="ghost"
                  onClick={() => send('/remove', { userId: a.userId, step: a.step, opdCode: a.opdCode })}
                >
                  {t('izin.admin.remove')}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="izin-assign-form">
        <TextField id="izin-assign-q" label={t('izin.admin.search')} value={q} onChange={(v) => setQ(v)} />
        <div className="field">
          <label htmlFor="izin-assign-user">{t('izin.admin.person')}</label>
          <select id="izin-assign-user" value={userId} onChange={(e) => setUserId(e.target.value)}>
            <option value="">{t('izin.choose')}</option>
            {users.data?.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} {u.email ? `(${u.email})` : ''}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="izin-assign-step">{t('izin.admin.step')}</label>
          <select
            id="izin-assign-step"
            value={step}
            onChange={(e) => setStep(e.target.value as StaffAssignment['step'])}
          >
            {reviewSteps.map((s) => (
              <option key={s} value={s}>
                {pick(stepLabels[s])}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="izin-assign-opd">{t('izin.office')}</label>
          <select id="izin-assign-opd" value={opdCode} onChange={(e) => setOpdCode(e.target.value)}>
            <option value="">{t('izin.choose')}</option>
            {opds.map((o) => (
              <option key={o.id} value={o.code}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        <Button disabled={!userId || !opdCode} onClick={() => send('', { userId, step, opdCode })}>
          {t('izin.admin.assign')}
        </Button>
      </div>
      {error ? <Alert>{error}</Alert> : null}
    </section>
  );
}

const emptyReq = (): Requirement => ({
  key: '',
  label: { id: '', en: '' },
  docType: 'lainnya',
  mandatory: true,
  formats: ['pdf'],
  maxKb: 2048,
  maxAgeDays: null,
  note: null,
  templateFileId: null,
});
const emptyField = (): FormField => ({
  key: '',
  label: { id: '', en: '' },
  kind: 'text',
  required: true,
  options: [],
  unit: null,
  onPermit: false,
});
const blank: TypeDefinition = {
  name: { id: '', en: '' },
  legalBasis: [],
  description: { id: '', en: '' },
  applicantKinds: ['individual'],
  requirements: [emptyReq()],
  fields: [],
  fee: { kind: 'none' },
  slaDays: 5,
  technicalReview: null,
  output: { title: { id: '', en: '' }, conditions: [] },
  validityMonths: 12,
};

const lines = (s: string) =>
  s
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

/** The type editor: every change is saved as the next version (filed applications keep theirs). */
function TypeEditor({
  type,
  opds,
  onDone,
}: {
  type: TypeView | null;
  opds: Opd[];
  onDone: (saved: TypeView | null) => void;
}) {
  const { t, pick } = useLang();
  const [code, setCode] = useState(type?.code ?? '');
  const [opdCode, setOpdCode] = useState(type?.opd.code ?? opds[0]?.code ?? '');
  const [d, setD] = useState<TypeDefinition>(type?.definition ?? blank);
  const [legal, setLegal] = useState(d.legalBasis.join('\n'));
  const [conditions, setConditions] = useState(d.output.conditions.join('\n'));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const up = (p: Partial<TypeDefinition>) => setD((o) => ({ ...o, ...p }));
  const setReq = (i: number, p: Partial<Requirement>) =>
    up({ requirements: d.requirements.map((r, j) => (j === i ? { ...r, ...p } : r)) });
  const setFld = (i: number, p: Partial<FormField>) =>
    up({ fields: d.fields.map((r, j) => (j === i ? { ...r, ...p } : r)) });
  const save = async () => {
    setBusy(true);
    setError(null);
    const body = {
      code,
      opdCode,
      ...d,
      legalBasis: lines(legal),
      output: { ...d.output, conditions: lines(conditions) },
    };
    try {
      const saved = await api<TypeView>(type ? `${BASE}/admin/types/${type.code}` : `${BASE}/admin/types`, {
        method: type ? 'PUT' : 'POST',
        body,
      });
      onDone(saved);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const pair = (
    label: string,
    v: { id: string; en: string },
    set: (v: { id: string; en: string }) => void,
    id: string,
  ) => (
    <div className="izin-pair">
      <div className="field">
        <label htmlFor={`${id}-id`}>{label} (ID)</label>
        <input id={`${id}-id`} value={v.id} onChange={(e) => set({ ...v, id: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-en`}>{label} (EN)</label>
        <input id={`${id}-en`} value={v.en} onChange={(e) => set({ ...v, en: e.target.value })} />
      </div>
    </div>
  );
  return (
    <div className="izin-editor" data-testid="izin-editor">
      <h2>
        {type ? t('izin.admin.editTitle', { code: type.code, v: type.version + 1 }) : t('izin.admin.add')}
      </h2>
      <div className="izin-pair">
        <TextField
          id="ed-code"
          label={t('izin.admin.code')}
          value={code}
          disabled={Boolean(type)}
          onChange={(v) => setCode(v)}
        />
        <div className="field">
          <label htmlFor="ed-opd">{t('izin.office')}</label>
          <select id="ed-opd" value={opdCode} onChange={(e) => setOpdCode(e.target.value)}>
            {opds.map((o) => (
              <option key={o.id} value={o.code}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {pair(t('izin.admin.name'), d.name, (v) => up({ name: v }), 'ed-name')}
      {pair(t('izin.admin.description'), d.description, (v) => up({ description: v }), 'ed-desc')}
      <div className="field">
        <label htmlFor="ed-legal">{t('izin.admin.legal')}</label>
        <textarea id="ed-legal" rows={3} value={legal} onChange={(e) => setLegal(e.target.value)} />
      </div>
      <fieldset className="izin-box">
        <legend>{t('izin.admin.applicantKinds')}</legend>
        <div className="izin-radios">
          {(['individual', 'company'] as const).map((k) => (
            <Check
              key={k}
              checked={d.applicantKinds.includes(k)}
              label={t(`izin.form.kind_${k}`)}
              onChange={(on) =>
                up({
                  applicantKinds: on ? [...d.applicantKinds, k] : d.applicantKinds.filter((x) => x !== k),
                })
              }
            />
          ))}
        </div>
      </fieldset>
      <fieldset className="izin-box">
        <legend>{t('izin.std.requirements')}</legend>
        {d.requirements.map((r, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place (a key may be blank or change as typed)
          <div key={`req-${i}`} className="izin-row">
            <TextField
              id={`rq-key-${i}`}
              label={t('izin.admin.key')}
              value={r.key}
              onChange={(v) => setReq(i, { key: v })}
            />
            {pair(t('izin.admin.label'), r.label, (v) => setReq(i, { label: v }), `rq-label-${i}`)}
            <div className="field">
              <label htmlFor={`rq-doc-${i}`}>{t('izin.locker.type')}</label>
              <select
                id={`rq-doc-${i}`}
                value={r.docType}
                onChange={(e) => setReq(i, { docType: e.target.value as Requirement['docType'] })}
              >
                {lockerDocTypes.map((x) => (
                  <option key={x} value={x}>
                    {pick(lockerDocLabels[x])}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <span className="izin-label">{t('izin.admin.formats')}</span>
              <div className="izin-radios">
                {documentFormats.map((x) => (
                  <Check
                    key={x}
                    checked={r.formats.includes(x)}
                    label={x.toUpperCase()}
                    onChange={(on) =>
                      setReq(i, {
                        formats: on ? [...r.formats, x] : r.formats.filter((y) => y !== x),
                      })
                    }
                  />
                ))}
              </div>
            </div>
            <TextField
              id={`rq-kb-${i}`}
              label={t('izin.admin.maxKb')}
              number
              value={r.maxKb}
              onChange={(v) => setReq(i, { maxKb: Number(v) })}
            />
            <TextField
              id={`rq-age-${i}`}
              label={t('izin.admin.maxAgeDays')}
              number
              value={r.maxAgeDays ?? ''}
              onChange={(v) => setReq(i, { maxAgeDays: v ? Number(v) : null })}
            />
            <Check
              checked={r.mandatory}
              label={t('izin.admin.mandatory')}
              onChange={(on) => setReq(i, { mandatory: on })}
            />
            <Button
              variant="ghost"
              onClick={() => up({ requirements: d.requirements.filter((_, j) => j !== i) })}
            >
              {t('izin.admin.remove')}
            </Button>
          </div>
        ))}
        <Button variant="secondary" onClick={() => up({ requirements: [...d.requirements, emptyReq()] })}>
          {t('izin.admin.addRow')}
        </Button>
      </fieldset>
      <fieldset className="izin-box">
        <legend>{t('izin.form.details')}</legend>
        {d.fields.map((r, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place (a key may be blank or change as typed)
          <div key={`fld-${i}`} className="izin-row">
            <TextField
              id={`fd-key-${i}`}
              label={t('izin.admin.key')}
              value={r.key}
              onChange={(v) => setFld(i, { key: v })}
            />
            {pair(t('izin.admin.label'), r.label, (v) => setFld(i, { label: v }), `fd-label-${i}`)}
            <div className="field">
              <label htmlFor={`fd-kind-${i}`}>{t('izin.admin.kind')}</label>
              <select
                id={`fd-kind-${i}`}
                value={r.kind}
                onChange={(e) => setFld(i, { kind: e.target.value as FormField['kind'] })}
              >
                {fieldKinds.map((k) => (
                  <option key={k} value={k}>
                    {t(`izin.admin.kind_${k}`)}
                  </option>
                ))}
              </select>
            </div>
            <TextField
              id={`fd-opt-${i}`}
              label={t('izin.admin.options')}
              value={r.options.join(', ')}
              onChange={(v) =>
                setFld(i, {
                  options: v
                    .split(',')
                    .map((x) => x.trim())
                    .filter(Boolean),
                })
              }
            />
            <TextField
              id={`fd-unit-${i}`}
              label={t('izin.admin.unit')}
              value={r.unit ?? ''}
              onChange={(v) => setFld(i, { unit: v || null })}
            />
            <Check
              checked={r.required}
              label={t('izin.admin.mandatory')}
              onChange={(on) => setFld(i, { required: on })}
            />
            <Check
              checked={r.onPermit}
              label={t('izin.admin.onPermit')}
              onChange={(on) => setFld(i, { onPermit: on })}
            />
            <Button variant="ghost" onClick={() => up({ fields: d.fields.filter((_, j) => j !== i) })}>
              {t('izin.admin.remove')}
            </Button>
          </div>
        ))}
        <Button variant="secondary" onClick={() => up({ fields: [...d.fields, emptyField()] })}>
          {t('izin.admin.addRow')}
        </Button>
      </fieldset>
      <fieldset className="izin-box">
        <legend>{t('izin.std.cost')}</legend>
        <div className="izin-pair">
          <div className="field">
            <label htmlFor="ed-fee-kind">{t('izin.admin.kind')}</label>
            <select
              id="ed-fee-kind"
              value={d.fee.kind}
              onChange={(e) => {
                const k = e.target.value;
                up({
                  fee:
                    k === 'none'
                      ? { kind: 'none' }
                      : k === 'fixed'
                        ? { kind: 'fixed', amount: 1, retributionCode: '' }
                        : { kind: 'per_unit', amount: 1, unitField: '', retributionCode: '' },
                });
              }}
            >
              {(['none', 'fixed', 'per_unit'] as const).map((k) => (
                <option key={k} value={k}>
                  {t(`izin.admin.fee_${k}`)}
                </option>
              ))}
            </select>
          </div>
          {d.fee.kind !== 'none' ? (
            <>
              <TextField
                id="ed-fee-amount"
                label={t('izin.admin.amount')}
                number
                value={d.fee.amount}
                onChange={(v) => up({ fee: { ...d.fee, amount: Number(v) } as TypeDefinition['fee'] })}
              />
              <TextField
                id="ed-fee-code"
                label={t('izin.admin.retributionCode')}
                value={d.fee.retributionCode}
                onChange={(v) => up({ fee: { ...d.fee, retributionCode: v } as TypeDefinition['fee'] })}
              />
            </>
          ) : null}
          {d.fee.kind === 'per_unit' ? (
            <TextField
              id="ed-fee-unit"
              label={t('izin.admin.unitField')}
              value={d.fee.unitField}
              onChange={(v) => up({ fee: { ...d.fee, unitField: v } as TypeDefinition['fee'] })}
            />
          ) : null}
        </div>
      </fieldset>
      <div className="izin-pair">
        <TextField
          id="ed-sla"
          label={t('izin.admin.slaDays')}
          number
          value={d.slaDays}
          onChange={(v) => up({ slaDays: Number(v) })}
        />
        <TextField
          id="ed-validity"
          label={t('izin.admin.validityMonths')}
          number
          value={d.validityMonths ?? ''}
          onChange={(v) => up({ validityMonths: v ? Number(v) : null })}
        />
        <div className="field">
          <label htmlFor="ed-tech">{t('izin.admin.technical')}</label>
          <select
            id="ed-tech"
            value={d.technicalReview?.opdCode ?? ''}
            onChange={(e) =>
              up({
                technicalReview: e.target.value
                  ? { opdCode: e.target.value, fieldSurvey: d.technicalReview?.fieldSurvey ?? false }
                  : null,
              })
            }
          >
            <option value="">{t('izin.admin.noTechnical')}</option>
            {opds.map((o) => (
              <option key={o.id} value={o.code}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        {d.technicalReview ? (
          <Check
            checked={d.technicalReview.fieldSurvey}
            label={t('izin.std.survey')}
            onChange={(on) => up({ technicalReview: { ...d.technicalReview!, fieldSurvey: on } })}
          />
        ) : null}
      </div>
      {pair(
        t('izin.std.product'),
        d.output.title,
        (v) => up({ output: { ...d.output, title: v } }),
        'ed-out',
      )}
      <div className="field">
        <label htmlFor="ed-cond">{t('izin.admin.conditions')}</label>
        <textarea id="ed-cond" rows={3} value={conditions} onChange={(e) => setConditions(e.target.value)} />
      </div>
      {error ? <Alert>{error}</Alert> : null}
      <div className="izin-actions">
        <Button busy={busy} onClick={save} data-testid="izin-editor-save">
          {t('izin.admin.save')}
        </Button>
        <Button variant="ghost" onClick={() => onDone(null)}>
          {t('izin.admin.cancel')}
        </Button>
      </div>
    </div>
  );
}

/** A labelled text (or number) input; `onChange` gets the raw string. */
function TextField(props: {
  id: string;
  label: string;
  value: string | number;
  number?: boolean;
  disabled?: boolean;
  onChange: (value: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type={props.number ? 'number' : undefined}
        value={props.value}
        disabled={props.disabled}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  );
}

/** A checkbox with its label beside it. */
function Check(props: { checked: boolean; label: string; onChange: (checked: boolean) => void }) {
  return (
    <label className="izin-radio">
      <input type="checkbox" checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} />
      {props.label}
    </label>
  );
}
