import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissionsFor } from '../../api/core/auth/permissions';
import { opd } from '../../api/core/db/schema';
import { inRegion } from '../../api/core/db/scope';
import { modules } from '../../api/modules';
import { corePermissions, type Role, staffRoles } from '../../shared/roles';
import {
  call,
  createAccount,
  createTestApp,
  demoRegion,
  type TestAccount,
  type TestApp,
  type TestRegion,
} from '../support/app';

type Operation = {
  method: string;
  path: string;
  access: string;
  replica: boolean;
  params: Record<string, string>;
};
type Caller = { label: string; roles: Role[]; account: TestAccount | null };

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const STAFF: Role[] = [...staffRoles];

/** Every operation of the OpenAPI document with its declared access (x-simpul-access). */
function operationsOf(spec: any): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries<any>(spec.paths))
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const params: Record<string, string> = {};
      for (const p of op.parameters ?? [])
        if (p.in === 'path') params[p.name] = p.schema?.format === 'uuid' ? 'uuid' : p.schema?.type;
      out.push({
        method: method.toUpperCase(),
        path,
        access: op['x-simpul-access'],
        replica: op['x-simpul-replica'] === true,
        params,
      });
    }
  // Signing out ends the caller's session: walked last.
  return out.sort((a, b) => Number(a.path.includes('logout')) - Number(b.path.includes('logout')));
}

/** A concrete URL: path parameters filled with values that exist nowhere (a uuid, a number, a word). */
function urlOf(op: Operation): string {
  const url = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const kind = op.params[name];
    return kind === 'uuid' ? randomUUID() : kind === 'integer' || kind === 'number' ? '999999' : 'tidak-ada';
  });
  // A stream that is allowed would stay open: an invalid query ends it at validation, which runs
  // after the access check, so the check's answer is still what is seen.
  return url.endsWith('/stream') ? `${url}?lastEventId=bukan-angka` : url;
}

/** The spellings of one path that must meet the same check (or no route at all). */
const variants = (url: string): [string, string][] => {
  const [, first = '', ...rest] = url.split('/');
  const tail = rest.length ? `/${rest.join('/')}` : '';
  const hex = `%${first.charCodeAt(0).toString(16)}`;
  return [
    ['percent-encoded', `/${hex}${first.slice(1)}${tail}`],
    ['doubled slash', `/${first}/${tail}`],
    ['dot segment', `/${first}/.${tail}`],
    ['upper case', url.toUpperCase()],
    ['trailing slash', `${url}/`],
  ];
};

