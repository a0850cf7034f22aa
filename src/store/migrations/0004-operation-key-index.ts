import type { Kysely, Migration } from 'kysely';

/** Resolution looks up every mention of an operation by its key (Store.linkedScopes). */
export function operationKeyIndexMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createIndex('mentions_operation_key_idx')
        .on('mentions')
        .column('operation_key')
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex('mentions_operation_key_idx').ifExists().execute();
    },
  };
}
