import { useId, useMemo, useState } from 'react';
import { Link, useSearch } from 'wouter';
import { dispositionInstructions } from '../../../../../shared/modules/eoffice';
import { api, errorMessage } from '../../../core/api';
import { todayIn } from '../../../core/format';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { useRegionTimeZone } from '../../../core/region';
import { Alert, Button, buttonClass, Spinner } from '../../../core/ui';
import { useFormat } from '../../../core/useFormat';
import {
  apiLink,
  BASE,
  below,
  type DispositionView,
  fileUrl,
  type LetterView,
  type MyPosition,
} from '../api';
import { ConfidentialityBadge, KindTag, StatusBadge, UrgencyBadge, usePositions } from '../common';
import {
  archiveStateLabels,
  dispositionInstructionLabels,
  letterTypeLabels,
  roleLabels,
  stepStateLabels,
} from '../labels';

type Post = (path: string, body: unknown) => Promise<boolean>;

/** One letter: header, body, review chain, distribution, dispositions, and what the viewer may do now. */
export function Detail({ id, mine, onChanged }: { id: string; mine: MyPosition[]; onChanged: () => void }) {
  const { t, pick } = useLang();
  const f = useFormat();
  const res = useApi<LetterView>(`${BASE}/letters/${id}`);
  const focus = new URLSearchParams(useSearch()).get('d');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const letter = res.data;
  if (res.loading && !letter) return <Spinner label={t('eoffice.loading')} />;
  if (!letter) return <Alert>{res.error}</Alert>;

  const post: Post = async (path, body) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const next = await api<LetterView>(`${BASE}${path}`, { method: 'POST', body });
      if (next && typeof next === 'object' && 'id' in next) res.setData(next);
      else res.reload();
      setDone(t('eoffice.detail.saved'));
      onChanged();
      return true;
    } catch (err) {
      setError(errorMessage(err));
      // Someone else may have acted meanwhile: show where it stands now.
      res.reload();
      return false;
    } finally {
      setBusy(false);
    }
  };

  const mineIds = new Set(mine.map((m) => m.id));
  const myOpen = letter.dispositions.filter((d) => d.state === 'open' && mineIds.has(d.toPositionId));
  const parentForDispose = letter.can.dispose
    ? (myOpen.find((d) => d.id === focus && d.toPositionId === letter.can.dispose) ??
      myOpen.find((d) => d.toPositionId === letter.can.dispose) ??
      null)
    : null;
  const signed = letter.status === 'signed' || letter.status === 'registered';
  const received =
    letter.recipients.some((r) => r.positionId && mineIds.has(r.positionId)) || myOpen.length > 0;
  const date = letter.signedAt ?? letter.createdAt;

  return (
    <article
      className="eo-detail"
      data-testid="eo-detail"
      data-status={letter.status}
      data-letter={letter.id}
    >
      <Link href="/" className="eo-back">
        ← {t('eoffice.detail.back')}
      </Link>
      <h2 className="eo-subject" data-testid="eo-subject-title">
        {letter.subject}
      </h2>
      <p className="eo-head-line">
        <span>{pick(letterTypeLabels[letter.type])}</span>
        {letter.number ? (
          <span className="eo-number" data-testid="eo-letter-number">
            {letter.number}
          </span>
        ) : null}
        <StatusBadge status={letter.status} />
        <UrgencyBadge urgency={letter.urgency} />
        <ConfidentialityBadge value={letter.confidentiality} />
      </p>
      <div className="eo-cols">
        <div className="eo-main">
          <section className="eo-box">
            <dl className="eo-facts">
              {letter.direction === 'in' ? (
                <>
                  <dt>{t('eoffice.detail.sender')}</dt>
                  <dd>{letter.senderName}</dd>
                  <dt>{t('eoffice.detail.senderNumber')}</dt>
                  <dd>{letter.senderNumber}</dd>
                </>
              ) : (
                <>
                  <dt>{t('eoffice.detail.from')}</dt>
                  <dd>
                    {letter.fromTitle} · {letter.fromOpdName}
                  </dd>
                </>
              )}
              <dt>{t('eoffice.detail.date')}</dt>
              <dd>{f.dateTime(date)}</dd>
              <dt>{t('eoffice.detail.classification')}</dt>
              <dd>{letter.classificationCode}</dd>
              {letter.refersTo ? (
                <>
                  <dt>{t('eoffice.detail.refersTo')}</dt>
                  <dd>
                    <Link href={`/naskah/${letter.refersTo.id}`}>
                      {letter.refersTo.number ? `${letter.refersTo.number} · ` : ''}
                      {letter.refersTo.subject}
                    </Link>
                  </dd>
                </>
              ) : null}
              {letter.signedBy ? (
                <>
                  <dt>{t('eoffice.detail.signedBy')}</dt>
                  <dd>
                    {letter.signedBy} <KindTag kind={letter.signedAs} />
                  </dd>
                </>
              ) : null}
              <dt>{t('eoffice.detail.archive')}</dt>
              <dd>
                {pick(archiveStateLabels[letter.archive.state])}
                {letter.archive.activeUntil
                  ? ` · ${t('eoffice.detail.activeUntil', { date: f.day(letter.archive.activeUntil) })}`
                  : ''}
              </dd>
            </dl>
            {signed && letter.direction === 'out' ? (
              <p className="eo-actions">
                <a
                  className={buttonClass('primary')}
                  href={letter.pdfUrl ?? apiLink(`/letters/${letter.id}/pdf`)}
                  target="_blank"
                  rel="noreferrer"
                  data-testid="eo-pdf"
                >
                  {t('eoffice.detail.pdf')}
                </a>
                {letter.checkUrl ? (
                  <a
                    className={buttonClass('ghost')}
                    href={letter.checkUrl}
                    target="_blank"
                    rel="noreferrer"
                    data-testid="eo-check"
                  >
                    {t('eoffice.detail.check')}
                  </a>
                ) : null}
              </p>
            ) : null}
          </section>
          <section aria-labelledby="eo-body-title">
            <h3 id="eo-body-title">
              {letter.direction === 'in' ? t('eoffice.detail.summary') : t('eoffice.detail.body')}
            </h3>
            {letter.body ? (
              <div
                className="eo-body"
                data-testid="eo-body"
                // biome-ignore lint/security/noDangerouslySetInnerHtml: the API sanitised the body against an allow-list (p, br, strong, em, u, ul, ol, li) before it was stored
                dangerouslySetInnerHTML={{ __html: letter.body }}
              />
            ) : (
              <p className="muted">—</p>
            )}
          </section>
          {letter.attachments.length ? (
            <section aria-labelledby="eo-att-title">
              <h3 id="eo-att-title">{t('eoffice.compose.attachments')}</h3>
              <ul className="eo-files">
                {letter.attachments.map((a, i) => (
                  <li key={a.id}>
                    <a href={a.url || fileUrl(a.id)} target="_blank" rel="noreferrer">
                      {t('eoffice.attachment')} {i + 1}
                    </a>{' '}
                    <span className="muted eo-small">({f.number(a.bytes / 1024, 0)} KB)</span>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <Recipients letter={letter} />
          {letter.reviews.length ? <Chain letter={letter} /> : null}
        </div>
        <div className="eo-side">
          <Actions
            letter={letter}
            post={post}
            busy={busy}
            mine={mine}
            parent={parentForDispose}
            myOpen={myOpen}
            received={received}
          />
          {done ? (
            <Alert kind="success" data-testid="eo-done">
              {done}
            </Alert>
          ) : null}
          {error ? <Alert data-testid="eo-error">{error}</Alert> : null}
          <Dispositions items={letter.dispositions} focus={focus} />
        </div>
      </div>
    </article>
  );
}

function Recipients({ letter }: { letter: LetterView }) {
  const { t } = useLang();
  const f = useFormat();
  if (letter.recipients.length === 0) return null;
  return (
    <section aria-labelledby="eo-rcpt-title">
      <h3 id="eo-rcpt-title">{t('eoffice.detail.recipients')}</h3>
      <ul className="eo-recipients" data-testid="eo-recipients">
        {letter.recipients.map((r) => (
          <li key={`${r.kind}-${r.positionId ?? r.name}`}>
            <span className="eo-badge eo-badge-kind">{t(`eoffice.recipient.${r.kind}`)}</span>{' '}
            <strong>{r.name}</strong>
            {r.opdName ? ` · ${r.opdName}` : ''}
            {r.agendaNumber ? (
              <span className="eo-small"> · {t('eoffice.detail.agenda', { number: r.agendaNumber })}</span>
            ) : null}
            {r.kind !== 'external' ? (
              <span className={`eo-small eo-block ${r.readAt ? 'eo-read' : 'muted'}`}>
                {r.readAt
                  ? t('eoffice.detail.readAt', { at: f.dateTime(r.readAt) })
                  : t('eoffice.detail.unread')}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The review chain, lowest first: paraf steps then the signature, with who acted (Plt/Plh) and comments. */
function Chain({ letter }: { letter: LetterView }) {
  const { t, pick } = useLang();
  const f = useFormat();
  return (
    <section aria-labelledby="eo-chain-title">
      <h3 id="eo-chain-title">{t('eoffice.detail.chain')}</h3>
      <ol className="eo-timeline" data-testid="eo-chain">
        {[...letter.reviews]
          .sort((a, b) => a.seq - b.seq)
          .map((r) => (
            <li
              key={`${r.seq}-${r.positionId}`}
              className={`eo-step eo-step-${r.state}`}
              data-testid="eo-step"
              data-state={r.state}
              data-role={r.role}
            >
              <span className="eo-step-head">
                <strong>{r.positionTitle}</strong> · {pick(roleLabels[r.role])}
              </span>
              <span className="eo-small">
                {pick(stepStateLabels[r.state])}
                {r.actedBy ? ` · ${r.actedBy}` : ''} {r.actedAs ? <KindTag kind={r.actedAs} /> : null}
                {r.actedAt ? ` · ${f.dateTime(r.actedAt)}` : ''}
              </span>
              {r.comment ? <span className="eo-comment">“{r.comment}”</span> : null}
            </li>
          ))}
      </ol>
    </section>
  );
}

function Actions({
  letter,
  post,
  busy,
  mine,
  parent,
  myOpen,
  received,
}: {
  letter: LetterView;
  post: Post;
  busy: boolean;
  mine: MyPosition[];
  parent: DispositionView | null;
  myOpen: DispositionView[];
  received: boolean;
}) {
  const { t } = useLang();
  const as = (id: string | null) => mine.find((m) => m.id === id);
  const reviewAs = as(letter.can.sign ?? letter.can.initial);
  const blocks = [];
  if (letter.can.edit)
    blocks.push(
      <section key="edit" className="eo-box" data-testid="eo-edit-box">
        <h3>
          {letter.status === 'returned' ? t('eoffice.detail.returnedTitle') : t('eoffice.detail.draftTitle')}
        </h3>
        <div className="eo-actions">
          <Link href={`/tulis?edit=${letter.id}`} className={buttonClass('secondary')} data-testid="eo-edit">
            {t('eoffice.detail.edit')}
          </Link>
          <Button
            busy={busy}
            onClick={() => void post(`/letters/${letter.id}/submit`, {})}
            data-testid="eo-resubmit"
          >
            {letter.status === 'returned' ? t('eoffice.detail.resubmit') : t('eoffice.detail.submit')}
          </Button>
        </div>
      </section>,
    );
  if (letter.can.initial || letter.can.sign)
    blocks.push(<Review key="review" letter={letter} post={post} busy={busy} asTitle={reviewAs} />);
  if (letter.can.dispose)
    blocks.push(
      <Dispose
        key="dispose"
        letter={letter}
        post={post}
        busy={busy}
        from={as(letter.can.dispose)!}
        fromId={letter.can.dispose}
        parent={parent}
      />,
    );
  for (const d of myOpen) blocks.push(<Finish key={`finish-${d.id}`} d={d} post={post} busy={busy} />);
  if (received && (letter.status === 'signed' || letter.status === 'registered'))
    blocks.push(
      <p key="reply" className="eo-actions">
        <Link href={`/tulis?balas=${letter.id}`} className={buttonClass('secondary')} data-testid="eo-reply">
          {t('eoffice.detail.reply')}
        </Link>
      </p>,
    );
  return <>{blocks}</>;
}

function Review({
  letter,
  post,
  busy,
  asTitle,
}: {
  letter: LetterView;
  post: Post;
  busy: boolean;
  asTitle: MyPosition | undefined;
}) {
  const { t } = useLang();
  const uid = useId().replace(/:/g, '');
  const [comment, setComment] = useState('');
  const sign = Boolean(letter.can.sign);
  return (
    <section className="eo-box eo-review" data-testid="eo-review">
      <h3>{sign ? t('eoffice.detail.signTitle') : t('eoffice.detail.initialTitle')}</h3>
      {asTitle ? (
        <p className="eo-small">
          {t('eoffice.detail.actingAs', { title: asTitle.title })} <KindTag kind={asTitle.kind} />
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={`${uid}-c`}>{t('eoffice.detail.comment')}</label>
        <textarea
          id={`${uid}-c`}
          rows={2}
          value={comment}
          maxLength={2000}
          onChange={(e) => setComment(e.target.value)}
          data-testid="eo-review-comment"
        />
      </div>
      {sign ? <p className="muted eo-small">{t('eoffice.detail.signHint')}</p> : null}
      <div className="eo-actions">
        {sign ? (
          <Button
            busy={busy}
            onClick={() => void post(`/letters/${letter.id}/sign`, {})}
            data-testid="eo-sign"
          >
            {t('eoffice.detail.sign')}
          </Button>
        ) : (
          <Button
            busy={busy}
            onClick={() => void post(`/letters/${letter.id}/initial`, { comment: comment.trim() })}
            data-testid="eo-initial"
          >
            {t('eoffice.detail.initial')}
          </Button>
        )}
        <Button
          variant="danger"
          busy={busy}
          disabled={!comment.trim()}
          onClick={() => void post(`/letters/${letter.id}/return`, { comment: comment.trim() })}
          data-testid="eo-return"
        >
          {t('eoffice.detail.return')}
        </Button>
      </div>
      {comment.trim() ? null : <p className="muted eo-small">{t('eoffice.detail.returnNeedsComment')}</p>}
    </section>
  );
}

function Dispose({
  letter,
  post,
  busy,
  from,
  fromId,
  parent,
}: {
  letter: LetterView;
  post: Post;
  busy: boolean;
  from: MyPosition | undefined;
  fromId: string;
  parent: DispositionView | null;
}) {
  const { t, pick } = useLang();
  const uid = useId().replace(/:/g, '');
  const tz = useRegionTimeZone();
  const positions = usePositions(from?.opdCode ?? null);
  const targets = useMemo(() => below(positions.data ?? [], fromId), [positions.data, fromId]);
  const [to, setTo] = useState<string[]>([]);
  const [instructions, setInstructions] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [open, setOpen] = useState(false);
  const toggle = (list: string[], x: string) =>
    list.includes(x) ? list.filter((y) => y !== x) : [...list, x];
  const send = async () => {
    const ok = await post(`/letters/${letter.id}/dispositions`, {
      fromPositionId: fromId,
      parentId: parent?.id ?? null,
      to,
      instructions,
      note: note.trim(),
      dueOn: dueOn || null,
    });
    if (ok) {
      setTo([]);
      setInstructions([]);
      setNote('');
      setDueOn('');
      setOpen(false);
    }
  };
  // Forwarding a disposition needs someone below; with nobody there, the Selesai report is the way on.
  if (parent && positions.data && targets.length === 0) return null;
  return (
    <section className="eo-box" data-testid="eo-dispose">
      <h3>{t('eoffice.dispose.title')}</h3>
      {from ? <p className="eo-small">{t('eoffice.detail.actingAs', { title: from.title })}</p> : null}
      {!open ? (
        <div className="eo-actions">
          <Button onClick={() => setOpen(true)} data-testid="eo-dispose-open">
            {t('eoffice.dispose.open')}
          </Button>
          {!parent ? (
            <Button
              variant="secondary"
              busy={busy}
              onClick={() => void post(`/letters/${letter.id}/file`, { positionId: fromId })}
              data-testid="eo-file"
            >
              {t('eoffice.dispose.fileOnly')}
            </Button>
          ) : null}
        </div>
      ) : (
        <>
          {positions.loading && !positions.data ? <Spinner label={t('eoffice.loading')} /> : null}
          {positions.data && targets.length === 0 ? (
            <p className="muted">{t('eoffice.dispose.noneBelow')}</p>
          ) : null}
          {targets.length ? (
            <fieldset className="eo-checks" data-testid="eo-dispose-to">
              <legend>{t('eoffice.dispose.to')}</legend>
              {targets.map((p) => (
                <label key={p.id} className="eo-check" data-title={p.title}>
                  <input
                    type="checkbox"
                    checked={to.includes(p.id)}
                    onChange={() => setTo((o) => toggle(o, p.id))}
                  />
                  <span>
                    {p.title}
                    {p.holders.length ? (
                      <span className="muted eo-small eo-block">
                        {p.holders.map((h) => h.name).join(', ')}
                      </span>
                    ) : null}
                  </span>
                </label>
              ))}
            </fieldset>
          ) : null}
          <fieldset className="eo-checks" data-testid="eo-dispose-instructions">
            <legend>{t('eoffice.dispose.instructions')}</legend>
            {dispositionInstructions.map((i) => (
              <label key={i} className="eo-check" data-instruction={i}>
                <input
                  type="checkbox"
                  checked={instructions.includes(i)}
                  onChange={() => setInstructions((o) => toggle(o, i))}
                />
                <span>{pick(dispositionInstructionLabels[i])}</span>
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor={`${uid}-note`}>{t('eoffice.dispose.note')}</label>
            <textarea
              id={`${uid}-note`}
              rows={2}
              value={note}
              maxLength={2000}
              onChange={(e) => setNote(e.target.value)}
              data-testid="eo-dispose-note"
            />
          </div>
          <div className="field">
            <label htmlFor={`${uid}-due`}>{t('eoffice.dispose.due')}</label>
            <input
              id={`${uid}-due`}
              type="date"
              min={todayIn(tz)}
              value={dueOn}
              onChange={(e) => setDueOn(e.target.value)}
              data-testid="eo-dispose-due"
            />
          </div>
          <div className="eo-actions">
            <Button
              busy={busy}
              disabled={to.length === 0}
              onClick={() => void send()}
              data-testid="eo-dispose-send"
            >
              {t('eoffice.dispose.send')}
            </Button>
            <Button variant="ghost" onClick={() => setOpen(false)}>
              {t('eoffice.cancel')}
            </Button>
          </div>
        </>
      )}
    </section>
  );
}

function Finish({ d, post, busy }: { d: DispositionView; post: Post; busy: boolean }) {
  const { t } = useLang();
  const f = useFormat();
  const uid = useId().replace(/:/g, '');
  const [note, setNote] = useState('');
  return (
    <section className="eo-box" data-testid="eo-finish">
      <h3>{t('eoffice.finish.title')}</h3>
      <p className="eo-small">
        {t('eoffice.finish.from', { from: d.fromPositionTitle, to: d.toPositionTitle })}
        {d.dueOn ? ` · ${t('eoffice.dueOn', { date: f.day(d.dueOn) })}` : ''}
      </p>
      <div className="field">
        <label htmlFor={`${uid}-n`}>{t('eoffice.finish.note')}</label>
        <textarea
          id={`${uid}-n`}
          rows={3}
          value={note}
          maxLength={2000}
          onChange={(e) => setNote(e.target.value)}
          data-testid="eo-finish-note"
        />
      </div>
      <Button
        busy={busy}
        disabled={!note.trim()}
        onClick={() => void post(`/dispositions/${d.id}/finish`, { note: note.trim() })}
        data-testid="eo-finish-send"
      >
        {t('eoffice.finish.send')}
      </Button>
    </section>
  );
}

/** The dispositions as a tree: each forwarded one under the one it came from. */
function Dispositions({ items, focus }: { items: DispositionView[]; focus: string | null }) {
  const { t } = useLang();
  if (items.length === 0) return null;
  const ids = new Set(items.map((d) => d.id));
  const roots = items.filter((d) => !d.parentId || !ids.has(d.parentId));
  const allDone = items.every((d) => d.state === 'done');
  return (
    <section
      aria-labelledby="eo-disp-title"
      data-testid="eo-dispositions"
      data-complete={allDone ? 'yes' : 'no'}
    >
      <h3 id="eo-disp-title">{t('eoffice.detail.dispositions')}</h3>
      <DispositionList items={items} nodes={roots} focus={focus} />
    </section>
  );
}

function DispositionList({
  items,
  nodes,
  focus,
}: {
  items: DispositionView[];
  nodes: DispositionView[];
  focus: string | null;
}) {
  const { t, pick } = useLang();
  const f = useFormat();
  const label = (i: string) =>
    i in dispositionInstructionLabels
      ? pick(dispositionInstructionLabels[i as keyof typeof dispositionInstructionLabels])
      : i;
  return (
    <ul className="eo-tree">
      {nodes
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
        .map((d) => {
          const children = items.filter((c) => c.parentId === d.id);
          return (
            <li
              key={d.id}
              className={`eo-disp eo-disp-${d.state}${d.overdue ? ' eo-disp-overdue' : ''}${d.id === focus ? ' eo-disp-focus' : ''}`}
              data-testid="eo-disposition"
              data-state={d.state}
              data-to={d.toPositionTitle}
            >
              <div className="eo-disp-card">
                <span className="eo-disp-head">
                  {d.fromPositionTitle} → <strong>{d.toPositionTitle}</strong>
                </span>
                {d.instructions.length ? (
                  <span className="eo-small">{d.instructions.map(label).join(' · ')}</span>
                ) : null}
                {d.note ? <span className="eo-comment">“{d.note}”</span> : null}
                <span className="eo-small eo-disp-meta">
                  <span>{f.dateTime(d.createdAt)}</span>
                  {d.dueOn ? (
                    <span className={d.overdue ? 'eo-due eo-due-over' : 'eo-due'}>
                      {t('eoffice.dueOn', { date: f.day(d.dueOn) })}
                      {d.overdue ? ` — ${t('eoffice.overdue')}` : ''}
                    </span>
                  ) : null}
                  <span className={d.readAt ? 'eo-read' : 'muted'}>
                    {d.readAt
                      ? t('eoffice.detail.readAt', { at: f.dateTime(d.readAt) })
                      : t('eoffice.detail.unread')}
                  </span>
                </span>
                {d.state === 'done' ? (
                  <span className="eo-disp-donenote" data-testid="eo-disposition-done">
                    ✓ {t('eoffice.finish.doneAt', { at: d.doneAt ? f.dateTime(d.doneAt) : '' })}
                    {d.doneNote ? <span className="eo-comment eo-block">“{d.doneNote}”</span> : null}
                  </span>
                ) : (
                  <span className="eo-badge eo-badge-run">{t('eoffice.finish.open')}</span>
                )}
              </div>
              {children.length ? <DispositionList items={items} nodes={children} focus={focus} /> : null}
            </li>
          );
        })}
    </ul>
  );
}
