/**
 * The payment-sim command language, shared by the CLI and the app: parse an argument list or a typed
 * line into a typed Command, execute it against a CommandEnvironment (files, databases), and receive
 * its output as blocks (text, tables, JSON) with an exit status.
 *
 *   const result = await runCommandText('db simulations --json', environment);
 */
export type * from './command';
export {
	parseCommand,
	parseCommandText,
	helpFor,
	commandHelp,
	overviewHelp,
	COMMAND_SPECS,
	PROGRAM
} from './parse';
export type { ParseResult } from './parse';
export { tokenizeCommandLine, type TokenizeResult } from './tokenize';
export { executeCommand, runCommandText } from './execute';
export type { CommandEnvironment, OpenedDatabase, LineFile } from './environment';
export { CommandFailure } from './failure';
export { printedBlock } from './print';
export {
	CollectedOutput,
	renderTable,
	type CommandOutput,
	type CommandResult,
	type ExitCode,
	type OutputBlock,
	type Stream,
	type TableColumn
} from './output';
