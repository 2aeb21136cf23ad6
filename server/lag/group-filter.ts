/**
 * LAG_GROUPS_ALLOW / LAG_GROUPS_DENY: comma-separated group names where `*` matches anything.
 * A group is watched when it matches the allow list (or there is none) and not the deny list.
 */
export function groupFilter(allow: readonly string[], deny: readonly string[]): (groupId: string) => boolean {
  const allowed = allow.map(globToRegExp);
  const denied = deny.map(globToRegExp);
  return (groupId) => (allowed.length === 0 || allowed.some((re) => re.test(groupId))) && !denied.some((re) => re.test(groupId));
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

/** The dashboard's own consumer groups (`bff.<instance>.<stream>`, see server/bff.ts): marked in the lag view. */
export function isOwnGroup(groupId: string): boolean {
  return groupId.startsWith('bff.');
}
