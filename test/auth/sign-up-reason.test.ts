import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverFieldErrors } from '../../web/src/core/validation';
import { createRegion, createTestApp, type TestApp, type TestRegion } from '../support/app';
import { newPhone, Recorder } from './helpers';

/** The web sign-up page shows the API's reason by the password field (web/src/core/validation.ts). */
describe('why a password was refused, by the field', () => {
  let t: TestApp;
  let region: TestRegion;
  beforeAll(async () => {
    t = await createTestApp();
    region = await createRegion(t);
  });
  afterAll(() => t.close());

  it('maps body.password to the password field, in Indonesian and in English', async () => {
    const res = await new Recorder(t, region).register({
      name: 'Warga Uji',
      phone: newPhone(),
      password: 'password123',
    });
    expect(res.statusCode).toBe(400);
    const { details, messages } = res.json().error;
    expect(serverFieldErrors(details, 'id')).toEqual({ password: messages.id });
    expect(serverFieldErrors(details, 'en')).toEqual({ password: messages.en });
    expect(messages.id).toMatch(/^Kata sandi terlalu mudah ditebak: /);
  });

  it("leaves zod's own English wording to the form-level message", () => {
    expect(
      serverFieldErrors([{ path: 'body.password', message: 'Too small: expected string' }], 'id'),
    ).toEqual({});
  });
});
