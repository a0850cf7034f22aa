/** What a signed-in person or a script may do; each role can do everything the ones before it can. */
export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** True when `role` may do what `needed` may (viewer < editor < admin). */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/**
 * A user as the store keeps it. `id` is stable and never reused, so that a record of an edit can name its user
 * even after the user is disabled; a disabled user keeps its row (and its name) and can no longer sign in.
 */
export interface User {
  readonly id: number;
  readonly name: string;
  readonly role: Role;
  readonly createdAt: string;
  readonly disabledAt: string | null;
}

/** An API token as listed: never its secret, which only its holder has. */
export interface ApiToken {
  readonly id: string;
  readonly userId: number;
  readonly userName: string;
  readonly name: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}
