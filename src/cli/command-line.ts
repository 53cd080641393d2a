/**
 * The usage error of payment-sim's parser, under the name the scenario command tests import it by
 * (tests/unit/config/cli.test.ts); the parser is src/lib/commands.
 */
export { UsageError } from '../lib/commands/arguments';
