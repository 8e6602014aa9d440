const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

/**
 * RFC 3986 §6.2.2 normalisation of a request target's path, before routing: percent-encoded
 * unreserved characters are decoded (`/%61pi` → `/api`), other escapes upper-cased, repeated
 * slashes collapsed (`/open311/v2//services.xml`) and dot segments removed (`/api/./x`,
 * `/a/../api`). Every spelling of a path then reaches the same route by the same door, with the
 * same access check; the query string is left as it is.
 */
export function canonicalPath(url: string): string {
  const cut = url.search(/[?#]/);
  const rawPath = cut < 0 ? url : url.slice(0, cut);
  const rest = cut < 0 ? '' : url.slice(cut);
  if (!/%|\/\/|\/\.\.?(?:\/|$)/.test(rawPath)) return url; // the common case: nothing to do
  const decoded = rawPath.replace(/%([0-9A-Fa-f]{2})/g, (encoded, hex: string) => {
    const c = String.fromCharCode(Number.parseInt(hex, 16));
    return UNRESERVED.test(c) ? c : encoded.toUpperCase();
  });
  const out: string[] = [];
  const segments = decoded.split('/').slice(1);
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (segment === '.' || segment === '..') {
      if (segment === '..') out.pop();
      if (last) out.push(''); // `/a/.` and `/a/..` end in a slash
    } else if (segment !== '' || last) out.push(segment);
  });
  return `/${out.join('/')}${rest}`;
}
