import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVICE_NODE_ENV, SERVICE_NODE_FLAGS } from '../../src/runtime/node-flags.ts';

const ROOT = path.resolve(import.meta.dirname, '../../../..');

describe('SERVICE_NODE_FLAGS', () => {
  it.each(['backend', 'ai-core'])('is what the %s start script runs with', (service) => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'services', service, 'package.json'), 'utf8')) as {
      scripts: { start: string };
    };
    const env = Object.entries(SERVICE_NODE_ENV).map(([name, value]) => `${name}=${value}`);
    expect(pkg.scripts.start).toBe([...env, 'node', ...SERVICE_NODE_FLAGS, 'src/server.ts'].join(' '));
  });

  it('holds only options Node accepts in NODE_OPTIONS too, so images can set them there', () => {
    for (const flag of SERVICE_NODE_FLAGS)
      expect(process.allowedNodeEnvironmentFlags.has(flag.split('=')[0]!)).toBe(true);
  });
});
