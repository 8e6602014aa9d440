import '../strings';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import { articleInput, articleUpdateInput } from '../../../../../shared/modules/info-kota';
import { api, errorMessage } from '../../../core/api';
import { appPath } from '../../../core/base';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { Alert, Button, Card, Field, SelectField, Spinner, TextAreaField, useToast } from '../../../core/ui';
import { Form, useSubmit } from '../../../core/ui/admin';
import { useFormat } from '../../../core/useFormat';
import {
  type ArticleCategory,
  articleCategories,
  BASE,
  type DeskArticleDetail,
  type DeskArticleView,
  type DeskMeView,
  MODULE_PATH,
} from '../api';
import { StatusBadge } from './Queue';
import { uploadImage } from './upload';

const RichText = lazy(() => import('./RichText'));

type Draft = {
  title: string;
  slug: string;
  summary: string;
  bodyHtml: string;
  category: ArticleCategory;
  tags: string;
  opdId: string;
  coverFileId: string | null;
  coverUrl: string | null;
  coverCaption: string;
  seoTitle: string;
  seoDescription: string;
};

const blank = (desk: DeskMeView): Draft => ({
  title: '',
  slug: '',
  summary: '',
  bodyHtml: '',
  category: 'pemerintahan',
  tags: '',
  opdId: desk.editor ? '' : (desk.opds[0]?.id ?? ''),
  coverFileId: null,
  coverUrl: null,
  coverCaption: '',
  seoTitle: '',
  seoDescription: '',
});

const toDraft = (a: DeskArticleView): Draft => ({
  title: a.title,
  slug: a.slug,
  summary: a.summary,
  bodyHtml: a.bodyHtml,
  category: a.category,
  tags: a.tags.join(', '),
  opdId: a.opdId ?? '',
  coverFileId: a.coverFileId,
  coverUrl: a.coverUrl,
  coverCaption: a.coverCaption ?? '',
  seoTitle: a.seoTitle ?? '',
  seoDescription: a.seoDescription ?? '',
});

/** What the API takes from the form (empty optional fields as null). */
function payload(d: Draft, isNew: boolean) {
  const opt = (s: string) => (s.trim() === '' ? null : s.trim());
  return {
    title: d.title.trim(),
    ...(d.slug.trim() || !isNew ? { slug: d.slug.trim() || undefined } : {}),
    summary: d.summary.trim(),
    bodyHtml: d.bodyHtml,
    category: d.category,
    tags: d.tags
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
    opdId: d.opdId || null,
    coverFileId: d.coverFileId,
    coverCaption: opt(d.coverCaption),
    seoTitle: opt(d.seoTitle),
    seoDescription: opt(d.seoDescription),
  };
}

/** `YYYY-MM-DDTHH:mm` in the region's zone for a time one hour from now (the schedule field's start). */
function inAnHour(zone: string): string {
  const offset = { WIB: 7, WITA: 8, WIT: 9 }[zone] ?? 7;
  return new Date(Date.now() + (offset + 1) * 3_600_000).toISOString().slice(0, 16);
}

function Revisions({ a }: { a: DeskArticleDetail }) {
  const { t } = useLang();
  const format = useFormat();
  return (
    <Card title={t('infoKota.editor.revisions')} headingLevel={2}>
      {a.revisions.length === 0 ? <p className="muted">{t('infoKota.editor.noRevisions')}</p> : null}
      <ol className="ik-revisions" data-testid="ik-revisions">
        {a.revisions.map((r) => (
          <li key={`${r.at}-${r.action}`}>
            <strong>{r.actorName}</strong> {t(`infoKota.action.${r.action}`)}
            {r.action === 'edited' && r.fields.length
              ? ` (${r.fields.map((f) => t(`infoKota.editor.${f === 'bodyHtml' ? 'body' : f}`)).join(', ')})`
              : ''}
            <br />
            <span className="muted">
              <time dateTime={r.at}>{format.dateTime(r.at)}</time> · v{r.version}
            </span>
            {r.note ? <p className="ik-note">{r.note}</p> : null}
          </li>
        ))}
      </ol>
    </Card>
  );
}

