import { type CSSProperties, type FormEvent, useState } from 'react';
import { regionUpdateInput } from '../../../../shared/region';
import { ApiError, api, errorMessage } from '../../core/api';
import { contrast, readableOn } from '../../core/color';
import { useLang } from '../../core/i18n';
import { brandingVars, type Region, useRegion, useRegionState } from '../../core/region';
import {
  Alert,
  Button,
  Card,
  Field,
  FieldShell,
  Icon,
  PageHeader,
  SelectField,
  TextAreaField,
  useToast,
} from '../../core/ui';
import { type FieldErrors, serverFieldErrors, validate } from '../../core/validation';
import { RegionDomains } from './RegionDomains';
import { RegionMapSettings } from './RegionMapSettings';

interface Form {
  name: string;
  timeZone: Region['timeZone'];
  displayName: string;
  /** Preview of the logo (the region's, or the file just uploaded). */
  logoUrl: string | null;
  /** Set when the admin uploads or removes the logo; undefined leaves it as it is. */
  logoFileId?: string | null;
  primaryColor: string;
  accentColor: string;
  phone: string;
  email: string;
  address: string;
}

function fromRegion(r: Region): Form {
  return {
    name: r.name,
    timeZone: r.timeZone,
    displayName: r.branding.displayName,
    logoUrl: r.branding.logoUrl,
    primaryColor: r.branding.primaryColor,
    accentColor: r.branding.accentColor,
    phone: r.contact.phone ?? '',
    email: r.contact.email ?? '',
    address: r.contact.address ?? '',
  };
}

const nullable = (s: string) => (s.trim() === '' ? null : s.trim());

function ColorInfo({ color }: { color: string }) {
  const { t } = useLang();
  const text = readableOn(color);
  const ratio = contrast(color, text).toFixed(1);
  return (
    <span className="color-info">
      <span className="mono">{color}</span> ·{' '}
      {t('staff.region.textOn', {
        color: text === '#ffffff' ? t('staff.region.white') : t('staff.region.dark'),
        ratio,
      })}
    </span>
  );
}

function Preview({ form }: { form: Form }) {
  const { t } = useLang();
  const style = brandingVars(form.primaryColor, form.accentColor) as CSSProperties;
  return (
    <div className="brand-preview" style={style} data-testid="branding-preview">
      <div className="brand-preview-header">
        {form.logoUrl ? (
          <img src={form.logoUrl} alt="" width={28} height={28} className="brand-logo" />
        ) : (
          <span className="brand-mark">
            <Icon name="grid" size={16} />
          </span>
        )}
        <strong data-testid="preview-display-name">{form.displayName || '—'}</strong>
      </div>
      <div className="brand-preview-body">
        <p className="brand-preview-title">{t('home.title')}</p>
        <div className="brand-preview-tiles">
          <span className="service-icon">
            <Icon name="phone" size={20} />
          </span>
          <span className="service-icon">
            <Icon name="megaphone" size={20} />
          </span>
          <span className="service-icon">
            <Icon name="basket" size={20} />
          </span>
        </div>
        <span className="btn btn-accent btn-small">{t('nav.signUp')}</span>
      </div>
    </div>
  );
}

