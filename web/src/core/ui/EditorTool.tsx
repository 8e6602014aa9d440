import type { ReactNode } from 'react';

/**
 * A rich-text editor's toolbar button (Tiptap). It never takes the focus: the editor keeps its
 * caret while a mark or list is toggled, where a focused button would swallow the next keystrokes
 * until Tiptap's deferred refocus. The visible text is part of the accessible name
 * (axe: label-content-name-mismatch), so the label is only added when it says more.
 */
export function EditorTool(props: {
  label: string;
  text: ReactNode;
  onRun: () => void;
  pressed?: boolean;
  testId?: string;
}) {
  const { label, text, onRun, pressed, testId } = props;
  return (
    <button
      type="button"
      aria-pressed={pressed}
      aria-label={typeof text === 'string' && text !== label ? `${text} ${label}` : undefined}
      title={label}
      onMouseDown={(e) => e.preventDefault()}
      onClick={onRun}
      data-testid={testId}
    >
      {text}
    </button>
  );
}
