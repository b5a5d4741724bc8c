/**
 * The UI's Content-Security-Policy: everything from this origin only, no inline script or style,
 * no eval, no framing. The built assets satisfy it (Vite emits external module scripts and CSS;
 * Preact and Chart.js set styles through the CSSOM, which style-src does not govern).
 */
export const UI_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** index.html may change with every deployment: always revalidate it. */
export const INDEX_CACHE_CONTROL = 'no-cache';
/** Asset names carry a content hash: a name never changes content. */
export const ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';
