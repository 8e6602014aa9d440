import './strings';
import './perizinan.css';
import { Route, Switch } from 'wouter';
import { NestUnder } from '../../core/NestUnder';
import type { ModulePageProps } from '../registry';
import { MODULE_CITIZEN } from './api';
import { Application, MyApplications } from './citizen/Application';
import { Catalogue, TypeDetail } from './citizen/Catalogue';
import { Locker } from './citizen/Locker';

/**
 * `/layanan/perizinan/...`: the catalogue with each type's service standard, the application
 * (a draft that saves itself, then its steps), my applications and the document locker.
 */
export default function CitizenPage({ title }: ModulePageProps) {
  const routes = (
    <Switch>
      <Route path="/">
        <Catalogue title={title} />
      </Route>
      <Route path="/jenis/:code">{(p) => <TypeDetail key={p.code} code={p.code} />}</Route>
      <Route path="/permohonan" component={MyApplications} />
      <Route path="/permohonan/:id">{(p) => <Application key={p.id} id={p.id} />}</Route>
      <Route path="/brankas" component={Locker} />
    </Switch>
  );
  return <NestUnder path={MODULE_CITIZEN}>{routes}</NestUnder>;
}
