import { existsSync } from 'node:fs';
import path from 'node:path';

/** The repository root (this file lives in e2e/support/). */
export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

export type ServiceName = 'backend' | 'ai-core';

export function serviceEntry(service: ServiceName): string {
  return path.join(REPO_ROOT, 'services', service, 'src', 'server.ts');
}

/** Shared material sits beside the checkout (`../shared`), not inside it. */
export const DATASETS_DIR = path.resolve(REPO_ROOT, '..', 'shared', 'datasets');
export const COMPAS_CSV = path.join(DATASETS_DIR, 'compas', 'compas-scores-two-years.csv');

/**
 * True when the COMPAS file is present. When it is not, prints one visible line naming what is
 * skipped and why, so a green run never hides that the end-to-end audit did not happen.
 */
export function compasAvailable(what: string): boolean {
  if (existsSync(COMPAS_CSV)) return true;
  process.stdout.write(`\nSKIP (${what}): ${COMPAS_CSV} is absent; the COMPAS end-to-end tests did not run.\n\n`);
  return false;
}
