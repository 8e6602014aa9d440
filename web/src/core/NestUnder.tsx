import type { ReactNode } from 'react';
import { Route, useRouter } from 'wouter';

/**
 * A module page's own routes (`/`, `/tiket/:id`, …) relative to the module's path. The shells
 * already nest module pages under `/layanan/<id>` and `/staf/m/<id>`; where a page is rendered
 * without that (a test, another shell), it nests itself here, so its links work either way.
 */
export function NestUnder({ path, children }: { path: string; children: ReactNode }) {
  const router = useRouter();
  if (router.base.endsWith(path)) return <>{children}</>;
  return (
    <Route path={path} nest>
      {children}
    </Route>
  );
}
