import { Route, Switch, useRouter } from 'wouter';
import type { ModulePageProps } from '../registry';
import { IncidentStatus } from './citizen/IncidentStatus';
import { PanicHome } from './citizen/PanicHome';
import './darurat.css';
import './strings';

const MODULE_PATH = '/layanan/darurat';

/** `/layanan/darurat/…`: the panic button, and the live status of the citizen's incident. */
export default function CitizenPage({ title }: ModulePageProps) {
  const router = useRouter();
  const routes = (
    <Switch>
      <Route path="/kejadian/:id">{(p) => <IncidentStatus key={p.id} id={p.id} />}</Route>
      <Route>
        <PanicHome title={title} />
      </Route>
    </Switch>
  );
  if (router.base.endsWith(MODULE_PATH)) return routes;
  return (
    <Route path={MODULE_PATH} nest>
      {routes}
    </Route>
  );
}
