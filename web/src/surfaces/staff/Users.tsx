import { type FormEvent, useState } from 'react';
import { staffCreateInput } from '../../../../shared/auth';
import { type Role, roleLabels, roles } from '../../../../shared/roles';
import { ApiError, api, errorMessage } from '../../core/api';
import { useApi } from '../../core/hooks';
import { useLang } from '../../core/i18n';
import { useSession } from '../../core/session';
import {
  Alert,
  Badge,
  Button,
  Card,
  Check,
  Field,
  PageHeader,
  SelectField,
  Spinner,
  useToast,
} from '../../core/ui';
import { compact, type FieldErrors, serverFieldErrors, validate } from '../../core/validation';
import type { OpdItem } from './Opd';

interface RoleGrant {
  role: Role;
  opdId: string | null;
}
interface UserItem {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  roles: RoleGrant[];
  disabled: boolean;
  createdAt: string;
}

const assignable = roles.filter((r) => r !== 'platform_admin');

function RolesEditor({
  value,
  onChange,
  opds,
  idPrefix,
  error,
}: {
  value: RoleGrant[];
  onChange: (v: RoleGrant[]) => void;
  opds: OpdItem[];
  idPrefix: string;
  error?: string;
}) {
  const { t, pick } = useLang();
  const update = (i: number, patch: Partial<RoleGrant>) =>
    onChange(value.map((g, j) => (j === i ? { ...g, ...patch } : g)));
  return (
    <fieldset className="fieldset" data-testid={`${idPrefix}-roles`}>
      <legend>{t('staff.users.roles')}</legend>
      {value.map((g, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional and have no id
        <div className="role-row" key={i}>
          <SelectField
            id={`${idPrefix}-role-${i}`}
            label={t('staff.users.role')}
            value={g.role}
            onChange={(e) => update(i, { role: e.target.value as Role })}
            data-testid={`${idPrefix}-role-${i}`}
          >
            {assignable.map((r) => (
              <option key={r} value={r}>
                {pick(roleLabels[r])}
              </option>
            ))}
          </SelectField>
          {opds.length ? (
            <SelectField
              id={`${idPrefix}-opd-${i}`}
              label={t('staff.users.opd')}
              value={g.opdId ?? ''}
              onChange={(e) => update(i, { opdId: e.target.value || null })}
              data-testid={`${idPrefix}-opd-${i}`}
            >
              <option value="">{t('staff.users.noOpd')}</option>
              {opds.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.shortName}
                </option>
              ))}
            </SelectField>
          ) : null}
          <Button small variant="ghost" onClick={() => onChange(value.filter((_, j) => j !== i))}>
            {t('common.remove')}
            <span className="sr-only"> {pick(roleLabels[g.role])}</span>
          </Button>
        </div>
      ))}
      {error ? <p className="field-error">{error}</p> : null}
      <Button
        small
        variant="secondary"
        onClick={() => onChange([...value, { role: 'opd_officer', opdId: null }])}
        data-testid={`${idPrefix}-add-role`}
      >
        {t('staff.users.addRole')}
      </Button>
    </fieldset>
  );
}

