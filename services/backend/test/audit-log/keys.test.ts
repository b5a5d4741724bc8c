import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/config/env.ts';
import { createHmacKeyRing, generateHmacJwk } from '../../src/audit-log/hmac-keys.ts';
import {
  createCheckpointKeyRing,
  generateCheckpointJwk,
  signBytes,
  verifyBytes,
} from '../../src/audit-log/checkpoint-keys.ts';
import { checkpointFile } from '../../src/audit-log/checkpoint-settings.ts';

describe('audit key rings', () => {
  it('HMAC keys: a non-empty array of oct JWKs of 32+ bytes with distinct kids; the first seals', () => {
    const [a, b] = [generateHmacJwk(), generateHmacJwk()];
    const ring = createHmacKeyRing(JSON.stringify([a, b]));
    expect([ring.currentKid, [...ring.keys.keys()]]).toEqual([a.kid, [a.kid, b.kid]]);
    expect(() => createHmacKeyRing('nope')).toThrow('AUDIT_HMAC_KEYS: not valid JSON');
    expect(() => createHmacKeyRing('[]')).toThrow('AUDIT_HMAC_KEYS: must be a non-empty JSON array');
    expect(() => createHmacKeyRing(JSON.stringify([{ ...a, k: 'c2hvcnQ' }]))).toThrow(
      'AUDIT_HMAC_KEYS[0]: key must be at least 32 bytes',
    );
    expect(() => createHmacKeyRing(JSON.stringify([a, { ...b, kty: 'OKP' }]))).toThrow(
      'AUDIT_HMAC_KEYS[1]: must be a symmetric JWK',
    );
    expect(() => createHmacKeyRing(JSON.stringify([a, a]))).toThrow(`duplicate kid ${a.kid}`);
  });

  it('signing keys: Ed25519 JWKs; the first signs when private; public halves only verify', () => {
    const [a, b] = [generateCheckpointJwk(), generateCheckpointJwk()];
    const { d: _d, ...bPublic } = b;
    const ring = createCheckpointKeyRing(JSON.stringify([a, bPublic]));
    expect(ring.signer?.kid).toBe(a.kid);
    const sig = signBytes(ring.signer!.key, 'head');
    expect(verifyBytes(ring.verifiers.get(a.kid)!, 'head', sig)).toBe(true);
    expect(verifyBytes(ring.verifiers.get(b.kid)!, 'head', sig)).toBe(false);
    expect(createCheckpointKeyRing(JSON.stringify([bPublic])).signer).toBeUndefined();
    expect(() => createCheckpointKeyRing(JSON.stringify([{ ...a, crv: 'P-256' }]))).toThrow(
      'AUDIT_SIGNING_KEYS[0]: must be an Ed25519 JWK',
    );
    expect(() => createCheckpointKeyRing(JSON.stringify([{ ...a, x: 'AAAA' }]))).toThrow(
      'AUDIT_SIGNING_KEYS[0]: not a usable Ed25519 key',
    );
  });
});

describe('the checkpoint directory', () => {
  it('defaults under DATA_DIR in development; production requires it; it must be writable', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ethixai-ckpt-dev-'));
    try {
      expect(checkpointFile(parseEnv({ DATA_DIR: dataDir }))).toBe(
        path.join(dataDir, 'audit-checkpoints', 'audit-checkpoints.jsonl'),
      );
      expect(fs.statSync(path.join(dataDir, 'audit-checkpoints')).isDirectory()).toBe(true);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    expect(() => checkpointFile(parseEnv({ ETHIXAI_PROFILE: 'production' }))).toThrow(
      'AUDIT_CHECKPOINT_DIR: required in the production profile',
    );
    expect(() => checkpointFile(parseEnv({ AUDIT_CHECKPOINT_DIR: '/dev/null/checkpoints' }))).toThrow(
      'AUDIT_CHECKPOINT_DIR: /dev/null/checkpoints is not a writable directory (ENOTDIR)',
    );
  });
});
