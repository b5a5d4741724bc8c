import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.ts';
import { developmentMetricsTokenFile, resolveMetricsTokens } from '../../src/secrets/metrics-token.ts';
import { loadOrCreateTokenFile, readTokenFile } from '../../src/secrets/secret-file.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ethixai-kit-secret-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('readTokenFile', () => {
  it('reads one token per line, trimmed, blank lines ignored', () => {
    const file = path.join(tempDir(), 'tokens');
    fs.writeFileSync(file, '  aaaaaaaaaaaaaaaa  \r\n\nbbbbbbbbbbbbbbbbbbbb\n');
    expect(readTokenFile('X_FILE', file)).toEqual(['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbbbbbb']);
  });

  it('names the variable and the file when it is missing, empty or holds a short token', () => {
    const dir = tempDir();
    expect(() => readTokenFile('X_FILE', path.join(dir, 'absent'))).toThrow(
      new ConfigError({ name: 'X_FILE', problem: `cannot read ${path.join(dir, 'absent')} (ENOENT)` }),
    );
    fs.writeFileSync(path.join(dir, 'empty'), '\n \n');
    expect(() => readTokenFile('X_FILE', path.join(dir, 'empty'))).toThrow('X_FILE: ');
    fs.writeFileSync(path.join(dir, 'short'), 'short\n');
    expect(() => readTokenFile('X_FILE', path.join(dir, 'short'))).toThrow('at least 16 characters');
  });
});

describe('loadOrCreateTokenFile', () => {
  it('creates a random token with mode 0600 once; later calls read the same one', () => {
    const file = path.join(tempDir(), 'secrets', 'token');
    const [token] = loadOrCreateTokenFile('X_FILE', file);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(loadOrCreateTokenFile('X_FILE', file)).toEqual([token]);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['token']);
  });

  it('two processes creating it at once agree on one token', async () => {
    const file = path.join(tempDir(), 'secrets', 'token');
    const module = new URL('../../src/secrets/secret-file.ts', import.meta.url).href;
    const script = `const { loadOrCreateTokenFile } = await import(${JSON.stringify(module)}); process.stdout.write(loadOrCreateTokenFile('X_FILE', ${JSON.stringify(file)})[0]);`;
    const run = async () => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
      });
      await once(child, 'exit');
      return out;
    };
    const tokens = await Promise.all([run(), run(), run()]);
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).toBe(fs.readFileSync(file, 'utf8').trim());
  }, 30_000);
});

describe('resolveMetricsTokens', () => {
  it('production: the configured file, or a refusal naming METRICS_TOKEN_FILE', () => {
    const dir = tempDir();
    expect(() => resolveMetricsTokens({ profile: 'production', file: undefined, dataDir: dir })).toThrow(
      /^Invalid configuration: METRICS_TOKEN_FILE: required in the production profile/,
    );
    expect(fs.existsSync(developmentMetricsTokenFile(dir))).toBe(false);
    const file = path.join(dir, 'given');
    fs.writeFileSync(file, 'p'.repeat(40));
    expect(resolveMetricsTokens({ profile: 'production', file, dataDir: dir })).toEqual(['p'.repeat(40)]);
  });

  it('development: generated into DATA_DIR/secrets/metrics-token unless a file is given', () => {
    const dir = tempDir();
    const generated = resolveMetricsTokens({ profile: 'development', file: undefined, dataDir: dir });
    expect(fs.readFileSync(path.join(dir, 'secrets', 'metrics-token'), 'utf8').trim()).toBe(generated[0]);
  });
});
