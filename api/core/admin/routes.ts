import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { rolesUpdateInput, staffCreateInput, userAdminView } from '../../../shared/auth';
import { auditQuery, liveEventView } from '../../../shared/live';
import { areaGeoImportInput, areaGeoImportResult, regionMapInput, regionMapView } from '../../../shared/map';
import {
  moduleAdminView,
  moduleToggleInput,
  opdInput,
  opdView,
  regionPublicView,
  regionUpdateInput,
} from '../../../shared/region';
import { roleSchema } from '../../../shared/roles';
import type { SimpulModule } from '../modules/types';
import { importAreaGeometry } from '../regions/area-geo';
import { presentRegionMap } from '../regions/map';
import { presentRegion } from '../regions/view';
import { listAudit } from './audit';
import { reservedHosts } from './domain-routes';
import { presentModules, setModule } from './module-switches';
import { createOpd, listOpd, updateOpd } from './opd';
import { updateRegionMap, updateRegionSettings } from './region-settings';
import { createStaff, listUsers, updateUserRoles } from './users';

const idParams = z.object({ id: z.string().uuid() });

/** The staff console's API for region admins: settings, modules, OPD, users, audit log. */
export async function adminRoutes(app: FastifyInstance, modules: readonly SimpulModule[]) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { directory } = app.simpul;

  r.patch(
    '/api/admin/region',
    {
      config: { access: 'core:region.manage' },
      schema: {
        tags: ['admin'],
        summary: 'Change region name, branding, contact, time zone, domains',
        body: regionUpdateInput,
        response: { 200: regionPublicView },
      },
    },
    async (req) => {
      await req.inRegion((tx) =>
        updateRegionSettings(tx, req.region, req.actor(), req.body, reservedHosts(req)),
      );
      await directory.invalidate(req.region.id);
      return presentRegion(
        directory.get(req.region.id)!,
        req.basePath,
        directory,
        modules,
        app.simpul.config,
      );
    },
  );

  r.put(
    '/api/admin/region/map',
    {
      config: { access: 'core:region.manage' },
      schema: {
        tags: ['admin'],
        summary:
          'Set where maps open (bounds) and the basemap (deployment default, tile URL, self-hosted file, none)',
        body: regionMapInput,
        response: { 200: regionMapView },
      },
    },
    async (req) => {
      await req.inRegion((tx) => updateRegionMap(tx, req.region.id, req.actor(), req.body));
      await directory.invalidate(req.region.id);
      return presentRegionMap(directory.get(req.region.id)!.map, req.basePath, app.simpul.config);
    },
  );

  r.post(
    '/api/admin/region/areas/geo',
    {
      config: { access: 'core:region.manage' },
      bodyLimit: 20 * 1024 * 1024,
      schema: {
        tags: ['admin'],
        summary:
          'Import kecamatan/kelurahan outlines or centroids from a GeoJSON FeatureCollection (matched by Kemendagri code or name)',
        body: areaGeoImportInput,
        response: { 200: areaGeoImportResult },
      },
    },
    (req) => req.inRegion((tx) => importAreaGeometry(tx, req.region.id, req.actor(), req.body)),
  );

  r.get(
    '/api/admin/modules',
    {
      config: { access: 'core:modules.manage' },
      schema: {
        tags: ['admin'],
        summary: 'Modules and their state in this region',
        response: { 200: z.array(moduleAdminView) },
      },
    },
    async (req) => presentModules(modules, await directory.moduleStates(req.region.id)),
  );

  r.put(
    '/api/admin/modules/:id',
    {
      config: { access: 'core:modules.manage' },
      schema: {
        tags: ['admin'],
        summary: 'Enable or disable a module for this region, optionally with settings',
        params: z.object({ id: z.string().max(60) }),
        body: moduleToggleInput,
        response: { 200: moduleAdminView },
      },
    },
    async (req) => {
      const states = await directory.moduleStates(req.region.id);
      await req.inRegion((tx) =>
        setModule(tx, req.region.id, req.actor(), modules, states, req.params.id, req.body),
      );
      await directory.invalidate(req.region.id);
      const after = presentModules(modules, await directory.moduleStates(req.region.id));
      return after.find((m) => m.id === req.params.id)!;
    },
  );

  r.get(
    '/api/admin/opd',
    {
      config: { access: 'core:staff.access' },
      schema: {
        tags: ['admin'],
        summary: 'OPD (agencies) of the region',
        response: { 200: z.array(opdView) },
      },
    },
    (req) => listOpd(app.simpul.database, { regionId: req.region.id, userId: req.user?.userId }),
  );
  r.post(
    '/api/admin/opd',
    {
      config: { access: 'core:opd.manage' },
      schema: { tags: ['admin'], summary: 'Add an OPD', body: opdInput, response: { 201: opdView } },
    },
    async (req, reply) =>
      reply.code(201).send(await req.inRegion((tx) => createOpd(tx, req.region.id, req.actor(), req.body))),
  );
  r.patch(
    '/api/admin/opd/:id',
    {
      config: { access: 'core:opd.manage' },
      schema: {
        tags: ['admin'],
        summary: 'Change an OPD',
        params: idParams,
        body: opdInput.partial(),
        response: { 200: opdView },
      },
    },
    (req) => req.inRegion((tx) => updateOpd(tx, req.region.id, req.actor(), req.params.id, req.body)),
  );

  r.get(
    '/api/admin/users',
    {
      config: { access: 'core:users.manage' },
      schema: {
        tags: ['admin'],
        summary:
          'Accounts of the region (search by name, phone, e-mail; filter by role). OPD admins see only their own OPD staff, never citizens',
        querystring: z.object({
          q: z.string().trim().max(100).optional(),
          role: roleSchema.optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.array(userAdminView) },
      },
    },
    (req) => req.inRegion((tx) => listUsers(tx, req.user!, req.query)),
  );
  r.post(
    '/api/admin/users',
    {
      config: { access: 'core:users.manage' },
      schema: {
        tags: ['admin'],
        summary: 'Create a staff account',
        body: staffCreateInput,
        response: { 201: userAdminView },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await req.inRegion((tx) => createStaff(tx, req.region, req.user!, req.body))),
  );
  r.patch(
    '/api/admin/users/:id',
    {
      config: { access: 'core:users.manage' },
      schema: {
        tags: ['admin'],
        summary: 'Replace the roles of an account, or disable it',
        params: idParams,
        body: rolesUpdateInput,
        response: { 200: userAdminView },
      },
    },
    (req) => req.inRegion((tx) => updateUserRoles(tx, req.region.id, req.user!, req.params.id, req.body)),
  );

  r.get(
    '/api/admin/audit',
    {
      config: { access: 'core:audit.read' },
      schema: {
        tags: ['admin'],
        summary: 'Audit log: every recorded action, newest first',
        querystring: auditQuery,
        response: { 200: z.object({ items: z.array(liveEventView), nextBefore: z.number().nullable() }) },
      },
    },
    (req) => req.inRegion((tx) => listAudit(tx, req.query)),
  );
}
