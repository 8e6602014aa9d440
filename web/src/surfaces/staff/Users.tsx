import { type FormEvent, useState } from 'react';
import { staffCreateInput } from '../../../../shared/auth';
import { type Role, roleLabels, roles } from '../../../../shared/roles';
import { api } from '../../core/api';
import { useApi } from '../../core/hooks';
import { useLang } from '../../core/i18n';
import { useSession } from '../../core/session';
import { Badge, Button, Card, Check, Field, PageHeader, SelectField, useToast } from '../../core/ui';
import { DataTable, Form, FormActions, LoadState, RowButton, useForm, useSubmit } from '../../core/ui/admin';
import { compact } from '../../core/validation';
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
            options={assignable.map((r) => ({ value: r, label: pick(roleLabels[r]) }))}
          />
          {opds.length ? (
            <SelectField
              id={`${idPrefix}-opd-${i}`}
              label={t('staff.users.opd')}
              value={g.opdId ?? ''}
              onChange={(e) => update(i, { opdId: e.target.value || null })}
              data-testid={`${idPrefix}-opd-${i}`}
              options={opds.map((o) => ({ value: o.id, label: o.shortName }))}
            >
              <option value="">{t('staff.users.noOpd')}</option>
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

const noGrants: RoleGrant[] = [{ role: 'opd_officer', opdId: null }];
const blankStaff = { name: '', email: '', phone: '', password: '' };

function CreateStaff({ opds, onCreated }: { opds: OpdItem[]; onCreated: () => void }) {
  const { t } = useLang();
  const toast = useToast();
  const form = useForm(blankStaff);
  const { field } = form;
  const [grants, setGrants] = useState<RoleGrant[]>(noGrants);

  const submit = () =>
    form.submit(staffCreateInput, { ...compact(form.draft), roles: grants }, async (body) => {
      await api('/admin/users', { method: 'POST', body });
      toast(t('staff.users.created', { name: form.draft.name }));
      form.setDraft(blankStaff);
      setGrants(noGrants);
      onCreated();
    });

  return (
    <Form onSubmit={submit} error={form.formError} data-testid="staff-create-form">
      <Field id="new-name" label={t('fields.name')} {...field('name')} data-testid="new-staff-name" />
      <Field
        id="new-email"
        label={t('fields.email')}
        type="email"
        {...field('email')}
        data-testid="new-staff-email"
      />
      <Field
        id="new-phone"
        label={t('fields.phone')}
        type="tel"
        {...field('phone')}
        data-testid="new-staff-phone"
      />
      <Field
        id="new-password"
        label={t('staff.users.initialPassword')}
        type="password"
        autoComplete="new-password"
        hint={t('signup.passwordHint')}
        {...field('password')}
        data-testid="new-staff-password"
      />
      <RolesEditor
        value={grants}
        onChange={setGrants}
        opds={opds}
        idPrefix="new-staff"
        error={form.errors.roles}
      />
      <Button type="submit" busy={form.busy} data-testid="new-staff-submit">
        {t('staff.users.create')}
      </Button>
    </Form>
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
  const form = useSubmit();
  const [grants, setGrants] = useState<RoleGrant[]>(user.roles.filter((r) => r.role !== 'platform_admin'));
  const [disabled, setDisabled] = useState(user.disabled);

  const submit = () => {
    // Disabling an account signs its owner out everywhere: ask first.
    if (disabled && !user.disabled && !window.confirm(t('staff.users.confirmDisable', { name: user.name })))
      return;
    return form.submit(null, { roles: grants, disabled }, async (body) => {
      await api(`/admin/users/${user.id}`, { method: 'PATCH', body });
      toast(t('common.saved'));
      onDone(true);
    });
  };

  return (
    <Form onSubmit={submit} error={form.formError} data-testid="user-edit-form">
      <RolesEditor value={grants} onChange={setGrants} opds={opds} idPrefix="edit-user" />
      <Check
        label={t('staff.users.disable')}
        hint={t('staff.users.disableHint')}
        checked={disabled}
        disabled={me?.user.id === user.id}
        onChange={(e) => setDisabled(e.target.checked)}
        data-testid="user-disabled"
      />
      <FormActions
        label={t('common.save')}
        busy={form.busy}
        testId="user-save"
        onCancel={() => onDone(false)}
      />
    </Form>
  );
}

export function Users() {
  const { t, pick } = useLang();
  const [q, setQ] = useState('');
  const [role, setRole] = useState('');
  const [query, setQuery] = useState('');
  const users = useApi<UserItem[]>(`/admin/users${query}`);
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
                options={roles.map((r) => ({ value: r, label: pick(roleLabels[r]) }))}
              >
                <option value="">{t('staff.users.allRoles')}</option>
              </SelectField>
              <Button type="submit" data-testid="users-search-submit">
                {t('staff.users.searchButton')}
              </Button>
            </form>
          </Card>
          <Card title={t('staff.users.list')}>
            <LoadState state={users} empty={t('staff.users.empty')} />
            <DataTable
              testId="users-table"
              rowTestId="user-row"
              rows={users.data ?? []}
              rowKey={(u) => u.id}
              columns={[
                {
                  header: t('fields.name'),
                  cell: (u) => (
                    <>
                      <strong>{u.name}</strong>
                      <br />
                      <span className="muted">{u.email ?? u.phone ?? ''}</span>
                    </>
                  ),
                },
                {
                  header: t('staff.users.roles'),
                  cell: (u) =>
                    u.roles.map((r) => (
                      <span key={`${r.role}-${r.opdId ?? ''}`} className="chip">
                        {pick(roleLabels[r.role])}
                        {r.opdId && opdName(r.opdId) ? ` · ${opdName(r.opdId)}` : ''}
                      </span>
                    )),
                },
                {
                  header: t('common.status'),
                  cell: (u) => (
                    <Badge tone={u.disabled ? 'off' : 'ok'}>
                      {u.disabled ? t('staff.users.disabled') : t('common.active')}
                    </Badge>
                  ),
                },
              ]}
              actions={(u) => (
                <RowButton subject={u.name} onClick={() => setEditing(u)} data-testid="user-edit">
                  {t('common.edit')}
                </RowButton>
              )}
            />
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
                  if (changed) users.reload();
                }}
              />
            </Card>
          ) : null}
          <Card title={t('staff.users.createTitle')}>
            <CreateStaff opds={opds} onCreated={users.reload} />
          </Card>
        </div>
      </div>
    </div>
  );
}
