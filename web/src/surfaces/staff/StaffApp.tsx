import './strings';
import { type ReactNode, Suspense, useEffect, useState } from 'react';
import { Link, Route, Switch, useLocation } from 'wouter';
import { LangSwitch } from '../../core/auth/LangSwitch';
import { LoginForm } from '../../core/auth/LoginForm';
import { useLang } from '../../core/i18n';
import { useRegion } from '../../core/region';
import { useSession } from '../../core/session';
import { Alert, Card, cx, Icon, type IconName, Spinner, useToast } from '../../core/ui';
import { beaconOpen } from '../../core/usage';
import { moduleRegistry, staffPermissionFor } from '../../modules/registry';
import { BrandMark, OfflineBanner } from '../citizen/CitizenShell';
import { Audit } from './Audit';
import { Dashboard } from './Dashboard';
import { Modules } from './Modules';
import { Opd } from './Opd';
import { RegionSettings } from './RegionSettings';
import { Security } from './Security';
import { Users } from './Users';
import './staff.css';

export interface NavItem {
  key: string;
  href: string;
  label: string;
  icon: IconName;
  permission?: string;
  description?: string;
}

export function useStaffNav(): NavItem[] {
  const { t, pick } = useLang();
  const region = useRegion();
  const { can } = useSession();
  const items: NavItem[] = [
    { key: 'dashboard', href: '/staf', label: t('staff.nav.dashboard'), icon: 'home' },
    {
      key: 'region',
      href: '/staf/daerah',
      label: t('staff.nav.region'),
      icon: 'settings',
      permission: 'core:region.manage',
      description: t('staff.region.subtitle'),
    },
    {
      key: 'modules',
      href: '/staf/layanan',
      label: t('staff.nav.modules'),
      icon: 'grid',
      permission: 'core:modules.manage',
      description: t('staff.modules.subtitle'),
    },
    {
      key: 'opd',
      href: '/staf/opd',
      label: t('staff.nav.opd'),
      icon: 'building',
      permission: 'core:opd.manage',
      description: t('staff.opd.subtitle'),
    },
    {
      key: 'users',
      href: '/staf/pengguna',
      label: t('staff.nav.users'),
      icon: 'users',
      permission: 'core:users.manage',
      description: t('staff.users.subtitle'),
    },
    {
      key: 'audit',
      href: '/staf/audit',
      label: t('staff.nav.audit'),
      icon: 'list',
      permission: 'core:audit.read',
      description: t('staff.audit.subtitle'),
    },
  ];
  for (const m of region.modules) {
    const entry = moduleRegistry[m.id];
    if (entry?.staff) {
      items.push({
        key: `m-${m.id}`,
        href: `/staf/m/${m.id}`,
        label: pick(m.name),
        icon: entry.icon,
        permission: staffPermissionFor(m.id),
      });
    }
  }
  items.push({ key: 'security', href: '/staf/keamanan', label: t('staff.nav.security'), icon: 'shield' });
  return items.filter((i) => !i.permission || can(i.permission));
}

function StaffHeader({ onMenu, menuOpen }: { onMenu?: () => void; menuOpen?: boolean }) {
  const { t } = useLang();
  const region = useRegion();
  const { me, logout } = useSession();
  const toast = useToast();
  const [, navigate] = useLocation();
  return (
    <header className="staff-header">
      {onMenu ? (
        <button
          type="button"
          className="header-btn menu-btn"
          aria-expanded={menuOpen}
          aria-controls="staff-nav"
          onClick={onMenu}
          data-testid="staff-menu"
        >
          <Icon name="menu" size={20} />
          <span className="sr-only">{t('staff.menu')}</span>
        </button>
      ) : null}
      <Link href="/staf" className="brand">
        <BrandMark logoUrl={region.branding.logoUrl} />
        <span className="brand-name">
          <span data-testid="region-display-name">{region.branding.displayName}</span>
          <span className="brand-sub">{t('staff.console')}</span>
        </span>
      </Link>
      <div className="staff-header-tools">
        {me ? (
          <span className="staff-user" data-testid="staff-user">
            {me.user.name}
          </span>
        ) : null}
        <LangSwitch compact className="header-btn" />
        {me ? (
          <button
            type="button"
            className="header-btn"
            data-testid="signout"
            onClick={async () => {
              await logout().catch(() => {});
              toast(t('auth.signedOut'), 'info');
              navigate('/staf');
            }}
          >
            <Icon name="logout" size={18} />
            <span className="collapse-sm">{t('auth.signOut')}</span>
          </button>
        ) : null}
      </div>
    </header>
  );
}

function StaffSignIn() {
  const { t } = useLang();
  return (
    <div className="staff staff-auth">
      <StaffHeader />
      <OfflineBanner />
      <main id="main" className="staff-auth-main">
        <Card className="auth-card">
          <h1>{t('staff.signInTitle')}</h1>
          <p className="muted">{t('staff.signInSubtitle')}</p>
          <LoginForm idPrefix="staff-login" forgotNext="/staf" />
        </Card>
      </main>
    </div>
  );
}

function NoAccess() {
  const { t } = useLang();
  const { me } = useSession();
  return (
    <div className="staff staff-auth">
      <StaffHeader />
      <main id="main" className="staff-auth-main">
        <Card className="auth-card" data-testid="staff-no-access">
          <h1>{t('staff.noAccessTitle')}</h1>
          <p>{t('staff.noAccessBody', { name: me?.user.name ?? '' })}</p>
          <Link href="/">{t('common.backHome')}</Link>
        </Card>
      </main>
    </div>
  );
}

