import { type FormEvent, useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import {
  educationLevels,
  jobTypes,
  maritalStatuses,
  religions,
  type SeekerInput,
  seekerInput,
} from '../../../../../shared/modules/siap-kerja';
import { api, apiUrl, errorMessage } from '../../../core/api';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { checkPhoto, sortPhotos } from '../../../core/photo-check';
import { useSession } from '../../../core/session';
import { Alert, Button, Field, SelectField, Spinner, TextAreaField, useToast } from '../../../core/ui';
import { type Area, BASE, type SeekerView } from '../api';
import { educationLabels, jobTypeLabels, maritalLabels, religionLabels } from '../labels';
import { BackLink, useKecamatan } from './common';

type Draft = {
  nik: string;
  name: string;
  birthPlace: string;
  birthDate: string;
  sex: string;
  maritalStatus: string;
  religion: string;
  address: string;
  kecamatan: string;
  kelurahan: string;
  phone: string;
  education: string;
  major: string;
  school: string;
  graduationYear: string;
  skills: string;
  languages: string;
  certificates: string;
  disability: string;
  photoFileId: string | null;
  cvFileIds: string[];
  prefKecamatan: string[];
  prefPositions: string;
  prefSalaryMin: string;
  prefTypes: string[];
  experience: { key: string; title: string; company: string; fromYear: string; toYear: string }[];
};

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

function fromView(v: SeekerView | null): Draft {
  return {
    nik: '',
    name: v?.name ?? '',
    birthPlace: v?.birthPlace ?? '',
    birthDate: v?.birthDate ?? '',
    sex: v?.sex ?? '',
    maritalStatus: v?.maritalStatus ?? 'belum_kawin',
    religion: v?.religion ?? '',
    address: v?.address ?? '',
    kecamatan: v?.kecamatan ?? '',
    kelurahan: v?.kelurahan ?? '',
    phone: v?.phone ?? '',
    education: v?.education ?? '',
    major: v?.major ?? '',
    school: v?.school ?? '',
    graduationYear: v?.graduationYear ? String(v.graduationYear) : '',
    skills: v?.skills.join(', ') ?? '',
    languages: v?.languages.join(', ') ?? 'Indonesia',
    certificates: v?.certificates.map((c) => c.name).join(', ') ?? '',
    disability: v?.disability ?? '',
    photoFileId: v?.photoFileId ?? null,
    cvFileIds: v?.cvFileIds ?? [],
    prefKecamatan: v?.prefKecamatan ?? [],
    prefPositions: v?.prefPositions.join(', ') ?? '',
    prefSalaryMin: v?.prefSalaryMin ? String(v.prefSalaryMin) : '',
    prefTypes: v?.prefTypes ?? [],
    experience:
      v?.experience.map((e, i) => ({
        key: `saved-${i}`,
        title: e.title,
        company: e.company,
        fromYear: String(e.fromYear),
        toYear: e.toYear ? String(e.toYear) : '',
      })) ?? [],
  };
}

function toInput(d: Draft): unknown {
  const num = (s: string) => (s.trim() ? Number(s) : null);
  return {
    nik: d.nik.replace(/\s/g, '') || undefined,
    name: d.name,
    birthPlace: d.birthPlace,
    birthDate: d.birthDate,
    sex: d.sex || undefined,
    maritalStatus: d.maritalStatus,
    religion: d.religion || undefined,
    address: d.address,
    kecamatan: d.kecamatan,
    kelurahan: d.kelurahan || null,
    phone: d.phone.trim() || null,
    education: d.education || undefined,
    major: d.major || null,
    school: d.school || null,
    graduationYear: num(d.graduationYear),
    skills: list(d.skills.toLowerCase()),
    languages: list(d.languages),
    certificates: list(d.certificates).map((name) => ({ name })),
    disability: d.disability || null,
    photoFileId: d.photoFileId,
    cvFileIds: d.cvFileIds,
    prefKecamatan: d.prefKecamatan,
    prefPositions: list(d.prefPositions),
    prefSalaryMin: num(d.prefSalaryMin),
    prefTypes: d.prefTypes,
    experience: d.experience
      .filter((e) => e.title || e.company)
      .map((e) => ({
        title: e.title,
        company: e.company,
        fromYear: Number(e.fromYear),
        toYear: num(e.toYear),
      })),
  };
}

async function uploadPhotos(files: File[], purpose: string): Promise<string[]> {
  const form = new FormData();
  for (const f of files) form.append('photo', f, f.name);
  const out = await api<{ id: string }[]>(`/files/photos?purpose=${purpose}`, { method: 'POST', body: form });
  return out.map((x) => x.id);
}

/** The job-seeker profile: one page, sections in the order of the AK/1 form, checked with the API's own schema. */
export function ProfileForm() {
  const { t, pick } = useLang();
  const { me } = useSession();
  const toast = useToast();
  const [, navigate] = useLocation();
  const current = useApi<SeekerView>(me ? `${BASE}/me/profile` : null);
  const kecamatan = useKecamatan();
  const [d, setD] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [photoProblem, setPhotoProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const kelurahan = useApi<Area[]>(d?.kecamatan ? `/region/areas?parent=${d.kecamatan}` : null);

  useEffect(() => {
    if (d) return;
    if (current.data) setD(fromView(current.data));
    else if (current.errorStatus === 404) setD(fromView(null));
  }, [current.data, current.errorStatus, d]);

  if (!me)
    return (
      <div className="sk narrow">
        <Alert kind="info">{t('siapKerja.signInFirst')}</Alert>
      </div>
    );
  if (!d) return <Spinner label={t('siapKerja.loading')} />;
  const set = (patch: Partial<Draft>) => setD({ ...d, ...patch });
  const err = (k: string) => errors[k] ?? null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    const input = toInput(d);
    const parsed = seekerInput.safeParse(input);
    if (!parsed.success) {
      const map: Record<string, string> = {};
      for (const i of parsed.error.issues) map[String(i.path[0])] ??= i.message;
      setErrors(map);
      setProblem(t('siapKerja.fixFields'));
      return;
    }
    if (!current.data && !d.nik) {
      setErrors({ nik: t('siapKerja.nikRequired') });
      setProblem(t('siapKerja.fixFields'));
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await api<SeekerView>(`${BASE}/me/profile`, { method: 'PUT', body: parsed.data as SeekerInput });
      toast(t('siapKerja.profileSaved'));
      navigate('/');
    } catch (err) {
      setProblem(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="sk narrow sk-form"
      onSubmit={(e) => void submit(e)}
      noValidate
      data-testid="sk-profile-form"
    >
      <BackLink href="/" label={t('siapKerja.backToList')} />
      <h1>{t('siapKerja.profile.title')}</h1>
      <p className="muted">{t('siapKerja.profile.intro')}</p>

      <fieldset>
        <legend>{t('siapKerja.profile.identity')}</legend>
        <Field
          label={t('siapKerja.field.nik')}
          hint={
            current.data
              ? t('siapKerja.nikHintSaved', { masked: current.data.nikMasked })
              : t('siapKerja.nikHint')
          }
          inputMode="numeric"
          autoComplete="off"
          maxLength={16}
          value={d.nik}
          error={err('nik')}
          onChange={(e) => set({ nik: e.target.value.replace(/\D/g, '') })}
          data-testid="sk-nik"
        />
        <Field
          label={t('siapKerja.field.name')}
          value={d.name}
          error={err('name')}
          onChange={(e) => set({ name: e.target.value })}
          data-testid="sk-name"
        />
        <div className="sk-row">
          <Field
            label={t('siapKerja.field.birthPlace')}
            value={d.birthPlace}
            error={err('birthPlace')}
            onChange={(e) => set({ birthPlace: e.target.value })}
            data-testid="sk-birth-place"
          />
          <Field
            type="date"
            label={t('siapKerja.field.birthDate')}
            value={d.birthDate}
            error={err('birthDate')}
            onChange={(e) => set({ birthDate: e.target.value })}
            data-testid="sk-birth-date"
          />
        </div>
        <div className="sk-row">
          <SelectField
            label={t('siapKerja.field.sex')}
            value={d.sex}
            error={err('sex')}
            onChange={(e) => set({ sex: e.target.value })}
            data-testid="sk-sex"
            options={[
              { value: 'L', label: t('siapKerja.male') },
              { value: 'P', label: t('siapKerja.female') },
            ]}
          >
            <option value="">{t('siapKerja.choose')}</option>
          </SelectField>
          <SelectField
            label={t('siapKerja.field.marital')}
            value={d.maritalStatus}
            onChange={(e) => set({ maritalStatus: e.target.value })}
            options={maritalStatuses.map((m) => ({ value: m, label: pick(maritalLabels[m]) }))}
          />
        </div>
        <SelectField
          label={t('siapKerja.field.religion')}
          value={d.religion}
          error={err('religion')}
          onChange={(e) => set({ religion: e.target.value })}
          data-testid="sk-religion"
          options={religions.map((m) => ({ value: m, label: pick(religionLabels[m]) }))}
        >
          <option value="">{t('siapKerja.choose')}</option>
        </SelectField>
        <Field
          type="tel"
          label={t('siapKerja.field.phone')}
          value={d.phone}
          error={err('phone')}
          onChange={(e) => set({ phone: e.target.value })}
          autoComplete="tel"
        />
      </fieldset>

      <fieldset>
        <legend>{t('siapKerja.profile.address')}</legend>
        <TextAreaField
          label={t('siapKerja.field.address')}
          rows={2}
          value={d.address}
          error={err('address')}
          onChange={(e) => set({ address: e.target.value })}
          data-testid="sk-address"
        />
        <SelectField
          label={t('siapKerja.field.kecamatan')}
          value={d.kecamatan}
          error={err('kecamatan')}
          onChange={(e) => set({ kecamatan: e.target.value, kelurahan: '' })}
          data-testid="sk-kecamatan"
          options={kecamatan.map((k) => ({ value: k.code, label: k.name }))}
        >
          <option value="">{t('siapKerja.choose')}</option>
        </SelectField>
        <SelectField
          label={t('siapKerja.field.kelurahan')}
          value={d.kelurahan}
          onChange={(e) => set({ kelurahan: e.target.value })}
          options={(kelurahan.data ?? []).map((k) => ({ value: k.code, label: k.name }))}
        >
          <option value="">{t('siapKerja.choose')}</option>
        </SelectField>
      </fieldset>

      <fieldset>
        <legend>{t('siapKerja.profile.education')}</legend>
        <SelectField
          label={t('siapKerja.field.education')}
          value={d.education}
          error={err('education')}
          onChange={(e) => set({ education: e.target.value })}
          data-testid="sk-education"
          options={educationLevels.map((l) => ({ value: l, label: pick(educationLabels[l]) }))}
        >
          <option value="">{t('siapKerja.choose')}</option>
        </SelectField>
        <div className="sk-row">
          <Field
            label={t('siapKerja.field.major')}
            value={d.major}
            onChange={(e) => set({ major: e.target.value })}
          />
          <Field
            label={t('siapKerja.field.graduationYear')}
            inputMode="numeric"
            maxLength={4}
            value={d.graduationYear}
            error={err('graduationYear')}
            onChange={(e) => set({ graduationYear: e.target.value.replace(/\D/g, '') })}
          />
        </div>
        <Field
          label={t('siapKerja.field.school')}
          value={d.school}
          onChange={(e) => set({ school: e.target.value })}
        />
        <Field
          label={t('siapKerja.field.skills')}
          hint={t('siapKerja.commaHint')}
          value={d.skills}
          error={err('skills')}
          onChange={(e) => set({ skills: e.target.value })}
          data-testid="sk-skills"
        />
        <Field
          label={t('siapKerja.field.certificates')}
          hint={t('siapKerja.commaHint')}
          value={d.certificates}
          onChange={(e) => set({ certificates: e.target.value })}
        />
        <Field
          label={t('siapKerja.field.languages')}
          hint={t('siapKerja.commaHint')}
          value={d.languages}
          onChange={(e) => set({ languages: e.target.value })}
        />
      </fieldset>

      <fieldset>
        <legend>{t('siapKerja.profile.experience')}</legend>
        {d.experience.map((x, i) => (
          <div key={x.key} className="sk-experience">
            <Field
              label={t('siapKerja.field.jobTitle')}
              value={x.title}
              onChange={(e) =>
                set({
                  experience: d.experience.map((y, j) => (j === i ? { ...y, title: e.target.value } : y)),
                })
              }
            />
            <Field
              label={t('siapKerja.field.company')}
              value={x.company}
              onChange={(e) =>
                set({
                  experience: d.experience.map((y, j) => (j === i ? { ...y, company: e.target.value } : y)),
                })
              }
            />
            <div className="sk-row">
              <Field
                label={t('siapKerja.field.fromYear')}
                inputMode="numeric"
                maxLength={4}
                value={x.fromYear}
                onChange={(e) =>
                  set({
                    experience: d.experience.map((y, j) =>
                      j === i ? { ...y, fromYear: e.target.value } : y,
                    ),
                  })
                }
              />
              <Field
                label={t('siapKerja.field.toYear')}
                hint={t('siapKerja.toYearHint')}
                inputMode="numeric"
                maxLength={4}
                value={x.toYear}
                onChange={(e) =>
                  set({
                    experience: d.experience.map((y, j) => (j === i ? { ...y, toYear: e.target.value } : y)),
                  })
                }
              />
            </div>
            <Button
              variant="ghost"
              small
              onClick={() => set({ experience: d.experience.filter((_, j) => j !== i) })}
            >
              {t('siapKerja.remove')}
            </Button>
          </div>
        ))}
        {err('experience') ? <p className="field-error">{err('experience')}</p> : null}
        <Button
          variant="secondary"
          small
          onClick={() =>
            set({
              experience: [
                ...d.experience,
                { key: `new-${Date.now()}`, title: '', company: '', fromYear: '', toYear: '' },
              ],
            })
          }
        >
          {t('siapKerja.addExperience')}
        </Button>
      </fieldset>

      <fieldset>
        <legend>{t('siapKerja.profile.files')}</legend>
        <label className="field">
          {t('siapKerja.field.photo')}
          <span className="field-hint">{t('siapKerja.photoHint')}</span>
          <input
            type="file"
            accept="image/*"
            capture="user"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (!file) return;
              const check = await checkPhoto(file);
              if (!check.ok) return setPhotoProblem(check.message);
              setPhotoProblem(null);
              try {
                const [id] = await uploadPhotos([file], 'siap-kerja-foto');
                set({ photoFileId: id ?? null });
              } catch (err) {
                setPhotoProblem(errorMessage(err));
              }
            }}
          />
        </label>
        {d.photoFileId ? (
          <img
            className="sk-photo"
            src={apiUrl(`/files/${d.photoFileId}`)}
            alt={t('siapKerja.field.photo')}
          />
        ) : null}
        <label className="field">
          {t('siapKerja.field.cv')}
          <span className="field-hint">{t('siapKerja.cvHint')}</span>
          <input
            type="file"
            accept="image/*"
            multiple
            onChange={async (e) => {
              const { accepted, refused } = await sortPhotos([...(e.target.files ?? [])]);
              setPhotoProblem(refused.join(' ') || null);
              if (!accepted.length) return;
              try {
                const ids = await uploadPhotos(accepted.slice(0, 5), 'siap-kerja-cv');
                set({ cvFileIds: [...d.cvFileIds, ...ids].slice(-5) });
              } catch (err) {
                setPhotoProblem(errorMessage(err));
              }
            }}
          />
        </label>
        {d.cvFileIds.length ? (
          <p className="muted">{t('siapKerja.cvCount', { count: d.cvFileIds.length })}</p>
        ) : null}
        {photoProblem ? <p className="field-error">{photoProblem}</p> : null}
        <Field
          label={t('siapKerja.field.disability')}
          hint={t('siapKerja.disabilityHint')}
          value={d.disability}
          onChange={(e) => set({ disability: e.target.value })}
        />
      </fieldset>

      <fieldset>
        <legend>{t('siapKerja.profile.preferences')}</legend>
        <Field
          label={t('siapKerja.field.prefPositions')}
          hint={t('siapKerja.commaHint')}
          value={d.prefPositions}
          onChange={(e) => set({ prefPositions: e.target.value })}
        />
        <Field
          label={t('siapKerja.field.prefSalaryMin')}
          inputMode="numeric"
          value={d.prefSalaryMin}
          onChange={(e) => set({ prefSalaryMin: e.target.value.replace(/\D/g, '') })}
        />
        <div className="field">
          <span>{t('siapKerja.field.prefKecamatan')}</span>
          <div className="sk-checks">
            {kecamatan.map((k) => (
              <label key={k.code} className="sk-check">
                <input
                  type="checkbox"
                  checked={d.prefKecamatan.includes(k.code)}
                  onChange={(e) =>
                    set({
                      prefKecamatan: e.target.checked
                        ? [...d.prefKecamatan, k.code]
                        : d.prefKecamatan.filter((x) => x !== k.code),
                    })
                  }
                />
                {k.name}
              </label>
            ))}
          </div>
        </div>
        <div className="field">
          <span>{t('siapKerja.field.prefTypes')}</span>
          <div className="sk-checks">
            {jobTypes.map((j) => (
              <label key={j} className="sk-check">
                <input
                  type="checkbox"
                  checked={d.prefTypes.includes(j)}
                  onChange={(e) =>
                    set({
                      prefTypes: e.target.checked ? [...d.prefTypes, j] : d.prefTypes.filter((x) => x !== j),
                    })
                  }
                />
                {pick(jobTypeLabels[j])}
              </label>
            ))}
          </div>
        </div>
      </fieldset>
      {problem ? <Alert>{problem}</Alert> : null}
      <Button type="submit" block busy={busy} data-testid="sk-save-profile">
        {t('siapKerja.saveProfile')}
      </Button>
    </form>
  );
}
