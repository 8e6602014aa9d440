import { type FormEvent, useState } from 'react';
import { api, errorMessage } from '../../../core/api';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { Alert, Button, Field } from '../../../core/ui';
import { useFormat } from '../../../core/useFormat';
import { BASE, type EmployerView, type JobFairView } from '../api';

/** Job fairs: dates, place or online, participating (verified) employers and their open vacancies. */
export function Fairs() {
  const { t } = useLang();
  const f = useFormat();
  const fairs = useApi<JobFairView[]>(`${BASE}/fairs`);
  const employers = useApi<EmployerView[]>(`${BASE}/staff/employers?status=terverifikasi`);
  const [d, setD] = useState({
    name: '',
    startsOn: '',
    endsOn: '',
    place: '',
    online: false,
    url: '',
    employerIds: [] as string[],
  });
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api(`${BASE}/staff/fairs`, {
        method: 'POST',
        body: { ...d, place: d.place || null, url: d.url || null },
      });
      setProblem(null);
      setD({ name: '', startsOn: '', endsOn: '', place: '', online: false, url: '', employerIds: [] });
      fairs.reload();
    } catch (err) {
      setProblem(errorMessage(err));
    }
  };
  return (
    <div data-testid="sk-fairs">
      <ul className="sk-list">
        {fairs.data?.map((x) => (
          <li key={x.id} className="sk-card">
            <p className="sk-card-title">{x.name}</p>
            <p>
              {f.day(x.startsOn)} – {f.day(x.endsOn)} · {x.online ? t('siapKerja.fairs.online') : x.place}
            </p>
            <p className="muted">
              {x.employers.map((e) => `${e.name} (${e.openVacancies})`).join(', ') ||
                t('siapKerja.fairs.noEmployers')}
            </p>
          </li>
        ))}
      </ul>
      <form className="sk-form" onSubmit={(e) => void submit(e)}>
        <h3>{t('siapKerja.fairs.new')}</h3>
        <Field
          label={t('siapKerja.fairs.name')}
          value={d.name}
          onChange={(e) => setD({ ...d, name: e.target.value })}
          required
        />
        <div className="sk-row">
          <Field
            type="date"
            label={t('siapKerja.fairs.startsOn')}
            value={d.startsOn}
            onChange={(e) => setD({ ...d, startsOn: e.target.value })}
            required
          />
          <Field
            type="date"
            label={t('siapKerja.fairs.endsOn')}
            value={d.endsOn}
            onChange={(e) => setD({ ...d, endsOn: e.target.value })}
            required
          />
        </div>
        <Field
          label={t('siapKerja.fairs.place')}
          value={d.place}
          onChange={(e) => setD({ ...d, place: e.target.value })}
        />
        <label className="sk-check">
          <input
            type="checkbox"
            checked={d.online}
            onChange={(e) => setD({ ...d, online: e.target.checked })}
          />
          {t('siapKerja.fairs.online')}
        </label>
        <fieldset>
          <legend>{t('siapKerja.fairs.employers')}</legend>
          <div className="sk-checks">
            {employers.data?.map((e) => (
              <label key={e.id} className="sk-check">
                <input
                  type="checkbox"
                  checked={d.employerIds.includes(e.id)}
                  onChange={(ev) =>
                    setD({
                      ...d,
                      employerIds: ev.target.checked
                        ? [...d.employerIds, e.id]
                        : d.employerIds.filter((x) => x !== e.id),
                    })
                  }
                />
                {e.name}
              </label>
            ))}
          </div>
        </fieldset>
        {problem ? <Alert>{problem}</Alert> : null}
        <Button type="submit">{t('siapKerja.fairs.save')}</Button>
      </form>
    </div>
  );
}
