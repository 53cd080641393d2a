/**
 * What the readers of stored runs need of a database: queries, nothing else. Any SqlDb is one, and so
 * is the app's db worker seen from the page, so the replay page reads with the same code as the CLI.
 */
import type { SqlDb } from '../store/sql-db';

export type SqlReader = Pick<SqlDb, 'query'>;
