import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { timeZones } from '../../../shared/indonesia';
import type { KpiRow, ratingInput } from '../../../shared/modules/antrian';
import type { TimeZoneCode } from '../../core/calendar/working-days';
import type { Tx } from '../../core/db/client';
import { conflict } from '../../core/errors';
import { emitEvent } from '../../core/events/emit';
import { antrianRating } from './schema';
import type { TicketRow } from './tickets';

const num = (v: unknown) => (v == null ? null : Math.round(Number(v) * 10) / 10);

/**
 * Leadership's figures per unit and service, counter or hour of arrival: tickets, served, no-shows,
 * mean wait (call − arrival) and service (finish − start) in minutes, the share served within the
 * published standard, and the IKM (mean SKM score × 25, Permenpan RB 14/2017).
 */
export async function kpis(
  tx: Tx,
  q: { from: string; to: string; unit?: string; by: 'service' | 'counter' | 'hour' },
  tz: TimeZoneCode,
): Promise<KpiRow[]> {
  const group = {
    service: {
      cols: sql`s.name as service, null::text as counter, null::int as hour`,
      by: sql`u.name, s.name, s.standard`,
    },
    counter: {
      cols: sql`null::text as service, c.name as counter, null::int as hour`,
      by: sql`u.name, c.name`,
    },
    hour: {
      cols: sql`null::text as service, null::text as counter, extract(hour from t.issued_at at time zone ${sql.raw(`'${timeZones[tz]}'`)})::int as hour`,
      by: sql`u.name, 4`,
    },
  }[q.by];
  const std = q.by === 'service' ? sql`(s.standard->>'minutes')::int` : sql`null::int`;
  const rows = (await tx.execute(sql`
    select u.name as unit, ${group.cols},
      count(*)::int as tickets,
      count(*) filter (where t.status = 'done')::int as served,
      count(*) filter (where t.status = 'no_show')::int as "noShows",
      avg(extract(epoch from t.called_at - t.issued_at) / 60) filter (where t.called_at is not null) as "avgWait",
      avg(extract(epoch from t.finished_at - t.started_at) / 60) filter (where t.status = 'done') as "avgService",
      ${std} as "standardMinutes",
      avg(case when extract(epoch from t.finished_at - t.started_at) / 60 <= (s.standard->>'minutes')::int then 1.0 else 0.0 end)
        filter (where t.status = 'done') as within,
      avg(r.score) * 25 as ikm, count(r.score)::int as ratings
    from antrian_ticket t
      join antrian_unit u on u.id = t.unit_id
      join antrian_service s on s.id = t.service_id
      left join antrian_counter c on c.id = t.counter_id
      left join antrian_rating r on r.ticket_id = t.id
    where t.day between ${q.from} and ${q.to} and t.status not in ('booked', 'cancelled')
      ${q.unit ? sql`and u.code = ${q.unit}` : sql``}
      ${q.by === 'counter' ? sql`and t.counter_id is not null` : sql``}
    group by ${group.by}
    order by 1, 2 nulls last, 3 nulls last, 4 nulls last`)) as unknown as { rows: Record<string, unknown>[] };
  return rows.rows.map((r) => ({
    unit: String(r.unit),
    service: (r.service as string | null) ?? null,
    counter: (r.counter as string | null) ?? null,
    hour: r.hour == null ? null : Number(r.hour),
    tickets: Number(r.tickets),
    served: Number(r.served),
    noShows: Number(r.noShows),
    avgWaitMinutes: num(r.avgWait),
    avgServiceMinutes: num(r.avgService),
    standardMinutes: r.standardMinutes == null ? null : Number(r.standardMinutes),
    withinStandard: r.within == null ? null : Math.round(Number(r.within) * 1000) / 1000,
    ikm: num(r.ikm),
    ratings: Number(r.ratings),
  }));
}

/** The LIVE Room card: people waiting now per unit, the longest wait, served today. */
export async function liveFigures(tx: Tx, day: string, now: Date) {
  const rows = (await tx.execute(sql`
    select u.name as unit,
      count(*) filter (where t.status = 'waiting')::int as waiting,
      min(t.issued_at) filter (where t.status = 'waiting') as oldest,
      count(*) filter (where t.status = 'done')::int as served
    from antrian_unit u left join antrian_ticket t on t.unit_id = u.id and t.day = ${day}
    where u.active group by u.id, u.name order by waiting desc, u.name`)) as unknown as {
    rows: { unit: string; waiting: number; oldest: string | Date | null; served: number }[];
  };
  return rows.rows.map((r) => ({
    unit: r.unit,
    waiting: r.waiting,
    longestWaitMinutes: r.oldest
      ? Math.max(0, Math.round((now.getTime() - new Date(r.oldest).getTime()) / 60_000))
      : null,
    servedToday: r.served,
  }));
}

/**
 * The hospital online-queue timestamps (Mobile JKN "updatewaktu": kodebooking, taskid, waktu in
 * epoch ms) of a health unit's day: 1 wait starts (arrival), 2 service starts, 3 service ends,
 * 99 no-show or cancelled. `kodebooking` is the booking code, or the unit, day and number.
 */
export async function taskIds(tx: Tx, unitId: string, unitCode: string, day: string) {
  const rows = (await tx.execute(sql`
    select booking_code, number, status, issued_at, started_at, finished_at
    from antrian_ticket where unit_id = ${unitId} and day = ${day} and status <> 'booked' and issued_at is not null
    order by issued_at`)) as unknown as {
    rows: {
      booking_code: string | null;
      number: string | null;
      status: string;
      issued_at: string | Date;
      started_at: string | Date | null;
      finished_at: string | Date | null;
    }[];
  };
  const ms = (v: string | Date) => new Date(v).getTime();
  const out: { kodebooking: string; taskid: number; waktu: number }[] = [];
  for (const r of rows.rows) {
    const kodebooking = r.booking_code ?? `${unitCode}-${day.replaceAll('-', '')}-${r.number}`;
    out.push({ kodebooking, taskid: 1, waktu: ms(r.issued_at) });
    if (r.started_at) out.push({ kodebooking, taskid: 2, waktu: ms(r.started_at) });
    if (r.finished_at && r.status === 'done') out.push({ kodebooking, taskid: 3, waktu: ms(r.finished_at) });
    if (r.finished_at && (r.status === 'no_show' || r.status === 'cancelled'))
      out.push({ kodebooking, taskid: 99, waktu: ms(r.finished_at) });
  }
  return out;
}

/** The holder's rating after service, once. */
export async function rate(tx: Tx, regionId: string, t: TicketRow, input: z.infer<typeof ratingInput>) {
  if (t.status !== 'done')
    throw conflict({
      id: 'Penilaian dibuka setelah layanan selesai.',
      en: 'Rating opens once the service is done.',
    });
  const [row] = await tx
    .insert(antrianRating)
    .values({
      regionId,
      ticketId: t.id,
      score: input.score,
      elements: input.elements ?? null,
      comment: input.comment ?? null,
    })
    .onConflictDoNothing()
    .returning();
  if (!row)
    throw conflict(
      { id: 'Anda sudah memberi penilaian.', en: 'You already rated this service.' },
      { reason: 'rated' },
    );
  await emitEvent(tx, regionId, {
    type: 'antrian.ticket.rated',
    subject: t.id,
    summary: {
      id: `Penilaian layanan ${t.number}: ${input.score}/4`,
      en: `Service ${t.number} rated ${input.score}/4`,
    },
    permission: 'antrian:report',
    data: { unitId: t.unitId, serviceId: t.serviceId, score: input.score },
  });
}
