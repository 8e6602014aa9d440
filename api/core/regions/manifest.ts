import type { FastifyInstance } from 'fastify';
import type { RegionPublicView } from '../../../shared/region';
import type { SimpulModule } from '../modules/types';
import { presentRegion } from './view';

/** The app icons of the web build (web/public), the same for every region. */
const ICONS = [
  { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
  { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
  { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  { src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml' },
];

/** "Kota Tangerang" → "Tangerang", "Kabupaten Bogor" → "Bogor": what fits under a home-screen icon. */
const shortName = (name: string) =>
  name
    .replace(/^(Kota Administrasi|Kota|Kabupaten Administrasi|Kabupaten|Kab\.|Provinsi)\s+/i, '')
    .slice(0, 24);

/**
 * The Web App Manifest of a region: installed from /r/<slug>/ (or the region's own host) it is
 * "<displayName>" in the region's colours, opens at and stays within the region's base path, and
 * offers its enabled citizen services as shortcuts. The `id` carries the region code, so the
 * installed app stays the same one when the region changes its name or colours.
 */
export function regionManifest(view: RegionPublicView) {
  const base = `${view.basePath}/`;
  return {
    id: `${base}?region=${encodeURIComponent(view.code)}`,
    name: view.branding.displayName,
    short_name: shortName(view.name),
    description: `Layanan ${view.name} dalam satu genggaman.`,
    lang: 'id',
    dir: 'ltr',
    start_url: base,
    scope: base,
    display: 'standalone',
    orientation: 'portrait',
    theme_color: view.branding.primaryColor,
    background_color: view.branding.primaryColor,
    categories: ['government', 'utilities'],
    icons: ICONS,
    shortcuts: view.modules
      .filter((m) => m.citizen)
      .map((m) => ({
        name: m.name.id,
        short_name: m.name.id.slice(0, 24),
        description: m.name.en,
        url: `${view.basePath}/layanan/${m.id}`,
        icons: [{ src: '/icon-192.png', sizes: '192x192', type: 'image/png' }],
      })),
  };
}

/**
 * GET /manifest.webmanifest (also under /r/<slug>/): replaces the static manifest of the web
 * build (vite-plugin-pwa runs with `manifest: false`; index.html links here relatively).
 */
export async function manifestRoutes(app: FastifyInstance, modules: readonly SimpulModule[]) {
  app.get(
    '/manifest.webmanifest',
    { config: { access: 'public' }, schema: { hide: true } },
    async (req, reply) => {
      const view = await presentRegion(
        req.region,
        req.basePath,
        app.simpul.directory,
        modules,
        app.simpul.config,
      );
      // Short: a renamed region or a service switched off reaches installed apps soon.
      reply.header('cache-control', 'public, max-age=300');
      reply.type('application/manifest+json; charset=utf-8');
      return JSON.stringify(regionManifest(view));
    },
  );
}
