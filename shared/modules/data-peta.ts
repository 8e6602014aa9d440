import { z } from 'zod';
import { isoDate } from '../dates';

/** draft: staff only · public: every API, the catalogue and the map · private: staff only, never published. */
export const visibilities = ['draft', 'public', 'private'] as const;
export type Visibility = (typeof visibilities)[number];

export const datasetFrequencies = [
  'continuous',
  'daily',
  'weekly',
  'monthly',
  'quarterly',
  'annual',
  'irregular',
] as const;
export type DatasetFrequency = (typeof datasetFrequencies)[number];

export const fieldTypes = ['text', 'int', 'numeric', 'date', 'timestamp', 'bool'] as const;
export type FieldType = (typeof fieldTypes)[number];

const label = z.object({ id: z.string(), en: z.string() });

export const storedField = z.object({ name: z.string(), type: z.enum(fieldTypes), label });
export type StoredField = z.infer<typeof storedField>;

/** Licences a staff member can pick (Satu Data Indonesia portals use CC BY 4.0 by default). */
export const licences = [
  {
    id: 'CC-BY-4.0',
    name: 'Creative Commons Attribution 4.0',
    url: 'https://creativecommons.org/licenses/by/4.0/',
  },
  {
    id: 'CC-BY-SA-4.0',
    name: 'Creative Commons Attribution Share-Alike 4.0',
    url: 'https://creativecommons.org/licenses/by-sa/4.0/',
  },
  {
    id: 'CC0-1.0',
    name: 'Creative Commons CC0 1.0',
    url: 'https://creativecommons.org/publicdomain/zero/1.0/',
  },
  {
    id: 'ODbL-1.0',
    name: 'Open Data Commons Open Database License 1.0',
    url: 'https://opendatacommons.org/licenses/odbl/1-0/',
  },
  { id: 'other-closed', name: 'Lainnya (tidak terbuka) / Other (not open)', url: '' },
] as const;
export const licenceIds = licences.map((l) => l.id) as unknown as readonly [string, ...string[]];

export const datasetName = z
  .string()
  .trim()
  .min(2)
  .max(100)
  .regex(/^[a-z0-9_-]+$/, 'Hanya huruf kecil, angka, - dan _ / lowercase letters, digits, - and _ only');

/** What staff fill in for a dataset (the metadata of the issue and of Satu Data Indonesia). */
export const datasetInput = z.object({
  name: datasetName,
  title: z.string().trim().min(3).max(200),
  notes: z.string().trim().max(5000).default(''),
  opdId: z.string().uuid().nullable().default(null),
  tags: z.array(z.string().trim().min(1).max(60)).max(30).default([]),
  licenseId: z.enum(licenceIds).default('CC-BY-4.0'),
  frequency: z.enum(datasetFrequencies).default('irregular'),
  temporalStart: isoDate.nullable().default(null),
  temporalEnd: isoDate.nullable().default(null),
  spatial: z.string().trim().max(200).nullable().default(null),
  contactName: z.string().trim().max(120).nullable().default(null),
  contactEmail: z.string().trim().email().max(200).nullable().default(null),
});
export type DatasetInput = z.infer<typeof datasetInput>;
export const datasetUpdateInput = datasetInput.partial().omit({ name: true });

export const linkInput = z.object({
  name: z.string().trim().min(1).max(200),
  url: z
    .string()
    .trim()
    .url()
    .max(2000)
    .refine((u) => /^https?:/i.test(u), 'http(s) only'),
  format: z.string().trim().max(20).default('HTML'),
  description: z.string().trim().max(1000).default(''),
});

export const resourceView = z.object({
  id: z.string(),
  kind: z.enum(['table', 'layer', 'link']),
  name: z.string(),
  description: z.string(),
  format: z.string(),
  url: z.string(),
  fields: z.array(storedField),
  rowCount: z.number().int(),
  collectionId: z.string().nullable(),
  modifiedAt: z.string(),
});

export const organisationView = z.object({ id: z.string(), name: z.string(), title: z.string() });

/** One dataset as the portal and the staff console show it (staff and module datasets alike). */
export const datasetView = z
  .object({
    id: z.string(),
    name: z.string(),
    title: z.string(),
    notes: z.string(),
    source: z.string().describe('`data-peta` for staff datasets, else the publishing module'),
    organisation: organisationView,
    tags: z.array(z.string()),
    license: z.object({ id: z.string(), name: z.string(), url: z.string() }),
    frequency: z.enum(datasetFrequencies),
    temporalStart: z.string().nullable(),
    temporalEnd: z.string().nullable(),
    spatial: z.string().nullable(),
    contactName: z.string().nullable(),
    contactEmail: z.string().nullable(),
    visibility: z.enum(visibilities),
    createdAt: z.string(),
    modifiedAt: z.string(),
    resources: z.array(resourceView),
  })
  .meta({ id: 'DataPetaDataset' });
export type DatasetView = z.infer<typeof datasetView>;

/** A row-level problem of an upload (row 1 = the first data row after the header). */
export const uploadProblem = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  message: label,
});
export type UploadProblem = z.infer<typeof uploadProblem>;

export const uploadResult = z.object({
  resource: resourceView,
  rows: z.number().int(),
});

/** A map layer for the WebGIS page: an OGC collection with its legend. */
export const layerView = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  kind: z.enum(['place', 'event']),
  color: z.string(),
  source: z.string(),
  fields: z.array(storedField),
});
export type LayerView = z.infer<typeof layerView>;

/** Usage per dataset (views, downloads, API calls) over a period. */
export const datasetUsage = z.object({
  name: z.string(),
  views: z.number().int(),
  downloads: z.number().int(),
  api: z.number().int(),
});
