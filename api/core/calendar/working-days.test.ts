import { describe, expect, it } from 'vitest';
import { nationalHolidays, WorkingCalendar } from './working-days';

// Instants are written with explicit offsets so the tests mean the same under any machine TZ.
const wib = (local: string) => new Date(`${local}+07:00`);
const wit = (local: string) => new Date(`${local}+09:00`);
const jakarta = new WorkingCalendar({ timeZone: 'WIB' });
const jayapura = new WorkingCalendar({ timeZone: 'WIT' });
const iso = (d: Date) => d.toISOString();

describe('WorkingCalendar.dueAfter', () => {
  it('skips the weekend: Friday + 3 working days is Wednesday, end of day WIB', () => {
    expect(iso(jakarta.dueAfter(wib('2026-11-20T15:00'), 3))).toBe('2026-11-25T16:59:59.999Z');
  });

  it('counts a Saturday filing from Monday', () => {
    expect(iso(jakarta.dueAfter(wib('2026-11-21T10:00'), 3))).toBe(iso(wib('2026-11-25T23:59:59.999')));
    expect(iso(jakarta.dueAfter(wib('2026-11-21T10:00'), 0))).toBe(iso(wib('2026-11-23T23:59:59.999')));
    expect(iso(jakarta.dueAfter(wib('2026-11-20T15:00'), 0))).toBe(iso(wib('2026-11-20T23:59:59.999')));
  });

  it('skips Hari Kemerdekaan (Monday 2026-08-17)', () => {
    expect(jakarta.isWorkingDay('2026-08-17')).toBe(false);
    expect(iso(jakarta.dueAfter(wib('2026-08-14T10:00'), 1))).toBe(iso(wib('2026-08-18T23:59:59.999')));
  });

  it('skips the Nyepi + Idulfitri 2026 block, holidays and cuti bersama alike', () => {
    // Wed 18 cuti Nyepi, Thu 19 Nyepi, Fri 20 cuti, Sat–Sun 21–22 Idulfitri, Mon–Tue 23–24 cuti.
    expect(iso(jakarta.dueAfter(wib('2026-03-17T09:00'), 1))).toBe(iso(wib('2026-03-25T23:59:59.999')));
  });

  it('skips a day that is only cuti bersama (Monday 2025-08-18, HUT ke-80 RI)', () => {
    expect(jakarta.holiday('2025-08-18')?.kind).toBe('cuti_bersama');
    expect(iso(jakarta.dueAfter(wib('2025-08-15T10:00'), 1))).toBe(iso(wib('2025-08-19T23:59:59.999')));
  });

  it("skips a region's own holiday", () => {
    const region = new WorkingCalendar({
      timeZone: 'WIB',
      extraHolidays: [{ date: '2026-11-24', name: 'Hari Jadi Kota' }],
    });
    expect(region.holiday('2026-11-24')).toEqual({
      date: '2026-11-24',
      name: 'Hari Jadi Kota',
      kind: 'region',
    });
    expect(jakarta.holiday('2026-11-24')).toBeNull();
    expect(iso(region.dueAfter(wib('2026-11-20T15:00'), 3))).toBe(iso(wib('2026-11-26T23:59:59.999')));
  });

  it('uses the region time zone: Thursday 22:30 WIB is already Friday in WIT', () => {
    const at = new Date('2026-11-19T15:30:00Z');
    expect(jakarta.localDate(at)).toBe('2026-11-19');
    expect(jayapura.localDate(at)).toBe('2026-11-20');
    expect(iso(jakarta.dueAfter(at, 1))).toBe(iso(wib('2026-11-20T23:59:59.999')));
    expect(iso(jayapura.dueAfter(at, 1))).toBe(iso(wit('2026-11-23T23:59:59.999')));
    // Friday 22:30 WIB is Saturday 00:30 WIT, so a same-day due moves to Monday in Papua.
    const fri = new Date('2026-11-20T15:30:00Z');
    expect(iso(jakarta.dueAfter(fri, 0))).toBe('2026-11-20T16:59:59.999Z');
    expect(iso(jayapura.dueAfter(fri, 0))).toBe('2026-11-23T14:59:59.999Z');
  });

  it('crosses the year end into a year served by date-holidays', () => {
    // Thu 24 cuti Natal, Fri 25 Natal, Mon–Thu 28–31, Fri 2027-01-01 Tahun Baru, Tue 2027-01-05 Isra Mikraj.
    const filed = wib('2026-12-23T11:00');
    expect(iso(jakarta.dueAfter(filed, 5))).toBe(iso(wib('2027-01-04T23:59:59.999')));
    expect(iso(jakarta.dueAfter(filed, 6))).toBe(iso(wib('2027-01-06T23:59:59.999')));
  });

  it('rejects a negative or fractional number of days', () => {
    expect(() => jakarta.dueAfter(wib('2026-11-20T15:00'), -1)).toThrow(RangeError);
    expect(() => jakarta.dueAfter(wib('2026-11-20T15:00'), 1.5)).toThrow(RangeError);
  });
});

