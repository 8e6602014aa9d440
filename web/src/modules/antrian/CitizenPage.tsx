import './strings';
import './antrian.css';
import { Route, Switch } from 'wouter';
import { NestUnder } from '../../core/NestUnder';
import type { ModulePageProps } from '../registry';
import { MODULE_CITIZEN } from './api';
import { Mine } from './citizen/Mine';
import { ServiceDetail } from './citizen/ServiceDetail';
import { TicketPage } from './citizen/TicketPage';
import { UnitDetail, Units } from './citizen/Units';

/**
 * `/layanan/antrian/...`: the service units (open now, people waiting), a unit's services with
 * their published standard, taking a number or booking a slot, my tickets, and one ticket followed
 * live by its token (`/t/<token>`, the printed QR; no sign-in needed).
 */
export default function CitizenPage({ title }: ModulePageProps) {
  const routes = (
    <Switch>
      <Route path="/">
        <Units title={title} />
      </Route>
      <Route path="/unit/:code">{(p) => <UnitDetail key={p.code} code={p.code} />}</Route>
      <Route path="/unit/:code/:service">
        {(p) => <ServiceDetail key={`${p.code}/${p.service}`} code={p.code} service={p.service} />}
      </Route>
      <Route path="/saya" component={Mine} />
      <Route path="/t/:token">{(p) => <TicketPage key={p.token} token={p.token} />}</Route>
    </Switch>
  );
  return <NestUnder path={MODULE_CITIZEN}>{routes}</NestUnder>;
}
