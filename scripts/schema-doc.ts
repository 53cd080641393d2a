/**
 * Writes docs/schema.md from src/lib/store/schema.ts: `npx tsx scripts/schema-doc.ts`.
 * tests/unit/store/schema.test.ts fails when the file is out of date.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formattedSchemaMarkdown, SCHEMA_DOC_PATH } from '../src/lib/store/schema-doc-file';

const target = join(import.meta.dirname, '..', SCHEMA_DOC_PATH);
writeFileSync(target, await formattedSchemaMarkdown(target));
console.log(`wrote ${target}`);
