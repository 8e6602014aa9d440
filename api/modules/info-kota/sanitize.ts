import type SanitizeHtml from 'sanitize-html';
import { lazyRequire } from '../../core/lazy';

// sanitize-html (with htmlparser2 and postcss) loads with the first article, not at start-up.
const sanitizeHtml = lazyRequire<typeof SanitizeHtml>('sanitize-html');

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** Our own uploads, as the upload route answers them (`/api/files/<id>`, maybe under `/r/<slug>`). */
const OWN_FILE = new RegExp(`^(?:/r/[a-z0-9-]+)?/api/files/(${UUID})$`, 'i');
const OWN_FILE_IN_HTML = new RegExp(`src="/api/files/(${UUID})"`, 'gi');
/** Video players we embed; anything else stays a link. */
const IFRAME_HOSTS = ['www.youtube.com', 'www.youtube-nocookie.com', 'player.vimeo.com'];
const IFRAME_SRC =
  /^https:\/\/(?:www\.youtube(?:-nocookie)?\.com\/embed\/[\w-]{6,20}|player\.vimeo\.com\/video\/\d{4,12})(?:\?[\w=&;-]*)?$/;

/**
 * The allow-list for article bodies (what the Tiptap editor can make): headings, paragraphs,
 * emphasis, lists, quotes, links (http, https, mailto or an app path; rel=noopener), images from
 * our own file pipeline with a caption and credit (figure/figcaption), and YouTube/Vimeo players.
 * No style, no class but two, no event handler, no other scheme (javascript:, data:, vbscript:).
 */
const options: SanitizeHtml.IOptions = {
  allowedTags: [
    'h2',
    'h3',
    'h4',
    'p',
    'br',
    'hr',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'sub',
    'sup',
    'code',
    'pre',
    'ul',
    'ol',
    'li',
    'blockquote',
    'a',
    'figure',
    'figcaption',
    'img',
    'span',
    'iframe',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'target'],
    img: ['src', 'alt', 'title', 'width', 'height', 'loading'],
    ol: ['start'],
    span: ['class'],
    figure: ['class'],
    iframe: ['src', 'title', 'allowfullscreen', 'width', 'height', 'loading', 'referrerpolicy', 'sandbox'],
  },
  allowedClasses: { span: ['credit'], figure: ['video'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: [], iframe: ['https'] },
  allowProtocolRelative: false,
  allowedIframeHostnames: IFRAME_HOSTS,
  allowIframeRelativeUrls: false,
  disallowedTagsMode: 'discard',
  // A heading 1 is the page's title: the body starts at level 2.
  transformTags: {
    h1: 'h2',
    h5: 'h4',
    h6: 'h4',
    a: (tagName, attribs): SanitizeHtml.Tag => {
      const href = attribs.href ?? '';
      const external = /^https?:/i.test(href);
      return {
        tagName,
        attribs: {
          ...(href ? { href } : {}),
          ...(attribs.title ? { title: attribs.title } : {}),
          ...(external ? { rel: 'noopener noreferrer nofollow', target: '_blank' } : {}),
        },
      };
    },
    img: (tagName, attribs): SanitizeHtml.Tag => {
      const own = OWN_FILE.exec(attribs.src ?? '');
      return {
        tagName,
        attribs: own
          ? {
              src: `/api/files/${own[1]!.toLowerCase()}`,
              alt: attribs.alt ?? '',
              ...(attribs.title ? { title: attribs.title } : {}),
              loading: 'lazy',
            }
          : {},
      };
    },
    iframe: (tagName, attribs): SanitizeHtml.Tag => ({
      tagName,
      attribs: IFRAME_SRC.test(attribs.src ?? '')
        ? {
            src: attribs.src!,
            title: attribs.title ?? 'Video',
            allowfullscreen: '',
            loading: 'lazy',
            referrerpolicy: 'strict-origin-when-cross-origin',
            sandbox: 'allow-scripts allow-same-origin allow-presentation allow-popups',
          }
        : {},
    }),
  },
  // Images that are not ours and players that are not allow-listed lose their src above: drop them.
  exclusiveFilter: (frame) => (frame.tag === 'img' || frame.tag === 'iframe') && !frame.attribs.src,
};

/** The stored form of an article body: sanitised against the allow-list above. */
export function sanitizeBody(html: string): string {
  return sanitizeHtml()(html, options).trim();
}

/** Our uploads an (already sanitised) body shows. */
export function bodyFileIds(html: string): string[] {
  return [...new Set([...html.matchAll(OWN_FILE_IN_HTML)].map((m) => m[1]!))];
}

/** Image paths for a region served under `/r/<slug>` (single-domain deployments). */
export function withBasePath(html: string, basePath: string): string {
  return basePath ? html.replaceAll('src="/api/files/', `src="${basePath}/api/files/`) : html;
}

/** Plain text of a body (feeds' descriptions, search previews). */
export function plainText(html: string): string {
  return sanitizeHtml()(html, { allowedTags: [], allowedAttributes: {} }).replace(/\s+/g, ' ').trim();
}
