import type {
  Ak1QueueView,
  Ak1View,
  ApplicantView,
  EmployerView,
  JobFairView,
  MyApplicationView,
  SeekerView,
  StatsView,
  VacancyCard,
  VacancyView,
} from '../../../../shared/modules/siap-kerja';

export type {
  Ak1QueueView,
  Ak1View,
  ApplicantView,
  EmployerView,
  JobFairView,
  MyApplicationView,
  SeekerView,
  StatsView,
  VacancyCard,
  VacancyView,
};
export const BASE = '/m/siap-kerja';
export type VacancyPage = { items: VacancyCard[]; total: number };
export type PublicVacancy = {
  vacancy: Omit<VacancyView, 'note' | 'applicants'>;
  jsonLd: Record<string, unknown>;
};
export type Area = { code: string; name: string };
