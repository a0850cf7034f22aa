import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import { columnTypes } from './column-types.js';
import type { StoreDialect } from './column-types.js';

/**
 * The whole schema of the design: documents and what extraction made of them, and the tables that resolution,
 * the API and the gazetteer importer fill. Events, operations and publishers have no Store methods yet, but their
 * tables exist so that adding them needs no migration of data already stored.
 */
export function initialMigration(dialect: StoreDialect): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('documents')
        .addColumn('seq', t.serial, t.serialPk)
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('url', 'text')
        .addColumn('title', 'text')
        .addColumn('publisher', 'text')
        .addColumn('published', 'text')
        .addColumn('published_source', 'text', (c) => c.notNull())
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('length', 'integer', (c) => c.notNull())
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('ingested_at', 'text', (c) => c.notNull())
        .addColumn('extractor_version', 'text')
        .addColumn('framing', 'text')
        .addCheckConstraint(
          'documents_published_source_check',
          sql`published_source in ('given', 'metadata', 'none')`,
        )
        .execute();
      await db.schema.createIndex('documents_publisher_idx').on('documents').column('publisher').execute();
      await db.schema.createIndex('documents_published_idx').on('documents').column('published').execute();
      await db.schema
        .createIndex('documents_extractor_version_idx')
        .on('documents')
        .column('extractor_version')
        .execute();

      await db.schema
        .createTable('events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('operation_id', 'text')
        .addColumn('date_start', 'text', (c) => c.notNull())
        .addColumn('date_end', 'text', (c) => c.notNull())
        .addColumn('date_precision', 'text', (c) => c.notNull())
        .addColumn('location_name', 'text')
        .addColumn('admin1', 'text')
        .addColumn('admin2', 'text')
        .addColumn('country', 'text')
        .addColumn('lat', t.double)
        .addColumn('lon', t.double)
        .addColumn('place_precision', 'text')
        .addColumn('event_type', 'text', (c) => c.notNull())
        .addColumn('sub_event_type', 'text', (c) => c.notNull())
        .addColumn('actor1_name', 'text')
        .addColumn('actor2_name', 'text')
        .addColumn('fatalities_low', 'integer')
        .addColumn('fatalities_best', 'integer')
        .addColumn('fatalities_high', 'integer')
        .addColumn('record', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      const eventIndexes: readonly [string, string[]][] = [
        ['events_date_idx', ['date_start', 'date_end']],
        ['events_country_admin1_idx', ['country', 'admin1']],
        ['events_admin2_idx', ['admin2']],
        ['events_actor1_idx', ['actor1_name']],
        ['events_actor2_idx', ['actor2_name']],
        ['events_type_idx', ['event_type', 'sub_event_type']],
        ['events_operation_idx', ['operation_id']],
      ];
      for (const [name, columns] of eventIndexes) {
        await db.schema.createIndex(name).on('events').columns(columns).execute();
      }

      await db.schema
        .createTable('event_sources')
        .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
        .addColumn('doc_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('event_sources_pk', ['event_id', 'doc_id'])
        .execute();
      await db.schema.createIndex('event_sources_doc_idx').on('event_sources').column('doc_id').execute();

      await db.schema
        .createTable('operations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('record', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('publishers')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('profile', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('mentions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('doc_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
        .addColumn('idx', 'integer', (c) => c.notNull())
        .addColumn('operation_key', 'text')
        .addColumn('date_start', 'text', (c) => c.notNull())
        .addColumn('date_end', 'text', (c) => c.notNull())
        .addColumn('date_precision', 'text', (c) => c.notNull())
        .addColumn('location_name', 'text')
        .addColumn('admin1', 'text')
        .addColumn('admin2', 'text')
        .addColumn('country', 'text')
        .addColumn('lat', t.double)
        .addColumn('lon', t.double)
        .addColumn('place_precision', 'text')
        .addColumn('place_id', 'text')
        .addColumn('event_type', 'text', (c) => c.notNull())
        .addColumn('sub_event_type', 'text', (c) => c.notNull())
        .addColumn('weapon', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('actor1', 'text')
        .addColumn('actor2', 'text')
        .addColumn('evidence', 'text', (c) => c.notNull())
        .addColumn('provenance', 'text', (c) => c.notNull())
        .addColumn('confidence', t.double, (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.references('events.id').onDelete('set null'))
        .execute();
      await db.schema.createIndex('mentions_doc_idx').on('mentions').columns(['doc_id', 'idx']).execute();
      await db.schema.createIndex('mentions_event_idx').on('mentions').column('event_id').execute();
      // The blocking key of resolution: country, province, date.
      await db.schema
        .createIndex('mentions_block_idx')
        .on('mentions')
        .columns(['country', 'admin1', 'date_start'])
        .execute();

      await db.schema
        .createTable('claims')
        .addColumn('id', t.serial, t.serialPk)
        .addColumn('mention_id', 'text', (c) => c.notNull().references('mentions.id').onDelete('cascade'))
        .addColumn('doc_id', 'text', (c) => c.notNull())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('ord', 'integer', (c) => c.notNull())
        .addColumn('claimant', 'text', (c) => c.notNull())
        .addColumn('claimant_kind', 'text', (c) => c.notNull())
        .addColumn('stance', 'text', (c) => c.notNull())
        .addColumn('metric', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('low', 'integer', (c) => c.notNull())
        .addColumn('high', 'integer', (c) => c.notNull())
        .addColumn('best', 'integer', (c) => c.notNull())
        .addColumn('approximate', 'integer', (c) => c.notNull())
        .addColumn('quote', 'text', (c) => c.notNull())
        .addColumn('span_start', 'integer', (c) => c.notNull())
        .addColumn('span_end', 'integer', (c) => c.notNull())
        .addColumn('rule_id', 'text', (c) => c.notNull())
        .addCheckConstraint('claims_scope_check', sql`scope in ('mention', 'operation')`)
        .execute();
      await db.schema
        .createIndex('claims_mention_idx')
        .on('claims')
        .columns(['mention_id', 'scope', 'ord'])
        .execute();
      await db.schema.createIndex('claims_doc_idx').on('claims').column('doc_id').execute();

      await db.schema
        .createTable('aggregate_statistics')
        .addColumn('id', t.serial, t.serialPk)
        .addColumn('doc_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
        .addColumn('ord', 'integer', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('area', 'text', (c) => c.notNull())
        .addColumn('metric', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('span_start', 'integer', (c) => c.notNull())
        .addColumn('span_end', 'integer', (c) => c.notNull())
        .addColumn('rule_id', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('aggregate_statistics_doc_idx')
        .on('aggregate_statistics')
        .columns(['doc_id', 'ord'])
        .execute();

      await db.schema
        .createTable('gazetteer_places')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('ascii_name', 'text', (c) => c.notNull())
        .addColumn('alternate_names', 'text', (c) => c.notNull())
        .addColumn('lat', t.double, (c) => c.notNull())
        .addColumn('lon', t.double, (c) => c.notNull())
        .addColumn('feature_class', 'text', (c) => c.notNull())
        .addColumn('feature_code', 'text', (c) => c.notNull())
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('admin1_code', 'text', (c) => c.notNull())
        .addColumn('admin2_code', 'text', (c) => c.notNull())
        .addColumn('admin1_name', 'text')
        .addColumn('admin2_name', 'text')
        .addColumn('population', t.bigint, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('gazetteer_places_admin_idx')
        .on('gazetteer_places')
        .columns(['country', 'admin1_code', 'admin2_code'])
        .execute();
      await db.schema
        .createIndex('gazetteer_places_ascii_idx')
        .on('gazetteer_places')
        .column('ascii_name')
        .execute();
    },

    async down(db: Kysely<unknown>): Promise<void> {
      const tables = [
        'gazetteer_places',
        'aggregate_statistics',
        'claims',
        'mentions',
        'publishers',
        'operations',
        'event_sources',
        'events',
        'documents',
      ];
      for (const table of tables) await db.schema.dropTable(table).ifExists().execute();
    },
  };
}
