/**
 * Which database the suite runs on: SIMPUL_TEST_DB=postgres (needs TEST_DATABASE_URL) or the
 * default, embedded PGlite. `npm test` runs the same files once per kind (vitest projects).
 */
export function testDbKind(value = process.env.SIMPUL_TEST_DB): 'pglite' | 'postgres' {
  return value === 'postgres' ? 'postgres' : 'pglite';
}
