import { createHash, randomBytes } from 'node:crypto';

/**
 * API key format: `ethx_<8-char prefix>_<43-char secret>` (256 random bits in all). The key is
 * looked up by its SHA-256: a high-entropy key needs no slow hash, and SHA-256 keeps machine
 * authentication O(1) at thousands of requests per second. The prefix is shown in listings.
 */
export const API_KEY_PATTERN = /^ethx_[A-Za-z0-9_-]{8}_[A-Za-z0-9_-]{43}$/;

export function generateApiKey(): { secret: string; prefix: string; hash: string } {
  const prefix = randomBytes(6).toString('base64url');
  const secret = `ethx_${prefix}_${randomBytes(32).toString('base64url')}`;
  return { secret, prefix: `ethx_${prefix}`, hash: sha256Hex(secret) };
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
