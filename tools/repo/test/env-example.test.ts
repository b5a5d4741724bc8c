import { describe, expect, it } from 'vitest';
import { serviceConfigs } from '../src/config-variables.ts';
import { ENV_EXAMPLE, renderEnvExample } from '../src/env-example.ts';
import { expectCommitted } from './committed-file.ts';

const rendered = renderEnvExample();
const sections = rendered.split(/^# ===== /m).slice(1);

describe('.env.example', () => {
  it("is the committed render of the services' env code", () => {
    expectCommitted(ENV_EXAMPLE, rendered);
  });

  it('sets nothing: every line is a comment, so copying it never overrides a default', () => {
    expect(rendered.split('\n').filter((line) => line !== '' && !line.startsWith('#'))).toEqual([]);
  });

  it("lists each service's variables once, in its own section, with the default as value", () => {
    const configs = serviceConfigs();
    expect(sections.map((s) => s.split(' ')[0])).toEqual(configs.map((c) => c.service));
    configs.forEach(({ variables }, i) => {
      const assignments = [...sections[i].matchAll(/^#(\w+)=(.*)$/gm)].map(([, name, value]) => [name, value]);
      expect(assignments).toEqual(variables.map((v) => [v.name, v.default ?? '']));
    });
  });

  it('never carries a secret value, and says how to make each secret', () => {
    for (const { variables } of serviceConfigs()) {
      for (const v of variables.filter((x) => x.secret)) {
        expect(rendered).toContain(`# Make one: ${v.secret?.generate}\n#${v.name}=\n`);
      }
    }
    expect(rendered).toContain('node services/backend/src/cli.ts generate-signing-key');
  });
});
