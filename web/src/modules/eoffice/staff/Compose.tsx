import '../strings';
import { lazy, Suspense, useEffect, useId, useMemo, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { letterTypes } from '../../../../../shared/modules/eoffice';
import { api, errorMessage } from '../../../core/api';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { Alert, Button, Spinner } from '../../../core/ui';
import { useFormat } from '../../../core/useFormat';
import { BASE, type Classification, type DraftInput, type LetterView, type MyPosition } from '../api';
import { PositionPicker, PositionSelect, usePositions } from '../common';
import { confidentialityLabels, letterTypeLabels, urgencyLabels } from '../labels';

const Editor = lazy(() => import('./Editor'));

type Attachment = { id: string; name: string; bytes: number };
type External = { name: string; email: string };
const CLASSIFICATION = /^\d{3}(\.\d{1,3}){0,3}$/;

/** A new letter, a draft being edited (`?edit=`), or a reply to a received one (`?balas=`). */
export default function Compose({ mine }: { mine: MyPosition[] }) {
  const params = new URLSearchParams(useSearch());
  const editId = params.get('edit');
  const replyId = params.get('balas');
  const source = useApi<LetterView>(
    editId ? `${BASE}/letters/${editId}` : replyId ? `${BASE}/letters/${replyId}` : null,
  );
  const { t } = useLang();
  if (mine.length === 0) return <Alert kind="info">{t('eoffice.inbox.noPositions')}</Alert>;
  if ((editId || replyId) && !source.data)
    return source.error ? <Alert>{source.error}</Alert> : <Spinner label={t('eoffice.loading')} />;
  return (
    <ComposeForm
      key={editId ?? replyId ?? 'new'}
      mine={mine}
      edit={editId ? source.data : null}
      reply={replyId ? source.data : null}
    />
  );
}

function ComposeForm({
  mine,
  edit,
  reply,
}: {
  mine: MyPosition[];
  edit: LetterView | null;
  reply: LetterView | null;
}) {
  const { t, pick } = useLang();
  const f = useFormat();
  const [, navigate] = useLocation();
  const uid = useId().replace(/:/g, '');
  const positions = usePositions();
  const classes = useApi<Classification[]>(`${BASE}/classifications`);
  const all = positions.data ?? [];
  const initialFrom =
    (edit?.fromPositionId && mine.some((m) => m.id === edit.fromPositionId) ? edit.fromPositionId : null) ??
    (reply ? mine.find((m) => reply.recipients.some((r) => r.positionId === m.id))?.id : null) ??
    mine[0]!.id;
  const [letterId, setLetterId] = useState<string | null>(edit?.id ?? null);
  const [from, setFrom] = useState(initialFrom);
  const [type, setType] = useState<DraftInput['type']>(edit?.type ?? 'nota_dinas');
  const [subject, setSubject] = useState(
    edit?.subject ?? (reply ? t('eoffice.compose.replyPrefix', { subject: reply.subject }) : ''),
  );
  const [classification, setClassification] = useState(
    edit?.classificationCode ?? reply?.classificationCode ?? '',
  );
  const [urgency, setUrgency] = useState<DraftInput['urgency']>(edit?.urgency ?? 'biasa');
  const [confidentiality, setConfidentiality] = useState<DraftInput['confidentiality']>(
    edit?.confidentiality ?? reply?.confidentiality ?? 'biasa',
  );
  const recipients = (kind: 'to' | 'cc') =>
    (edit?.recipients ?? []).filter((r) => r.kind === kind && r.positionId).map((r) => r.positionId!);
  const [to, setTo] = useState<string[]>(
    edit ? recipients('to') : reply?.fromPositionId ? [reply.fromPositionId] : [],
  );
  const [cc, setCc] = useState<string[]>(edit ? recipients('cc') : []);
  const [external, setExternal] = useState<External[]>(
    (edit?.recipients ?? []).filter((r) => r.kind === 'external').map((r) => ({ name: r.name, email: '' })),
  );
  const editReviewers = (edit?.reviews ?? []).filter((r) => r.role === 'paraf').map((r) => r.positionId);
  const [customChain, setCustomChain] = useState(editReviewers.length > 0);
  const [reviewers, setReviewers] = useState<string[]>(editReviewers);
  const [signer, setSigner] = useState(edit?.signerPositionId ?? '');
  const [body, setBody] = useState(edit?.body ?? '');
  const [attachments, setAttachments] = useState<Attachment[]>(
    (edit?.attachments ?? []).map((a, i) => ({
      id: a.id,
      name: `${t('eoffice.attachment')} ${i + 1}`,
      bytes: a.bytes,
    })),
  );
  const [uploading, setUploading] = useState(false);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const fromPos = mine.find((m) => m.id === from);

  // The signer defaults to the head of the drafter's OPD once the positions are here.
  useEffect(() => {
    if (signer || !fromPos || all.length === 0) return;
    const head = all.find((p) => p.opdCode === fromPos.opdCode && p.level === 'kepala' && p.active);
    if (head) setSigner(head.id);
  }, [all, fromPos, signer]);

  const problems = useMemo(() => {
    const out: string[] = [];
    if (!subject.trim()) out.push(t('eoffice.compose.needSubject'));
    if (!CLASSIFICATION.test(classification.trim())) out.push(t('eoffice.compose.needClassification'));
    if (to.length === 0 && external.filter((e) => e.name.trim()).length === 0)
      out.push(t('eoffice.compose.needTo'));
    if (!signer) out.push(t('eoffice.compose.needSigner'));
    return out;
  }, [subject, classification, to, external, signer, t]);

  const input = (): DraftInput => ({
    type,
    fromPositionId: from,
    subject: subject.trim(),
    body,
    classificationCode: classification.trim(),
    urgency,
    confidentiality,
    to,
    cc,
    external: external
      .filter((e) => e.name.trim())
      .map((e) => ({ name: e.name.trim(), email: e.email.trim() || null })),
    reviewers: customChain ? reviewers : [],
    signerPositionId: signer,
    attachmentIds: attachments.map((a) => a.id),
    refersToId: edit?.refersTo?.id ?? reply?.id ?? null,
  });

  async function save(): Promise<string> {
    const saved = letterId
      ? await api<LetterView>(`${BASE}/letters/${letterId}`, { method: 'PUT', body: input() })
      : await api<LetterView>(`${BASE}/letters`, { method: 'POST', body: input() });
    setLetterId(saved.id);
    return saved.id;
  }

  async function run(kind: 'save' | 'submit') {
    setBusy(kind);
    setError(null);
    setSaved(false);
    try {
      const id = await save();
      if (kind === 'submit') {
        await api<LetterView>(`${BASE}/letters/${id}/submit`, { method: 'POST', body: {} });
        navigate(`/naskah/${id}`);
      } else setSaved(true);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  async function upload(files: FileList | null) {
    if (!files?.length) return;
    setUploading(true);
    setError(null);
    try {
      for (const file of Array.from(files)) {
        if (file.type !== 'application/pdf' && !file.name.toLowerCase().endsWith('.pdf')) {
          setError(t('eoffice.compose.pdfOnly', { name: file.name }));
          continue;
        }
        const form = new FormData();
        form.append('file', file);
        const stored = await api<{ id: string }>('/files/documents?purpose=eoffice-lampiran', {
          method: 'POST',
          body: form,
        });
        setAttachments((old) => [...old, { id: stored.id, name: file.name, bytes: file.size }]);
      }
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setUploading(false);
    }
  }

  async function discard() {
    if (!letterId) {
      navigate('/?box=drafts');
      return;
    }
    if (!window.confirm(t('eoffice.compose.discardConfirm'))) return;
    try {
      await api(`${BASE}/letters/${letterId}`, { method: 'DELETE' });
      navigate('/?box=drafts');
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <form
      className="eo-compose"
      data-testid="eo-compose"
      onSubmit={(e) => {
        e.preventDefault();
        void run('submit');
      }}
    >
      <h2>
        {edit
          ? t('eoffice.compose.editTitle')
          : reply
            ? t('eoffice.compose.replyTitle')
            : t('eoffice.compose.title')}
      </h2>
      {reply ? (
        <p className="eo-refers">
          {t('eoffice.compose.replyTo')}:{' '}
          <Link href={`/naskah/${reply.id}`}>
            {reply.number ?? reply.senderNumber ?? ''} {reply.subject}
          </Link>
        </p>
      ) : null}
      {edit?.status === 'returned' ? (
        <Alert kind="warning" data-testid="eo-returned-note">
          {t('eoffice.compose.returnedNote')}{' '}
          {edit.reviews
            .filter((r) => r.state === 'returned' && r.comment)
            .map((r) => `${r.positionTitle}: “${r.comment}”`)
            .join(' · ')}
        </Alert>
      ) : null}
      {positions.error ? <Alert>{positions.error}</Alert> : null}
      <div className="eo-grid">
        {mine.length > 1 ? (
          <div className="field">
            <label htmlFor={`${uid}-from`}>{t('eoffice.compose.from')}</label>
            <select
              id={`${uid}-from`}
              value={from}
              onChange={(e) => setFrom(e.target.value)}
              data-testid="eo-from"
            >
              {mine.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.title} · {m.opdName}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <p className="eo-acting eo-wide">
            {t('eoffice.compose.from')}: <strong>{fromPos?.title}</strong> · {fromPos?.opdName}
          </p>
        )}
        <div className="field">
          <label htmlFor={`${uid}-type`}>{t('eoffice.compose.type')}</label>
          <select
            id={`${uid}-type`}
            value={type}
            onChange={(e) => setType(e.target.value as DraftInput['type'])}
            data-testid="eo-type"
          >
            {letterTypes.map((x) => (
              <option key={x} value={x}>
                {pick(letterTypeLabels[x])}
              </option>
            ))}
          </select>
        </div>
        <div className="field eo-wide">
          <label htmlFor={`${uid}-subject`}>{t('eoffice.compose.subject')}</label>
          <input
            id={`${uid}-subject`}
            value={subject}
            maxLength={300}
            onChange={(e) => setSubject(e.target.value)}
            data-testid="eo-subject"
          />
        </div>
        <div className="field">
          <label htmlFor={`${uid}-class`}>{t('eoffice.compose.classification')}</label>
          <input
            id={`${uid}-class`}
            value={classification}
            list={`${uid}-classes`}
            inputMode="decimal"
            placeholder="000.1.2"
            aria-describedby={`${uid}-class-hint`}
            onChange={(e) => setClassification(e.target.value.split(' ')[0] ?? '')}
            data-testid="eo-classification"
          />
          <datalist id={`${uid}-classes`}>
            {(classes.data ?? []).map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </datalist>
          <p id={`${uid}-class-hint`} className="field-hint">
            {classes.data?.find((c) => c.code === classification)?.name ??
              t('eoffice.compose.classificationHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${uid}-urg`}>{t('eoffice.urgency')}</label>
          <select
            id={`${uid}-urg`}
            value={urgency}
            onChange={(e) => setUrgency(e.target.value as DraftInput['urgency'])}
            data-testid="eo-urgency-select"
          >
            {(Object.keys(urgencyLabels) as (keyof typeof urgencyLabels)[]).map((u) => (
              <option key={u} value={u}>
                {pick(urgencyLabels[u])}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${uid}-conf`}>{t('eoffice.confidentiality')}</label>
          <select
            id={`${uid}-conf`}
            value={confidentiality}
            onChange={(e) => setConfidentiality(e.target.value as DraftInput['confidentiality'])}
            data-testid="eo-conf-select"
          >
            {(Object.keys(confidentialityLabels) as (keyof typeof confidentialityLabels)[]).map((c) => (
              <option key={c} value={c}>
                {pick(confidentialityLabels[c])}
              </option>
            ))}
          </select>
        </div>
      </div>
      {!positions.data && !positions.error ? <Spinner label={t('eoffice.loading')} /> : null}
      <PositionPicker
        label={t('eoffice.compose.to')}
        positions={all}
        value={to}
        onChange={setTo}
        testId="eo-to"
      />
      <PositionPicker
        label={t('eoffice.compose.cc')}
        positions={all}
        value={cc}
        onChange={setCc}
        testId="eo-cc"
      />
      <fieldset className="eo-picker" data-testid="eo-external">
        <legend>{t('eoffice.compose.external')}</legend>
        {external.map((x, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows without ids, edited in place
          <div key={i} className="eo-external-row">
            <div className="field">
              <label htmlFor={`${uid}-ext-${i}`}>{t('eoffice.compose.externalName')}</label>
              <input
                id={`${uid}-ext-${i}`}
                value={x.name}
                onChange={(e) =>
                  setExternal((o) => o.map((r, j) => (j === i ? { ...r, name: e.target.value } : r)))
                }
              />
            </div>
            <div className="field">
              <label htmlFor={`${uid}-extm-${i}`}>{t('eoffice.compose.externalEmail')}</label>
              <input
                id={`${uid}-extm-${i}`}
                type="email"
                value={x.email}
                onChange={(e) =>
                  setExternal((o) => o.map((r, j) => (j === i ? { ...r, email: e.target.value } : r)))
                }
              />
            </div>
            <Button small variant="ghost" onClick={() => setExternal((o) => o.filter((_, j) => j !== i))}>
              {t('eoffice.remove')}
            </Button>
          </div>
        ))}
        <Button small variant="secondary" onClick={() => setExternal((o) => [...o, { name: '', email: '' }])}>
          {t('eoffice.compose.addExternal')}
        </Button>
      </fieldset>
      <fieldset className="eo-picker">
        <legend>{t('eoffice.compose.chain')}</legend>
        <div className="eo-radios">
          <label className="eo-radio">
            <input
              type="radio"
              name={`${uid}-chain`}
              checked={!customChain}
              onChange={() => setCustomChain(false)}
            />
            {t('eoffice.compose.chainAuto')}
          </label>
          <label className="eo-radio">
            <input
              type="radio"
              name={`${uid}-chain`}
              checked={customChain}
              onChange={() => setCustomChain(true)}
              data-testid="eo-chain-custom"
            />
            {t('eoffice.compose.chainCustom')}
          </label>
        </div>
        {customChain ? (
          <PositionPicker
            label={t('eoffice.compose.reviewers')}
            hint={t('eoffice.compose.reviewersHint')}
            positions={all}
            value={reviewers}
            onChange={setReviewers}
            testId="eo-reviewers"
          />
        ) : null}
        <div className="field">
          <label htmlFor={`${uid}-signer`}>{t('eoffice.compose.signer')}</label>
          <PositionSelect
            id={`${uid}-signer`}
            positions={all}
            value={signer}
            onChange={setSigner}
            placeholder={t('eoffice.compose.chooseSigner')}
            testId="eo-signer"
          />
        </div>
      </fieldset>
      <div className="field">
        <span id={`${uid}-body`} className="eo-label">
          {t('eoffice.compose.body')}
        </span>
        <Suspense fallback={<Spinner label={t('eoffice.loading')} />}>
          <Editor value={body} onChange={setBody} labelledBy={`${uid}-body`} />
        </Suspense>
      </div>
      <div className="field">
        <label htmlFor={`${uid}-att`}>{t('eoffice.compose.attachments')}</label>
        <input
          id={`${uid}-att`}
          type="file"
          accept="application/pdf,.pdf"
          multiple
          disabled={uploading || attachments.length >= 10}
          onChange={(e) => {
            void upload(e.target.files);
            e.target.value = '';
          }}
          data-testid="eo-attach"
        />
        {uploading ? <Spinner label={t('eoffice.compose.uploading')} /> : null}
        {attachments.length ? (
          <ul className="eo-files">
            {attachments.map((a) => (
              <li key={a.id} data-testid="eo-attachment">
                <span>
                  {a.name} ({f.number(a.bytes / 1024, 0)} KB)
                </span>
                <Button
                  small
                  variant="ghost"
                  onClick={() => setAttachments((o) => o.filter((x) => x.id !== a.id))}
                >
                  {t('eoffice.remove')}
                </Button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {problems.length ? (
        <ul className="eo-problems" data-testid="eo-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      {error ? <Alert data-testid="eo-compose-error">{error}</Alert> : null}
      {saved ? (
        <Alert kind="success" data-testid="eo-saved">
          {t('eoffice.compose.saved')}
        </Alert>
      ) : null}
      <div className="eo-actions">
        <Button
          type="submit"
          busy={busy === 'submit'}
          disabled={problems.length > 0 || busy !== null || uploading}
          data-testid="eo-submit"
        >
          {t('eoffice.compose.submit')}
        </Button>
        <Button
          variant="secondary"
          busy={busy === 'save'}
          disabled={!subject.trim() || !signer || busy !== null || uploading}
          onClick={() => void run('save')}
          data-testid="eo-save"
        >
          {t('eoffice.compose.save')}
        </Button>
        {letterId ? (
          <Button variant="ghost" onClick={discard} data-testid="eo-discard">
            {t('eoffice.compose.discard')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
