import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import { eofficeSettings } from '../../../shared/modules/eoffice';
import { todayInRegion } from '../../core/calendar/region-calendar';
import { rowsOf } from '../../core/db/client';
import { emitEvent } from '../../core/events/emit';
import { moduleSettingsIn } from '../../core/modules/settings';
import type { ScheduledTask } from '../../core/modules/types';
import { notifyPositions } from './notify';
import { eofficeRecipient } from './schema';

/**
 * Overdue dispositions: the day after the deadline its sender is told (once); `escalateAfterDays`
 * later the position above the sender is told too (once). The LIVE Room counts both.
 */
export const escalateOverdue: ScheduledTask = {
  name: 'escalate-overdue',
  everyMs: 10 * 60_000,
  async run({ tx, regionId }) {
    const today = await todayInRegion(tx);
    const settings = await moduleSettingsIn(tx, 'eoffice', eofficeSettings);
    const overdue = rowsOf<{
      id: string;
      letter_id: string;
      from_position_id: string;
      to_title: string;
      opd_code: string;
    }>(
      await tx.execute(sql`update eoffice_disposition d set overdue_at = now()
        from eoffice_position t, opd o
        where d.state = 'open' and d.due_on < ${today}::date and d.overdue_at is null
          and t.region_id = d.region_id and t.id = d.to_position_id and o.region_id = t.region_id and o.id = t.opd_id
        returning d.id, d.letter_id, d.from_position_id, t.title as to_title, o.code as opd_code`),
    );
    for (const d of overdue) {
      await notifyPositions(tx, regionId, today, [d.from_position_id], {
        title: { id: `Disposisi lewat batas waktu: ${d.to_title}`, en: `Disposition overdue: ${d.to_title}` },
        letterId: d.letter_id,
      });
      await emitEvent(tx, regionId, {
        type: 'eoffice.disposition.overdue',
        summary: {
          id: `Disposisi terlambat di ${d.opd_code.toUpperCase()}`,
          en: `Disposition overdue at ${d.opd_code.toUpperCase()}`,
        },
        data: { dispositionId: d.id, letterId: d.letter_id, opd: d.opd_code },
        permission: 'eoffice:report',
      });
    }
    const escalated = rowsOf<{ id: string; letter_id: string; parent_id: string | null; to_title: string }>(
      await tx.execute(sql`update eoffice_disposition d set escalated_at = now()
        from eoffice_position f, eoffice_position t
        where d.state = 'open' and d.overdue_at is not null and d.escalated_at is null
          and d.due_on + ${settings.escalateAfterDays}::int < ${today}::date
          and f.region_id = d.region_id and f.id = d.from_position_id
          and t.region_id = d.region_id and t.id = d.to_position_id
        returning d.id, d.letter_id, f.parent_id, t.title as to_title`),
    );
    for (const d of escalated)
      if (d.parent_id)
        await notifyPositions(tx, regionId, today, [d.parent_id], {
          title: {
            id: `Eskalasi: disposisi ke ${d.to_title} belum selesai`,
            en: `Escalation: disposition to ${d.to_title} not finished`,
          },
          letterId: d.letter_id,
        });
  },
};

/**
 * Signed letters to addresses outside the platform go by e-mail with the signed PDF attached.
 * Claimed in one short transaction, sent outside it; a failed send is retried on the next run.
 */
