import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT } from './paths.ts';

/**
 * Debian's Chromium driven by playwright-core (no browser download). The flags keep it off the
 * network (this machine's is closed: background services would only fail) and start it clean.
 */
export const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Guarded {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Requests to anything but the origin under test (they are aborted, never sent). */
  readonly offOrigin: string[];
  /** CSP violations: console reports and securitypolicyviolation events. */
  readonly cspViolations: string[];
  /** Uncaught page errors. */
  readonly pageErrors: string[];
  close(): Promise<void>;
}

/**
 * A fresh browser profile (its own --user-data-dir) on a tablet- or laptop-sized viewport, with
 * every request checked: one that leaves `origin` is recorded and aborted.
 */
export async function openGuarded(origin: string, viewport = { width: 1280, height: 900 }): Promise<Guarded> {
  const profile = mkdtempSync(path.join(tmpdir(), 'ethixai-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ARGS,
    viewport,
    acceptDownloads: true,
    headless: true,
  });
  const offOrigin: string[] = [];
  const cspViolations: string[] = [];
  const pageErrors: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    offOrigin.push(url);
    return route.abort('blockedbyclient');
  });
  // An init script runs from the browser itself, so the page's CSP does not apply to it.
  await context.addInitScript(`
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
  `);
  const page = context.pages()[0] ?? (await context.newPage());
  const watch = (p: Page) => {
    p.on('console', (m) => {
      if (/Content Security Policy|Refused to (load|execute|apply|connect)/i.test(m.text()))
        cspViolations.push(m.text());
    });
    p.on('pageerror', (e) => pageErrors.push(e.message));
  };
  watch(page);
  context.on('page', watch);
  return {
    context,
    page,
    offOrigin,
    cspViolations,
    pageErrors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** CSP violations the page itself saw (securitypolicyviolation events). */
export async function pageCspEvents(page: Page): Promise<string[]> {
  return page.evaluate<string[]>('window.__csp ?? []');
}

let axeSource: string | undefined;

/**
 * axe-core from node_modules, evaluated through the DevTools protocol (not an inline script, which
 * the CSP forbids); returns the serious and critical violations of the page as it is now.
 */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  axeSource ??= await readFile(path.join(REPO_ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const violations = await page.evaluate<{ id: string; impact: string; help: string; targets: string[] }[]>(`
    axe.run(document, { resultTypes: ['violations'] }).then((result) => result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    })))
  `);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.targets.join(', ')})`);
}