export function RegionSettings() {
  const { t, lang } = useLang();
  const region = useRegion();
  const { setRegion, reload } = useRegionState();
  const toast = useToast();
  const [form, setForm] = useState<Form>(() => fromRegion(region));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const [uploading, setUploading] = useState(false);

  /** The logo goes through the file pipeline (type by content, resized, re-encoded), never a URL. */
  async function uploadLogo(file: File | undefined) {
    if (!file) return;
    setUploading(true);
    setErrors((e) => ({ ...e, logo: '' }));
    try {
      const body = new FormData();
      body.append('photo', file, file.name);
      const [logo] = await api<{ id: string; url: string }[]>('/files/photos?purpose=logo', {
        method: 'POST',
        body,
      });
      if (logo) setForm((f) => ({ ...f, logoFileId: logo.id, logoUrl: logo.url }));
    } catch (err) {
      setErrors((e) => ({ ...e, logo: errorMessage(err) }));
    } finally {
      setUploading(false);
    }
  }

  const set = (k: keyof Form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const body: Record<string, unknown> = {
      name: form.name,
      timeZone: form.timeZone,
      branding: {
        displayName: form.displayName,
        ...(form.logoFileId === undefined ? {} : { logoFileId: form.logoFileId }),
        primaryColor: form.primaryColor,
        accentColor: form.accentColor,
      },
      contact: { phone: nullable(form.phone), email: nullable(form.email), address: nullable(form.address) },
    };
    const v = validate(regionUpdateInput, body, lang);
    // Nested issues (branding.*, contact.*) are reported on the top-level key; show them in the alert too.
    setErrors(v.errors);
    if (!v.ok) {
      setFormError(Object.values(v.errors).join(' '));
      return;
    }
    setBusy(true);
    try {
      const updated = await api<Region>('/admin/region', { method: 'PATCH', body: v.data });
      if (updated && Array.isArray(updated.modules)) setRegion(updated);
      else await reload();
      toast(t('common.saved'));
    } catch (err) {
      setFormError(errorMessage(err));
      if (err instanceof ApiError) setErrors(serverFieldErrors(err.details, lang));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div>
      <PageHeader title={t('staff.nav.region')} subtitle={t('staff.region.subtitle')} />
      <form className="split" onSubmit={submit} noValidate data-testid="region-form">
        <div className="stack">
          {formError ? <Alert data-testid="form-error">{formError}</Alert> : null}
          <Card title={t('staff.region.identity')}>
            <div className="form">
              <Field
                id="region-name"
                label={t('staff.region.name')}
                value={form.name}
                onChange={set('name')}
                error={errors.name}
                data-testid="region-name"
              />
              <SelectField
                id="region-tz"
                label={t('staff.region.timeZone')}
                value={form.timeZone}
                onChange={set('timeZone')}
                data-testid="region-timezone"
              >
                <option value="WIB">WIB — UTC+7 (Asia/Jakarta)</option>
                <option value="WITA">WITA — UTC+8 (Asia/Makassar)</option>
                <option value="WIT">WIT — UTC+9 (Asia/Jayapura)</option>
              </SelectField>
            </div>
          </Card>
          <Card title={t('staff.region.branding')}>
            <div className="form">
              <Field
                id="region-display-name-input"
                label={t('staff.region.displayName')}
                hint={t('staff.region.displayNameHint')}
                value={form.displayName}
                onChange={set('displayName')}
                data-testid="region-display-name-input"
              />
              <FieldShell
                id="region-logo"
                label={t('staff.region.logo')}
                hint={t('staff.region.logoHint')}
                error={errors.logo}
              >
                {(control) => (
                  <div className="row">
                    <input
                      {...control}
                      type="file"
                      accept="image/png,image/jpeg,image/webp"
                      disabled={uploading}
                      onChange={(e) => void uploadLogo(e.target.files?.[0])}
                      data-testid="region-logo-file"
                    />
                    {form.logoUrl ? (
                      <Button
                        variant="ghost"
                        onClick={() => setForm((f) => ({ ...f, logoFileId: null, logoUrl: null }))}
                        data-testid="region-logo-remove"
                      >
                        {t('staff.region.logoRemove')}
                      </Button>
                    ) : null}
                  </div>
                )}
              </FieldShell>
              <div className="color-row">
                <Field
                  id="region-primary"
                  label={t('staff.region.primaryColor')}
                  type="color"
                  value={form.primaryColor}
                  onChange={set('primaryColor')}
                  hint={<ColorInfo color={form.primaryColor} />}
                  data-testid="region-primary-color"
                />
                <Field
                  id="region-accent"
                  label={t('staff.region.accentColor')}
                  type="color"
                  value={form.accentColor}
                  onChange={set('accentColor')}
                  hint={<ColorInfo color={form.accentColor} />}
                  data-testid="region-accent-color"
                />
              </div>
            </div>
          </Card>
          <Card title={t('staff.region.contact')}>
            <div className="form">
              <Field
                id="region-phone"
                label={t('fields.phone')}
                type="tel"
                value={form.phone}
                onChange={set('phone')}
                data-testid="region-contact-phone"
              />
              <Field
                id="region-email"
                label={t('fields.email')}
                type="email"
                value={form.email}
                onChange={set('email')}
                data-testid="region-contact-email"
              />
              <TextAreaField
                id="region-address"
                label={t('staff.region.address')}
                value={form.address}
                onChange={set('address')}
                rows={2}
                data-testid="region-contact-address"
              />
            </div>
          </Card>
          <div className="row">
            <Button type="submit" busy={busy} data-testid="region-save">
              {t('common.save')}
            </Button>
            <Button variant="ghost" onClick={() => setForm(fromRegion(region))}>
              {t('common.reset')}
            </Button>
          </div>
        </div>
        <div className="sticky">
          <h2 className="section-title">{t('staff.region.preview')}</h2>
          <Preview form={form} />
        </div>
      </form>
      {/* Its own form and save: a host name has a life of its own (pending → proven). */}
      <div className="split region-domains">
        <RegionDomains />
      </div>
      {/* The map: its own form and save (bounds, basemap) and the area outlines upload. */}
      <div className="split region-map">
        <RegionMapSettings />
      </div>
    </div>
  );
}
