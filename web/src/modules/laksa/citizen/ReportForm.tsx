import { type ChangeEvent, type FormEvent, lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Link, Redirect } from 'wouter';
import type { LocateView } from '../../../../../shared/map';
import { type ReportType, reportInput, reportTypes } from '../../../../../shared/modules/laksa';
import { api, errorMessage } from '../../../core/api';
import { useApi, useNearViewport, useOnline } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { sortPhotos } from '../../../core/photo-check';
import { useRegion } from '../../../core/region';
import { useSession } from '../../../core/session';
import {
  Alert,
  Button,
  buttonClass,
  Check,
  Field,
  SelectField,
  Spinner,
  TextAreaField,
  useToast,
} from '../../../core/ui';
import { compact, type FieldErrors, serverFieldErrors, validate } from '../../../core/validation';
import { typeLabel } from '../labels';
import {
  type Draft,
  type DraftPhoto,
  flushQueue,
  getDraft,
  outcomeOf,
  removeDraft,
  saveDraft,
  subscribe,
} from '../offline-queue';
import {
  type Area,
  type Bounds,
  type Category,
  type NearbyItem,
  newKey,
  type PublicConfig,
  paths,
} from './api';
import { BackToLaksa, outside } from './common';
import { formDrafts, useSendContext } from './hooks';
import { MAX_PHOTOS, preparePhoto } from './photos';
import { StatusBadge } from './StatusBadge';

const LocationPicker = lazy(() => import('./maps').then((m) => ({ default: m.LocationPicker })));

/** Indonesia, when the region's bounds cannot be loaded (offline on the very first visit). */
const INDONESIA: Bounds = { south: -11.2, west: 94.7, north: 6.3, east: 141.1 };
const DESCRIPTION_MAX = 4000;
/** This form inside the region's app: where sign-in brings a signed-out citizen back to. */
const FORM_PATH = '/layanan/laksa/lapor';

interface LocalPhoto {
  key: string;
  photo: DraftPhoto;
  url: string;
}

type Step =
  | { kind: 'edit' }
  | { kind: 'checking' }
  | { kind: 'similar'; items: NearbyItem[] }
  | { kind: 'sending' }
  | { kind: 'sent'; ticket: string }
  | { kind: 'queued'; reason: 'offline' | 'auth' | 'busy' | 'server' };

const inside = (b: Bounds, lat: number, lng: number) =>
  lat >= b.south && lat <= b.north && lng >= b.west && lng <= b.east;

