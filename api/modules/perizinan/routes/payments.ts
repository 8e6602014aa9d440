import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { paymentCallback, perizinanSettings } from '../../../../shared/modules/perizinan';
import { AppError, invalid, notFound } from '../../../core/errors';
import { moduleSettingsIn } from '../../../core/modules/settings';
import { gatewayPaid } from '../review';
import { tags } from './context';

const signatureOk = (secret: string, body: Buffer, header: string | undefined) => {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
  const given = Buffer.from(header ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
};

/**
 * The payment gateway's paid-callback. Off until the region sets a shared secret; the body is
 * read raw so its HMAC is checked over the exact bytes sent, then parsed.
 */
export async function paymentRoutes(app: FastifyInstance) {
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: 16 * 1024 },
    (_req, body, done) => done(null, body),
  );
  app.withTypeProvider<ZodTypeProvider>().post(
    '/payments/callback',
    {
      config: { access: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary:
          'Payment gateway: a bill was paid (JSON body signed with the region’s shared secret: X-Simpul-Signature: sha256=<HMAC hex>). Idempotent',
        headers: z.object({ 'x-simpul-signature': z.string().max(200).optional() }),
        response: { 200: z.object({ status: z.enum(['paid', 'already']) }) },
      },
    },
    async (req) => {
      const raw = req.body as Buffer;
      return req.inRegion(async (tx) => {
        const { paymentCallbackSecret: secret } = await moduleSettingsIn(tx, 'perizinan', perizinanSettings);
        if (!secret)
          throw notFound({ id: 'Pembayaran daring belum diaktifkan.', en: 'Online payment is not enabled.' });
        if (!signatureOk(secret, raw, req.headers['x-simpul-signature']))
          throw new AppError('FORBIDDEN', {
            messages: { id: 'Tanda tangan callback salah.', en: 'Bad callback signature.' },
          });
        let json: unknown;
        try {
          json = JSON.parse(raw.toString('utf8'));
        } catch {
          throw invalid({ id: 'Badan permintaan bukan JSON.', en: 'The body is not JSON.' });
        }
        const parsed = paymentCallback.safeParse(json);
        if (!parsed.success)
          throw invalid(
            { id: 'Data pembayaran tidak lengkap.', en: 'Incomplete payment data.' },
            parsed.error.issues,
          );
        return { status: await gatewayPaid(tx, parsed.data) };
      });
    },
  );
}
