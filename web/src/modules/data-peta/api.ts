import type { z } from 'zod';
import type {
  DatasetView,
  datasetUsage,
  LayerView,
  StoredField,
  UploadProblem,
} from '../../../../shared/modules/data-peta';
import { basePath } from '../../core/base';

export const BASE = '/m/data-peta';
export type { DatasetView, LayerView, StoredField, UploadProblem };
export type FacetItem = { name: string; display_name: string; count: number };
export type SearchView = {
  count: number;
  results: DatasetView[];
  facets: Record<string, { title: string; items: FacetItem[] }>;
};
export type TableView = { fields: StoredField[]; records: Record<string, unknown>[]; total: number };
export type UsageRow = z.infer<typeof datasetUsage>;

/** An absolute URL of this region's server for a path outside /api (CKAN, OGC, DCAT). */
export const serverUrl = (path: string) => `${window.location.origin}${basePath}${path}`;
