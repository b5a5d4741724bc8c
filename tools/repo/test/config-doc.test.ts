import { describe, expect, it } from 'vitest';
import { CONFIG_DOC, defaultCell, renderConfigDoc } from '../src/config-doc.ts';
import { serviceConfigs, type ConfigVariable } from '../src/config-variables.ts';
import { expectCommitted } from './committed-file.ts';

const section = (doc: string, service: string) => doc.split(/^## /m).find((s) => s.startsWith(`${service}\n`)) ?? '';

describe('docs/reference/config.md', () => {
  it("is the committed render of the services' env code", () => {
    expectCommitted(CONFIG_DOC, renderConfigDoc());
  });

  it("has one row per variable in each service's section", () => {
    const doc = renderConfigDoc();
    for (const { service, variables } of serviceConfigs()) {
      const rows = section(doc, service)
        .split('\n')
        .filter((line) => line.startsWith('| `'));
      expect(rows.map((row) => /^\| `(\w+)`/.exec(row)?.[1])).toEqual(variables.map((v) => v.name));
    }
  });
});

describe('default column', () => {
  const base: ConfigVariable = { name: 'X', type: 'string', description: 'd', aliases: [] };
  it.each<[Partial<ConfigVariable>, string]>([
    [{ default: '5000' }, '`5000`'],
    [{ default: '' }, 'empty'],
    [{}, 'unset'],
    [{ secret: { generate: 'g', whenUnset: 'w', requiredInProduction: true } }, 'none (secret)'],
  ])('%j → %s', (v, expected) => {
    expect(defaultCell({ ...base, ...v })).toBe(expected);
  });
});
