import { describe, expect, it } from 'vitest';
import { callClips, callPhrase, splitNumber, terbilang } from '../../web/src/modules/antrian/terbilang';

describe('terbilang (Indonesian number words for the queue caller)', () => {
  it.each([
    [0, 'nol'],
    [1, 'satu'],
    [9, 'sembilan'],
    [10, 'sepuluh'],
    [11, 'sebelas'],
    [12, 'dua belas'],
    [19, 'sembilan belas'],
    [20, 'dua puluh'],
    [21, 'dua puluh satu'],
    [99, 'sembilan puluh sembilan'],
    [100, 'seratus'],
    [101, 'seratus satu'],
    [110, 'seratus sepuluh'],
    [111, 'seratus sebelas'],
    [123, 'seratus dua puluh tiga'],
    [200, 'dua ratus'],
    [999, 'sembilan ratus sembilan puluh sembilan'],
    [1000, 'seribu'],
    [1011, 'seribu sebelas'],
    [2024, 'dua ribu dua puluh empat'],
    [9999, 'sembilan ribu sembilan ratus sembilan puluh sembilan'],
  ])('%i → %s', (n, words) => expect(terbilang(n)).toBe(words));

  it('rejects what it cannot say', () => {
    expect(() => terbilang(-1)).toThrow(RangeError);
    expect(() => terbilang(1.5)).toThrow(RangeError);
  });

  it('splits a ticket number into its prefix letters and value', () => {
    expect(splitNumber('A012')).toEqual({ letters: ['A'], value: 12 });
    expect(splitNumber('BP100')).toEqual({ letters: ['B', 'P'], value: 100 });
    expect(splitNumber('000')).toEqual({ letters: [], value: 0 });
    expect(splitNumber('A-1')).toBeNull();
  });

  it('says a call and lists its clips', () => {
    expect(callPhrase('A012', 3)).toBe('Nomor antrean A dua belas, silakan ke loket tiga');
    expect(callPhrase('B123', 10)).toBe('Nomor antrean B seratus dua puluh tiga, silakan ke loket sepuluh');
    expect(callClips('A012', 3)).toEqual([
      'nomor-antrean',
      'a',
      'dua',
      'belas',
      'silakan-ke',
      'loket',
      'tiga',
    ]);
    expect(callClips('C101', 11)).toEqual([
      'nomor-antrean',
      'c',
      'seratus',
      'satu',
      'silakan-ke',
      'loket',
      'sebelas',
    ]);
  });
});
