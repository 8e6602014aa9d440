import { Route, Switch } from 'wouter';
import type { ModulePageProps } from '../registry';
import { IncidentStatus } from './citizen/IncidentStatus';
import { PanicHome } from './citizen/PanicHome';
import './darurat.css';
import './strings';
import { NestUnder } from '../../core/NestUnder';

const MODULE_PATH = '/layanan/darurat';

/** `/layanan/darurat/…`: the panic button, and the live status of the citizen's incident. */
export default function CitizenPage({ title }: ModulePageProps) {
  const routes = (
    <Switch>
      <Route path="/kejadian/:id">{(p) => <IncidentStatus key={p.id} id={p.id} />}</Route>
      <Route>
        <PanicHome title={title} />
      </Route>
    </Switch>
  );
  return <NestUnder path={MODULE_PATH}>{routes}</NestUnder>;
}
