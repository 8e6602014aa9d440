import type { z } from 'zod';
import type {
  CallView,
  CounterView,
  DeskView,
  DisplayView,
  KpiRow,
  liveUnitRow,
  PriorityView,
  ServiceView,
  slotView,
  TicketView,
  UnitView,
  WeekHours,
} from '../../../../shared/modules/antrian';

export type {
  CallView,
  CounterView,
  DeskView,
  DisplayView,
  KpiRow,
  PriorityView,
  ServiceView,
  TicketView,
  UnitView,
  WeekHours,
};
export type SlotView = z.infer<typeof slotView>;
export type LiveUnitRow = z.infer<typeof liveUnitRow>;
/** A service on the unit's page, with the people waiting for it now. */
export type UnitServiceView = UnitView['services'][number];
export type WaitingRow = DeskView['waiting'][number];
export type ClerkRow = { userId: string; name: string; services: { code: string; weight: number }[] };

/** API base of the module (under /api). */
export const BASE = '/m/antrian';
export const MODULE_CITIZEN = '/layanan/antrian';
export const MODULE_STAFF = '/staf/m/antrian';

/** The path (inside the app) a printed ticket's QR opens. */
export const ticketPath = (token: string) => `${MODULE_CITIZEN}/t/${token}`;

/** Data of `antrian.ticket.called` / `.recalled` on the unit stream. */
export interface CallEventData {
  number: string;
  counter: string;
  counterNumber: number;
  service: string;
  priority: boolean;
  calledAt: string;
}

const kioskKeyName = (unit: string) => `simpul.antrian.kioskKey.${unit}`;

export function storedKioskKey(unit: string): string | null {
  try {
    return localStorage.getItem(kioskKeyName(unit));
  } catch {
    return null;
  }
}

export function storeKioskKey(unit: string, key: string): void {
  try {
    localStorage.setItem(kioskKeyName(unit), key);
  } catch {
    /* private mode: the key lives in this page only */
  }
}
