/**
 * The DDL of the database, derived from schema.ts: CREATE TABLE and CREATE INDEX statements, all
 * `IF NOT EXISTS`, so that running them on a current database changes nothing. Tables come in an
 * order where every table follows the tables its foreign keys reference.
 */
import { quoteIdent, quoteString } from './sql-db';
import { TABLES } from './schema';
import type { ColumnDef, TableDef } from './schema-model';

function columnSql(column: ColumnDef): string {
	let sql = `${quoteIdent(column.name)} ${column.type}`;
	if (!column.nullable) sql += ' NOT NULL';
	if (column.defaultSql !== undefined) sql += ` DEFAULT ${column.defaultSql}`;
	if (column.values) {
		sql += ` CHECK (${quoteIdent(column.name)} IN (${column.values.map(quoteString).join(', ')}))`;
	}
	return sql;
}

function identList(names: readonly string[]): string {
	return names.map(quoteIdent).join(', ');
}

export function createTableSql(table: TableDef): string {
	const parts = table.columns.map(columnSql);
	if (table.primaryKey) parts.push(`PRIMARY KEY (${identList(table.primaryKey)})`);
	for (const key of table.foreignKeys ?? []) {
		parts.push(
			`FOREIGN KEY (${identList(key.columns)}) REFERENCES ${quoteIdent(key.table)} (${identList(key.references)})`
		);
	}
	return `CREATE TABLE IF NOT EXISTS ${quoteIdent(table.name)} (\n\t${parts.join(',\n\t')}\n)`;
}

export function createIndexSql(table: TableDef): string[] {
	return (table.indexes ?? []).map(
		(index) =>
			`CREATE INDEX IF NOT EXISTS ${quoteIdent(index.name)} ON ${quoteIdent(table.name)} (${identList(index.columns)})`
	);
}

/** Tables ordered so that each comes after the tables it references. */
export function tablesInDependencyOrder(tables: readonly TableDef[] = TABLES): TableDef[] {
	const ordered: TableDef[] = [];
	const placed = new Set<string>();
	const visit = (table: TableDef, path: string[]) => {
		if (placed.has(table.name)) return;
		if (path.includes(table.name))
			throw new Error(`foreign keys form a cycle: ${[...path, table.name].join(' → ')}`);
		for (const key of table.foreignKeys ?? []) {
			const referenced = tables.find((t) => t.name === key.table);
			if (!referenced) throw new Error(`${table.name} references the unknown table ${key.table}`);
			if (referenced !== table) visit(referenced, [...path, table.name]);
		}
		placed.add(table.name);
		ordered.push(table);
	};
	for (const table of tables) visit(table, []);
	return ordered;
}

/** Every statement that creates the schema, in order. */
export function schemaStatements(tables: readonly TableDef[] = TABLES): string[] {
	return tablesInDependencyOrder(tables).flatMap((table) => [
		createTableSql(table),
		...createIndexSql(table)
	]);
}
