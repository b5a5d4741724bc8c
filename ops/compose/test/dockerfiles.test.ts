import fs from 'node:fs';
import path from 'node:path';
import { SERVICE_NODE_ENV, SERVICE_NODE_FLAGS } from '@ethixai/service-kit/node-flags';
import { describe, expect, it } from 'vitest';
import { lintDockerfile } from '../src/dockerfile-lint.ts';
import { REPO_ROOT } from '../src/stack-secrets.ts';

const DOCKERFILES = ['services/backend/Dockerfile', 'services/ai-core/Dockerfile'];
const NODE_VERSION = fs.readFileSync(path.join(REPO_ROOT, '.node-version'), 'utf8').trim();

describe('Dockerfiles of both services', () => {
  it.each(DOCKERFILES)('%s passes the rules that matter', (file) => {
    expect(lintDockerfile(fs.readFileSync(path.join(REPO_ROOT, file), 'utf8'))).toEqual([]);
  });

  it.each(DOCKERFILES)(
    "%s builds on the Node image of .node-version and starts its own service with the services' Node flags",
    (file) => {
      const text = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
      expect(text).toContain(`ARG NODE_IMAGE=node:${NODE_VERSION}-bookworm-slim`);
      const service = file.split('/')[1];
      // The same Node flags as every other way the services start (service-kit's SERVICE_NODE_FLAGS).
      expect(text).toContain(
        `CMD ${JSON.stringify(['node', ...SERVICE_NODE_FLAGS, `services/${service}/src/server.ts`]).replaceAll(',', ', ')}`,
      );
      for (const [name, value] of Object.entries(SERVICE_NODE_ENV))
        expect(text).toMatch(new RegExp(`^ENV .*\\b${name}=${value}\\b`, 'm'));
      expect(text).toMatch(/HEALTHCHECK[\s\S]*\/health'/);
    },
  );

  it("the build context leaves out node_modules, local data and the stack's secrets", () => {
    const ignored = fs.readFileSync(path.join(REPO_ROOT, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['**/node_modules', '.git', '.data', 'ops/compose/secrets']) expect(ignored).toContain(entry);
  });

  it('flags each broken rule (the checker can fail)', () => {
    const bad = [
      'FROM node:latest',
      'ARG NPM_TOKEN',
      'ENV JWT_SIGNING_KEYS=x',
      'ADD https://example.org/x.tgz /x',
      'RUN apt-get update && apt-get install -y curl',
      'CMD node server.js',
    ].join('\n');
    const findings = lintDockerfile(bad);
    for (const expected of [
      'multi-stage',
      'uses latest',
      'no USER',
      'no HEALTHCHECK',
      'NPM_TOKEN',
      'JWT_SIGNING_KEYS',
      'ADD from a URL',
      '/var/lib/apt/lists',
      '--no-install-recommends',
      'exec-form CMD',
    ]) {
      expect(findings.join('\n')).toContain(expected);
    }
    expect(
      lintDockerfile('FROM node:24 AS a\nFROM node AS b\nUSER root\nHEALTHCHECK CMD true\nCMD ["x"]').join('\n'),
    ).toMatch(/node:24 is not pinned[\s\S]*image node is not pinned[\s\S]*USER is root/);
  });
});