function ReportFormInner() {
  const { t, lang } = useLang();
  const toast = useToast();
  // A session restored offline (server not reached) counts as offline: the report waits on the phone.
  const { offline: sessionOffline } = useSession();
  const online = useOnline() && !sessionOffline;
  const ctx = useSendContext();
  const categories = useApi<Category[]>(paths.categories);
  const config = useApi<PublicConfig>(paths.config);
  const kecamatanList = useApi<Area[]>(paths.areas);
  const region = useRegion();

  const [draftId, setDraftId] = useState(newKey);
  const [type, setType] = useState<ReportType>('pengaduan');
  const [categoryId, setCategoryId] = useState('');
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<LocalPhoto[]>([]);
  const [photoNote, setPhotoNote] = useState<string | null>(null);
  const [location, setLocation] = useState<{ lat: number; lng: number } | null>(null);
  const [locating, setLocating] = useState(false);
  const [locateError, setLocateError] = useState<string | null>(null);
  const [placeAtCentre, setPlaceAtCentre] = useState(0);
  const mapSlot = useRef<HTMLDivElement>(null);
  const mapNear = useNearViewport(mapSlot);
  const [kecamatan, setKecamatan] = useState('');
  const [kelurahan, setKelurahan] = useState('');
  const [address, setAddress] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [confidential, setConfidential] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [step, setStep] = useState<Step>({ kind: 'edit' });
  const [supported, setSupported] = useState<Record<string, boolean>>({});
  const [supporting, setSupporting] = useState<string | null>(null);
  /** Photo ids uploaded by an attempt the API refused (4xx), reused while the photo set is unchanged. */
  const uploaded = useRef<{ sig: string; ids: string[] } | null>(null);
  const topRef = useRef<HTMLDivElement>(null);

  const kelurahanList = useApi<Area[]>(kecamatan ? `${paths.areas}?parent=${kecamatan}` : null);
  // The region's bounds come with the region itself (loaded before any page): the picker opens on
  // the region even before LAKSA's own settings arrive (they are the same unless LAKSA narrows them).
  const bounds = config.data?.bounds ?? region.map?.bounds ?? INDONESIA;
  const [autoArea, setAutoArea] = useState<LocateView | null>(null);
  const locateSeq = useRef(0);

  // A pin inside the region pre-fills kecamatan/kelurahan (GET /api/region/areas/locate: inside an
  // outline, else the nearest kecamatan centre). The citizen can still change them by hand.
  useEffect(() => {
    if (!location) return;
    const seq = ++locateSeq.current;
    const timer = setTimeout(() => {
      const q = new URLSearchParams({ lat: location.lat.toFixed(5), lng: location.lng.toFixed(5) });
      api<LocateView>(`/region/areas/locate?${q}`)
        .then((found) => {
          if (seq !== locateSeq.current || !found.kecamatan) return;
          setKecamatan(found.kecamatan.code);
          setKelurahan(found.kelurahan?.code ?? '');
          setAutoArea(found);
        })
        .catch(() => {
          // Offline or refused: the citizen picks the area by hand.
        });
    }, 250);
    return () => clearTimeout(timer);
  }, [location]);
  const photoSig = photos.map((p) => p.key).join(',');

  // Object URLs of the thumbnails are freed when the form goes away.
  const photosRef = useRef(photos);
  photosRef.current = photos;
  useEffect(
    () => () => {
      for (const p of photosRef.current) URL.revokeObjectURL(p.url);
    },
    [],
  );

  // A draft this form saved offline may be sent by the background runner: show its ticket here.
  useEffect(
    () =>
      subscribe((e) => {
        if (e.type !== 'outcome' || e.outcome.draftId !== draftId) return;
        if (e.outcome.kind === 'sent') setStep({ kind: 'sent', ticket: e.outcome.ticket });
      }),
    [draftId],
  );
  const stepRef = useRef(step);
  stepRef.current = step;
  useEffect(
    () => () => {
      // Left while it waits: the runner announces it with a toast instead.
      if (stepRef.current.kind === 'queued') formDrafts.delete(draftId);
    },
    [draftId],
  );

  useEffect(() => {
    if (step.kind !== 'edit') topRef.current?.focus();
  }, [step.kind]);

  const values = {
    type,
    categoryId: categoryId || undefined,
    description,
    photoIds: [],
    lat: location?.lat,
    lng: location?.lng,
    areaCode: kelurahan || kecamatan || null,
    address: address.trim() || null,
    anonymous,
    confidential,
  };
  const check = validate(reportInput, compact(values), lang);
  const errors: FieldErrors = { ...serverErrors, ...(submitted ? check.errors : {}) };
  const locationError =
    errors.lat || errors.lng
      ? location
        ? errors.lat || errors.lng
        : t('laksaCitizen.form.locationRequired')
      : location &&
          config.data &&
          !config.data.allowOutsideBounds &&
          !inside(bounds, location.lat, location.lng)
        ? t('laksaCitizen.form.outsideRegion')
        : null;

  async function addPhotos(e: ChangeEvent<HTMLInputElement>) {
    const input = e.target;
    const chosen = [...(input.files ?? [])];
    input.value = '';
    // Checked by their bytes on selection: what is refused says why, next to the field.
    const { accepted: files, refused } = await sortPhotos(chosen);
    const room = MAX_PHOTOS - photos.length;
    const notes = [
      ...refused,
      ...(files.length > room ? [t('laksaCitizen.form.photoLimit', { max: MAX_PHOTOS })] : []),
    ];
    setPhotoNote(notes.length > 0 ? notes.join(' ') : null);
    const prepared = await Promise.all(files.slice(0, Math.max(0, room)).map(preparePhoto));
    setPhotos((list) => [
      ...list,
      ...prepared.map((photo) => ({ key: newKey(), photo, url: URL.createObjectURL(photo.blob) })),
    ]);
  }

  function removePhoto(key: string) {
    setPhotos((list) => {
      const gone = list.find((p) => p.key === key);
      if (gone) URL.revokeObjectURL(gone.url);
      return list.filter((p) => p.key !== key);
    });
    setPhotoNote(null);
  }

  function locate() {
    if (!('geolocation' in navigator)) {
      setLocateError(t('laksaCitizen.form.locateUnsupported'));
      return;
    }
    setLocating(true);
    setLocateError(null);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        setLocation({ lat: pos.coords.latitude, lng: pos.coords.longitude });
      },
      (err) => {
        setLocating(false);
        setLocateError(
          err.code === err.PERMISSION_DENIED
            ? t('laksaCitizen.form.locateDenied')
            : t('laksaCitizen.form.locateFailed'),
        );
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  }

  function focusFirstError(errs: FieldErrors) {
    const order: [string, string][] = [
      ['type', 'laksa-type-pengaduan'],
      ['categoryId', 'laksa-category'],
      ['description', 'laksa-description'],
      ['lat', 'laksa-locate'],
      ['lng', 'laksa-locate'],
      ['areaCode', 'laksa-kecamatan'],
      ['address', 'laksa-address'],
    ];
    const first = order.find(([k]) => errs[k]);
    if (first) document.getElementById(first[1])?.focus();
  }

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    setSubmitted(true);
    setServerErrors({});
    setFormError(null);
    if (!check.ok) {
      focusFirstError(check.errors);
      return;
    }
    if (locationError) {
      document.getElementById('laksa-locate')?.focus();
      return;
    }
    if (navigator.onLine && !sessionOffline && location && categoryId) {
      setStep({ kind: 'checking' });
      try {
        const q = new URLSearchParams({ categoryId, lat: String(location.lat), lng: String(location.lng) });
        const res = await api<NearbyItem[] | { items: NearbyItem[] }>(`${paths.nearby}?${q}`);
        const items = Array.isArray(res) ? res : (res?.items ?? []);
        if (items.length > 0) {
          setStep({ kind: 'similar', items });
          return;
        }
      } catch {
        // No suggestions is not a reason to stop the citizen from filing.
      }
    }
    await send();
  }

  async function send() {
    if (!ctx || !check.ok) return;
    const { photoIds: _ignored, ...fields } = check.data as Draft['fields'] & { photoIds: string[] };
    const reuse = uploaded.current && uploaded.current.sig === photoSig ? uploaded.current.ids : null;
    const draft: Draft = {
      id: draftId,
      userId: ctx.userId,
      createdAt: new Date().toISOString(),
      fields,
      photos: photos.map((p) => p.photo),
      photoIds: reuse ?? (photos.length === 0 ? [] : null),
      state: 'queued',
      error: null,
      attempts: 0,
    };
    formDrafts.add(draftId);
    try {
      await saveDraft(draft);
    } catch {
      formDrafts.delete(draftId);
      setFormError(t('laksaCitizen.form.storageFailed'));
      return;
    }
    if (!navigator.onLine || sessionOffline) {
      setStep({ kind: 'queued', reason: 'offline' });
      return;
    }
    await deliver();
  }

  /** Sends the saved draft (with any other queued ones) and shows how it went. */
  async function deliver() {
    if (!ctx) return;
    setStep({ kind: 'sending' });
    await flushQueue(ctx);
    const outcome = outcomeOf(draftId);
    if (!outcome || outcome.kind === 'queued') {
      setStep({ kind: 'queued', reason: outcome?.kind === 'queued' ? outcome.reason : 'offline' });
      return;
    }
    if (outcome.kind === 'sent') {
      setStep({ kind: 'sent', ticket: outcome.ticket });
      return;
    }
    // Refused (4xx): back to the form with the API's message; keep uploaded photos for the retry.
    const stored = await getDraft(draftId);
    if (stored?.photoIds) uploaded.current = { sig: photoSig, ids: stored.photoIds };
    await removeDraft(draftId);
    formDrafts.delete(draftId);
    setFormError(outcome.error[lang]);
    setServerErrors(serverFieldErrors(outcome.details, lang));
    setStep({ kind: 'edit' });
  }

  async function support(ticket: string) {
    setSupporting(ticket);
    try {
      await api(paths.support(ticket), { method: 'POST' });
      setSupported((s) => ({ ...s, [ticket]: true }));
      toast(t('laksaCitizen.similar.supported'));
    } catch (err) {
      toast(errorMessage(err), 'error');
    } finally {
      setSupporting(null);
    }
  }

  function reset() {
    for (const p of photos) URL.revokeObjectURL(p.url);
    formDrafts.delete(draftId);
    setDraftId(newKey());
    setType('pengaduan');
    setCategoryId('');
    setDescription('');
    setPhotos([]);
    setLocation(null);
    setKecamatan('');
    setKelurahan('');
    setAutoArea(null);
    setAddress('');
    setAnonymous(false);
    setConfidential(false);
    setSubmitted(false);
    uploaded.current = null;
    setStep({ kind: 'edit' });
  }

  if (step.kind === 'sent') {
    return (
      <div className="laksa narrow" ref={topRef} tabIndex={-1} data-testid="laksa-sent">
        <div className="laksa-done">
          <h1>{t('laksaCitizen.sent.title')}</h1>
          <p>{t('laksaCitizen.sent.body')}</p>
          <p className="laksa-ticket-label">{t('laksaCitizen.sent.ticketLabel')}</p>
          <p className="laksa-ticket" data-testid="laksa-sent-ticket">
            {step.ticket}
          </p>
          <p className="muted small">{t('laksaCitizen.sent.keep')}</p>
        </div>
        <Link
          href={`/tiket/${encodeURIComponent(step.ticket)}`}
          className={buttonClass('primary', true)}
          data-testid="laksa-sent-track"
        >
          {t('laksaCitizen.sent.track')}
        </Link>
        <Link href="/saya" className={buttonClass('secondary', true)} data-testid="laksa-sent-my">
          {t('laksaCitizen.home.myReports')}
        </Link>
        <Button variant="ghost" block onClick={reset} data-testid="laksa-new-another">
          {t('laksaCitizen.sent.another')}
        </Button>
      </div>
    );
  }

  if (step.kind === 'queued') {
    return (
      <div className="laksa narrow" ref={topRef} tabIndex={-1} data-testid="laksa-queued">
        <h1 className="laksa-title">{t('laksaCitizen.queued.title')}</h1>
        <Alert kind="info">
          {step.reason === 'auth' ? t('laksaCitizen.queued.auth') : t('laksaCitizen.queued.body')}
        </Alert>
        {online && ctx ? (
          <Button block onClick={() => void deliver()} data-testid="laksa-send-now">
            {t('laksaCitizen.queue.sendNow')}
          </Button>
        ) : null}
        <Link href="/saya" className={buttonClass('secondary', true)} data-testid="laksa-queued-my">
          {t('laksaCitizen.home.myReports')}
        </Link>
      </div>
    );
  }

  if (step.kind === 'similar') {
    return (
      <div className="laksa narrow" ref={topRef} tabIndex={-1} data-testid="laksa-similar">
        <h1 className="laksa-title">{t('laksaCitizen.similar.title')}</h1>
        <p>{t('laksaCitizen.similar.body')}</p>
        <ul className="laksa-list">
          {step.items.map((item) => (
            <li
              key={item.ticket}
              className="laksa-item"
              data-testid="laksa-similar-item"
              data-ticket={item.ticket}
            >
              <div className="laksa-item-head">
                <Link href={`/tiket/${encodeURIComponent(item.ticket)}`} className="mono">
                  {item.ticket}
                </Link>
                <StatusBadge status={item.status} />
              </div>
              <p className="laksa-excerpt">{item.description}</p>
              <p className="muted small">
                {t('laksaCitizen.similar.meta', { distance: item.distanceM, count: item.supportCount })}
                {item.address ? ` · ${item.address}` : ''}
              </p>
              {supported[item.ticket] ? (
                <p className="laksa-supported" data-testid="laksa-supported">
                  {t('laksaCitizen.similar.thanks')}
                </p>
              ) : (
                <Button
                  variant="secondary"
                  busy={supporting === item.ticket}
                  onClick={() => void support(item.ticket)}
                  data-testid="laksa-support-button"
                >
                  {t('laksaCitizen.similar.support')}
                </Button>
              )}
            </li>
          ))}
        </ul>
        <Button block onClick={() => void send()} data-testid="laksa-file-anyway">
          {t('laksaCitizen.similar.fileAnyway')}
        </Button>
        <Button
          variant="ghost"
          block
          onClick={() => setStep({ kind: 'edit' })}
          data-testid="laksa-similar-back"
        >
          {t('laksaCitizen.similar.back')}
        </Button>
      </div>
    );
  }

  const busy = step.kind === 'checking' || step.kind === 'sending';
  const activeCategories = (categories.data ?? []).filter((c) => c.active).sort((a, b) => a.sort - b.sort);

  return (
    <div className="laksa narrow" ref={topRef} tabIndex={-1}>
      <BackToLaksa />
      <h1 className="laksa-title">{t('laksaCitizen.form.title')}</h1>
      {!online ? (
        <Alert kind="warning" data-testid="laksa-offline-note">
          {t('laksaCitizen.form.offlineNote')}
        </Alert>
      ) : null}
      <form className="form" onSubmit={(e) => void submit(e)} noValidate data-testid="laksa-report-form">
        {formError ? <Alert data-testid="laksa-form-error">{formError}</Alert> : null}

        <fieldset className="fieldset">
          <legend>{t('laksaCitizen.form.type')}</legend>
          <div className="laksa-types">
            {reportTypes.map((rt) => (
              <label key={rt} className="laksa-type" htmlFor={`laksa-type-${rt}`}>
                <input
                  type="radio"
                  name="laksa-type"
                  id={`laksa-type-${rt}`}
                  value={rt}
                  checked={type === rt}
                  onChange={() => setType(rt)}
                  data-testid={`laksa-type-${rt}`}
                />
                <span>
                  <strong>{typeLabel(rt, lang)}</strong>
                  <span className="laksa-type-hint">{t(`laksaCitizen.form.typeHint.${rt}`)}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>

        <SelectField
          id="laksa-category"
          label={t('laksaCitizen.form.category')}
          value={categoryId}
          onChange={(e) => setCategoryId(e.target.value)}
          error={errors.categoryId ? t('laksaCitizen.form.categoryRequired') : categories.error}
          disabled={!categories.data}
          data-testid="laksa-category"
        >
          <option value="">
            {categories.loading && !categories.data
              ? t('common.loading')
              : t('laksaCitizen.form.categoryPick')}
          </option>
          {activeCategories.map((c) => (
            <option key={c.id} value={c.id}>
              {lang === 'en' ? c.nameEn : c.name}
            </option>
          ))}
        </SelectField>
        {categories.error && !categories.data ? (
          <Button small variant="secondary" onClick={categories.reload}>
            {t('common.retry')}
          </Button>
        ) : null}

        <div className="laksa-description">
          <TextAreaField
            id="laksa-description"
            label={t('laksaCitizen.form.description')}
            hint={t('laksaCitizen.form.descriptionHint')}
            value={description}
            onChange={(e) => setDescription(e.target.value.slice(0, DESCRIPTION_MAX))}
            maxLength={DESCRIPTION_MAX}
            rows={6}
            error={errors.description}
            data-testid="laksa-description"
          />
          <p className="laksa-counter muted small" data-testid="laksa-description-count">
            {t('laksaCitizen.form.counter', { n: description.trim().length, max: DESCRIPTION_MAX })}
          </p>
        </div>

        <fieldset className="fieldset">
          <legend>{t('laksaCitizen.form.photos')}</legend>
          <p className="field-hint" id="laksa-photo-hint">
            {t('laksaCitizen.form.photosHint', { max: MAX_PHOTOS })}
          </p>
          {photos.length > 0 ? (
            <ul className="laksa-thumbs">
              {photos.map((p, i) => (
                <li key={p.key} data-testid="laksa-photo-thumb">
                  <img src={p.url} alt={t('laksaCitizen.form.photoAlt', { n: i + 1 })} />
                  <button
                    type="button"
                    className="laksa-thumb-remove"
                    onClick={() => removePhoto(p.key)}
                    aria-label={t('laksaCitizen.form.photoRemove', { n: i + 1 })}
                    data-testid="laksa-photo-remove"
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          {photos.length < MAX_PHOTOS ? (
            <div className="laksa-photo-add">
              <label htmlFor="laksa-photo-input" className={buttonClass('secondary')}>
                {t('laksaCitizen.form.addPhoto')}
              </label>
              <input
                id="laksa-photo-input"
                type="file"
                accept="image/*"
                capture="environment"
                multiple
                onChange={(e) => void addPhotos(e)}
                aria-describedby="laksa-photo-hint"
                data-testid="laksa-photo-input"
              />
            </div>
          ) : null}
          {photoNote ? (
            <p className="field-error" role="alert" data-testid="laksa-photo-error">
              {photoNote}
            </p>
          ) : null}
          {errors.photoIds ? <p className="field-error">{errors.photoIds}</p> : null}
        </fieldset>

        <fieldset className="fieldset">
          <legend>{t('laksaCitizen.form.location')}</legend>
          <Button
            id="laksa-locate"
            variant="secondary"
            busy={locating}
            onClick={locate}
            aria-describedby={locationError ? 'laksa-location-error' : undefined}
            data-testid="laksa-locate"
          >
            {t('laksaCitizen.form.useMyLocation')}
          </Button>
          {locateError ? (
            <p className="field-error" role="alert">
              {locateError}
            </p>
          ) : null}
          <p className="field-hint">{t('laksaCitizen.form.mapHint')}</p>
          {/* The map (Leaflet + basemap) starts when the form is scrolled near it or a location is
              set: on a cheap phone it is the heaviest part, and below the fold. Same height before. */}
          <div ref={mapSlot} data-testid="laksa-map-slot">
            {mapNear || location ? (
              <Suspense fallback={<div className="laksa-map laksa-map-loading">{t('common.loading')}</div>}>
                <LocationPicker
                  bounds={bounds}
                  value={location}
                  onChange={(lat, lng) => {
                    setLocation({ lat, lng });
                    setLocateError(null);
                  }}
                  label={t('laksaCitizen.form.mapLabel')}
                  placeAtCentre={placeAtCentre}
                />
              </Suspense>
            ) : (
              <div className="laksa-map laksa-map-loading">{t('common.loading')}</div>
            )}
          </div>
          <Button
            small
            variant="ghost"
            onClick={() => setPlaceAtCentre((n) => n + 1)}
            data-testid="laksa-place-pin"
          >
            {t('laksaCitizen.form.pinAtCentre')}
          </Button>
          <p className="laksa-coords" aria-live="polite" data-testid="laksa-location-coords">
            {location
              ? t('laksaCitizen.form.pinned', { lat: location.lat.toFixed(5), lng: location.lng.toFixed(5) })
              : t('laksaCitizen.form.noPin')}
          </p>
          {locationError ? (
            <p className="field-error" id="laksa-location-error" data-testid="laksa-location-error">
              {locationError}
            </p>
          ) : null}
          <SelectField
            id="laksa-kecamatan"
            label={t('laksaCitizen.form.kecamatan')}
            value={kecamatan}
            onChange={(e) => {
              setKecamatan(e.target.value);
              setKelurahan('');
              setAutoArea(null);
              locateSeq.current++; // a lookup still under way must not undo the citizen's choice
            }}
            error={errors.areaCode}
            data-testid="laksa-kecamatan"
          >
            <option value="">{t('laksaCitizen.form.areaPick')}</option>
            {(kecamatanList.data ?? []).map((a) => (
              <option key={a.code} value={a.code}>
                {a.name}
              </option>
            ))}
          </SelectField>
          {autoArea?.kecamatan && autoArea.kecamatan.code === kecamatan ? (
            <p className="field-hint" data-testid="laksa-area-auto">
              {t(
                autoArea.method === 'boundary'
                  ? 'laksaCitizen.form.areaFromPin'
                  : 'laksaCitizen.form.areaNearPin',
              )}
            </p>
          ) : null}
          <SelectField
            id="laksa-kelurahan"
            label={t('laksaCitizen.form.kelurahan')}
            value={kelurahan}
            onChange={(e) => setKelurahan(e.target.value)}
            disabled={!kecamatan || !kelurahanList.data}
            data-testid="laksa-kelurahan"
          >
            <option value="">{t('laksaCitizen.form.areaPick')}</option>
            {(kelurahanList.data ?? []).map((a) => (
              <option key={a.code} value={a.code}>
                {a.name}
              </option>
            ))}
          </SelectField>
          <Field
            id="laksa-address"
            label={t('laksaCitizen.form.address')}
            hint={t('laksaCitizen.form.addressHint')}
            value={address}
            maxLength={300}
            onChange={(e) => setAddress(e.target.value)}
            error={errors.address}
            autoComplete="street-address"
            data-testid="laksa-address"
          />
        </fieldset>

        <fieldset className="fieldset">
          <legend>{t('laksaCitizen.form.privacy')}</legend>
          <Check
            switch
            id="laksa-anonymous"
            label={t('laksaCitizen.form.anonymous')}
            hint={t('laksaCitizen.form.anonymousHint')}
            checked={anonymous}
            onChange={(e) => setAnonymous(e.target.checked)}
            data-testid="laksa-anonymous"
          />
          <Check
            switch
            id="laksa-confidential"
            label={t('laksaCitizen.form.confidential')}
            hint={t('laksaCitizen.form.confidentialHint')}
            checked={confidential}
            onChange={(e) => setConfidential(e.target.checked)}
            data-testid="laksa-confidential"
          />
        </fieldset>

        <Button type="submit" block busy={busy} data-testid="laksa-submit">
          {step.kind === 'checking'
            ? t('laksaCitizen.form.checking')
            : step.kind === 'sending'
              ? t('laksaCitizen.form.sending')
              : t('laksaCitizen.form.submit')}
        </Button>
        {!online ? <p className="muted small">{t('laksaCitizen.form.offlineSubmitHint')}</p> : null}
      </form>
    </div>
  );
}

/** Signed-out citizens sign in first and come back here (`/masuk?next=`). */
export default function ReportForm() {
  const { t } = useLang();
  const { me, loading } = useSession();
  if (loading) return <Spinner label={t('common.loading')} />;
  if (!me) return <Redirect to={outside(`/masuk?next=${encodeURIComponent(FORM_PATH)}`)} replace />;
  return <ReportFormInner />;
}
