/**
 * docs/schema.md as the repository keeps it: the generated markdown, formatted by the project's
 * Prettier configuration (so that `prettier --check` and the up-to-date test agree). Node only.
 */
import { format, resolveConfig } from 'prettier';
import { schemaMarkdown } from './schema-doc';

export const SCHEMA_DOC_PATH = 'docs/schema.md';

export async function formattedSchemaMarkdown(path: string): Promise<string> {
	const options = (await resolveConfig(path)) ?? {};
	return format(schemaMarkdown(), { ...options, filepath: path });
}
