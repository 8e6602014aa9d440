import type { FastifyRequest } from 'fastify';
import { antrianSettings } from '../../../../shared/modules/antrian';
import { calendarFor } from '../../../core/calendar/region-calendar';
import type { Tx } from '../../../core/db/client';
import { AppError } from '../../../core/errors';
import { moduleSettingsIn } from '../../../core/modules/settings';
import { hashKioskKey, type ManageScope, unitByCode } from '../setup';
import type { Ctx } from '../tickets';

export const tags = ['antrian'];

/** The request's region, zone, calendar and clock, for the module's use cases. */
export async function ctxOf(tx: Tx, req: FastifyRequest): Promise<Ctx> {
  return {
    regionId: req.region.id,
    tz: req.region.timeZone,
    calendar: await calendarFor(tx, { id: req.region.id, timeZone: req.region.timeZone }),
    now: new Date(),
  };
}

export const settingsIn = (tx: Tx) => moduleSettingsIn(tx, 'antrian', antrianSettings);

/** Region admins manage every unit; an OPD head the units of the OPDs they head. */
export function manageScope(req: FastifyRequest): ManageScope {
  const roles = req.user?.roles ?? [];
  if (roles.some((r) => r.role === 'region_admin' || r.role === 'platform_admin')) return 'all';
  return new Set(roles.filter((r) => r.role === 'opd_admin' && r.opdId).map((r) => r.opdId!));
}

/** A kiosk proves itself with the unit's kiosk key (header `x-kiosk-key`), set up by the unit's admin. */
export async function kioskUnit(tx: Tx, req: FastifyRequest, code: string) {
  const unit = await unitByCode(tx, code);
  const key = req.headers['x-kiosk-key'];
  if (typeof key !== 'string' || !unit.kioskKeyHash || hashKioskKey(key) !== unit.kioskKeyHash)
    throw new AppError('FORBIDDEN', {
      messages: {
        id: 'Kunci kios tidak sah. Minta kunci baru ke admin unit layanan.',
        en: 'Invalid kiosk key. Ask the unit admin for a new key.',
      },
    });
  return unit;
}
