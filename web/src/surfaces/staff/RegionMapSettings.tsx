import { type ChangeEvent, type FormEvent, useState } from 'react';
import {
  type AreaGeoImportResult,
  type BasemapSetting,
  regionMapInput,
  tileUrlTemplate,
} from '../../../../shared/map';
import { ApiError, api, errorMessage } from '../../core/api';
import { useLang } from '../../core/i18n';
import { useRegion, useRegionState } from '../../core/region';
import { Alert, Button, Card, Field, FieldShell, useToast } from '../../core/ui';
import { type FieldErrors, serverFieldErrors, validate } from '../../core/validation';

type Kind = BasemapSetting['kind'];
const KINDS: Kind[] = ['default', 'tiles', 'file', 'none'];
const SIDES = ['south', 'west', 'north', 'east'] as const;

/**
 * The region's map: the bounds every map opens on (LAKSA's and 112's geofence default to them),
 * the basemap (the deployment's default, a tile URL template, the self-hosted file, or none), and
 * the outlines/centroids of its kecamatan and kelurahan (a GeoJSON upload).
 */
export function RegionMapSettings() {
  const { t, lang } = useLang();
  const region = useRegion();
  const { reload } = useRegionState();
  const toast = useToast();
  const view = region.map;
  const setting = view?.setting ?? { bounds: null, basemap: { kind: 'default' as const } };
  const [kind, setKind] = useState<Kind>(setting.basemap.kind);
  const [url, setUrl] = useState(setting.basemap.kind === 'tiles' ? setting.basemap.url : '');
  const [attribution, setAttribution] = useState(
    setting.basemap.kind === 'tiles' ? setting.basemap.attribution : '',
  );
  const [bounds, setBounds] = useState<Record<(typeof SIDES)[number], string>>(() => ({
    south: setting.bounds ? String(setting.bounds.south) : '',
    west: setting.bounds ? String(setting.bounds.west) : '',
    north: setting.bounds ? String(setting.bounds.north) : '',
    east: setting.bounds ? String(setting.bounds.east) : '',
  }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [importing, setImporting] = useState(false);
  const [importError, setImportError] = useState<string | null>(null);
  const [imported, setImported] = useState<AreaGeoImportResult | null>(null);

  const deploymentLabel = t(`staff.map.deployment.${view?.deploymentBasemap ?? 'none'}`);

  async function save(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const fieldErrors: FieldErrors = {};
    const empty = SIDES.every((s) => bounds[s].trim() === '');
    if (!empty)
      for (const s of SIDES)
        if (bounds[s].trim() === '' || !Number.isFinite(Number(bounds[s])))
          fieldErrors[`bounds.${s}`] = t('staff.map.numberRequired');
    if (kind === 'tiles') {
      const u = validate(tileUrlTemplate, url, lang);
      if (!u.ok) fieldErrors.url = t('staff.map.urlInvalid');
      if (!attribution.trim()) fieldErrors.attribution = t('staff.map.attributionRequired');
    }
    const body = {
      bounds: empty ? null : Object.fromEntries(SIDES.map((s) => [s, Number(bounds[s])])),
      basemap: kind === 'tiles' ? { kind, url: url.trim(), attribution: attribution.trim() } : { kind },
    };
    const v = validate(regionMapInput, body, lang);
    if (!v.ok && Object.keys(fieldErrors).length === 0)
      fieldErrors.bounds = Object.values(v.errors).join(' ');
    setErrors(fieldErrors);
    if (Object.keys(fieldErrors).length > 0 || !v.ok) {
      setFormError(t('staff.map.fix'));
      return;
    }
    setBusy(true);
    try {
      await api('/admin/region/map', { method: 'PUT', body: v.data });
      await reload();
      toast(t('common.saved'));
    } catch (err) {
      setFormError(errorMessage(err));
      if (err instanceof ApiError) setErrors(serverFieldErrors(err.details, lang));
    } finally {
      setBusy(false);
    }
  }

  async function importFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setImportError(null);
    setImported(null);
    let body: unknown;
    try {
      body = JSON.parse(await file.text());
    } catch {
      setImportError(t('staff.map.notJson'));
      return;
    }
    setImporting(true);
    try {
      setImported(await api<AreaGeoImportResult>('/admin/region/areas/geo', { method: 'POST', body }));
    } catch (err) {
      const details =
        err instanceof ApiError && Array.isArray(err.details)
          ? (err.details as { path?: string; message?: string }[])
              .slice(0, 5)
              .map((d) => `${d.path ?? ''}: ${d.message ?? ''}`)
              .join('; ')
          : '';
      setImportError(`${errorMessage(err)}${details ? ` ${details}` : ''}`);
    } finally {
      setImporting(false);
    }
  }

  return (
    <div className="stack">
      <form onSubmit={save} noValidate data-testid="region-map-form">
        <Card title={t('staff.map.title')}>
          <div className="form">
            <p className="muted small">{t('staff.map.intro')}</p>
            {formError ? <Alert data-testid="region-map-error">{formError}</Alert> : null}
            <fieldset className="fieldset">
              <legend>{t('staff.map.bounds')}</legend>
              <p className="field-hint">{t('staff.map.boundsHint')}</p>
              <div className="map-bounds-grid">
                {SIDES.map((s) => (
                  <Field
                    key={s}
                    id={`region-map-${s}`}
                    label={t(`staff.map.${s}`)}
                    inputMode="decimal"
                    value={bounds[s]}
                    onChange={(e) => setBounds((b) => ({ ...b, [s]: e.target.value }))}
                    error={errors[`bounds.${s}`] ?? (s === 'south' ? errors.bounds : undefined)}
                    data-testid={`region-map-${s}`}
                  />
                ))}
              </div>
            </fieldset>
            <fieldset className="fieldset">
              <legend>{t('staff.map.basemap')}</legend>
              {KINDS.map((k) => (
                <label key={k} className="radio-row" htmlFor={`region-basemap-${k}`}>
                  <input
                    type="radio"
                    name="region-basemap"
                    id={`region-basemap-${k}`}
                    value={k}
                    checked={kind === k}
                    disabled={k === 'file' && !view?.fileAvailable}
                    onChange={() => setKind(k)}
                    data-testid={`region-basemap-${k}`}
                  />
                  <span>
                    <strong>{t(`staff.map.kind.${k}`)}</strong>
                    <span className="field-hint">
                      {k === 'default'
                        ? t('staff.map.kindHint.default', { what: deploymentLabel })
                        : k === 'file' && !view?.fileAvailable
                          ? t('staff.map.kindHint.fileMissing')
                          : t(`staff.map.kindHint.${k}`)}
                    </span>
                  </span>
                </label>
              ))}
              {kind === 'tiles' ? (
                <>
                  <Field
                    id="region-basemap-url"
                    label={t('staff.map.url')}
                    hint={t('staff.map.urlHint')}
                    value={url}
                    onChange={(e) => setUrl(e.target.value)}
                    error={errors.url ?? errors['basemap.url']}
                    data-testid="region-basemap-url"
                  />
                  <Field
                    id="region-basemap-attribution"
                    label={t('staff.map.attribution')}
                    value={attribution}
                    onChange={(e) => setAttribution(e.target.value)}
                    error={errors.attribution}
                    data-testid="region-basemap-attribution"
                  />
                </>
              ) : null}
            </fieldset>
            <div className="row">
              <Button type="submit" busy={busy} data-testid="region-map-save">
                {t('common.save')}
              </Button>
            </div>
          </div>
        </Card>
      </form>
      <Card title={t('staff.map.areasTitle')}>
        <div className="form">
          <p className="muted small">{t('staff.map.areasIntro')}</p>
          <FieldShell id="region-areas-file" label={t('staff.map.areasFile')}>
            {(control) => (
              <input
                {...control}
                type="file"
                accept=".geojson,.json,application/geo+json,application/json"
                disabled={importing}
                onChange={(e) => void importFile(e)}
                data-testid="region-areas-file"
              />
            )}
          </FieldShell>
          {importError ? <Alert data-testid="region-areas-error">{importError}</Alert> : null}
          {imported ? (
            <div data-testid="region-areas-result">
              <Alert kind="success">
                {t('staff.map.areasResult', {
                  matched: imported.matched.length,
                  unmatched: imported.unmatched.length,
                })}
              </Alert>
              {imported.unmatched.length > 0 ? (
                <ul className="small">
                  {imported.unmatched.slice(0, 20).map((u) => (
                    <li key={u.feature}>
                      #{u.feature}: {u.reason}
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
        </div>
      </Card>
    </div>
  );
}
