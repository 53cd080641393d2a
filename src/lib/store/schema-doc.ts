/**
 * docs/schema.md, generated from schema.ts (scripts/schema-doc.ts writes it; a unit test checks that
 * the file is up to date).
 */
import { PERSISTENCE_LEVELS, tablesWritten } from './persistence-level';
import { SCHEMA_VERSION, TABLES } from './schema';
import { tablesInDependencyOrder } from './schema-ddl';
import type { ColumnDef, TableDef } from './schema-model';

const GROUPS: TableDef['group'][] = ['Database', 'Simulations', 'Experiments', 'Notebooks'];

function cell(text: string): string {
	return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function code(names: readonly string[]): string {
	return names.map((name) => `\`${name}\``).join(', ');
}

function columnNotes(column: ColumnDef): string {
	const notes = [column.doc];
	if (column.money) notes.push('Money (cents).');
	if (column.json) notes.push('JSON text.');
	if (column.values) notes.push(`One of ${code(column.values)}.`);
	if (column.defaultSql !== undefined) notes.push(`Default ${column.defaultSql}.`);
	return cell(notes.join(' '));
}

function tableSection(table: TableDef): string[] {
	const lines = [`### \`${table.name}\``, '', table.doc, ''];
	const written =
		table.level === 'always'
			? 'Not simulation output: written whatever the persistence level.'
			: `Written from persistence level \`${table.level}\` up${table.bulk ? ', in Arrow batches' : ''}.`;
	lines.push(written, '');
	lines.push('| column | type | null | notes |', '|---|---|---|---|');
	for (const column of table.columns) {
		lines.push(
			`| \`${column.name}\` | ${column.type} | ${column.nullable ? 'yes' : 'no'} | ${columnNotes(column)} |`
		);
	}
	lines.push('');
	if (table.primaryKey) lines.push(`- Primary key: (${code(table.primaryKey)})`);
	if (table.naturalKey) {
		lines.push(
			`- Key (unique by construction, not declared, so that appends need no index): (${code(table.naturalKey)})`
		);
	}
	for (const key of table.foreignKeys ?? []) {
		lines.push(`- Foreign key: (${code(key.columns)}) → \`${key.table}\` (${code(key.references)})`);
	}
	for (const index of table.indexes ?? []) lines.push(`- Index \`${index.name}\`: (${code(index.columns)})`);
	lines.push('');
	return lines;
}

export function schemaMarkdown(): string {
	const lines = [
		'# Database schema',
		'',
		'<!-- Generated from src/lib/store/schema.ts by `npx tsx scripts/schema-doc.ts`. Do not edit by hand. -->',
		'',
		`Schema version ${SCHEMA_VERSION}. One DuckDB file holds standalone simulation runs, experiments and their ` +
			'runs, and notebooks; the browser (DuckDB-WASM, OPFS) and the command line (`@duckdb/node-api`) write ' +
			'and read the same files.',
		'',
		'Conventions: money is integer cents in BIGINT, never DOUBLE; counts, ticks and days are BIGINT; ticks ' +
			'and days are 0-based and `day = tick div ticks_per_day`; timestamps are UTC; JSON documents are ' +
			'VARCHAR holding compact JSON text (DuckDB-WASM has no JSON extension offline), parsed by the ' +
			'application. Bulk tables are appended in (simulation_id, seq or tick) order, so DuckDB’s zone maps ' +
			'serve range filters on them without secondary indexes.',
		'',
		'Opening a file: no `schema_version` table or an older version → opened read-only with a message; a ' +
			'newer version → refused; not a DuckDB file → refused. Nothing is dropped or rewritten without the ' +
			'user asking; the one automatic change is that runs and experiments still `running` when a file is ' +
			'opened for writing are marked `interrupted` (their writer is gone).',
		'',
		'## Persistence levels',
		'',
		'| level | simulation tables written |',
		'|---|---|'
	];
	for (const level of PERSISTENCE_LEVELS) {
		const tables = tablesWritten(level);
		lines.push(`| \`${level}\` | ${tables.length ? code(tables) : '—'} |`);
	}
	lines.push(
		'',
		'Creation order (foreign keys first): ' + code(tablesInDependencyOrder().map((t) => t.name)) + '.',
		''
	);
	for (const group of GROUPS) {
		lines.push(`## ${group}`, '');
		for (const table of TABLES.filter((t) => t.group === group)) lines.push(...tableSection(table));
	}
	return lines.join('\n').replace(/\n+$/, '\n');
}
