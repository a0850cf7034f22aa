import type { ApiToken, Role, User } from '../domain/index.js';
import { FaultlineError } from '../errors/errors.js';
import type { Store } from '../store/store.js';
import { hashPassword } from './password.js';
import { digestSecret, newApiToken, newPassword } from './secrets.js';

/** A user's name: what people type to sign in and what records of their edits show. */
const NAME = /^[\p{L}\p{N}][\p{L}\p{N}._@-]{0,63}$/u;

export function checkUserName(name: string): string {
  if (!NAME.test(name))
    throw new FaultlineError(
      'FL_ERR_BAD_ARGUMENT',
      `user name ${name}`,
      'use 1 to 64 letters, digits and . _ @ -, starting with a letter or digit',
    );
  return name;
}

/**
 * Adds a user with a new random password, or (`withToken`) with no password and a new API token instead. The
 * secret is returned once, to be shown once: the store keeps only its hash.
 */
export async function createUser(
  store: Store,
  request: { readonly name: string; readonly role: Role; readonly withToken: boolean },
): Promise<{ readonly user: User; readonly password: string | null; readonly token: string | null }> {
  const name = checkUserName(request.name);
  const password = request.withToken ? null : newPassword();
  const user = await store.addUser({
    name,
    role: request.role,
    passwordHash: password === null ? null : await hashPassword(password),
  });
  if (!request.withToken) return { user, password, token: null };
  const { token } = await createToken(store, user, 'created with the user');
  return { user, password: null, token };
}

/** A new API token for the user; the token is returned once, the store keeps its digest. */
export async function createToken(
  store: Store,
  user: User,
  label: string,
): Promise<{ readonly token: string; readonly record: ApiToken }> {
  const { id, token } = newApiToken();
  const record = await store.addApiToken({
    id,
    userId: user.id,
    name: label,
    tokenHash: digestSecret('token', token),
  });
  return { token, record };
}

/** Adds a user with a password of the caller's choosing (tests; a future `users password`). */
export async function userWithPassword(
  store: Store,
  name: string,
  role: Role,
  password: string,
): Promise<User> {
  return store.addUser({ name: checkUserName(name), role, passwordHash: await hashPassword(password) });
}
