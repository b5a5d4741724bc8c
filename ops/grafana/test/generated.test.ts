import fs from 'node:fs';
import path from 'node:path';
import { ruleFiles } from '@ethixai/slo';
import { describe, expect, it } from 'vitest';
import { DASHBOARDS_DIR, GRAFANA_DIR, renderGrafanaArtefacts } from '../src/artefacts.ts';

const REPO = path.resolve(GRAFANA_DIR, '..', '..');
const artefacts = renderGrafanaArtefacts();

describe('generated dashboards', () => {
  it.each(artefacts.map(([file, content]) => [path.relative(REPO, file), file, content]))(
    "%s equals what the dashboards' code generates (regenerate with npm run generate)",
    (_name, file, content) => {
      expect(fs.existsSync(file), `${file} is missing`).toBe(true);
      expect(fs.readFileSync(file, 'utf8')).toBe(content);
    },
  );

  it('leaves no committed dashboard JSON that the code no longer makes', () => {
    const made = new Set(artefacts.map(([file]) => file));
    expect(
      fs
        .readdirSync(DASHBOARDS_DIR)
        .map((f) => path.join(DASHBOARDS_DIR, f))
        .filter((f) => !made.has(f)),
    ).toEqual([]);
  });
});

describe('alert → runbook → dashboard', () => {
  const alertRunbooks = new Set(
    Object.values(ruleFiles()).flatMap((f) =>
      f.groups.flatMap((g) =>
        g.rules.flatMap((r) => ('alert' in r && r.annotations?.runbook_url ? [r.annotations.runbook_url] : [])),
      ),
    ),
  );

  it.each([...alertRunbooks].sort())('%s links to a generated dashboard', (runbook) => {
    const text = fs.readFileSync(path.join(REPO, runbook), 'utf8');
    const link = /\*\*Dashboard\*\* \[[^\]]+\]\(\.\.\/\.\.\/ops\/grafana\/dashboards\/([\w-]+)\.json\)/.exec(text);
    expect(link, `${runbook} has no **Dashboard** link`).not.toBeNull();
    expect(fs.existsSync(path.join(DASHBOARDS_DIR, `${link![1]}.json`))).toBe(true);
  });
});