export const mailExternal: ScheduledTask = {
  name: 'mail-external',
  everyMs: 60_000,
  hasWork: sql`select r.id as region_id from region r where exists (
    select 1 from eoffice_recipient x where x.region_id = r.id
      and x.kind = 'external' and x.external_email is not null and x.delivered_at is null)`,
  transactional: false,
  async run(w) {
    const claimed = await w.inRegion(async (tx) =>
      rowsOf<{
        id: string;
        email: string;
        name: string;
        number: string;
        subject: string;
        storage_key: string;
        office: string;
      }>(
        await tx.execute(sql`select r.id, r.external_email as email, r.external_name as name, l.number, l.subject,
            f.storage_key, o.name as office
          from eoffice_recipient r
          join eoffice_letter l on l.region_id = r.region_id and l.id = r.letter_id
          join stored_file f on f.region_id = l.region_id and f.id = l.file_id
          join opd o on o.region_id = l.region_id and o.id = l.opd_id
          where r.kind = 'external' and r.external_email is not null and r.delivered_at is null and l.status = 'signed'
          order by l.signed_at limit 20 for update of r skip locked`),
      ),
    );
    for (const m of claimed) {
      const pdf = w.files ? await w.files.get(m.storage_key) : null;
      if (!pdf) continue;
      try {
        await w.mail({
          to: m.email,
          subject: `[${m.office}] ${m.number} — ${m.subject}`,
          text: `Yth. ${m.name},\n\nTerlampir naskah dinas nomor ${m.number} perihal "${m.subject}" dari ${m.office}, ditandatangani secara elektronik. Keasliannya dapat diperiksa dengan memindai kode QR pada naskah.\n\nAttached is official letter ${m.number} ("${m.subject}") from ${m.office}, signed electronically; scan its QR code to check it.`,
          attachments: [
            {
              filename: `${m.number.replace(/[^\w.-]+/g, '-')}.pdf`,
              content: pdf,
              contentType: 'application/pdf',
            },
          ],
        });
        await w.inRegion((tx) =>
          tx.update(eofficeRecipient).set({ deliveredAt: new Date() }).where(eq(eofficeRecipient.id, m.id)),
        );
      } catch (err) {
        w.warn?.('eoffice external mail failed', { recipient: m.id, error: String(err) });
      }
    }
  },
};

const execFileAsync = promisify(execFile);
let pdftotextMissing = false;

/** The text of a PDF through poppler's pdftotext, where the server has it; '' otherwise. */
export async function pdfText(bytes: Buffer): Promise<string> {
  if (pdftotextMissing) return '';
  const dir = await mkdtemp(path.join(tmpdir(), 'simpul-pdf-'));
  try {
    const file = path.join(dir, 'a.pdf');
    await writeFile(file, bytes);
    const { stdout } = await execFileAsync('pdftotext', ['-q', '-enc', 'UTF-8', file, '-'], {
      timeout: 10_000,
      maxBuffer: 4 * 1024 * 1024,
    });
    return stdout.replace(/\s+/g, ' ').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') pdftotextMissing = true;
    return '';
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Makes attachments (and incoming scans that carry a text layer) searchable: reads their text
 * outside any transaction, then stores it on the letter (the search column follows). OCR is not
 * attempted; a scan without text adds nothing. Runs where the server has pdftotext (poppler-utils).
 */
export const indexAttachments: ScheduledTask = {
  name: 'index-attachments',
  everyMs: 60_000,
  hasWork: sql`select r.id as region_id from region r where exists (
    select 1 from eoffice_letter l where l.region_id = r.id
      and l.attachment_text is null and cardinality(l.attachment_ids) > 0)`,
  transactional: false,
  async run(w) {
    const due = await w.inRegion(async (tx) =>
      rowsOf<{ id: string; keys: string[] }>(
        await tx.execute(sql`select l.id, array_agg(f.storage_key) as keys from eoffice_letter l
          join stored_file f on f.region_id = l.region_id and f.id = any(l.attachment_ids)
          where l.attachment_text is null and cardinality(l.attachment_ids) > 0 and f.mime = 'application/pdf'
          group by l.id order by min(l.created_at) limit 20`),
      ),
    );
    for (const letter of due) {
      const parts: string[] = [];
      for (const key of letter.keys) {
        const bytes = w.files ? await w.files.get(key) : null;
        if (bytes) parts.push(await pdfText(bytes));
      }
      await w.inRegion((tx) =>
        tx.execute(
          sql`update eoffice_letter set attachment_text = ${parts.join('\n').slice(0, 200_000)} where id = ${letter.id}`,
        ),
      );
    }
  },
};
