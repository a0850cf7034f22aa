import { SERVER_TOKEN_EDITOR, type Editor } from '../../domain/index.js';
import type { Principal } from './access.js';

/** The name a change is recorded under when no user or token made it: writes open on loopback, before users. */
export const LOOPBACK_EDITOR = 'loopback';

/** Who a change is recorded under: the signed-in or token user, the server's token, or this machine. */
export function editorOf(principal: Principal | null): Editor {
  if (principal?.user) return { userId: principal.user.id, name: principal.user.name };
  if (principal?.via === 'server-token') return { userId: null, name: SERVER_TOKEN_EDITOR };
  return { userId: null, name: LOOPBACK_EDITOR };
}
