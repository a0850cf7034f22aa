import type { ColumnDataType, ColumnDefinitionBuilder } from 'kysely';

export type StoreDialect = 'sqlite' | 'postgres';

/** The few column types that differ between the two backends; everything else is written once. */
export interface ColumnTypes {
  readonly double: ColumnDataType;
  readonly bigint: ColumnDataType;
  /** An autoincrementing integer primary key (insertion order). */
  readonly serial: ColumnDataType;
  readonly serialPk: (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
}

export function columnTypes(dialect: StoreDialect): ColumnTypes {
  if (dialect === 'sqlite') {
    return {
      double: 'real',
      bigint: 'integer',
      serial: 'integer',
      // AUTOINCREMENT so that a deleted row's number is never handed out again: keyset cursors stay valid.
      serialPk: (c) => c.primaryKey().autoIncrement(),
    };
  }
  return {
    double: 'double precision',
    bigint: 'bigint',
    serial: 'bigint',
    serialPk: (c) => c.primaryKey().generatedByDefaultAsIdentity(),
  };
}
