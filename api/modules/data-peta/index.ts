import { z } from 'zod';
import { defineModule } from '../../core/modules/types';
import { MODULE_ID } from './catalog';
import { ckanRoutes } from './ckan';
import { datasetUriRoutes, dcatRoutes } from './dcat';
import { seedDataPetaDemo } from './demo';
import { ogcRoutes } from './ogc';
import { dataPetaRoutes } from './routes';
import { dataPetaTables } from './schema';

export const DATA_PETA_EVENTS = [
  'data-peta.dataset.created',
  'data-peta.dataset.updated',
  'data-peta.dataset.published',
  'data-peta.dataset.withdrawn',
  'data-peta.dataset.deleted',
  'data-peta.resource.added',
  'data-peta.resource.deleted',
] as const;

/**
 * Data & Peta: the region's open data portal and WebGIS (see README.md). Serves what every module
 * declares in its manifest's `openData` plus staff uploads, as CKAN Action API v3, DCAT-AP and
 * OGC API – Features.
 */
export const dataPeta = defineModule({
  id: MODULE_ID,
  name: { id: 'Data & Peta', en: 'Data & Maps' },
  description: {
    id: 'Portal data terbuka dan peta (WebGIS) daerah: data dari setiap layanan dan dari OPD, siap diunduh dan dipakai aplikasi lain.',
    en: 'Open data portal and WebGIS of the region: data from every service and agency, ready to download and to use in other apps.',
  },
  icon: 'map',
  citizen: true,
  dependsOn: [],
  permissions: {
    'data-peta:manage': {
      id: 'Kelola dataset dan lapisan peta (unggah, terbitkan)',
      en: 'Manage datasets and map layers (upload, publish)',
    },
  },
  roleGrants: {
    platform_admin: ['data-peta:manage'],
    region_admin: ['data-peta:manage'],
    opd_admin: ['data-peta:manage'],
  },
  settings: z.object({}),
  enabledByDefault: true,
  routes: dataPetaRoutes,
  mounts: [
    { prefix: '/api/3/action', routes: ckanRoutes },
    { prefix: '/api/action', routes: ckanRoutes },
    { prefix: '/catalog.jsonld', routes: dcatRoutes('jsonld') },
    { prefix: '/catalog.ttl', routes: dcatRoutes('ttl') },
    { prefix: '/ogc', routes: ogcRoutes },
    { prefix: '/dataset', routes: datasetUriRoutes },
  ],
  events: { emits: DATA_PETA_EVENTS },
  tables: dataPetaTables,
  liveChannels: ['data-peta.dataset.published'],
  seedDemo: seedDataPetaDemo,
});
