/**
 * Statements run on every new DuckDB session, in the browser and in Node.
 * Extension autoloading is off: DuckDB-WASM would download extensions (the site must make no
 * request of its own), and native DuckDB hangs on the closed network while trying. JSON is
 * therefore stored as VARCHAR and parsed in JavaScript.
 */
export const DUCKDB_SESSION_SETTINGS: readonly string[] = [
	'SET autoinstall_known_extensions = false',
	'SET autoload_known_extensions = false'
];
