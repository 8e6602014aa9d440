import { useState } from 'react';
import { api, errorMessage } from '../../core/api';
import { useApi } from '../../core/hooks';
import { useLang } from '../../core/i18n';
import { useRegionState } from '../../core/region';
import { Alert, Badge, Card, Check, PageHeader, Spinner, useToast } from '../../core/ui';

interface ModuleAdmin {
  id: string;
  name: { id: string; en: string };
  description: { id: string; en: string };
  dependsOn: string[];
  enabled: boolean;
  settings: Record<string, unknown>;
}

export function Modules() {
  const { t, pick } = useLang();
  const toast = useToast();
  const { reload: reloadRegion } = useRegionState();
  const { data, setData, error, loading } = useApi<ModuleAdmin[]>('/admin/modules');
  const [pending, setPending] = useState<string | null>(null);

  const byId = new Map((data ?? []).map((m) => [m.id, m]));
  const nameOf = (id: string) => {
    const m = byId.get(id);
    return m ? pick(m.name) : id;
  };

  async function toggle(m: ModuleAdmin) {
    const enabled = !m.enabled;
    // Switching a service off hides it from every citizen of the region at once: ask first.
    if (!enabled && !window.confirm(t('staff.modules.confirmDisable', { name: pick(m.name) }))) return;
    setPending(m.id);
    try {
      await api(`/admin/modules/${m.id}`, { method: 'PUT', body: { enabled } });
      setData((list) => (list ?? []).map((x) => (x.id === m.id ? { ...x, enabled } : x)));
      toast(
        enabled
          ? t('staff.modules.enabled', { name: pick(m.name) })
          : t('staff.modules.disabled', { name: pick(m.name) }),
      );
      void reloadRegion();
    } catch (err) {
      toast(errorMessage(err), 'error');
    } finally {
      setPending(null);
    }
  }

  return (
    <div>
      <PageHeader title={t('staff.nav.modules')} subtitle={t('staff.modules.subtitle')} />
      {loading && !data ? <Spinner label={t('common.loading')} /> : null}
      {error ? <Alert>{error}</Alert> : null}
      <ul className="module-list" data-testid="module-list">
        {(data ?? []).map((m) => {
          const missing = m.dependsOn.filter((d) => !byId.get(d)?.enabled);
          const dependents = (data ?? []).filter((x) => x.enabled && x.dependsOn.includes(m.id));
          return (
            <li key={m.id} data-testid={`module-row-${m.id}`}>
              <Card className="module-card">
                <div className="module-head">
                  <div>
                    <h2 className="card-title">{pick(m.name)}</h2>
                    <p className="muted">{pick(m.description)}</p>
                  </div>
                  <Badge tone={m.enabled ? 'ok' : 'off'}>
                    {m.enabled ? t('common.active') : t('common.inactive')}
                  </Badge>
                </div>
                {m.dependsOn.length ? (
                  <p className="module-deps" data-testid={`module-deps-${m.id}`}>
                    {t('staff.modules.dependsOn')}{' '}
                    {m.dependsOn.map((d) => (
                      <span key={d} className="chip">
                        {nameOf(d)}
                      </span>
                    ))}
                  </p>
                ) : null}
                {!m.enabled && missing.length ? (
                  <p className="field-hint warn-text">
                    {t('staff.modules.enableFirst', { names: missing.map(nameOf).join(', ') })}
                  </p>
                ) : null}
                {m.enabled && dependents.length ? (
                  <p className="field-hint">
                    {t('staff.modules.requiredBy', { names: dependents.map((x) => pick(x.name)).join(', ') })}
                  </p>
                ) : null}
                <Check
                  switch
                  label={t('staff.modules.toggle', { name: pick(m.name) })}
                  checked={m.enabled}
                  disabled={pending === m.id}
                  onChange={() => void toggle(m)}
                  data-testid={`module-toggle-${m.id}`}
                />
              </Card>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
