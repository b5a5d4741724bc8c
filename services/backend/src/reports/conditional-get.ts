/**
 * RFC 9110 §13.1.2 If-None-Match for GET: true when any listed entity tag matches `etag` by weak
 * comparison (a `W/` prefix is ignored), or the header is `*`.
 */
export function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const value = header.trim();
  if (value === '*') return true;
  for (const candidate of value.split(',')) {
    const tag = candidate.trim();
    if ((tag.startsWith('W/') ? tag.slice(2) : tag) === etag) return true;
  }
  return false;
}
