/**
 * Which paths are pages of the web app. The app is one index.html whose router draws every page,
 * but the HTTP status must still tell the truth: a crawler, a link checker or a monitoring probe
 * that asks for `/halaman-yang-tidak-ada` gets 404 (with the app's own "tidak ditemukan" page as
 * the body), and a missing `/assets/x.js` is a plain 404, never index.html answered as 200.
 *
 * Kept in step with web/src/surfaces/citizen/CitizenApp.tsx (core pages) and the surfaces in
 * web/src/App.tsx; a module's pages live under `/layanan/<module id>/…`, `/staf/…` and `/live/…`,
 * and its full-screen device screens (a kiosk, a TV display) under `/layar/<module id>/…` (deeper
 * paths there are the module's own routes, which show "tidak ditemukan" in the app).
 */
const CORE_PAGES = new Set([
  '/',
  '/masuk',
  '/daftar',
  '/verifikasi',
  '/lupa-sandi',
  '/profil',
  '/notifikasi',
]);
const SURFACES = ['/staf', '/live'];

/** A path that names a file (an extension, or anything under /assets/): never the app. */
export function isFilePath(pathname: string): boolean {
  return pathname.startsWith('/assets/') || /\/[^/]*\.[a-z0-9]{1,8}$/i.test(pathname);
}

/** True when the app has a page at `pathname` (already without any `/r/<slug>` prefix). */
export function isAppPage(pathname: string, moduleIds: ReadonlySet<string>): boolean {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (CORE_PAGES.has(path)) return true;
  if (SURFACES.some((s) => path === s || path.startsWith(`${s}/`))) return true;
  // The public check page of an issued document (the QR on an AK/1 card, a permit).
  if (/^\/cek\/[A-Za-z0-9_-]{8,64}$/.test(path)) return true;
  const service = /^\/(?:layanan|layar)\/([^/]+)(?:\/|$)/.exec(path);
  return service !== null && moduleIds.has(decodeURIComponent(service[1]!));
}
