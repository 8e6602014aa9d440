import { describe, expect, it } from 'vitest';
import { checkNik, maskNik, normalizePhone, provinceCodes, provinceTimeZones } from '../../shared/indonesia';

describe('NIK (PPKKCC DDMMYY SSSS)', () => {
  it('accepts a man born 17 Aug 1985 and a woman (day + 40)', () => {
    expect(checkNik('3671011708850001')).toEqual({ ok: true, sex: 'L', birthDate: '1985-08-17' });
    expect(checkNik('3671015708850002')).toEqual({ ok: true, sex: 'P', birthDate: '1985-08-17' });
  });
  it('accepts every one of the 38 province codes, including the new Papua provinces 93–96', () => {
    expect(provinceCodes).toHaveLength(38);
    expect(checkNik('9601010101900001').ok).toBe(true);
  });
  it('does not require the prefix to match any region (it is where the NIK was first issued)', () => {
    expect(checkNik('1101010101000001').ok).toBe(true);
  });
  it('rejects wrong length, unknown province, impossible dates and serial 0000', () => {
    for (const bad of [
      '367101170885001',
      '36710117088500011',
      '9901011708850001',
      '3671013208850001',
      '3671011713850001',
      '3671013102850001',
      '3671011708850000',
    ])
      expect(checkNik(bad).ok, bad).toBe(false);
  });
  it('is only ever shown masked', () => {
    expect(maskNik('3671011708850001')).toBe('************0001');
  });
});

describe('phone numbers', () => {
  it('accepts 08…, 628…, +628… and stores E.164', () => {
    for (const input of [
      '081234567890',
      '6281234567890',
      '+6281234567890',
      '0812-3456-7890',
      '+62 812 3456 7890',
    ])
      expect(normalizePhone(input), input).toBe('+6281234567890');
  });
  it('rejects numbers that are not Indonesian or too short', () => {
    for (const bad of ['12345', '+6512345678', '08', 'abc', '0812345'])
      expect(normalizePhone(bad), bad).toBeNull();
  });
});

describe('time zones', () => {
  it('maps Banten to WIB, Bali to WITA and Papua to WIT', () => {
    expect([provinceTimeZones['36'], provinceTimeZones['51'], provinceTimeZones['91']]).toEqual([
      'WIB',
      'WITA',
      'WIT',
    ]);
  });
});
