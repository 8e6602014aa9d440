import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const root = fileURLToPath(new URL('.', import.meta.url));
const apiTarget = process.env.SIMPUL_API ?? 'http://127.0.0.1:3000';

// API calls under a region prefix (/r/<slug>/api/...) go to the API too; the SPA pages under the
// prefix are served by Vite itself so dev works with a path prefix.
const proxy = {
  '/api': { target: apiTarget, changeOrigin: false },
  '^/r/[a-z0-9-]+/api/': { target: apiTarget, changeOrigin: false },
  // The per-region Web App Manifest (and its redirect from deep pages) comes from the API too.
  '^/(?:.*/)?manifest\\.webmanifest$': { target: apiTarget, changeOrigin: false },
};

export default defineConfig({
  root,
  // Absolute asset URLs from '/': they resolve the same under a /r/<slug>/ prefix.
  base: '/',
  resolve: {
    alias: { '@shared': fileURLToPath(new URL('../shared', import.meta.url)) },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 300,
    rolldownOptions: {
      output: {
        // What the citizen home needs on its first load is one chunk: a dozen small shared chunks
        // cost a request header each and compress worse (issue 13: first-load JS under 90 KB
        // brotli, `npm run bench:web`). Everything else stays lazily split per surface and module.
        codeSplitting: {
          groups: [
            {
              name: 'app',
              test: /node_modules[\\/](react|react-dom|scheduler|wouter|regexparam|use-sync-external-store|rosetta|dlv|templite)[\\/]|web[\\/]src[\\/](core[\\/](ui[\\/](?!admin|DataTable|form|useEditableList)|i18n|api|base|hooks|region|session|color|usage|LoadFailed|auth[\\/]LangSwitch)|surfaces[\\/]citizen[\\/](CitizenShell|CitizenApp|Home|NotFound|ServicePage)|modules[\\/]registry|App\.tsx)/,
            },
            {
              // The home's module strips (Info Kota's news and announcements) and what they share:
              // loaded together right after the app chunk, as one file instead of nine.
              name: 'home',
              test: /web[\\/]src[\\/](modules[\\/]info-kota[\\/](HomeTop|HomeBottom|HomeWidgets|api|strings|citizen[\\/]Feed)|core[\\/](format|useFormat))|shared[\\/]modules[\\/]info-kota-values/,
            },
          ],
        },
      },
    },
  },
  server: { port: 5173, proxy },
  preview: { port: 4173, proxy },
  plugins: [
    react(),
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script-defer',
      includeAssets: [
        'favicon.svg',
        'apple-touch-icon.png',
        'icon-192.png',
        'icon-512.png',
        'icon-maskable-512.png',
        'push-sw.js',
      ],
      // The manifest is served per region by the API (GET [/r/<slug>]/manifest.webmanifest,
      // api/core/regions/manifest.ts): each region installs under its own name, colours and scope.
      // index.html links it relatively, so under /r/<slug>/ it is that region's.
      manifest: false,
      workbox: {
        // Web Push: showing a pushed notification and opening the app on tap (web/public/push-sw.js).
        importScripts: ['push-sw.js'],
        // Precache the citizen shell only; staff/command chunks are cached when first used.
        // (the icons are added by includeAssets; the manifest is the API's, never precached)
        globPatterns: ['**/*.{js,css,html}'],
        globIgnores: [
          '**/StaffApp-*.js',
          '**/StaffApp-*.css',
          '**/CommandApp-*.js',
          '**/CommandApp-*.css',
          '**/StaffPage-*.js',
          '**/StaffPage-*.css',
          '**/Laksa{Headline,League,Trends}-*.js',
          '**/WallMap-*.{js,css}',
          // Info Kota's editorial desk (Tiptap is ~400 kB) and wall widget: staff only.
          '**/{RichText,ArticleEditor,AnnouncementsDesk,AgendaDesk,InfoKotaWall}-*.js',
        ],
        // Only the SPA's own routes fall back to index.html; /api/ (and docs, metrics, …) never do.
        navigateFallback: '/index.html',
        navigateFallbackAllowlist: [
          /^(?:\/r\/[a-z0-9-]+)?(?:\/(?:masuk|daftar|verifikasi|profil|notifikasi|cek\/[A-Za-z0-9_-]+|layanan(?:\/.*)?|staf(?:\/.*)?|live(?:\/.*)?)?)?\/?$/,
        ],
        navigateFallbackDenylist: [/^\/api\//, /^\/r\/[a-z0-9-]+\/api\//],
        cleanupOutdatedCaches: true,
        runtimeCaching: [
          {
            // Same-origin API reads that should still work offline after a first visit (the LAKSA
            // report form needs its categories and bounds to be filled in without a connection; maps
            // draw the region's kecamatan offline; the PMTiles basemap's range requests are not cached).
            // (Functions are serialised into sw.js: keep them self-contained.)
            urlPattern: ({ url, request }) =>
              request.method === 'GET' &&
              url.origin === self.location.origin &&
              /^(?:\/r\/[a-z0-9-]+)?\/api\/(?:region(?:\/areas(?:\/geo)?)?|m\/nomor-penting\/numbers|m\/laksa\/(?:categories|public\/config)|m\/info-kota\/public\/(?:home|articles(?:\/[a-z0-9-]+)?|announcements|agenda))$/.test(
                url.pathname,
              ),
            handler: 'NetworkFirst',
            options: {
              cacheName: 'simpul-api',
              networkTimeoutSeconds: 6,
              expiration: { maxEntries: 80, maxAgeSeconds: 30 * 24 * 3600 },
              cacheableResponse: { statuses: [200] },
            },
          },
          {
            urlPattern: ({ url, request }) =>
              request.method === 'GET' &&
              url.origin === self.location.origin &&
              url.pathname.startsWith('/assets/'),
            handler: 'CacheFirst',
            options: {
              cacheName: 'simpul-assets',
              expiration: { maxEntries: 80, maxAgeSeconds: 90 * 24 * 3600 },
              cacheableResponse: { statuses: [200] },
            },
          },
        ],
      },
    }),
  ],
});