describe('every operation of the OpenAPI document answers as its declared access says', () => {
  let t: TestApp;
  let region: TestRegion;
  let operations: Operation[];
  const callers: Caller[] = [];
  const enabled = modules;

  beforeAll(async () => {
    t = await createTestApp();
    region = demoRegion(t);
    const spec = (await t.app.inject('/api/openapi.json')).json();
    operations = operationsOf(spec);
    const [first] = await inRegion(t.database, { regionId: region.id }, (tx) =>
      tx.select({ id: opd.id }).from(opd).limit(1),
    );
    const opdId = first!.id;
    callers.push({ label: 'anonim', roles: [], account: null });
    callers.push({
      label: 'citizen',
      roles: ['citizen'],
      account: await createAccount(t, region, ['citizen']),
    });
    for (const role of STAFF) {
      const grant = role.startsWith('opd_') ? [{ role, opdId }] : [role];
      callers.push({ label: role, roles: [role], account: await createAccount(t, region, grant) });
    }
  });
  afterAll(() => t.close());

  const send = (op: Operation, url: string, as: TestAccount | null) => {
    const opts: InjectOptions & { as?: TestAccount } = { method: op.method as 'GET', url };
    if (as) opts.as = as;
    if (!['GET', 'DELETE'].includes(op.method)) opts.payload = {};
    return call(t, region, opts);
  };

  it('declares an access on every operation', () => {
    expect(operations.length).toBeGreaterThan(100);
    const undeclared = operations.filter((o) => !o.access).map((o) => `${o.method} ${o.path}`);
    expect(undeclared).toEqual([]);
  });

  it('lets only public GET operations read from a replica (config.replica: seconds behind, read-only)', () => {
    const replicated = operations.filter((o) => o.replica);
    expect(replicated.length).toBeGreaterThan(0);
    const wrong = replicated.filter((o) => o.method !== 'GET' || o.access !== 'public');
    expect(wrong.map((o) => `${o.method} ${o.path} (${o.access})`)).toEqual([]);
    // Never what must be current: the document check (a revoked certificate), files, live streams.
    const current = replicated.filter((o) =>
      /\/documents\/check|\/api\/files|\/stream$|\/auth\//.test(o.path),
    );
    expect(current.map((o) => o.path)).toEqual([]);
  });

  it('matches the permission table a reviewer reads (docs/PERMISSIONS.md; `npx vitest -u` after a deliberate change)', async () => {
    const roles: Role[] = ['citizen', ...STAFF];
    const mark = (held: boolean) => (held ? '✓' : '·');
    const allowed = (access: string) =>
      access === 'public'
        ? 'everyone'
        : access === 'user'
          ? 'any signed-in account'
          : roles.filter((r) => permissionsFor([r], enabled).has(access)).join(', ');
    const permissions = [
      ...Object.keys(corePermissions),
      ...enabled.flatMap((m) => Object.keys(m.permissions)),
    ];
    const lines = [
      '# Who may do what',
      '',
      'Generated by `test/core/route-walk.test.ts` from the role grants and the routes’ declared access;',
      'the test fails when either changes until this file is regenerated (`npx vitest run test/core/route-walk.test.ts -u`),',
      'so every change of a permission shows here in review. A route may narrow further in its handler',
      '(an OPD officer sees only their OPD’s reports; a crew only their unit’s incidents).',
      '',
      '## Roles and permissions (every module enabled)',
      '',
      `| permission | ${roles.join(' | ')} |`,
      `| --- | ${roles.map(() => ':-:').join(' | ')} |`,
      ...permissions.map(
        (p) => `| \`${p}\` | ${roles.map((r) => mark(permissionsFor([r], enabled).has(p))).join(' | ')} |`,
      ),
      '',
      '## Operations',
      '',
      '| operation | access | who |',
      '| --- | --- | --- |',
      ...operations.map((o) => `| \`${o.method} ${o.path}\` | \`${o.access}\` | ${allowed(o.access)} |`),
      '',
      '## Served by a read replica when signed out',
      '',
      'Anonymous requests to these may be answered from a read replica, a few seconds behind the primary',
      '(`config.replica`, docs/SCALING.md §3); with a session cookie they always read the primary.',
      '',
      ...operations.filter((o) => o.replica).map((o) => `- \`${o.method} ${o.path}\``),
      '',
    ];
    await expect(lines.join('\n')).toMatchFileSnapshot('../../docs/PERMISSIONS.md');
  });

  it('lets in exactly the callers the access allows: anonymous, a citizen and every staff role', async () => {
    const wrong: string[] = [];
    for (const op of operations) {
      const url = urlOf(op);
      for (const caller of callers) {
        const res = await send(op, url, caller.account);
        const s = res.statusCode;
        const held = permissionsFor(caller.roles, enabled);
        const signedIn = caller.account !== null;
        let ok: boolean;
        if (s >= 500) ok = false;
        else if (op.access === 'public') ok = s !== 401;
        else if (!signedIn) ok = s === 401;
        else if (op.access === 'user') ok = s !== 401;
        else ok = held.has(op.access) ? s !== 401 && s !== 403 : s === 403;
        if (!ok)
          wrong.push(
            `${op.method} ${op.path} (${op.access}) as ${caller.label}: ${s} ${res.body.slice(0, 120)}`,
          );
      }
    }
    expect(wrong).toEqual([]);
    // Every operation × every role, one after another: it grows with each module (and PGlite runs
    // one query at a time), so it gets more time than a single test needs on a busy machine.
  }, 300_000);

  it('meets the same check through every spelling of the path', async () => {
    // A fresh session: the walk above signed its callers out at the end.
    const citizen = await createAccount(t, region, ['citizen']);
    const wrong: string[] = [];
    for (const op of operations.filter((o) => o.access !== 'public')) {
      for (const [how, url] of variants(urlOf(op))) {
        // Anonymous: 401 where a route matched, 404 where none did; never the handler.
        const anon = await send(op, url, null);
        if (![401, 404].includes(anon.statusCode))
          wrong.push(`${op.method} ${url} (${how}) anonymous: ${anon.statusCode}`);
        // A citizen on a staff route: refused, whatever the spelling.
        if (op.access !== 'user' && !permissionsFor(['citizen'], enabled).has(op.access)) {
          const res = await send(op, url, citizen);
          if (![403, 404].includes(res.statusCode))
            wrong.push(`${op.method} ${url} (${how}) citizen: ${res.statusCode}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 300_000);
});
