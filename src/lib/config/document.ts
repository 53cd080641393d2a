/**
 * The first steps of reading any configuration file (scenario or experiment): the text as YAML 1.1
 * or JSON, its syntax problems and repeated keys as diagnostics, and a mapping at the top level.
 */
import { DiagnosticList, describeValue } from './diagnostics';
import { isMapping } from './schema-walk';
import { readScenarioText, type ScenarioFormat, type ScenarioText } from './yaml';

export { isMapping };

export type MappingDocument =
	| { ok: true; source: ScenarioText; root: Record<string, unknown>; diagnostics: DiagnosticList }
	| { ok: false; diagnostics: DiagnosticList };

/**
 * Reads `text` in `format`. `expectedTop` says, for the not-a-mapping error, what the top level must
 * hold. On success the returned list (placing diagnostics by key path) already holds the warnings for
 * repeated keys.
 */
export function readMappingDocument(
	text: string,
	fileName: string,
	format: ScenarioFormat,
	expectedTop: string
): MappingDocument {
	const read = readScenarioText(text, format);
	if (!read.ok) {
		const early = new DiagnosticList(fileName, null);
		for (const problem of read.problems) {
			early.at('error', 'yaml-syntax', problem.position, [], {
				message: `${format === 'json' ? 'JSON' : 'YAML'}: ${problem.message}`,
				found: 'text that cannot be read',
				allowed: format === 'json' ? 'JSON' : 'YAML 1.1'
			});
		}
		return { ok: false, diagnostics: early };
	}
	const source = read.text;
	const diagnostics = new DiagnosticList(fileName, source);
	for (const duplicate of source.duplicateKeys) {
		diagnostics.at('warning', 'duplicate-key', duplicate.repeated, duplicate.path, {
			message: `key given twice (first at line ${duplicate.first.line}); the later value is used`,
			found: JSON.stringify(duplicate.path[duplicate.path.length - 1]),
			allowed: 'each key once per mapping'
		});
	}
	const root = source.value;
	if (!isMapping(root)) {
		diagnostics.error('not-a-mapping', [], {
			message: root === null ? 'the file has no content' : 'the top level must be a mapping',
			found: describeValue(root),
			allowed: expectedTop
		});
		return { ok: false, diagnostics };
	}
	return { ok: true, source, root, diagnostics };
}
