import type { z } from 'zod';
import type {
  archiveItem,
  assignmentView,
  DispositionView,
  DraftInput,
  InboxItem,
  LetterView,
  myPositionsView,
  PositionView,
  retentionProposalView,
} from '../../../../shared/modules/eoffice';
import { apiUrl } from '../../core/api';

export type { DispositionView, DraftInput, InboxItem, LetterView, PositionView };
export type MyPosition = z.infer<typeof myPositionsView>[number];
export type Assignment = z.infer<typeof assignmentView>;
export type ArchiveItem = z.infer<typeof archiveItem>;
export type RetentionProposal = z.infer<typeof retentionProposalView>;
export type Classification = {
  code: string;
  name: string;
  activeYears: number;
  inactiveYears: number;
  final: string;
};
export type RetentionDue = { due: { action: 'inaktif' | 'musnah' | 'permanen'; letters: ArchiveItem[] }[] };
export type Summary = {
  lettersInToday: number;
  dispositionsOpen: number;
  dispositionsOverdue: number;
  overdueByOpd: { opdName: string; count: number }[];
  avgFinishHours: number | null;
  signedToday: number;
};
export type Opd = { id: string; code: string; name: string };
export type Box = 'todo' | 'sent' | 'drafts' | 'done';
export const boxes: readonly Box[] = ['todo', 'sent', 'drafts', 'done'];

export const BASE = '/m/eoffice';
export const MODULE_PATH = '/staf/m/eoffice';
/** A stored file (a scan, an attachment), opened in a new tab; the API checks who may read it. */
export const fileUrl = (id: string) => apiUrl(`/files/${id}`);
/** An absolute link to an API path (the signed PDF, the agenda books). */
export const apiLink = (path: string) => apiUrl(`${BASE}${path}`);

/** A query string from the filled-in values only. */
export function query(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Positions grouped by OPD, OPDs by name, positions by rank then title. */
export function byOpd(
  positions: PositionView[],
): { opdCode: string; opdName: string; positions: PositionView[] }[] {
  const groups = new Map<string, { opdCode: string; opdName: string; positions: PositionView[] }>();
  for (const p of positions) {
    const g = groups.get(p.opdCode) ?? { opdCode: p.opdCode, opdName: p.opdName, positions: [] };
    g.positions.push(p);
    groups.set(p.opdCode, g);
  }
  const rank = (p: PositionView) => levelRank[p.level] ?? 9;
  return [...groups.values()]
    .sort((a, b) => a.opdName.localeCompare(b.opdName))
    .map((g) => ({
      ...g,
      positions: g.positions.sort((a, b) => rank(a) - rank(b) || a.title.localeCompare(b.title)),
    }));
}

const levelRank: Record<string, number> = {
  kepala: 0,
  sekretaris: 1,
  kabid: 2,
  kasubag: 3,
  kasi: 4,
  staf: 5,
};

/** Every position under `rootId` (children, grandchildren…), from a list of one OPD or more. */
export function below(positions: PositionView[], rootId: string): PositionView[] {
  const out: PositionView[] = [];
  const walk = (id: string) => {
    for (const p of positions)
      if (p.parentId === id && p.active) {
        out.push(p);
        walk(p.id);
      }
  };
  walk(rootId);
  return out;
}
