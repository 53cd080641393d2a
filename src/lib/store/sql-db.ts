/**
 * The one small interface every DuckDB runtime implements: DuckDB-WASM inside the db worker,
 * @duckdb/node-api in the CLI and in Node tests. Code above the store depends only on this.
 */

/** A cell as JavaScript sees it. BIGINT and HUGEINT stay exact as bigint; dates and times are text. */
export type SqlValue = null | boolean | number | bigint | string | Uint8Array;

export interface SqlColumn {
	name: string;
	/** DuckDB's name of the column type, e.g. BIGINT, VARCHAR, TIMESTAMP. */
	type: string;
}

export interface QueryResult {
	columns: SqlColumn[];
	rows: SqlValue[][];
}

export interface SqlDb {
	/** Runs one or more statements and discards their results. */
	exec(sql: string): Promise<void>;
	/** Runs a query and returns every row. Callers page large tables with LIMIT/OFFSET. */
	query(sql: string): Promise<QueryResult>;
	/** Appends the rows of an Arrow IPC stream to an existing table. */
	insertArrowIpc(table: string, ipc: Uint8Array): Promise<void>;
	/** Writes everything committed to the database file. */
	checkpoint(): Promise<void>;
	/** The DuckDB library version, e.g. v1.4.3. */
	version(): Promise<string>;
	close(): Promise<void>;
}

/** Rows of a result as objects keyed by column name (for tests and small lookups). */
export function rowObjects(result: QueryResult): Record<string, SqlValue>[] {
	return result.rows.map((row) => {
		const object: Record<string, SqlValue> = {};
		result.columns.forEach((column, i) => (object[column.name] = row[i]));
		return object;
	});
}

/** Quotes an SQL identifier. */
export function quoteIdent(name: string): string {
	return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes an SQL string literal. */
export function quoteString(text: string): string {
	return `'${text.replaceAll("'", "''")}'`;
}
