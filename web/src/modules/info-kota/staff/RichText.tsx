import '../strings';
import { EditorContent, mergeAttributes, Node, useEditor, useEditorState } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../../core/api';
import { useLang } from '../../../core/i18n';
import { Alert, Button, EditorTool } from '../../../core/ui';
import { uploadImage } from './upload';

/**
 * An image with its caption and photo credit, stored as
 * `<figure><img src alt><figcaption>caption <span class="credit">credit</span></figcaption></figure>`
 * (what the server's allow-list keeps: api/modules/info-kota/sanitize.ts).
 */
const Figure = Node.create({
  name: 'figure',
  group: 'block',
  atom: true,
  draggable: true,
  addAttributes() {
    return {
      src: { default: null },
      alt: { default: '' },
      caption: { default: '' },
      credit: { default: '' },
    };
  },
  parseHTML() {
    return [
      {
        tag: 'figure',
        getAttrs: (el) => {
          const img = (el as HTMLElement).querySelector('img');
          if (!img) return false;
          const cap = (el as HTMLElement).querySelector('figcaption');
          const credit = cap?.querySelector('.credit')?.textContent ?? '';
          const caption = (cap?.textContent ?? '').replace(credit, '').trim();
          return { src: img.getAttribute('src'), alt: img.getAttribute('alt') ?? '', caption, credit };
        },
      },
      {
        tag: 'img[src]',
        getAttrs: (el) => ({
          src: (el as HTMLElement).getAttribute('src'),
          alt: (el as HTMLElement).getAttribute('alt') ?? '',
        }),
      },
    ];
  },
  renderHTML({ node, HTMLAttributes }) {
    const { src, alt, caption, credit } = node.attrs as Record<string, string>;
    const img = ['img', mergeAttributes({ src, alt })] as const;
    if (!caption && !credit) return ['figure', mergeAttributes(HTMLAttributes, {}), img];
    const cap = credit
      ? ['figcaption', {}, caption ?? '', ['span', { class: 'credit' }, credit]]
      : ['figcaption', {}, caption];
    return ['figure', {}, img, cap];
  },
});

const VIDEO = /^https:\/\/(www\.)?(youtube\.com\/watch\?v=[\w-]+|youtu\.be\/[\w-]+|vimeo\.com\/\d+)/;

function ImageDialog({
  onInsert,
  onClose,
}: {
  onInsert: (a: Record<string, string>) => void;
  onClose: () => void;
}) {
  const { t } = useLang();
  const [file, setFile] = useState<File | null>(null);
  const [alt, setAlt] = useState('');
  const [caption, setCaption] = useState('');
  const [credit, setCredit] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  async function insert() {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const up = await uploadImage(file);
      onInsert({ src: up.url, alt, caption, credit });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <fieldset
      className="ik-rte-dialog ik-group"
      onKeyDown={(e) => {
        // Enter inserts the image here instead of submitting the article form around the editor.
        if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') {
          e.preventDefault();
          void insert();
        }
        if (e.key === 'Escape') onClose();
      }}
    >
      <legend className="sr-only">{t('infoKota.editor.imageInsert')}</legend>
      <label htmlFor="ik-img-file">{t('infoKota.editor.image')}</label>
      <input
        ref={first}
        id="ik-img-file"
        type="file"
        accept="image/*"
        onChange={(e) => setFile(e.target.files?.[0] ?? null)}
      />
      <label htmlFor="ik-img-alt">{t('infoKota.editor.imageAlt')}</label>
      <input id="ik-img-alt" value={alt} onChange={(e) => setAlt(e.target.value)} />
      <label htmlFor="ik-img-caption">{t('infoKota.editor.imageCaption')}</label>
      <input id="ik-img-caption" value={caption} onChange={(e) => setCaption(e.target.value)} />
      <label htmlFor="ik-img-credit">{t('infoKota.editor.imageCredit')}</label>
      <input id="ik-img-credit" value={credit} onChange={(e) => setCredit(e.target.value)} />
      {error ? <Alert>{error}</Alert> : null}
      <div className="row">
        <Button small onClick={insert} busy={busy} disabled={!file}>
          {t('infoKota.editor.imageInsert')}
        </Button>
        <Button small variant="ghost" onClick={onClose}>
          {t('common.cancel')}
        </Button>
      </div>
    </fieldset>
  );
}