/** Writing and reviewing one article: fields, the rich-text body, the workflow actions, its history. */
export default function ArticleEditor({ desk, id }: { desk: DeskMeView; id: string | null }) {
  const { t } = useLang();
  const toast = useToast();
  const [, navigate] = useLocation();
  const loaded = useApi<DeskArticleDetail>(id ? `${BASE}/desk/articles/${id}` : null);
  const [article, setArticle] = useState<DeskArticleDetail | null>(null);
  const [draft, setDraft] = useState<Draft>(() => blank(desk));
  const [dirty, setDirty] = useState(false);
  const [publishAt, setPublishAt] = useState(() => inAnHour(desk.timeZone));
  const [note, setNote] = useState('');
  const [coverBusy, setCoverBusy] = useState(false);
  const [coverError, setCoverError] = useState<string | null>(null);
  const form = useSubmit();
  const act = useSubmit();

  useEffect(() => {
    if (loaded.data) {
      setArticle(loaded.data);
      setDraft(toDraft(loaded.data));
      setDirty(false);
    }
  }, [loaded.data]);

  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setDraft((d) => ({ ...d, [k]: v }));
    setDirty(true);
  };
  const text = (
    k: 'title' | 'slug' | 'summary' | 'tags' | 'coverCaption' | 'seoTitle' | 'seoDescription',
  ) => ({
    value: draft[k],
    onChange: (e: { target: { value: string } }) => set(k, e.target.value),
    error: form.errors[k],
  });
  const can = article?.can ?? { edit: true, submit: false, return: false, publish: false, archive: false };
  const readOnly = !can.edit;

  async function reload(a?: DeskArticleView) {
    const fresh = await api<DeskArticleDetail>(`${BASE}/desk/articles/${a?.id ?? article?.id}`, {
      fresh: true,
    });
    setArticle(fresh);
    setDraft(toDraft(fresh));
    setDirty(false);
  }

  /** Saves the form; returns the saved article (creating it the first time). */
  async function save(): Promise<DeskArticleView | null> {
    let saved: DeskArticleView | null = null;
    const isNew = !article;
    const body = isNew ? payload(draft, true) : { ...payload(draft, false), version: article.version };
    await form.submit(isNew ? articleInput : articleUpdateInput, body, async (data) => {
      saved = isNew
        ? await api<DeskArticleView>(`${BASE}/desk/articles`, { method: 'POST', body: data })
        : await api<DeskArticleView>(`${BASE}/desk/articles/${article.id}`, { method: 'PATCH', body: data });
    });
    if (!saved) return null;
    const s = saved as DeskArticleView;
    toast(t('infoKota.editor.saved'));
    if (isNew) navigate(`/berita/${s.id}`, { replace: true });
    else await reload(s);
    return s;
  }

  async function run(action: string, body: unknown, done: string) {
    await act.submit(null, null, async () => {
      let target = article;
      if (dirty && can.edit) {
        const s = await save();
        if (!s) return;
        target = { ...(article as DeskArticleDetail), ...s };
      }
      if (!target) return;
      const res = await api<DeskArticleView>(`${BASE}/desk/articles/${target.id}/${action}`, {
        method: 'POST',
        body,
      });
      toast(done);
      await reload(res);
    });
  }

  async function chooseCover(file: File | undefined) {
    if (!file) return;
    setCoverBusy(true);
    setCoverError(null);
    try {
      const up = await uploadImage(file);
      setDraft((d) => ({ ...d, coverFileId: up.id, coverUrl: up.url }));
      setDirty(true);
    } catch (err) {
      setCoverError(errorMessage(err));
    } finally {
      setCoverBusy(false);
    }
  }

  if (id && loaded.loading && !article) return <Spinner label={t('common.loading')} />;
  if (id && loaded.error && !article) return <Alert>{loaded.error}</Alert>;

  return (
    <div className="ik-editor-grid">
      <Card title={article ? t('infoKota.editor.editTitle') : t('infoKota.editor.newTitle')}>
        {article ? (
          <p className="muted" data-testid="ik-editor-state">
            <StatusBadge status={article.status} />{' '}
            {t('infoKota.editor.stateLine', { version: article.version })} ·{' '}
            {t('infoKota.editor.by', { name: article.authorName })}
          </p>
        ) : null}
        {article?.reviewNote && article.status === 'draft' ? (
          <p className="ik-note" data-testid="ik-review-note">
            {t('infoKota.staff.returnedNote', { note: article.reviewNote })}
          </p>
        ) : null}
        <Form onSubmit={save} error={form.formError} aria-label={t('infoKota.editor.editTitle')}>
          <fieldset disabled={readOnly} className="ik-fieldset">
            <Field label={t('infoKota.editor.title')} {...text('title')} required data-testid="ik-title" />
            <TextAreaField
              label={t('infoKota.editor.summary')}
              hint={t('infoKota.editor.summaryHint')}
              rows={2}
              {...text('summary')}
              data-testid="ik-summary"
            />
            <div className="field">
              <span id="ik-body-label" className="ik-body-label">
                {t('infoKota.editor.body')}
              </span>
              {readOnly ? (
                <div
                  className="ik-body ik-rte"
                  // biome-ignore lint/security/noDangerouslySetInnerHtml: the stored body was sanitised by the server (sanitize.ts)
                  dangerouslySetInnerHTML={{ __html: draft.bodyHtml }}
                />
              ) : (
                <Suspense fallback={<Spinner label={t('infoKota.editor.loading')} />}>
                  <RichText
                    key={article?.id ?? 'new'}
                    value={draft.bodyHtml}
                    onChange={(html) => set('bodyHtml', html)}
                    labelledBy="ik-body-label"
                  />
                </Suspense>
              )}
              {form.errors.bodyHtml ? <p className="field-error">{form.errors.bodyHtml}</p> : null}
            </div>
            <div className="ik-form-row">
              <SelectField
                label={t('infoKota.editor.category')}
                value={draft.category}
                onChange={(e) => set('category', e.target.value as ArticleCategory)}
                options={articleCategories.map((c) => ({ value: c, label: t(`infoKota.category.${c}`) }))}
                data-testid="ik-category"
              />
              <SelectField
                label={t('infoKota.editor.opd')}
                value={draft.opdId}
                onChange={(e) => set('opdId', e.target.value)}
                options={[
                  ...(desk.editor ? [{ value: '', label: '—' }] : []),
                  ...desk.opds.map((o) => ({ value: o.id, label: o.name })),
                ]}
              />
            </div>
            <Field label={t('infoKota.editor.tags')} {...text('tags')} />
            <div className="field">
              <label htmlFor="ik-cover">{t('infoKota.editor.cover')}</label>
              {draft.coverUrl ? <img className="ik-cover-preview" src={draft.coverUrl} alt="" /> : null}
              <input
                id="ik-cover"
                type="file"
                accept="image/*"
                onChange={(e) => void chooseCover(e.target.files?.[0])}
                aria-describedby={coverError ? 'ik-cover-error' : undefined}
              />
              {coverBusy ? <span className="muted">{t('infoKota.editor.uploading')}</span> : null}
              {coverError ? (
                <p id="ik-cover-error" className="field-error">
                  {coverError}
                </p>
              ) : null}
              {draft.coverUrl ? (
                <Button
                  small
                  variant="ghost"
                  onClick={() => {
                    setDraft((d) => ({ ...d, coverFileId: null, coverUrl: null }));
                    setDirty(true);
                  }}
                >
                  {t('infoKota.editor.coverRemove')}
                </Button>
              ) : null}
            </div>
            {draft.coverUrl ? (
              <Field label={t('infoKota.editor.coverCaption')} {...text('coverCaption')} />
            ) : null}
            <details>
              <summary>{t('infoKota.editor.seo')}</summary>
              <Field
                label={t('infoKota.editor.slug')}
                hint={t('infoKota.editor.slugHint')}
                {...text('slug')}
                disabled={!!article?.publishedAt}
              />
              <Field label={t('infoKota.editor.seoTitle')} maxLength={70} {...text('seoTitle')} />
              <TextAreaField
                label={t('infoKota.editor.seoDescription')}
                maxLength={160}
                rows={2}
                {...text('seoDescription')}
              />
            </details>
            {!readOnly ? (
              <div className="row">
                <Button type="submit" busy={form.busy} variant="secondary" data-testid="ik-save">
                  {t('infoKota.editor.save')}
                </Button>
              </div>
            ) : null}
          </fieldset>
        </Form>
      </Card>

      <div className="ik-editor-side">
        {article ? (
          <Card title={t('infoKota.staff.colStatus')}>
            {act.formError ? <Alert>{act.formError}</Alert> : null}
            {can.submit ? (
              <Button
                onClick={() => run('submit', {}, t('infoKota.editor.submitted'))}
                busy={act.busy}
                data-testid="ik-submit"
              >
                {t('infoKota.editor.submit')}
              </Button>
            ) : null}
            {can.publish ? (
              <div className="form">
                <Button
                  onClick={() => run('publish', {}, t('infoKota.editor.published'))}
                  busy={act.busy}
                  data-testid="ik-publish"
                >
                  {t('infoKota.editor.publishNow')}
                </Button>
                <Field
                  type="datetime-local"
                  label={t('infoKota.editor.publishAt', { zone: desk.timeZone })}
                  hint={t('infoKota.editor.publishAtHint')}
                  value={publishAt}
                  onChange={(e) => setPublishAt(e.target.value)}
                  data-testid="ik-publish-at"
                />
                <Button
                  variant="secondary"
                  onClick={() => run('publish', { publishAt }, t('infoKota.editor.scheduled'))}
                  busy={act.busy}
                  disabled={!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(publishAt)}
                  data-testid="ik-schedule"
                >
                  {t('infoKota.editor.schedule')}
                </Button>
              </div>
            ) : null}
            {can.return ? (
              <div className="form">
                <TextAreaField
                  label={t('infoKota.editor.returnNote')}
                  rows={3}
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                />
                <Button
                  variant="secondary"
                  disabled={note.trim().length < 3}
                  onClick={() => run('return', { note }, t('infoKota.editor.returned'))}
                  busy={act.busy}
                  data-testid="ik-return"
                >
                  {t('infoKota.editor.return')}
                </Button>
              </div>
            ) : null}
            {article.status === 'published' ? (
              <a href={appPath(`${MODULE_PATH}/berita/${article.slug}`)} data-testid="ik-view-public">
                {t('infoKota.editor.view')}
              </a>
            ) : null}
            {can.archive ? (
              <Button
                variant="danger"
                small
                onClick={() => {
                  if (window.confirm(t('infoKota.editor.archiveConfirm')))
                    void run('archive', {}, t('infoKota.editor.archived'));
                }}
              >
                {t('infoKota.editor.archive')}
              </Button>
            ) : null}
          </Card>
        ) : null}
        {article ? <Revisions a={article} /> : null}
      </div>
    </div>
  );
}
