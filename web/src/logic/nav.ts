import type { Role } from './types.ts';

export interface NavItem {
  readonly path: string;
  readonly label: string;
}

const RANK: Record<Role, number> = { viewer: 0, analyst: 1, admin: 2 };

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return RANK[role] >= RANK[minimum];
}

const ITEMS: readonly (NavItem & { readonly minimum: Role })[] = [
  { path: '/reports', label: 'Reports', minimum: 'viewer' },
  { path: '/datasets', label: 'Datasets', minimum: 'viewer' },
  { path: '/analyses/new', label: 'New analysis', minimum: 'analyst' },
  { path: '/models', label: 'Models', minimum: 'viewer' },
  { path: '/incidents', label: 'Incidents', minimum: 'viewer' },
  { path: '/admin', label: 'Admin', minimum: 'admin' },
];

/** What the navigation offers a role: the server enforces the same minimums on the API. */
export function navFor(role: Role): NavItem[] {
  return ITEMS.filter((item) => roleAtLeast(role, item.minimum)).map(({ path, label }) => ({ path, label }));
}
