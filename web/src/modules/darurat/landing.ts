import { api } from '../../core/api';
import type { StaffLandingContext } from '../registry';

/**
 * A 112 unit crew starts on "Unit saya": an account with `darurat:respond` (and no call-taking or
 * dispatching) that is on a unit's crew. Other holders of the permission — OPD officers who work
 * on LAKSA, say — are on no unit and keep the dashboard.
 */
export async function crewLanding({ can }: StaffLandingContext): Promise<string | null> {
  if (!can('darurat:respond') || can('darurat:intake') || can('darurat:dispatch')) return null;
  const mine = await api<{ units: unknown[] }>('/m/darurat/responder');
  return mine.units.length > 0 ? '/staf/m/darurat/kru' : null;
}
