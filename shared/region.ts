import { z } from 'zod';
import { timeZones } from './indonesia';
import { regionMapView } from './map';

const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'warna hex, contoh #0b5fa5 / hex colour');

/** Branding as visitors get it: the logo as a same-origin URL of the region's uploaded file. */
export const brandingSchema = z.object({
  displayName: z.string().trim().min(3).max(80),
  logoUrl: z
    .string()
    .max(500)
    .nullable()
    .describe('Same-origin path of the uploaded logo (<basePath>/api/files/<id>), or null'),
  primaryColor: color,
  accentColor: color,
});

/**
 * Branding as stored and as region admins set it. The logo is a file uploaded through
 * POST /api/files/photos?purpose=logo (type by content, resized, re-encoded), never a remote URL:
 * a remote image would let its host count and follow every visitor.
 */
export const storedBrandingSchema = brandingSchema.omit({ logoUrl: true }).extend({
  logoFileId: z.uuid().nullable().describe('Id of a logo uploaded with purpose=logo'),
});
export type Branding = z.infer<typeof storedBrandingSchema>;

export const regionTypeSchema = z.enum(['provinsi', 'kabupaten', 'kota']);

/** What anyone (also anonymous citizens) may know about a region. */
export const regionPublicView = z
  .object({
    id: z.string().uuid(),
    code: z.string(),
    name: z.string(),
    type: regionTypeSchema,
    slug: z.string(),
    timeZone: z.enum(Object.keys(timeZones) as [keyof typeof timeZones]),
    branding: brandingSchema,
    contact: z.object({
      phone: z.string().nullable(),
      email: z.string().nullable(),
      address: z.string().nullable(),
    }),
    basePath: z
      .string()
      .describe('Path prefix to use for this region: "" on its own host, "/r/<slug>" otherwise'),
    domains: z.array(z.string()).describe('Host names that serve this region (besides /r/<slug>/)'),
    map: regionMapView.describe('Where maps open, the basemap they draw'),
    modules: z.array(
      z.object({
        id: z.string(),
        name: z.object({ id: z.string(), en: z.string() }),
        icon: z.string(),
        citizen: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'RegionPublic' });
export type RegionPublicView = z.infer<typeof regionPublicView>;

export const regionUpdateInput = z.object({
  name: z.string().trim().min(3).max(120).optional(),
  timeZone: z.enum(['WIB', 'WITA', 'WIT']).optional(),
  branding: storedBrandingSchema.partial().strict().optional(),
  contact: z
    .object({
      phone: z.string().trim().max(30).nullable(),
      email: z.string().trim().email().nullable(),
      address: z.string().trim().max(300).nullable(),
    })
    .partial()
    .optional(),
  domains: z
    .array(z.string().trim().min(1).max(253))
    .max(10)
    .optional()
    .describe(
      'The whole list of host names (IDNA allowed). A new one stays pending until proven: see /api/admin/region/domains',
    ),
});
export type RegionUpdateInput = z.infer<typeof regionUpdateInput>;

export const areaView = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['kecamatan', 'kelurahan', 'desa']),
  parentCode: z.string().nullable(),
});

export const opdView = z.object({
  id: z.string().uuid(),
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
  active: z.boolean(),
});
export const opdInput = z.object({
  code: z
    .string()
    .trim()
    .min(2)
    .max(30)
    .regex(/^[a-z0-9-]+$/),
  name: z.string().trim().min(3).max(200),
  shortName: z.string().trim().min(2).max(40),
  active: z.boolean().default(true),
});

export const moduleAdminView = z.object({
  id: z.string(),
  name: z.object({ id: z.string(), en: z.string() }),
  description: z.object({ id: z.string(), en: z.string() }),
  dependsOn: z.array(z.string()),
  enabled: z.boolean(),
  settings: z.record(z.string(), z.unknown()),
  settingsSchema: z
    .record(z.string(), z.unknown())
    .describe(
      'JSON Schema of the settings (from the module zod schema): title = Indonesian label, description = English',
    ),
});
export const moduleToggleInput = z.object({
  enabled: z.boolean(),
  settings: z.record(z.string(), z.unknown()).optional(),
});

export const domainStatusView = z
  .object({
    domain: z.string(),
    status: z.enum(['aktif', 'menunggu']),
    /** Where the deployment publishes the proof on that host (pending names only). */
    proofUrl: z.string().nullable(),
  })
  .meta({ id: 'DomainStatus' });
export type DomainStatusView = z.infer<typeof domainStatusView>;
