import type { Kysely, Selectable } from 'kysely';
import type { ApiToken, Role, User } from '../domain/index.js';
import { FaultlineError } from '../errors/errors.js';
import type { Database, UsersTable } from './schema.js';
import { toNumber } from './schema.js';
import { guarded } from './store-error.js';
import type { NewApiToken, NewUser, Store } from './store.js';

type UserMethods = Pick<
  Store,
  | 'addUser'
  | 'listUsers'
  | 'userCredentials'
  | 'countActiveUsers'
  | 'disableUser'
  | 'addApiToken'
  | 'listApiTokens'
  | 'revokeApiToken'
  | 'userByToken'
  | 'addSession'
  | 'userBySession'
  | 'deleteSession'
>;

/** A token's last use is written when it is older than this: a script's every read must not be a write. */
const TOUCH_EVERY_MS = 60_000;

function rowToUser(r: Selectable<UsersTable>): User {
  return {
    id: toNumber(r.id),
    name: r.name,
    role: r.role as Role,
    createdAt: r.created_at,
    disabledAt: r.disabled_at,
  };
}

const USER_COLUMNS = [
  'users.id',
  'users.name',
  'users.role',
  'users.created_at',
  'users.disabled_at',
] as const;

/** Users, API tokens and sessions (migration 0013); written once for both backends. */
export function createUserMethods(db: Kysely<Database>, now: () => Date): UserMethods {
  return {
    async addUser(user: NewUser): Promise<User> {
      return guarded('addUser', async () => {
        const row = await db
          .insertInto('users')
          .values({
            name: user.name,
            role: user.role,
            password_hash: user.passwordHash,
            created_at: now().toISOString(),
          })
          .onConflict((oc) => oc.column('name').doNothing())
          .returningAll()
          .executeTakeFirst();
        if (row === undefined) throw new FaultlineError('FL_ERR_USER_EXISTS', `user ${user.name}`);
        return rowToUser(row);
      });
    },
    async listUsers(): Promise<readonly User[]> {
      const rows = await guarded('listUsers', () =>
        db.selectFrom('users').selectAll().orderBy('id').execute(),
      );
      return rows.map(rowToUser);
    },
    async userCredentials(name: string) {
      const row = await guarded('userCredentials', () =>
        db
          .selectFrom('users')
          .selectAll()
          .where('name', '=', name)
          .where('disabled_at', 'is', null)
          .executeTakeFirst(),
      );
      return row === undefined ? null : { user: rowToUser(row), passwordHash: row.password_hash };
    },
    async countActiveUsers(): Promise<number> {
      const row = await guarded('countActiveUsers', () =>
        db
          .selectFrom('users')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .where('disabled_at', 'is', null)
          .executeTakeFirstOrThrow(),
      );
      return toNumber(row.n);
    },
    async disableUser(name: string): Promise<boolean> {
      const at = now().toISOString();
      return guarded('disableUser', () =>
        db.transaction().execute(async (tx) => {
          const row = await tx
            .updateTable('users')
            .set({ disabled_at: at })
            .where('name', '=', name)
            .where('disabled_at', 'is', null)
            .returning('id')
            .executeTakeFirst();
          if (row === undefined) return false;
          await tx
            .updateTable('api_tokens')
            .set({ revoked_at: at })
            .where('user_id', '=', row.id)
            .where('revoked_at', 'is', null)
            .execute();
          await tx.deleteFrom('sessions').where('user_id', '=', row.id).execute();
          return true;
        }),
      );
    },
    async addApiToken(token: NewApiToken): Promise<ApiToken> {
      const at = now().toISOString();
      return guarded('addApiToken', async () => {
        const owner = await db
          .selectFrom('users')
          .select('name')
          .where('id', '=', token.userId)
          .where('disabled_at', 'is', null)
          .executeTakeFirst();
        if (owner === undefined) throw new FaultlineError('FL_ERR_NOT_FOUND', `user id ${token.userId}`);
        await db
          .insertInto('api_tokens')
          .values({
            id: token.id,
            user_id: token.userId,
            name: token.name,
            token_hash: token.tokenHash,
            created_at: at,
          })
          .execute();
        return {
          id: token.id,
          userId: token.userId,
          userName: owner.name,
          name: token.name,
          createdAt: at,
          lastUsedAt: null,
          revokedAt: null,
        };
      });
    },
    async listApiTokens(): Promise<readonly ApiToken[]> {
      const rows = await guarded('listApiTokens', () =>
        db
          .selectFrom('api_tokens')
          .innerJoin('users', 'users.id', 'api_tokens.user_id')
          .select([
            'api_tokens.id',
            'api_tokens.user_id',
            'users.name as user_name',
            'api_tokens.name',
            'api_tokens.created_at',
            'api_tokens.last_used_at',
            'api_tokens.revoked_at',
          ])
          .orderBy('api_tokens.created_at', 'desc')
          .orderBy('api_tokens.id')
          .execute(),
      );
      return rows.map((r) => ({
        id: r.id,
        userId: toNumber(r.user_id),
        userName: r.user_name,
        name: r.name,
        createdAt: r.created_at,
        lastUsedAt: r.last_used_at,
        revokedAt: r.revoked_at,
      }));
    },
    async revokeApiToken(id: string): Promise<boolean> {
      const result = await guarded('revokeApiToken', () =>
        db
          .updateTable('api_tokens')
          .set({ revoked_at: now().toISOString() })
          .where('id', '=', id)
          .where('revoked_at', 'is', null)
          .executeTakeFirst(),
      );
      return Number(result.numUpdatedRows) > 0;
    },
    async userByToken(tokenHash: string): Promise<User | null> {
      const at = now();
      return guarded('userByToken', async () => {
        const row = await db
          .selectFrom('api_tokens')
          .innerJoin('users', 'users.id', 'api_tokens.user_id')
          .select([...USER_COLUMNS, 'api_tokens.id as token_id', 'api_tokens.last_used_at'])
          .where('api_tokens.token_hash', '=', tokenHash)
          .where('api_tokens.revoked_at', 'is', null)
          .where('users.disabled_at', 'is', null)
          .executeTakeFirst();
        if (row === undefined) return null;
        const last = row.last_used_at === null ? 0 : Date.parse(row.last_used_at);
        if (at.getTime() - last >= TOUCH_EVERY_MS)
          await db
            .updateTable('api_tokens')
            .set({ last_used_at: at.toISOString() })
            .where('id', '=', row.token_id)
            .execute();
        return rowToUser({ ...row, password_hash: null });
      });
    },
    async addSession(session) {
      const at = now();
      const expiresAt = new Date(at.getTime() + session.lifetimeSeconds * 1000).toISOString();
      await guarded('addSession', () =>
        db.transaction().execute(async (tx) => {
          await tx.deleteFrom('sessions').where('expires_at', '<=', at.toISOString()).execute();
          await tx
            .insertInto('sessions')
            .values({
              id_hash: session.idHash,
              user_id: session.userId,
              created_at: at.toISOString(),
              expires_at: expiresAt,
            })
            .execute();
        }),
      );
      return { expiresAt };
    },
    async userBySession(idHash: string): Promise<User | null> {
      const row = await guarded('userBySession', () =>
        db
          .selectFrom('sessions')
          .innerJoin('users', 'users.id', 'sessions.user_id')
          .select(USER_COLUMNS)
          .where('sessions.id_hash', '=', idHash)
          .where('sessions.expires_at', '>', now().toISOString())
          .where('users.disabled_at', 'is', null)
          .executeTakeFirst(),
      );
      return row === undefined ? null : rowToUser({ ...row, password_hash: null });
    },
    async deleteSession(idHash: string): Promise<void> {
      await guarded('deleteSession', () => db.deleteFrom('sessions').where('id_hash', '=', idHash).execute());
    },
  };
}
