import { type FormEvent, useState } from 'react';
import { Link } from 'wouter';
import {
  educationLevels,
  employerInput,
  jobTypes,
  vacancyInput,
} from '../../../../../shared/modules/siap-kerja';
import { api, errorMessage } from '../../../core/api';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { useSession } from '../../../core/session';
import { Alert, Button, Field, SelectField, Spinner, TextAreaField, useToast } from '../../../core/ui';
import { useFormat } from '../../../core/useFormat';
import { BASE, type EmployerView, type VacancyView } from '../api';
import { educationLabels, employerLabels, jobTypeLabels, vacancyLabels } from '../labels';
import { BackLink, useKecamatan } from './common';

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim().toLowerCase())
    .filter(Boolean);
const issuesOf = (issues: { path: PropertyKey[]; message: string }[]) => {
  const map: Record<string, string> = {};
  for (const i of issues) map[String(i.path[0])] ??= i.message;
  return map;
};

function CompanyForm({ current, onSaved }: { current: EmployerView | null; onSaved: () => void }) {
  const { t } = useLang();
  const kecamatan = useKecamatan();
  const [d, setD] = useState({
    name: current?.name ?? '',
    nib: current?.nib ?? '',
    kbli: current?.kbli ?? '',
    sector: current?.sector ?? '',
    address: current?.address ?? '',
    kecamatan: current?.kecamatan ?? '',
    contactName: current?.contactName ?? '',
    contactPhone: current?.contactPhone ?? '',
    contactEmail: current?.contactEmail ?? '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = employerInput.safeParse({
      ...d,
      kecamatan: d.kecamatan || null,
      contactEmail: d.contactEmail || null,
    });
    if (!parsed.success) return setErrors(issuesOf(parsed.error.issues));
    setErrors({});
    setBusy(true);
    try {
      await api(current ? `${BASE}/employers/${current.id}` : `${BASE}/employers`, {
        method: current ? 'PUT' : 'POST',
        body: parsed.data,
      });
      onSaved();
    } catch (err) {
      setProblem(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const field = (k: keyof typeof d, label: string, extra: Record<string, unknown> = {}) => (
    <Field
      label={label}
      value={d[k]}
      error={errors[k] ?? null}
      onChange={(e) => setD({ ...d, [k]: e.target.value })}
      data-testid={`sk-emp-${k}`}
      {...extra}
    />
  );
  return (
    <form className="sk-form" onSubmit={(e) => void submit(e)} noValidate data-testid="sk-company-form">
      {field('name', t('siapKerja.field.companyName'))}
      <div className="sk-row">
        {field('nib', t('siapKerja.field.nib'), {
          inputMode: 'numeric',
          maxLength: 13,
          hint: t('siapKerja.nibHint'),
        })}
        {field('kbli', t('siapKerja.field.kbli'), { inputMode: 'numeric', maxLength: 5 })}
      </div>
      {field('sector', t('siapKerja.field.sector'))}
      {field('address', t('siapKerja.field.address'))}
      <SelectField
        label={t('siapKerja.field.kecamatan')}
        value={d.kecamatan}
        onChange={(e) => setD({ ...d, kecamatan: e.target.value })}
        options={kecamatan.map((k) => ({ value: k.code, label: k.name }))}
      >
        <option value="">{t('siapKerja.choose')}</option>
      </SelectField>
      <div className="sk-row">
        {field('contactName', t('siapKerja.field.contactName'))}
        {field('contactPhone', t('siapKerja.field.phone'), { type: 'tel' })}
      </div>
      {field('contactEmail', t('siapKerja.field.email'), { type: 'email' })}
      {problem ? <Alert>{problem}</Alert> : null}
      <Button type="submit" busy={busy} data-testid="sk-company-save">
        {current ? t('siapKerja.save') : t('siapKerja.registerCompany')}
      </Button>
    </form>
  );
}

const today = () => new Date().toISOString().slice(0, 10);
const plusDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

function VacancyForm({ employerId, onSaved }: { employerId: string; onSaved: () => void }) {
  const { t, pick } = useLang();
  const kecamatan = useKecamatan();
  const [d, setD] = useState({
    title: '',
    position: '',
    description: '',
    count: '1',
    validFrom: today(),
    validUntil: plusDays(30),
    ageMin: '',
    ageMax: '',
    sex: '',
    education: 'sma',
    majors: '',
    skills: '',
    experienceYears: '0',
    wageMin: '',
    wageMax: '',
    kecamatan: '',
    location: '',
    type: 'penuh_waktu',
    hours: '',
    benefits: '',
    disabilityFriendly: false,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const num = (s: string) => (s.trim() ? Number(s) : null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = vacancyInput.safeParse({
      ...d,
      count: Number(d.count),
      ageMin: num(d.ageMin),
      ageMax: num(d.ageMax),
      sex: d.sex || null,
      majors: d.majors || null,
      skills: list(d.skills),
      experienceYears: Number(d.experienceYears || 0),
      wageMin: num(d.wageMin),
      wageMax: num(d.wageMax),
      kecamatan: d.kecamatan || null,
      hours: d.hours || null,
      benefits: d.benefits || null,
    });
    if (!parsed.success) return setErrors(issuesOf(parsed.error.issues));
    setErrors({});
    setBusy(true);
    try {
      await api(`${BASE}/employers/${employerId}/vacancies`, { method: 'POST', body: parsed.data });
      onSaved();
    } catch (err) {
      setProblem(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const set = (k: keyof typeof d) => (e: { target: { value: string } }) =>
    setD({ ...d, [k]: e.target.value });
  const err = (k: string) => errors[k] ?? null;
  return (
    <form
      className="sk-form sk-vacancy-form"
      onSubmit={(e) => void submit(e)}
      noValidate
      data-testid="sk-vacancy-form"
    >
      <h3>{t('siapKerja.newVacancy')}</h3>
      <p className="muted">{t('siapKerja.vacancyFormHint')}</p>
      <Field
        label={t('siapKerja.field.title')}
        value={d.title}
        error={err('title')}
        onChange={set('title')}
        data-testid="sk-v-title"
      />
      <div className="sk-row">
        <Field
          label={t('siapKerja.field.position')}
          value={d.position}
          error={err('position')}
          onChange={set('position')}
          data-testid="sk-v-position"
        />
        <Field
          label={t('siapKerja.field.count')}
          inputMode="numeric"
          value={d.count}
          error={err('count')}
          onChange={set('count')}
          data-testid="sk-v-count"
        />
      </div>
      <TextAreaField
        label={t('siapKerja.field.description')}
        rows={4}
        value={d.description}
        error={err('description')}
        onChange={set('description')}
        data-testid="sk-v-description"
      />
      <div className="sk-row">
        <Field
          type="date"
          label={t('siapKerja.field.validFrom')}
          value={d.validFrom}
          error={err('validFrom')}
          onChange={set('validFrom')}
        />
        <Field
          type="date"
          label={t('siapKerja.field.validUntil')}
          value={d.validUntil}
          error={err('validUntil')}
          onChange={set('validUntil')}
          data-testid="sk-v-until"
        />
      </div>
      <div className="sk-row">
        <SelectField
          label={t('siapKerja.field.education')}
          value={d.education}
          onChange={set('education')}
          data-testid="sk-v-education"
          options={educationLevels.map((l) => ({ value: l, label: pick(educationLabels[l]) }))}
        />
        <Field label={t('siapKerja.field.majors')} value={d.majors} onChange={set('majors')} />
      </div>
      <Field
        label={t('siapKerja.field.skills')}
        hint={t('siapKerja.commaHint')}
        value={d.skills}
        error={err('skills')}
        onChange={set('skills')}
        data-testid="sk-v-skills"
      />
      <div className="sk-row">
        <Field
          label={t('siapKerja.field.experienceYears')}
          inputMode="numeric"
          value={d.experienceYears}
          error={err('experienceYears')}
          onChange={set('experienceYears')}
        />
        <SelectField
          label={t('siapKerja.field.sex')}
          value={d.sex}
          onChange={set('sex')}
          options={[
            { value: 'L', label: t('siapKerja.male') },
            { value: 'P', label: t('siapKerja.female') },
          ]}
        >
          <option value="">{t('siapKerja.anySex')}</option>
        </SelectField>
      </div>
      <div className="sk-row">
        <Field
          label={t('siapKerja.field.ageMin')}
          inputMode="numeric"
          value={d.ageMin}
          error={err('ageMin')}
          onChange={set('ageMin')}
        />
        <Field
          label={t('siapKerja.field.ageMax')}
          inputMode="numeric"
          value={d.ageMax}
          error={err('ageMax')}
          onChange={set('ageMax')}
        />
      </div>
      <div className="sk-row">
        <Field
          label={t('siapKerja.field.wageMin')}
          inputMode="numeric"
          value={d.wageMin}
          error={err('wageMin')}
          onChange={set('wageMin')}
          data-testid="sk-v-wage-min"
        />
        <Field
          label={t('siapKerja.field.wageMax')}
          inputMode="numeric"
          value={d.wageMax}
          error={err('wageMax')}
          onChange={set('wageMax')}
          data-testid="sk-v-wage-max"
        />
      </div>
      <div className="sk-row">
        <SelectField
          label={t('siapKerja.field.kecamatan')}
          value={d.kecamatan}
          onChange={set('kecamatan')}
          data-testid="sk-v-kecamatan"
          options={kecamatan.map((k) => ({ value: k.code, label: k.name }))}
        >
          <option value="">{t('siapKerja.choose')}</option>
        </SelectField>
        <Field
          label={t('siapKerja.field.location')}
          value={d.location}
          error={err('location')}
          onChange={set('location')}
          data-testid="sk-v-location"
        />
      </div>
      <div className="sk-row">
        <SelectField
          label={t('siapKerja.field.type')}
          value={d.type}
          onChange={set('type')}
          options={jobTypes.map((j) => ({ value: j, label: pick(jobTypeLabels[j]) }))}
        />
        <Field label={t('siapKerja.field.hours')} value={d.hours} onChange={set('hours')} />
      </div>
      <Field label={t('siapKerja.field.benefits')} value={d.benefits} onChange={set('benefits')} />
      <label className="sk-check">
        <input
          type="checkbox"
          checked={d.disabilityFriendly}
          onChange={(e) => setD({ ...d, disabilityFriendly: e.target.checked })}
        />
        {t('siapKerja.disabilityFriendly')}
      </label>
      {Object.keys(errors).length ? <Alert>{t('siapKerja.fixFields')}</Alert> : null}
      {problem ? <Alert>{problem}</Alert> : null}
      <Button type="submit" busy={busy} data-testid="sk-v-submit">
        {t('siapKerja.submitVacancy')}
      </Button>
    </form>
  );
}

function Company({ e, reload }: { e: EmployerView; reload: () => void }) {
  const { t, pick } = useLang();
  const f = useFormat();
  const toast = useToast();
  const vacancies = useApi<VacancyView[]>(`${BASE}/employers/${e.id}/vacancies`);
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const act = async (path: string, body?: unknown) => {
    try {
      await api(path, { method: 'POST', body });
      vacancies.reload();
    } catch (err) {
      toast(errorMessage(err), 'error');
    }
  };
  return (
    <section className="sk-company" data-testid="sk-company">
      <h2>{e.name}</h2>
      <p className={`sk-status sk-status-${e.status}`} data-testid="sk-company-status">
        {pick(employerLabels[e.status])}
      </p>
      {e.note ? <Alert kind="info">{e.note}</Alert> : null}
      {e.status === 'menunggu' ? <p className="muted">{t('siapKerja.waitingVerification')}</p> : null}
      <Button variant="ghost" small onClick={() => setEditing((x) => !x)}>
        {t('siapKerja.editCompany')}
      </Button>
      {editing ? (
        <CompanyForm
          current={e}
          onSaved={() => {
            setEditing(false);
            reload();
          }}
        />
      ) : null}
      <h3>{t('siapKerja.vacancies')}</h3>
      {vacancies.data?.length === 0 ? <p>{t('siapKerja.noVacancies')}</p> : null}
      <table className="sk-table">
        <thead>
          <tr>
            <th>{t('siapKerja.field.title')}</th>
            <th>{t('siapKerja.status')}</th>
            <th>{t('siapKerja.field.validUntil')}</th>
            <th>{t('siapKerja.applicants')}</th>
            <th>
              <span className="sr-only">{t('siapKerja.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {vacancies.data?.map((v) => (
            <tr key={v.id} data-testid="sk-my-vacancy" data-status={v.status}>
              <td>
                <Link href={`/perusahaan/lowongan/${v.id}`}>{v.title}</Link>
              </td>
              <td>
                {pick(vacancyLabels[v.status])}
                {v.note ? <div className="muted sk-small">{v.note}</div> : null}
              </td>
              <td>{f.day(v.validUntil)}</td>
              <td>{f.number(v.applicants, 0)}</td>
              <td className="sk-row-actions">
                <Button small variant="ghost" onClick={() => void act(`${BASE}/vacancies/${v.id}/duplicate`)}>
                  {t('siapKerja.duplicate')}
                </Button>
                {v.status === 'terbuka' || v.status === 'menunggu' ? (
                  <>
                    <Button
                      small
                      variant="ghost"
                      onClick={() =>
                        window.confirm(t('siapKerja.closeConfirm')) &&
                        void act(`${BASE}/vacancies/${v.id}/close`, { outcome: 'ditutup' })
                      }
                    >
                      {t('siapKerja.close')}
                    </Button>
                    <Button
                      small
                      variant="ghost"
                      onClick={() =>
                        window.confirm(t('siapKerja.filledConfirm')) &&
                        void act(`${BASE}/vacancies/${v.id}/close`, { outcome: 'terisi' })
                      }
                    >
                      {t('siapKerja.filled')}
                    </Button>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {e.status !== 'ditolak' ? (
        adding ? (
          <VacancyForm
            employerId={e.id}
            onSaved={() => {
              setAdding(false);
              toast(t('siapKerja.vacancySubmitted'));
              vacancies.reload();
            }}
          />
        ) : (
          <Button onClick={() => setAdding(true)} data-testid="sk-add-vacancy">
            {t('siapKerja.newVacancy')}
          </Button>
        )
      ) : null}
    </section>
  );
}

/** Employers: register a company (verified by Disnaker), post and manage vacancies, open applicants. */
export function EmployerPage() {
  const { t } = useLang();
  const { me } = useSession();
  const mine = useApi<EmployerView[]>(me ? `${BASE}/employers/mine` : null);
  const [registering, setRegistering] = useState(false);
  if (!me)
    return (
      <div className="sk narrow">
        <Alert kind="info">{t('siapKerja.signInFirst')}</Alert>
      </div>
    );
  if (mine.loading && !mine.data) return <Spinner label={t('siapKerja.loading')} />;
  return (
    <div className="sk wide" data-testid="sk-employer">
      <BackLink href="/" label={t('siapKerja.backToList')} />
      <h1>{t('siapKerja.menu.employer')}</h1>
      <p className="muted">{t('siapKerja.employerIntro')}</p>
      {mine.data?.map((e) => (
        <Company key={e.id} e={e} reload={mine.reload} />
      ))}
      {mine.data?.length === 0 || registering ? (
        <section>
          <h2>{t('siapKerja.registerCompany')}</h2>
          <CompanyForm
            current={null}
            onSaved={() => {
              setRegistering(false);
              mine.reload();
            }}
          />
        </section>
      ) : (
        <Button variant="secondary" onClick={() => setRegistering(true)}>
          {t('siapKerja.registerAnother')}
        </Button>
      )}
    </div>
  );
}
