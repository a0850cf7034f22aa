import type { Kysely, Migration } from 'kysely';
import { columnTypes, type StoreDialect } from './column-types.js';

/**
 * Users, their API tokens and their sign-in sessions. A user's integer id is never reused (a removed user is
 * disabled, not deleted), so the records of edits to come can point at it. Tokens and sessions keep only a
 * digest of their secret.
 */
export function usersMigration(dialect: StoreDialect): Migration {
  const types = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('users')
        .addColumn('id', types.serial, types.serialPk)
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('role', 'text', (c) => c.notNull())
        // null: the user signs in with API tokens only
        .addColumn('password_hash', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('disabled_at', 'text')
        .execute();
      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', types.bigint, (c) => c.notNull().references('users.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_used_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema.createIndex('api_tokens_user_idx').on('api_tokens').column('user_id').execute();
      await db.schema
        .createTable('sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', types.bigint, (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();
      await db.schema.createIndex('sessions_expiry_idx').on('sessions').column('expires_at').execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('sessions').ifExists().execute();
      await db.schema.dropTable('api_tokens').ifExists().execute();
      await db.schema.dropTable('users').ifExists().execute();
    },
  };
}
