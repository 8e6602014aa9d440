import type { z } from 'zod';
import type {
  ApplicationView,
  FormValues,
  inboxRow,
  lockerItemView,
  ReviewStep,
  staffAssignmentView,
  TypeView,
} from '../../../../shared/modules/perizinan';
import { apiUrl } from '../../core/api';

export type { ApplicationView, FormValues, ReviewStep, TypeView };
export type InboxRow = z.infer<typeof inboxRow>;
export type LockerItem = z.infer<typeof lockerItemView>;
export type StaffAssignment = z.infer<typeof staffAssignmentView>;
export type Problem = { key: string; problem: 'missing' | 'expired' | 'undated' | 'invalid'; label: string };
export type LiveSummary = {
  submittedToday: number;
  issuedToday: number;
  inProgress: number;
  overdueByOpd: { opd: string; count: number }[];
};

export const BASE = '/m/perizinan';
export const MODULE_CITIZEN = '/layanan/perizinan';
/** A stored file, opened in a new tab (the API checks who may read it). */
export const fileUrl = (id: string) => apiUrl(`/files/${id}`);
