/**
 * The Arrow column layout of a bulk-written table, derived from its definition in schema.ts: the
 * writers fill rows in this column order, and DuckDB appends the batches to the table as they are.
 */
import type { ColumnSpec } from './arrow-batch';
import { tableDef, type TableName } from './schema';
import type { ColumnDef } from './schema-model';

function columnSpec(table: string, column: ColumnDef): ColumnSpec {
	switch (column.type) {
		case 'VARCHAR':
			return { name: column.name, kind: column.repeated ? 'dict' : 'utf8' };
		case 'BIGINT':
			return { name: column.name, kind: 'int64' };
		case 'DOUBLE':
			return { name: column.name, kind: 'float64' };
		case 'BOOLEAN':
			return { name: column.name, kind: 'bool' };
		default:
			throw new Error(`${table}.${column.name}: ${column.type} columns are not written in Arrow batches`);
	}
}

export function arrowLayout(name: TableName): ColumnSpec[] {
	const table = tableDef(name);
	if (!table.bulk) throw new Error(`${name} is not a bulk-written table`);
	return table.columns.map((column) => columnSpec(name, column));
}

/**
 * Positions of a bulk table's columns, for writers that set a row column by column. `names` must list
 * every column of the table, so that a writer naming them all sets every column of each row.
 */
export function columnIndexes<const Name extends string>(
	table: TableName,
	names: readonly Name[]
): Record<Name, number> {
	const columns = tableDef(table).columns.map((column) => column.name);
	const missing = columns.filter((name) => !(names as readonly string[]).includes(name));
	const unknown = names.filter((name) => !columns.includes(name));
	if (missing.length > 0 || unknown.length > 0)
		throw new Error(
			`${table}: columns not written: [${missing.join(', ')}]; unknown: [${unknown.join(', ')}]`
		);
	return Object.fromEntries(names.map((name) => [name, columns.indexOf(name)])) as Record<Name, number>;
}
