import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordUserInputs } from '../../api/core/auth/password-strength';
import {
  call,
  createAccount,
  createRegion,
  createTestApp,
  type TestApp,
  type TestRegion,
} from '../support/app';
import { browserOf, expectEnvelope, newPhone, PASSWORD, Recorder } from './helpers';

/** Chosen passwords are checked with zxcvbn (common, Indonesian and English dictionaries). */
describe('password strength', () => {
  let t: TestApp;
  let region: TestRegion;
  let http: Recorder;
  beforeAll(async () => {
    t = await createTestApp();
    region = await createRegion(t);
    http = new Recorder(t, region);
  });
  afterAll(() => t.close());

  const weakOn = (err: { details?: unknown }, path: string) =>
    expect(err.details).toEqual([expect.objectContaining({ path, code: 'custom' })]);

  it.each([
    ['a top password', 'password123'],
    ['an Indonesian word with digits', 'rahasia123'],
    ['a place and a year', 'indonesia2024'],
    ['a keyboard row', 'qwerty12345'],
  ])('refuses %s at sign-up: 400 with the reason in Indonesian and English', async (_what, password) => {
    const err = expectEnvelope(
      await http.register({ name: 'Warga Uji', phone: newPhone(), password }),
      400,
      'VALIDATION_FAILED',
    );
    expect(err.messages.id).toMatch(/^Kata sandi terlalu mudah ditebak: \S/);
    expect(err.messages.en).toMatch(/^The password is too easy to guess: \S/);
    weakOn(err, 'body.password');
  });

  it("refuses a password made of the person's own name, phone number or region", async () => {
    const phone = newPhone();
    const name = 'Wulandari Kusumaningrum';
    for (const password of [
      'wulandarikusumaningrum',
      `wulandari${phone.slice(-6)}`,
      `${region.name.toLowerCase().replace(/\W/g, '')}${phone.slice(-4)}`,
    ]) {
      const err = expectEnvelope(await http.register({ name, phone, password }), 400, 'VALIDATION_FAILED');
      weakOn(err, 'body.password');
    }
    expect(passwordUserInputs({ name, phone: `+62${phone.slice(1)}` })).toEqual(
      expect.arrayContaining(['wulandari', 'kusumaningrum', 'wulandarikusumaningrum', phone]),
    );
  });

  it('accepts a passphrase', async () => {
    const res = await http.register({
      name: 'Warga Uji',
      phone: newPhone(),
      password: 'kucing-oranye-lompat-42',
    });
    expect(res.statusCode, res.body).toBe(201);
  });

  it('checks a new password on change, with the reason on body.newPassword', async () => {
    const reg = await http.register({ name: 'Warga Ganti', phone: newPhone(), password: PASSWORD });
    const err = expectEnvelope(
      await http.send({
        method: 'POST',
        url: '/api/auth/password',
        as: browserOf(reg),
        payload: { currentPassword: PASSWORD, newPassword: 'password1' },
      }),
      400,
      'VALIDATION_FAILED',
    );
    weakOn(err, 'body.newPassword');
  });

  it('checks the password an admin chooses for a staff account', async () => {
    const admin = await createAccount(t, region, ['region_admin']);
    const err = expectEnvelope(
      await call(t, region, {
        method: 'POST',
        url: '/api/admin/users',
        as: admin,
        payload: {
          name: 'Petugas Baru',
          email: 'petugas.baru@example.id',
          password: 'admin123',
          roles: [{ role: 'operator' }],
        },
      }),
      400,
      'VALIDATION_FAILED',
    );
    weakOn(err, 'body.password');
  });
});
