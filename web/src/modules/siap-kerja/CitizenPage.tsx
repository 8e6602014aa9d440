import './strings';
import './siap-kerja.css';
import { Route, Switch } from 'wouter';
import { NestUnder } from '../../core/NestUnder';
import type { ModulePageProps } from '../registry';
import { Ak1Page } from './citizen/Ak1Page';
import { Applicants } from './citizen/Applicants';
import { EmployerPage } from './citizen/Employer';
import { Home } from './citizen/Home';
import { MyApplications } from './citizen/MyApplications';
import { ProfileForm } from './citizen/ProfileForm';
import { VacancyDetail } from './citizen/VacancyDetail';

const MODULE_PATH = '/layanan/siap-kerja';

/**
 * `/layanan/siap-kerja/...`: vacancies (ranked "cocok untukmu" for a seeker), a vacancy's public
 * page, the seeker's profile, AK/1 and applications, and the employer's pages.
 */
export default function CitizenPage({ title }: ModulePageProps) {
  const routes = (
    <Switch>
      <Route path="/">
        <Home title={title} />
      </Route>
      <Route path="/lowongan/:id">{(p) => <VacancyDetail key={p.id} id={p.id} />}</Route>
      <Route path="/profil" component={ProfileForm} />
      <Route path="/ak1" component={Ak1Page} />
      <Route path="/lamaran" component={MyApplications} />
      <Route path="/perusahaan" component={EmployerPage} />
      <Route path="/perusahaan/lowongan/:id">{(p) => <Applicants key={p.id} id={p.id} />}</Route>
    </Switch>
  );
  return <NestUnder path={MODULE_PATH}>{routes}</NestUnder>;
}
