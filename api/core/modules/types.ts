import type { SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { WallMapItem } from '../../../shared/live';
import type { Role } from '../../../shared/roles';
import type { OutgoingMail } from '../auth/sender';
import type { ModuleOpenData } from '../datasets/types';
import type { Tx } from '../db/client';
import type { StoredEvent } from '../events/types';
import type { FileStore } from '../files/store';
import type { OperationDocs } from '../http/openapi-transform';
import type { NotificationTopic } from '../notifications/types';

export type Label = { id: string; en: string };

/** What a module's event handler or task gets: a transaction already scoped to one region. */
export type RegionContext = { tx: Tx; regionId: string };

export type EventHandler = (ctx: RegionContext, event: StoredEvent) => Promise<void>;

/**
 * What a non-transactional task gets: the region, and a way to open short transactions in it.
 * For work that must not hold a transaction while it waits (HTTP calls, e.g. webhook delivery).
 */
export type RegionWorker = {
  regionId: string;
  inRegion<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /** Sends a notification e-mail (SMTP when configured; logged in development). */
  mail(msg: OutgoingMail): Promise<void>;
  /** The file store, to read what a task sends (a signed PDF mailed out). */
  files?: FileStore;
  /** Logs a problem worth an operator's eye (JSON log, with the region and task added). */
  warn?(msg: string, fields: Record<string, unknown>): void;
};

export type ScheduledTask = {
  name: string;
  /** How often it runs per region (ms). */
  everyMs: number;
  /**
   * For frequent tasks that usually find nothing: a query across regions (run as the platform
   * role) selecting the `region_id` of regions with work now. The task is then claimed and run only
   * there, not in every region where its module is on. Key it by region (`exists (… where
   * x.region_id = r.id …)` over `region r`) so it probes the region-leading indexes.
   */
  hasWork?: SQL;
} & (
  | { transactional?: true; run(ctx: RegionContext): Promise<void> }
  | {
      /** `false`: `run` gets no transaction, only `inRegion` to open short ones itself. */
      transactional: false;
      run(ctx: RegionWorker): Promise<void>;
    }
);

/** Share-preview facts of one citizen page (Open Graph), injected into index.html by the server. */
export type PageMeta = {
  title: string;
  description: string;
  /** Absolute URL of the page. */
  url: string;
  /** Absolute URL of a preview image, if any. */
  image: string | null;
  type: 'article' | 'website';
  siteName: string;
};

/** A stored file as a module's read check sees it (GET /api/files/:id). */
export type FileReadContext = {
  req: FastifyRequest;
  tx: Tx;
  file: { id: string; ownerId: string | null; purpose: string };
};

/**
 * A module's manifest: the only thing the core knows about it. Listed, in order, in api/modules.ts.
 * Permissions are `<id>:<action>`; event types are `<id>.<entity>.<past-tense>`.
 */
export interface SimpulModule<TSettings extends z.ZodType = z.ZodType> {
  id: string;
  name: Label;
  description: Label;
  /** Material-symbol-like icon name the web shell maps to an icon. */
  icon: string;
  /** Shown as a service tile on the citizen home screen. */
  citizen: boolean;
  dependsOn: readonly string[];
  permissions: Record<string, Label>;
  roleGrants: Partial<Record<Role, readonly string[]>>;
  /** Per-region settings; `.parse({})` must yield the defaults. */
  settings: TSettings;
  /** Whether a newly onboarded region gets it unless told otherwise. */
  enabledByDefault: boolean;
  /** Fastify plugin mounted at /api/m/<id>; it answers 404 MODULE_DISABLED where the module is off. */
  routes?: (app: FastifyInstance) => Promise<void>;
  /**
   * Route trees outside /api/m/<id> (e.g. an Open311 API at /open311/v2). They get the same region
   * resolution, access check and module switch as `routes`; every route must declare `config.access`.
   */
  mounts?: readonly { prefix: string; routes: (app: FastifyInstance) => Promise<void> }[];
  /**
   * OpenAPI facts its routes' schemas cannot carry (bodies read by their own content-type parser,
   * answers in XML…), keyed by `METHOD /full/url/:param` (api/core/http/openapi-transform.ts).
   */
  openapi?: OperationDocs;
  events?: { emits: readonly string[]; handles?: Record<string, EventHandler> };
  tasks?: readonly ScheduledTask[];
  /** The module's own tables (all region-scoped; checked by the RLS meta-test). */
  tables: readonly PgTable[];
  /** Live channels (event types) the command center may show. */
  liveChannels: readonly string[];
  /**
   * What the module puts on the LIVE Room wall map: its open items in the region (newest first,
   * at most `limit`). Live changes come from events carrying `data.wall` (see shared/live.ts).
   */
  wall?: { mapItems: (ctx: RegionContext & { limit: number }) => Promise<WallMapItem[]> };
  /**
   * Who may download an uploaded file attached to one of the module's records: `null` when the
   * file is attached to none of them (the next module is asked), else whether this request may
   * read the record it belongs to. A file no module claims is readable by its uploader only
   * (api/core/files/access.ts). Without this hook a module's attachments are the uploader's alone.
   */
  files?: { canRead: (ctx: FileReadContext) => Promise<boolean | null> };
  /**
   * What the module notifies people about (api/core/notifications): people choose topics per device
   * (Web Push) and per account (e-mail). Send with `notify(tx, regionId, { topic, … })`.
   */
  notifications?: { topics: readonly NotificationTopic[] };
  /**
   * Open Graph facts for one of the module's citizen pages (`path` is what follows
   * `/layanan/<id>`, e.g. `/berita/<slug>`), or null: the server puts them in the page's HTML so
   * share previews (WhatsApp, Facebook, X) show the title, summary and image without running script.
   */
  pageMeta?: (
    ctx: RegionContext & { path: string; origin: string; basePath: string; regionName: string },
  ) => Promise<PageMeta | null>;
  /**
   * Kinds of verifiable document the module issues (api/core/documents): `<module>.<name>` ids with
   * their labels, shown on the public check page (`/cek/<code>`). Issue with `issueDocument`.
   */
  documents?: { kinds: readonly { id: string; label: Label }[] };
  /**
   * Open data the module publishes (api/core/datasets/types.ts): tables (`datasets`) and map layers
   * (`layers`), each a read-only query the core runs in the region's transaction. The Data & Peta
   * module serves them as CKAN datasets, DCAT, OGC API – Features collections and on its portal.
   * Aggregates and public records only.
   */
  openData?: ModuleOpenData;
  /** Data a newly onboarded region starts with. */
  seedRegion?: (ctx: RegionContext & { regionCode: string }) => Promise<void>;
  /**
   * Accounts the module's `seedDemo` creates (password: the core's demo password), so the start-up
   * banner and the README can list every demo login. Checked by test/regions/demo.test.ts.
   */
  demoLogins?: readonly { role: Role; label: string; login: string }[];
  /**
   * Sample data for the demo region only (`npm start`), e.g. reports in every state. Must be
   * idempotent. `files` is the deployment's file store when the demo has one (not in test templates).
   */
  seedDemo?: (
    ctx: RegionContext & { accounts: { role: string; userId: string }[]; files?: FileStore },
  ) => Promise<void>;
}

export function defineModule<TSettings extends z.ZodType>(
  m: SimpulModule<TSettings>,
): SimpulModule<TSettings> {
  return m;
}