describe('WorkingCalendar.workingDaysBetween', () => {
  it('counts the days after `from` up to and including `to`', () => {
    expect(jakarta.workingDaysBetween(wib('2026-11-20T15:00'), wib('2026-11-27T09:00'))).toBe(5);
    expect(jakarta.workingDaysBetween(wib('2026-11-20T08:00'), wib('2026-11-20T17:00'))).toBe(0);
    expect(jakarta.workingDaysBetween(wib('2026-11-27T09:00'), wib('2026-11-20T15:00'))).toBe(0);
  });

  it('leaves out holidays and cuti bersama', () => {
    // 17..27 March 2026: only Tue 17, Wed 25, Thu 26 and Fri 27 are worked.
    expect(jakarta.workingDaysBetween(wib('2026-03-16T09:00'), wib('2026-03-27T09:00'))).toBe(4);
  });
});

describe('WorkingCalendar.extendForPause', () => {
  const due = wib('2026-11-25T23:59:59.999');

  it('adds the 2 working days of a Monday → Wednesday pause', () => {
    const extended = jakarta.extendForPause(due, wib('2026-11-23T10:00'), wib('2026-11-25T09:00'));
    expect(iso(extended)).toBe(iso(wib('2026-11-27T23:59:59.999')));
  });

  it('adds nothing for a same-day or weekend-only pause', () => {
    expect(iso(jakarta.extendForPause(due, wib('2026-11-23T10:00'), wib('2026-11-23T15:00')))).toBe(iso(due));
    expect(iso(jakarta.extendForPause(due, wib('2026-11-20T18:00'), wib('2026-11-22T20:00')))).toBe(iso(due));
  });

  it('skips non-working days when pushing the due date', () => {
    // Due Wed 2026-12-23, paused one working day: Thu 24 and Fri 25 are off, so Monday 28.
    const extended = jakarta.extendForPause(
      wib('2026-12-23T23:59:59.999'),
      wib('2026-12-21T10:00'),
      wib('2026-12-22T10:00'),
    );
    expect(iso(extended)).toBe(iso(wib('2026-12-28T23:59:59.999')));
  });
});

describe('WorkingCalendar basics', () => {
  it('computes local dates with fixed offsets', () => {
    expect(jakarta.localDate(new Date('2026-11-20T16:59:59.999Z'))).toBe('2026-11-20');
    expect(jakarta.localDate(new Date('2026-11-20T17:00:00Z'))).toBe('2026-11-21');
    expect(new WorkingCalendar({ timeZone: 'WITA' }).localDate(new Date('2026-11-20T16:00:00Z'))).toBe(
      '2026-11-21',
    );
  });

  it('rejects malformed dates', () => {
    expect(() => jakarta.isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => jakarta.holiday('17-08-2026')).toThrow(RangeError);
    expect(
      () => new WorkingCalendar({ timeZone: 'WIB', extraHolidays: [{ date: '2026-13-01', name: 'x' }] }),
    ).toThrow(RangeError);
  });
});

describe('nationalHolidays', () => {
  it('lists the 2026 SKB: 17 national holidays and 8 cuti bersama, sorted', () => {
    const list = nationalHolidays(2026);
    expect(list.filter((h) => h.kind === 'national')).toHaveLength(17);
    expect(list.filter((h) => h.kind === 'cuti_bersama')).toHaveLength(8);
    expect(list.map((h) => h.date)).toEqual(list.map((h) => h.date).sort());
    expect(list).toContainEqual({ date: '2026-08-17', name: 'Proklamasi Kemerdekaan', kind: 'national' });
    expect(list).toContainEqual({ date: '2026-03-21', name: 'Idulfitri 1447 Hijriah', kind: 'national' });
    expect(list).toContainEqual({ date: '2026-03-20', name: 'Cuti bersama Idulfitri', kind: 'cuti_bersama' });
    expect(list).toContainEqual({
      date: '2026-12-24',
      name: 'Cuti bersama Kelahiran Yesus Kristus',
      kind: 'cuti_bersama',
    });
  });

  it('uses the SKB date where date-holidays is a day off (1 Muharam 2025)', () => {
    const dates = nationalHolidays(2025).map((h) => h.date);
    expect(dates).toContain('2025-06-27');
    expect(dates).not.toContain('2025-06-26');
  });

  it('falls back to date-holidays for a year without an SKB table', () => {
    const list = nationalHolidays(2027);
    expect(list.every((h) => h.kind === 'national')).toBe(true);
    expect(list.find((h) => h.date === '2027-08-17')?.name).toMatch(/Kemerdekaan/);
    expect(list.find((h) => h.date === '2027-01-05')?.name).toBe('Isra Mikraj Nabi Muhammad SAW');
    expect(list.filter((h) => h.date === '2027-12-25')).toHaveLength(1);
  });
});
