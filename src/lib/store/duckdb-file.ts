/**
 * Recognising a DuckDB database file by its header before handing it to DuckDB, so that a wrong file
 * is refused with a clear message instead of DuckDB's own error (or, in the browser, before it is
 * copied into the origin's storage).
 */

/** Bytes needed to recognise a file. */
export const DUCKDB_HEADER_BYTES = 12;

/** DuckDB files start with an 8-byte checksum followed by the magic bytes "DUCK". */
export function isDuckDbHeader(header: Uint8Array): boolean {
	return (
		header.length >= DUCKDB_HEADER_BYTES &&
		header[8] === 0x44 &&
		header[9] === 0x55 &&
		header[10] === 0x43 &&
		header[11] === 0x4b
	);
}

export class NotDuckDbFileError extends Error {
	constructor(readonly fileName: string) {
		super(`${fileName} is not a DuckDB database file; it was not opened.`);
		this.name = 'NotDuckDbFileError';
	}
}
