import { useState } from 'react';
import { api, apiUrl, errorMessage } from '../../../core/api';
import { currentLang, useLang } from '../../../core/i18n';
import { useSession } from '../../../core/session';
import { Alert, Button } from '../../../core/ui';
import { BASE, type ImportView } from '../api';
import { dayLabel, rupiah } from '../format';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Upload with XMLHttpRequest: fetch() cannot report upload progress. */
function uploadFile(file: File, csrf: string, onProgress: (share: number) => void): Promise<ImportView> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiUrl(`${BASE}/imports?fileName=${encodeURIComponent(file.name)}`));
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', /\.xlsx$/i.test(file.name) ? XLSX : 'text/csv');
    xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.setRequestHeader('accept-language', currentLang());
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      const body = JSON.parse(xhr.responseText || 'null');
      if (xhr.status === 201) resolve(body as ImportView);
      else reject(new Error(body?.error?.messages?.[currentLang()] ?? `HTTP ${xhr.status}`));
    };
    xhr.onerror = () => reject(new Error('network'));
    xhr.send(file);
  });
}

/**
 * Bulk import: upload (progress from the browser), check (every row error listed, nothing saved),
 * then commit in one transaction while the rows written so far are polled from the server.
 */
export function Import() {
  const { t, locale, pick } = useLang();
  const { me } = useSession();
  const [file, setFile] = useState<File | null>(null);
  const [upload, setUpload] = useState<number | null>(null);
  const [view, setView] = useState<ImportView | null>(null);
  const [written, setWritten] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function check() {
    if (!file || !me?.csrfToken) return;
    setError(null);
    setDone(null);
    setView(null);
    setUpload(0);
    try {
      setView(await uploadFile(file, me.csrfToken, setUpload));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setUpload(null);
    }
  }

  async function commit() {
    if (!view) return;
    setError(null);
    setWritten(0);
    const poll = window.setInterval(() => {
      void api<ImportView>(`${BASE}/imports/${view.id}`, { fresh: true })
        .then((v) => setWritten(v.processed))
        .catch(() => undefined);
    }, 500);
    try {
      const res = await api<ImportView>(`${BASE}/imports/${view.id}/commit`, { method: 'POST' });
      setDone(t('hargaPangan.staff.committed', { count: res.processed }));
      setView(null);
      setFile(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      window.clearInterval(poll);
      setWritten(null);
    }
  }

  return (
    <div className="hp" data-testid="hp-import">
      <p className="muted">{t('hargaPangan.staff.importHint')}</p>
      <label htmlFor="hp-import-file">{t('hargaPangan.staff.file')}</label>
      <input
        id="hp-import-file"
        type="file"
        accept=".csv,.xlsx,text/csv"
        onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        data-testid="hp-import-file"
      />
      <Button onClick={check} disabled={!file} busy={upload !== null} data-testid="hp-import-upload">
        {t('hargaPangan.staff.upload')}
      </Button>
      {upload !== null ? (
        <progress
          className="hp-progress"
          max={1}
          value={upload}
          aria-label={t('hargaPangan.staff.uploading', { pct: Math.round(upload * 100) })}
        />
      ) : null}
      {error ? <Alert>{error}</Alert> : null}
      {done ? (
        <p role="status" data-testid="hp-import-done">
          {done}
        </p>
      ) : null}
      {view ? (
        <section
          className="card"
          data-testid="hp-import-preview"
          data-valid={view.validRows}
          data-errors={view.errors.length}
        >
          <p>
            <strong>{t('hargaPangan.staff.rowsOk', { valid: view.validRows, total: view.totalRows })}</strong>
          </p>
          {view.errors.length > 0 ? (
            <div className="hp-errors">
              <p>{t('hargaPangan.staff.rowErrors')}</p>
              <ul>
                {view.errors.map((e) => (
                  <li key={`${e.row}-${e.column}`} data-testid="hp-import-error">
                    {t('hargaPangan.staff.row', { row: e.row })}
                    {e.column ? ` (${e.column})` : ''}: {pick(e.message)}
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <>
              <div style={{ overflowX: 'auto' }}>
                <table className="hp-table">
                  <tbody>
                    {view.preview.map((r) => (
                      <tr key={r.row}>
                        <td>{dayLabel(r.date, locale)}</td>
                        <td>{r.market}</td>
                        <td>{r.commodity}</td>
                        <td>{rupiah(r.price, locale)}</td>
                        <td>{r.priceType}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {written !== null ? (
                <progress
                  className="hp-progress"
                  max={view.validRows}
                  value={written}
                  aria-label={t('hargaPangan.staff.committing', { done: written, total: view.validRows })}
                />
              ) : null}
              <Button onClick={commit} busy={written !== null} data-testid="hp-import-commit">
                {t('hargaPangan.staff.commit')}
              </Button>
            </>
          )}
        </section>
      ) : null}
    </div>
  );
}
