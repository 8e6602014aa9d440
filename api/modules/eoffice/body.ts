import type SanitizeHtml from 'sanitize-html';
import { lazyRequire } from '../../core/lazy';

// sanitize-html (with htmlparser2 and postcss) loads with the first letter body, not at start-up.
const sanitizeHtml = lazyRequire<typeof SanitizeHtml>('sanitize-html');

/**
 * A letter body is what the editor writes (Tiptap): paragraphs, lists, bold, italic, underline and
 * line breaks. Anything else is dropped here, on the server, so what is stored, signed and shown
 * is exactly this small language, which the PDF renderer below can draw.
 */
const options: SanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'b', 'em', 'i', 'u', 'ul', 'ol', 'li'],
  allowedAttributes: {},
  transformTags: { b: 'strong', i: 'em' },
  exclusiveFilter: (frame) => frame.tag === 'p' && !frame.text.trim() && !frame.mediaChildren.length,
};

export const sanitizeBody = (html: string) => sanitizeHtml()(html, options).trim();

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };
const decode = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|#39|nbsp|#(\d+));/g, (_, name: string, code?: string) =>
    code ? String.fromCodePoint(Number(code)) : (ENTITIES[name] ?? ''),
  );

/** Plain text of a sanitised body: for search, snippets and the notification. */
export const bodyText = (html: string) =>
  decode(html.replace(/<\/(p|li)>|<br\s*\/?>/g, '\n').replace(/<[^>]+>/g, ''))
    .replace(/\n{2,}/g, '\n')
    .trim();

export type Run = { text: string; bold: boolean; italic: boolean; underline: boolean };
export type Block = { kind: 'p' | 'bullet' | 'number'; index: number; depth: number; runs: Run[] };

/**
 * The blocks of a sanitised body, for the PDF. Reads only the tags `sanitizeBody` keeps, which it
 * writes well-formed and without attributes, so a tokenizer is enough.
 */
export function bodyBlocks(html: string): Block[] {
  const blocks: Block[] = [];
  const lists: { kind: 'bullet' | 'number'; n: number }[] = [];
  const marks = { bold: 0, italic: 0, underline: 0 };
  let current: Block | null = null;
  const open = (kind: Block['kind']) => {
    const list = lists.at(-1);
    current = { kind, index: list ? list.n : 0, depth: Math.max(0, lists.length - 1), runs: [] };
    blocks.push(current);
  };
  for (const m of html.matchAll(/<(\/?)(p|br|strong|em|u|ul|ol|li)\s*\/?>|([^<]+)/g)) {
    const [, close, tag, txt] = m;
    if (txt !== undefined) {
      if (!current) open('p');
      (current as unknown as Block).runs.push({
        text: decode(txt),
        bold: marks.bold > 0,
        italic: marks.italic > 0,
        underline: marks.underline > 0,
      });
      continue;
    }
    const closing = close === '/';
    switch (tag) {
      case 'p':
        if (closing) current = null;
        else if (!lists.length || !current) open(lists.length ? lists.at(-1)!.kind : 'p');
        break;
      case 'br':
        (current as Block | null)?.runs.push({ text: '\n', bold: false, italic: false, underline: false });
        break;
      case 'strong':
        marks.bold += closing ? -1 : 1;
        break;
      case 'em':
        marks.italic += closing ? -1 : 1;
        break;
      case 'u':
        marks.underline += closing ? -1 : 1;
        break;
      case 'ul':
      case 'ol':
        if (closing) lists.pop();
        else lists.push({ kind: tag === 'ul' ? 'bullet' : 'number', n: 0 });
        current = null;
        break;
      case 'li':
        if (closing) current = null;
        else {
          const list = lists.at(-1);
          if (list) list.n++;
          open(list?.kind ?? 'bullet');
        }
        break;
    }
  }
  return blocks.filter((b) => b.runs.some((r) => r.text.trim()));
}
