import type { SQL } from 'drizzle-orm';
import type { Label, RegionContext } from '../modules/types';

/**
 * Column types of a published table, named as CKAN's DataStore names them (`datastore_search`
 * answers `fields: [{id, type}]` with these), so a CKAN client reads them unchanged.
 */
export type DatasetFieldType = 'text' | 'int' | 'numeric' | 'date' | 'timestamp' | 'bool';

export type DatasetField = {
  /** snake_case; the column name in the source select, in CSV headers and in JSON records. */
  name: string;
  type: DatasetFieldType;
  label: Label;
};

/** How often a dataset changes (DCAT `dct:accrualPeriodicity`, EU frequency vocabulary). */
export type DatasetFrequency =
  | 'continuous'
  | 'daily'
  | 'weekly'
  | 'monthly'
  | 'quarterly'
  | 'annual'
  | 'irregular';

export type DatasetLicence = { id: string; name: string; url: string };

/**
 * A table a module publishes as open data (manifest `datasets`). The Data & Peta module serves it
 * through CKAN (`package_*`, `datastore_search`), DCAT, its portal and downloads; the core runs the
 * query in the region's transaction (row-level security applies) and adds filters, sorting and
 * paging around it, always as parameters.
 *
 * Aggregates and public records only: nothing a person could be identified by (no names, NIK,
 * phone, free text written by a citizen, exact location of a private person).
 */
export type PublishedDataset = {
  /** Unique within the module; the CKAN name becomes `<module>-<id>`. */
  id: string;
  title: Label;
  description: Label;
  /** OPD code of the publisher in the region (e.g. `diskominfo`); the region itself when absent or unknown. */
  organisation?: string;
  tags: readonly string[];
  /** Default: CC BY 4.0 (api/core/open-data/licence.ts). */
  licence?: DatasetLicence;
  frequency: DatasetFrequency;
  fields: readonly DatasetField[];
  /**
   * A select whose columns are exactly `fields` (by name, in any order), read-only, inside the
   * region's transaction. Keep it an aggregate or a public view; the core wraps it as a subquery.
   */
  query: (ctx: RegionContext) => SQL;
};

/**
 * A map layer a module publishes (manifest `layers`): served as an OGC API – Features collection
 * and drawn on the WebGIS page. Points only: the query selects `id` (text), `lon`, `lat` (WGS 84,
 * CRS84 order), `at` (timestamptz or null: the feature's instant, for `datetime` filters) and
 * the `fields` as properties. Public places and public records only, like datasets.
 */
export type PublishedLayer = {
  /** Unique within the module; the collection id becomes `<module>-<id>`. */
  id: string;
  title: Label;
  description: Label;
  /** `place`: things that stay (markets, offices); `event`: things that happen (reports, incidents). */
  kind: 'place' | 'event';
  /** Marker colour on the WebGIS page and its legend (CSS colour). */
  color: string;
  organisation?: string;
  tags: readonly string[];
  licence?: DatasetLicence;
  fields: readonly DatasetField[];
  query: (ctx: RegionContext) => SQL;
};

/** The manifest entry (`SimpulModule.datasets`). */
export type ModuleOpenData = {
  datasets?: readonly PublishedDataset[];
  layers?: readonly PublishedLayer[];
};
