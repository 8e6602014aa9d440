import '../strings';
import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useLang } from '../../../core/i18n';
import { EditorTool } from '../../../core/ui';

/**
 * The body of a letter: paragraphs, bold, italic, underline, bullet and numbered lists only —
 * what the API keeps (p, br, strong, em, u, ul, ol, li). Loaded lazily with the compose page.
 */
export default function Editor({
  value,
  onChange,
  labelledBy,
}: {
  value: string;
  onChange: (html: string) => void;
  labelledBy: string;
}) {
  const { t } = useLang();
  const editor = useEditor({
    extensions: [
      StarterKit.configure({
        heading: false,
        blockquote: false,
        code: false,
        codeBlock: false,
        horizontalRule: false,
        strike: false,
        link: false,
        dropcursor: false,
      }),
    ],
    content: value,
    editorProps: {
      attributes: {
        'aria-labelledby': labelledBy,
        'aria-multiline': 'true',
        role: 'textbox',
        'data-testid': 'eo-body-editor',
      },
    },
    onUpdate: ({ editor: e }) => onChange(e.isEmpty ? '' : e.getHTML()),
  });
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e?.isActive('bold') ?? false,
      italic: e?.isActive('italic') ?? false,
      underline: e?.isActive('underline') ?? false,
      bullet: e?.isActive('bulletList') ?? false,
      ordered: e?.isActive('orderedList') ?? false,
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
      testId={`eo-tool-${key}`}
    />
  );
  return (
    <div className="eo-rte">
      <div className="eo-rte-toolbar" role="toolbar" aria-label={t('eoffice.editor.toolbar')}>
        {tool('bold', t('eoffice.editor.bold'), () => chain().toggleBold().run(), 'B')}
        {tool('italic', t('eoffice.editor.italic'), () => chain().toggleItalic().run(), 'I')}
        {tool('underline', t('eoffice.editor.underline'), () => chain().toggleUnderline().run(), 'U')}
        {tool('bullet', t('eoffice.editor.bullet'), () => chain().toggleBulletList().run(), '•')}
        {tool('ordered', t('eoffice.editor.ordered'), () => chain().toggleOrderedList().run(), '1.')}
        <EditorTool label={t('eoffice.editor.undo')} text="↶" onRun={() => chain().undo().run()} />
        <EditorTool label={t('eoffice.editor.redo')} text="↷" onRun={() => chain().redo().run()} />
      </div>
      <EditorContent editor={editor} className="eo-rte-content" />
    </div>
  );
}
