import { sql } from 'drizzle-orm';
import type { AssignmentKind, LetterView } from '../../../shared/modules/eoffice';
import { rowsOf, type Tx } from '../../core/db/client';
import { checkPath, findDocument } from '../../core/documents/service';
import type { Viewer } from './access';
import { findLetter } from './letters';

const iso = (d: Date | string | null) => (d == null ? null : new Date(d).toISOString());

/**
 * One letter as the viewer sees it: its head, body, distribution (with agenda numbers and read
 * receipts), the review chain of the current round with every earlier comment, the disposition
 * tree, and what the viewer may do now. The caller checked the viewer may read it.
 */
export async function letterView(tx: Tx, v: Viewer, id: string, basePath: string): Promise<LetterView> {
  const l = await findLetter(tx, id);
  const [from] = rowsOf<{ title: string | null; opd_name: string }>(
    await tx.execute(sql`select p.title, o.name as opd_name from opd o
      left join eoffice_position p on p.region_id = o.region_id and p.id = ${l.fromPositionId}
      where o.id = ${l.opdId}`),
  );
  const recipients = rowsOf<{
    kind: 'to' | 'cc' | 'external';
    position_id: string | null;
    name: string;
    opd_name: string | null;
    agenda_number: string | null;
    read_at: string | null;
  }>(
    await tx.execute(sql`select r.kind, r.position_id, coalesce(p.title, r.external_name, '') as name,
        o.short_name as opd_name, r.agenda_number, r.read_at
      from eoffice_recipient r
      left join eoffice_position p on p.region_id = r.region_id and p.id = r.position_id
      left join opd o on o.region_id = p.region_id and o.id = p.opd_id
      where r.letter_id = ${id} order by r.kind desc, name`),
  );
  const reviews = rowsOf<{
    round: number;
    seq: number;
    position_id: string;
    title: string;
    role: 'paraf' | 'sign';
    state: 'waiting' | 'pending' | 'initialed' | 'returned' | 'signed';
    acted_by_name: string | null;
    acted_as: AssignmentKind | null;
    acted_at: string | null;
    comment: string | null;
  }>(
    await tx.execute(sql`select r.round, r.seq, r.position_id, p.title, r.role, r.state, r.acted_by_name, r.acted_as,
        r.acted_at, r.comment
      from eoffice_review r join eoffice_position p on p.region_id = r.region_id and p.id = r.position_id
      where r.letter_id = ${id} and (r.round = ${l.round} or r.state = 'returned' or r.comment is not null)
      order by r.round, r.seq`),
  );
  const dispositions = rowsOf<{
    id: string;
    parent_id: string | null;
    from_title: string;
    to_position_id: string;
    to_title: string;
    instructions: string[];
    note: string;
    due_on: string | null;
    state: 'open' | 'done';
    read_at: string | null;
    done_at: string | null;
    done_note: string | null;
    created_at: string;
  }>(
    await tx.execute(sql`select d.id, d.parent_id, f.title as from_title, d.to_position_id, t.title as to_title,
        d.instructions, d.note, d.due_on, d.state, d.read_at, d.done_at, d.done_note, d.created_at
      from eoffice_disposition d
      join eoffice_position f on f.region_id = d.region_id and f.id = d.from_position_id
      join eoffice_position t on t.region_id = d.region_id and t.id = d.to_position_id
      where d.letter_id = ${id} order by d.created_at, t.title`),
  );
  const attachments = l.attachmentIds.length
    ? rowsOf<{ id: string; bytes: number }>(
        await tx.execute(
          sql`select id, bytes from stored_file where id = any(${`{${l.attachmentIds.join(',')}}`}::uuid[])`,
        ),
      )
    : [];
  const doc = l.documentId ? await findDocument(tx, l.documentId) : null;
  const mine = new Set(v.held.map((h) => h.positionId));
  const current = reviews.filter((r) => r.round === l.round);
  const pending = l.status === 'review' ? current.find((r) => r.state === 'pending') : undefined;
  const received = recipients.find((r) => r.position_id && mine.has(r.position_id) && r.kind !== 'external');
  return {
    id: l.id,
    direction: l.direction,
    type: l.type,
    status: l.status,
    number: l.number,
    subject: l.subject,
    body: l.body,
    classificationCode: l.classificationCode,
    urgency: l.urgency,
    confidentiality: l.confidentiality,
    fromPositionId: l.fromPositionId,
    fromTitle: from?.title ?? l.senderName ?? '',
    fromOpdName: from?.opd_name ?? '',
    senderName: l.senderName,
    senderNumber: l.senderNumber,
    signerPositionId: l.signerPositionId,
    signedBy: l.signedByName,
    signedAs: l.signedAs,
    signedAt: iso(l.signedAt),
    createdAt: iso(l.createdAt)!,
    refersTo: l.refersToId
      ? await findLetter(tx, l.refersToId).then((r) => ({ id: r.id, number: r.number, subject: r.subject }))
      : null,
    recipients: recipients.map((r) => ({
      kind: r.kind,
      positionId: r.position_id,
      name: r.name,
      opdName: r.opd_name,
      agendaNumber: r.agenda_number,
      readAt: iso(r.read_at),
    })),
    reviews: reviews.map((r) => ({
      seq: r.seq + (r.round - 1) * 100,
      positionId: r.position_id,
      positionTitle: r.title,
      role: r.role,
      state: r.state,
      actedBy: r.acted_by_name,
      actedAs: r.acted_as,
      actedAt: iso(r.acted_at),
      comment: r.comment,
    })),
    attachments: attachments.map((a) => ({
      id: a.id,
      bytes: Number(a.bytes),
      url: `${basePath}/api/files/${a.id}`,
    })),
    pdfUrl: l.fileId ? `${basePath}/api/m/eoffice/letters/${l.id}/pdf` : null,
    checkUrl: doc ? `${basePath}${checkPath(doc.code)}` : null,
    dispositions: dispositions.map((d) => ({
      id: d.id,
      parentId: d.parent_id,
      fromPositionTitle: d.from_title,
      toPositionId: d.to_position_id,
      toPositionTitle: d.to_title,
      instructions: d.instructions,
      note: d.note,
      dueOn: d.due_on,
      state: d.state,
      overdue: d.state === 'open' && d.due_on != null && d.due_on < v.today,
      readAt: iso(d.read_at),
      doneAt: iso(d.done_at),
      doneNote: d.done_note,
      createdAt: iso(d.created_at)!,
    })),
    can: {
      edit: (l.status === 'draft' || l.status === 'returned') && mine.has(l.fromPositionId ?? ''),
      initial: pending?.role === 'paraf' && mine.has(pending.position_id) ? pending.position_id : null,
      sign: pending?.role === 'sign' && mine.has(pending.position_id) ? pending.position_id : null,
      dispose:
        (l.status === 'signed' || l.status === 'registered') && received?.position_id
          ? received.position_id
          : null,
    },
    archive: { state: l.archiveState, activeUntil: null, inactiveUntil: null },
  };
}