/** The Tiptap editor of an article body (loaded lazily, in the staff console only). */
export default function RichText({
  value,
  onChange,
  labelledBy,
}: {
  value: string;
  onChange: (html: string) => void;
  labelledBy: string;
}) {
  const { t } = useLang();
  const [imageOpen, setImageOpen] = useState(false);
  const editor = useEditor({
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3, 4] },
        code: false,
        codeBlock: false,
        link: {
          openOnClick: false,
          autolink: true,
          protocols: ['mailto'],
          HTMLAttributes: { rel: 'noopener noreferrer', target: null },
        },
      }),
      Figure,
    ],
    content: value,
    editorProps: {
      attributes: {
        'aria-labelledby': labelledBy,
        'aria-multiline': 'true',
        role: 'textbox',
        'data-testid': 'ik-rte',
      },
    },
    onUpdate: ({ editor: e }) => onChange(e.getHTML()),
  });
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e?.isActive('bold') ?? false,
      italic: e?.isActive('italic') ?? false,
      h2: e?.isActive('heading', { level: 2 }) ?? false,
      h3: e?.isActive('heading', { level: 3 }) ?? false,
      bullet: e?.isActive('bulletList') ?? false,
      ordered: e?.isActive('orderedList') ?? false,
      quote: e?.isActive('blockquote') ?? false,
      link: e?.isActive('link') ?? false,
    }),
  });
  if (!editor) return null;
  const chain = () => editor.chain().focus();
  const tool = (key: keyof NonNullable<typeof state>, label: string, run: () => void, text: string) => (
    <EditorTool
      label={label}
      text={text}
      onRun={run}
      pressed={state?.[key] ?? false}
      testId={`ik-tool-${key}`}
    />
  );
  function link() {
    const previous = editor?.getAttributes('link').href as string | undefined;
    const url = window.prompt(t('infoKota.editor.linkPrompt'), previous ?? 'https://');
    if (url === null) return;
    if (url === '' || url === 'https://') chain().extendMarkRange('link').unsetLink().run();
    else chain().extendMarkRange('link').setLink({ href: url }).run();
  }
  function video() {
    const url = window.prompt(t('infoKota.editor.videoPrompt'), 'https://');
    if (!url || !VIDEO.test(url)) return;
    chain()
      .insertContent(
        `<p><a href="${encodeURI(url)}">▶ ${t('infoKota.editor.video')}: ${encodeURI(url)}</a></p>`,
      )
      .run();
  }
  return (
    <div className="ik-rte">
      <div className="ik-rte-toolbar" role="toolbar" aria-label={t('infoKota.editor.toolbar')}>
        {tool('bold', t('infoKota.editor.bold'), () => chain().toggleBold().run(), 'B')}
        {tool('italic', t('infoKota.editor.italic'), () => chain().toggleItalic().run(), 'I')}
        {tool('h2', t('infoKota.editor.h2'), () => chain().toggleHeading({ level: 2 }).run(), 'H2')}
        {tool('h3', t('infoKota.editor.h3'), () => chain().toggleHeading({ level: 3 }).run(), 'H3')}
        {tool('bullet', t('infoKota.editor.bullet'), () => chain().toggleBulletList().run(), '•')}
        {tool('ordered', t('infoKota.editor.ordered'), () => chain().toggleOrderedList().run(), '1.')}
        {tool('quote', t('infoKota.editor.quote'), () => chain().toggleBlockquote().run(), '❝')}
        {tool('link', t('infoKota.editor.link'), link, t('infoKota.editor.link'))}
        <button type="button" onClick={() => setImageOpen(true)} data-testid="ik-tool-image">
          {t('infoKota.editor.image')}
        </button>
        <button type="button" onClick={video}>
          {t('infoKota.editor.video')}
        </button>
        <EditorTool label={t('infoKota.editor.undo')} text="↶" onRun={() => chain().undo().run()} />
        <EditorTool label={t('infoKota.editor.redo')} text="↷" onRun={() => chain().redo().run()} />
      </div>
      {imageOpen ? (
        <ImageDialog
          onClose={() => setImageOpen(false)}
          onInsert={(attrs) => {
            chain().insertContent({ type: 'figure', attrs }).run();
            setImageOpen(false);
          }}
        />
      ) : null}
      <EditorContent editor={editor} className="ik-rte-content" />
    </div>
  );
}
