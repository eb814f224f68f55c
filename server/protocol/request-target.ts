/**
 * Where a request goes before anything reads it: the origin form of its target, and whether it is for the local
 * routes (`/_local`), which take smaller bodies than the API. Kept apart from local-routes.ts, which loads on first use.
 */

/** The largest body the local routes read (a simulation's policies and context). */
export const maxLocalBodyBytes = 1024 * 1024;

/** The origin form (`/path?query`) of an absolute-form request target (`http://host:port/path?query`). */
export function originForm(url: string): string {
  const authority = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/.exec(url);
  if (!authority) return url;
  const rest = url.slice(authority[0].length);
  return rest.startsWith('/') ? rest : `/${rest}`;
}

/** `/_local` and everything under it, in any letter case (as Express mounted the routes). */
export function isLocalPath(url: string): boolean {
  if (url.length < 7 || url.charCodeAt(1) !== 95 /* _ */) return false;
  const prefix = url.slice(0, 7).toLowerCase();
  if (prefix !== '/_local') return false;
  const next = url.charAt(7);
  return next === '' || next === '/' || next === '?';
}
