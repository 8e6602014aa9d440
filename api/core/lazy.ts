import { createRequire } from 'node:module';

/**
 * A module imported on its first use instead of at start-up. Every package imported at start-up
 * adds to the time until the server is ready (issue 19: `npm start` ready in ≤ 3 s); the heavy
 * ones that only some requests need (PDF, images, signing, mail, push, feeds, XML, RDF, HTML
 * sanitising, the API reference page) load through this, once, when first asked for. A failed
 * import is tried again on the next call.
 */
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    if (!loading) {
      loading = load();
      loading.catch(() => {
        loading = undefined;
      });
    }
    return loading;
  };
}

// Not named `require`: esbuild would take calls of a free `require` for its own.
const requireCjs = createRequire(import.meta.url);

/**
 * The synchronous twin of `lazy`, for code that cannot await (a sanitiser called inside a map):
 * a package with a CommonJS entry, required on first use.
 */
export function lazyRequire<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= requireCjs(id) as T;
    return loaded;
  };
}
