/**
 * A decision's group is the intersection of its values for the policy's sensitive attributes
 * (DESIGN §5: intersections by default). The key is readable (`race=Black|sex=Male`), stable
 * (attributes sorted by name) and unambiguous (`%`, `|` and `=` inside values are escaped).
 */
export const MISSING_VALUE = '(missing)';

function escapePart(text: string): string {
  return text.replace(/[%|=]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function isMissing(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

export function groupKeyOf(sensitiveAttributes: readonly string[], values: Readonly<Record<string, unknown>>): string {
  return [...sensitiveAttributes]
    .sort()
    .map((name) => {
      const value = values[name];
      return `${escapePart(name)}=${isMissing(value) ? MISSING_VALUE : escapePart(String(value))}`;
    })
    .join('|');
}

/** The attribute names a key was built from, to keep groups of an older attribute set out of a window. */
export function attributesOfKey(groupKey: string): string[] {
  return groupKey.split('|').map((part) => decodeURIComponent(part.slice(0, part.indexOf('='))));
}
