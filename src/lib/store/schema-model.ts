/**
 * The vocabulary of the schema definition (schema.ts): tables, columns, keys and indexes as data, so
 * that the DDL, the Arrow layouts of the writers and docs/schema.md can all be derived from it.
 */

/**
 * Column types in use. Integers are BIGINT (money in cents, counts, ticks); UBIGINT only for seeds,
 * which span 0 … 2^64 − 1; DOUBLE only for quantities that are not money (rates, durations, the
 * engine's f64 register values). JSON documents are VARCHAR: DuckDB-WASM has no JSON extension offline.
 */
export type SqlType = 'VARCHAR' | 'BIGINT' | 'UBIGINT' | 'DOUBLE' | 'BOOLEAN' | 'TIMESTAMP';

export interface ColumnDef {
	name: string;
	type: SqlType;
	/** NOT NULL unless true. */
	nullable?: boolean;
	/** Money in integer cents; must be BIGINT. */
	money?: boolean;
	/** Few distinct values per batch (ids, types): written dictionary-encoded. */
	repeated?: boolean;
	/** The column holds a JSON document as text. */
	json?: boolean;
	/** Allowed values (a CHECK constraint). */
	values?: readonly string[];
	/** SQL default for rows written by SQL statements (Arrow batches always carry every column). */
	defaultSql?: string;
	doc: string;
}

export interface ForeignKeyDef {
	columns: readonly string[];
	table: string;
	references: readonly string[];
}

export interface IndexDef {
	/** Unique across the whole database: DuckDB index names are schema-global. */
	name: string;
	columns: readonly string[];
}

/** Which persistence level first writes a table; `always` tables are not simulation output. */
export type TableLevel = 'always' | 'summary' | 'events' | 'full';

export interface TableDef {
	name: string;
	/** Section of docs/schema.md. */
	group: 'Database' | 'Simulations' | 'Experiments' | 'Notebooks';
	level: TableLevel;
	doc: string;
	columns: readonly ColumnDef[];
	primaryKey?: readonly string[];
	/**
	 * The columns that identify a row of a large append-only table, unique by construction (one
	 * writer per run) but not declared: DuckDB maintains an index for every key constraint, and on
	 * these tables that would double the time a run takes to write.
	 */
	naturalKey?: readonly string[];
	foreignKeys?: readonly ForeignKeyDef[];
	indexes?: readonly IndexDef[];
	/**
	 * Written in bulk as Arrow batches (its layout is derived from the columns); other tables are
	 * written row by row with SQL.
	 */
	bulk?: boolean;
}
