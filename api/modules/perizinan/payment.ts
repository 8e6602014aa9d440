import { and, eq, isNull } from 'drizzle-orm';
import type { TypeDefinition } from '../../../shared/modules/perizinan';
import type { Tx } from '../../core/db/client';
import { conflict, notFound } from '../../core/errors';
import { billingNumber } from './numbers';
import { izinPayment } from './schema';

/**
 * Where fees are paid. The built-in adapter is the cashier at the office (or a bank teller) who
 * confirms by hand; a regional bank's or Bapenda's gateway implements the same interface: it
 * issues the billing code, and its paid-callback ends in `recordPayment` like the cashier's click.
 */
export interface PaymentAdapter {
  readonly id: string;
  issueBilling(input: {
    tx: Tx;
    regionId: string;
    regionCode: string;
    year: string;
    amount: number;
    retributionCode: string;
  }): Promise<{ billingCode: string }>;
}

export const manualCashier: PaymentAdapter = {
  id: 'manual',
  async issueBilling({ tx, regionId, regionCode, year }) {
    return { billingCode: await billingNumber(tx, regionId, regionCode, year) };
  },
};

/** The fee of a type for a filled form (per-unit fees multiply the named number field, rounded up). */
export function feeFor(def: TypeDefinition, form: Record<string, unknown>): number {
  if (def.fee.kind === 'none') return 0;
  if (def.fee.kind === 'fixed') return def.fee.amount;
  const units = Number(form[def.fee.unitField] ?? 0);
  return Math.ceil(def.fee.amount * (Number.isFinite(units) ? Math.max(units, 0) : 0));
}

/** Assesses the fee: a billing code from the adapter, stored with the amount (once per application). */
export async function assessFee(
  tx: Tx,
  adapter: PaymentAdapter,
  input: {
    regionId: string;
    regionCode: string;
    year: string;
    applicationId: string;
    def: TypeDefinition;
    form: Record<string, unknown>;
  },
) {
  if (input.def.fee.kind === 'none') return null;
  const amount = feeFor(input.def, input.form);
  const [existing] = await tx
    .select()
    .from(izinPayment)
    .where(eq(izinPayment.applicationId, input.applicationId));
  if (existing) return existing;
  const { billingCode } = await adapter.issueBilling({
    ...input,
    tx,
    amount,
    retributionCode: input.def.fee.retributionCode,
  });
  const [row] = await tx
    .insert(izinPayment)
    .values({
      regionId: input.regionId,
      applicationId: input.applicationId,
      billingCode,
      amount,
      retributionCode: input.def.fee.retributionCode,
      provider: adapter.id,
    })
    .returning();
  return row!;
}

/**
 * Marks a fee paid. One conditional UPDATE (`paid_at is null`): of two confirmations, however close,
 * one changes the row; the other gets 409 from a cashier, and `already` from a gateway's retry.
 */
export async function recordPayment(
  tx: Tx,
  input: {
    applicationId: string;
    receiptNumber: string;
    reference?: string | null;
    confirmedBy: string | null;
    paidAt?: Date;
  },
): Promise<{ already: boolean; payment: typeof izinPayment.$inferSelect }> {
  const [row] = await tx
    .update(izinPayment)
    .set({
      paidAt: input.paidAt ?? new Date(),
      receiptNumber: input.receiptNumber,
      reference: input.reference ?? null,
      confirmedBy: input.confirmedBy,
    })
    .where(and(eq(izinPayment.applicationId, input.applicationId), isNull(izinPayment.paidAt)))
    .returning();
  if (row) return { already: false, payment: row };
  const [existing] = await tx
    .select()
    .from(izinPayment)
    .where(eq(izinPayment.applicationId, input.applicationId));
  if (!existing) throw notFound({ id: 'Tagihan retribusi tidak ada.', en: 'No fee bill.' });
  return { already: true, payment: existing };
}

export const alreadyPaid = () =>
  conflict({ id: 'Retribusi ini sudah tercatat lunas.', en: 'This fee is already recorded as paid.' });
