import { useState } from 'react';
import {
  type UnitAction,
  type UnitView,
  unitActions,
  unitTransitions,
} from '../../../../../shared/modules/darurat';
import { api, errorMessage } from '../../../core/api';
import { useLang } from '../../../core/i18n';
import { Button } from '../../../core/ui';

/** The unit's next steps, from the state machine in shared/modules/darurat.ts. */
export function UnitActions({
  unit,
  small,
  big,
  onDone,
}: {
  unit: UnitView;
  small?: boolean;
  /** Thumb-sized, full-width buttons (the crew's phone). */
  big?: boolean;
  onDone: () => void;
}) {
  const { pick } = useLang();
  const [busy, setBusy] = useState<UnitAction | null>(null);
  const [error, setError] = useState<string | null>(null);
  const next = unitActions.filter((a) => unitTransitions[a].from.includes(unit.status));
  async function run(action: UnitAction) {
    setBusy(action);
    setError(null);
    try {
      await api(`/m/darurat/units/${unit.id}/status`, { method: 'POST', body: { action } });
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }
  return (
    <div className={big ? 'dr-unit-actions dr-unit-actions-big' : 'dr-unit-actions'}>
      {next.map((a) => (
        <Button
          key={a}
          small={small}
          variant={a === 'nonaktif' ? 'ghost' : a === 'siaga' ? 'secondary' : 'primary'}
          busy={busy === a}
          onClick={() => run(a)}
          data-testid={`unit-${unit.callSign}-${a}`}
        >
          {pick(unitTransitions[a].label)}
        </Button>
      ))}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
