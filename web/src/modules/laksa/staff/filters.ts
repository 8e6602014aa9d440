import {
  type InboxQuery,
  type inboxQueues,
  type ReportStatus,
  reportStatuses,
} from '../../../../../shared/modules/laksa';

export type Queue = (typeof inboxQueues)[number];

/** Inbox filters as kept in the page URL (so back/forward, reload and sharing keep them). */
export interface Filters {
  queue: Queue;
  status: ReportStatus[];
  categoryId: string;
  opdId: string;
  kecamatan: string;
  overdue: '' | 'true' | 'false';
  from: string;
  to: string;
  q: string;
}

export const emptyFilters = (queue: Queue): Filters => ({
  queue,
  status: [],
  categoryId: '',
  opdId: '',
  kecamatan: '',
  overdue: '',
  from: '',
  to: '',
  q: '',
});

/** Queues this user may open, from their permissions (the API checks again). */
export function queuesFor(can: (p: string) => boolean): Queue[] {
  const out: Queue[] = [];
  if (can('laksa:verify')) out.push('verification');
  if (can('laksa:handle')) out.push('opd');
  if (can('laksa:police')) out.push('police');
  out.push('all');
  return out;
}

export function parseFilters(search: string, queues: Queue[]): Filters {
  const p = new URLSearchParams(search);
  const q = p.get('queue') as Queue | null;
  const queue = q && queues.includes(q) ? q : (queues[0] ?? 'all');
  const overdue = p.get('overdue');
  const date = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : '');
  return {
    queue,
    status: (p.get('status') ?? '')
      .split(',')
      .filter((s): s is ReportStatus => (reportStatuses as readonly string[]).includes(s)),
    categoryId: p.get('categoryId') ?? '',
    opdId: p.get('opdId') ?? '',
    kecamatan: p.get('kecamatan') ?? '',
    overdue: overdue === 'true' || overdue === 'false' ? overdue : '',
    from: date(p.get('from')),
    to: date(p.get('to')),
    q: p.get('q') ?? '',
  };
}

/** The filters as a query string for the inbox, its map and its exports (empty values left out). */
export function filterQuery(f: Filters): string {
  const p = new URLSearchParams();
  const add = (k: keyof InboxQuery, v: string) => {
    if (v) p.set(k, v);
  };
  add('queue', f.queue);
  add('status', f.status.join(','));
  add('categoryId', f.categoryId);
  add('opdId', f.opdId);
  add('kecamatan', f.kecamatan);
  add('overdue', f.overdue);
  add('from', f.from);
  add('to', f.to);
  // The API searches from two characters on.
  if (f.q.trim().length >= 2) p.set('q', f.q.trim());
  return p.toString();
}

export const hasExtraFilters = (f: Filters) =>
  f.status.length > 0 || !!(f.categoryId || f.opdId || f.kecamatan || f.overdue || f.from || f.to || f.q);

const INBOX_KEY = 'simpul.laksa.inbox';
/** The last inbox URL (with its filters), for the detail page's back link. */
export function rememberInbox(search: string) {
  try {
    sessionStorage.setItem(INBOX_KEY, search);
  } catch {
    /* storage unavailable */
  }
}
export function lastInbox(): string {
  try {
    const s = sessionStorage.getItem(INBOX_KEY);
    return s ? `/?${s}` : '/';
  } catch {
    return '/';
  }
}