/** Accounts already sent to their landing page in this tab (once per sign-in, not on every "Dasbor"). */
const landed = new Set<string>();

/**
 * `/staf`: the page a module declares as this account's work place (`staffLanding` in the module
 * registry, e.g. a 112 crew → "Unit saya"), else the dashboard.
 */
function StaffHome() {
  const { t } = useLang();
  const { me, can } = useSession();
  const region = useRegion();
  const [, navigate] = useLocation();
  const userId = me?.user.id ?? '';
  const [checking, setChecking] = useState(() => !!userId && !landed.has(userId));
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per account (the set guards re-runs)
  useEffect(() => {
    if (!userId || landed.has(userId)) return;
    landed.add(userId);
    (async () => {
      for (const m of region.modules) {
        const landing = moduleRegistry[m.id]?.staffLanding;
        const path = landing ? await landing({ can }).catch(() => null) : null;
        if (path) return navigate(path, { replace: true });
      }
      setChecking(false);
    })();
  }, [userId]);
  if (checking) return <Spinner label={t('common.loading')} />;
  return <Dashboard />;
}

function Guard({ permission, children }: { permission: string; children: ReactNode }) {
  const { t } = useLang();
  const { can } = useSession();
  if (!can(permission)) return <Alert data-testid="forbidden">{t('staff.forbidden')}</Alert>;
  return <>{children}</>;
}

function ModuleStaffPage({ id }: { id: string }) {
  const { t, pick } = useLang();
  const region = useRegion();
  const mod = region.modules.find((m) => m.id === id);
  const Page = moduleRegistry[id]?.staff;
  const available = !!mod && !!Page;
  useEffect(() => {
    if (available) beaconOpen(id, 'staff');
  }, [id, available]);
  if (!mod || !Page) return <Alert data-testid="module-unavailable">{t('staff.moduleUnavailable')}</Alert>;
  return (
    <Guard permission={staffPermissionFor(id)}>
      <Suspense fallback={<Spinner label={t('common.loading')} />}>
        <Page moduleId={id} title={pick(mod.name)} />
      </Suspense>
    </Guard>
  );
}

function StaffLayout({ children }: { children: ReactNode }) {
  const { t } = useLang();
  const nav = useStaffNav();
  const [location] = useLocation();
  const [open, setOpen] = useState(false);
  const { can } = useSession();

  // Close the mobile menu after navigating.
  // biome-ignore lint/correctness/useExhaustiveDependencies: run on location change
  useEffect(() => setOpen(false), [location]);

  // Escape closes the phone menu.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);

  return (
    <div className="staff">
      <a href="#main" className="skip-link">
        {t('common.skipToContent')}
      </a>
      <StaffHeader onMenu={() => setOpen((o) => !o)} menuOpen={open} />
      <OfflineBanner />
      <div className="staff-body">
        <nav
          id="staff-nav"
          className={cx('staff-nav', open && 'open')}
          aria-label={t('staff.menu')}
          data-testid="staff-nav"
        >
          <ul>
            {nav.map((item) => {
              const active = item.href === '/staf' ? location === '/staf' : location.startsWith(item.href);
              return (
                <li key={item.key}>
                  <Link
                    href={item.href}
                    className={cx('staff-nav-link', active && 'active')}
                    aria-current={active ? 'page' : undefined}
                    data-testid={`staff-nav-${item.key}`}
                  >
                    <Icon name={item.icon} size={18} />
                    <span>{item.label}</span>
                  </Link>
                </li>
              );
            })}
            {can('core:live.watch') ? (
              <li>
                <Link href="/live" className="staff-nav-link" data-testid="staff-nav-live">
                  <Icon name="monitor" size={18} />
                  <span>{t('nav.liveRoom')}</span>
                </Link>
              </li>
            ) : null}
          </ul>
        </nav>
        <main id="main" className="staff-main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}

export default function StaffApp() {
  const { t } = useLang();
  const { me, loading, can } = useSession();
  if (loading) return <Spinner label={t('common.loading')} />;
  if (!me) return <StaffSignIn />;
  if (!can('core:staff.access')) return <NoAccess />;
  return (
    <StaffLayout>
      <Switch>
        <Route path="/staf" component={StaffHome} />
        <Route path="/staf/daerah">
          <Guard permission="core:region.manage">
            <RegionSettings />
          </Guard>
        </Route>
        <Route path="/staf/layanan">
          <Guard permission="core:modules.manage">
            <Modules />
          </Guard>
        </Route>
        <Route path="/staf/opd">
          <Guard permission="core:opd.manage">
            <Opd />
          </Guard>
        </Route>
        <Route path="/staf/pengguna">
          <Guard permission="core:users.manage">
            <Users />
          </Guard>
        </Route>
        <Route path="/staf/audit">
          <Guard permission="core:audit.read">
            <Audit />
          </Guard>
        </Route>
        <Route path="/staf/keamanan" component={Security} />
        {/* nest: a module page owns everything under /staf/m/<id>/ (its own routes, relative). */}
        <Route path="/staf/m/:id" nest>
          {(p) => <ModuleStaffPage id={p.id} />}
        </Route>
        <Route>
          <Alert>{t('notFound.title')}</Alert>
        </Route>
      </Switch>
    </StaffLayout>
  );
}