function CreateStaff({ opds, onCreated }: { opds: OpdItem[]; onCreated: () => void }) {
  const { t, lang } = useLang();
  const toast = useToast();
  const [form, setForm] = useState({ name: '', email: '', phone: '', password: '' });
  const [grants, setGrants] = useState<RoleGrant[]>([{ role: 'opd_officer', opdId: null }]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const v = validate(staffCreateInput, { ...compact(form), roles: grants }, lang);
    setErrors(v.errors);
    if (!v.ok) return;
    setBusy(true);
    try {
      await api('/admin/users', { method: 'POST', body: v.data });
      toast(t('staff.users.created', { name: form.name }));
      setForm({ name: '', email: '', phone: '', password: '' });
      setGrants([{ role: 'opd_officer', opdId: null }]);
      onCreated();
    } catch (err) {
      setFormError(errorMessage(err));
      if (err instanceof ApiError) setErrors(serverFieldErrors(err.details, lang));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="staff-create-form">
      {formError ? <Alert data-testid="form-error">{formError}</Alert> : null}
      <Field
        id="new-name"
        label={t('fields.name')}
        value={form.name}
        onChange={set('name')}
        error={errors.name}
        data-testid="new-staff-name"
      />
      <Field
        id="new-email"
        label={t('fields.email')}
        type="email"
        value={form.email}
        onChange={set('email')}
        error={errors.email}
        data-testid="new-staff-email"
      />
      <Field
        id="new-phone"
        label={t('fields.phone')}
        type="tel"
        value={form.phone}
        onChange={set('phone')}
        error={errors.phone}
        data-testid="new-staff-phone"
      />
      <Field
        id="new-password"
        label={t('staff.users.initialPassword')}
        type="password"
        autoComplete="new-password"
        hint={t('signup.passwordHint')}
        value={form.password}
        onChange={set('password')}
        error={errors.password}
        data-testid="new-staff-password"
      />
      <RolesEditor
        value={grants}
        onChange={setGrants}
        opds={opds}
        idPrefix="new-staff"
        error={errors.roles}
      />
      <Button type="submit" busy={busy} data-testid="new-staff-submit">
        {t('staff.users.create')}
      </Button>
    </form>
  );
}

function EditUser({
  user,
  opds,
  onDone,
}: {
  user: UserItem;
  opds: OpdItem[];
  onDone: (changed: boolean) => void;
}) {
  const { t } = useLang();
  const toast = useToast();
  const { me } = useSession();
  const [grants, setGrants] = useState<RoleGrant[]>(user.roles.filter((r) => r.role !== 'platform_admin'));
  const [disabled, setDisabled] = useState(user.disabled);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setFormError(null);
    try {
      await api(`/admin/users/${user.id}`, { method: 'PATCH', body: { roles: grants, disabled } });
      toast(t('common.saved'));
      onDone(true);
    } catch (err) {
      setFormError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="user-edit-form">
      {formError ? <Alert data-testid="form-error">{formError}</Alert> : null}
      <RolesEditor value={grants} onChange={setGrants} opds={opds} idPrefix="edit-user" />
      <Check
        label={t('staff.users.disable')}
        hint={t('staff.users.disableHint')}
        checked={disabled}
        disabled={me?.user.id === user.id}
        onChange={(e) => setDisabled(e.target.checked)}
        data-testid="user-disabled"
      />
      <div className="row">
        <Button type="submit" busy={busy} data-testid="user-save">
          {t('common.save')}
        </Button>
        <Button variant="ghost" onClick={() => onDone(false)}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

export function Users() {
  const { t, pick } = useLang();
  const [q, setQ] = useState('');
  const [role, setRole] = useState('');
  const [query, setQuery] = useState('');
  const { data, error, loading, reload } = useApi<UserItem[]>(`/admin/users${query}`);
  // Any staff member may list OPD; if that fails the OPD pickers are simply hidden.
  const opds = useApi<OpdItem[]>('/admin/opd').data ?? [];
  const [editing, setEditing] = useState<UserItem | null>(null);
  const opdName = (id: string | null) => (id ? (opds.find((o) => o.id === id)?.shortName ?? '') : '');

  function search(e: FormEvent) {
    e.preventDefault();
    const p = new URLSearchParams();
    if (q.trim()) p.set('q', q.trim());
    if (role) p.set('role', role);
    const s = p.toString();
    setQuery(s ? `?${s}` : '');
  }

  return (
    <div>
      <PageHeader title={t('staff.nav.users')} subtitle={t('staff.users.subtitle')} />
      <div className="split">
        <div className="stack">
          <Card>
            <form className="search-row" onSubmit={search} data-testid="users-search">
              <Field
                id="users-q"
                label={t('staff.users.search')}
                type="search"
                value={q}
                onChange={(e) => setQ(e.target.value)}
                data-testid="users-q"
              />
              <SelectField
                id="users-role"
                label={t('staff.users.role')}
                value={role}
                onChange={(e) => setRole(e.target.value)}
                data-testid="users-role"
              >
                <option value="">{t('staff.users.allRoles')}</option>
                {roles.map((r) => (
                  <option key={r} value={r}>
                    {pick(roleLabels[r])}
                  </option>
                ))}
              </SelectField>
              <Button type="submit" data-testid="users-search-submit">
                {t('staff.users.searchButton')}
              </Button>
            </form>
          </Card>
          <Card title={t('staff.users.list')}>
            {loading && !data ? <Spinner label={t('common.loading')} /> : null}
            {error ? <Alert>{error}</Alert> : null}
            {data && data.length === 0 ? <p className="muted">{t('staff.users.empty')}</p> : null}
            <div className="table-wrap">
              <table className="table" data-testid="users-table">
                <thead>
                  <tr>
                    <th scope="col">{t('fields.name')}</th>
                    <th scope="col">{t('staff.users.roles')}</th>
                    <th scope="col">{t('common.status')}</th>
                    <th scope="col">
                      <span className="sr-only">{t('common.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {(data ?? []).map((u) => (
                    <tr key={u.id} data-testid="user-row">
                      <td>
                        <strong>{u.name}</strong>
                        <br />
                        <span className="muted">{u.email ?? u.phone ?? ''}</span>
                      </td>
                      <td>
                        {u.roles.map((r) => (
                          <span key={`${r.role}-${r.opdId ?? ''}`} className="chip">
                            {pick(roleLabels[r.role])}
                            {r.opdId && opdName(r.opdId) ? ` · ${opdName(r.opdId)}` : ''}
                          </span>
                        ))}
                      </td>
                      <td>
                        <Badge tone={u.disabled ? 'off' : 'ok'}>
                          {u.disabled ? t('staff.users.disabled') : t('common.active')}
                        </Badge>
                      </td>
                      <td className="actions">
                        <Button
                          small
                          variant="secondary"
                          onClick={() => setEditing(u)}
                          data-testid="user-edit"
                        >
                          {t('common.edit')}
                          <span className="sr-only"> {u.name}</span>
                        </Button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Card>
        </div>
        <div className="stack">
          {editing ? (
            <Card title={t('staff.users.editTitle', { name: editing.name })}>
              <EditUser
                key={editing.id}
                user={editing}
                opds={opds}
                onDone={(changed) => {
                  setEditing(null);
                  if (changed) reload();
                }}
              />
            </Card>
          ) : null}
          <Card title={t('staff.users.createTitle')}>
            <CreateStaff opds={opds} onCreated={reload} />
          </Card>
        </div>
      </div>
    </div>
  );
}
