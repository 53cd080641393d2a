/** Running a command line in-process with the Node environment, output gathered as the CLI prints it. */
import { executeCommand, parseCommand, type CommandResult } from '../../../src/lib/commands';
import { nodeEnvironment } from '../../../src/lib/commands/node-environment';
import { CollectedOutput } from '../../../src/lib/commands/output';
import { printedBlock } from '../../../src/lib/commands/print';

export interface Printed extends CommandResult {
	stdout: string;
	stderr: string;
}

/** The output as the CLI prints it: stdout and stderr text, with the blocks themselves. */
export function printed(result: CommandResult): Printed {
	const out = { stdout: '', stderr: '' };
	for (const block of result.blocks) {
		const { stream, text } = printedBlock(block);
		out[stream] += text;
	}
	return { ...result, ...out };
}

export async function run(...args: string[]): Promise<Printed> {
	const parsed = parseCommand(args);
	if (!parsed.ok) throw new Error(`usage error: ${parsed.error}`);
	const output = new CollectedOutput();
	const exitCode = await executeCommand(parsed.command, nodeEnvironment(), output);
	return printed(output.result(exitCode));
}

/** The JSON a command printed on stdout (the command must succeed). */
export async function runJson(...args: string[]): Promise<unknown> {
	const result = await run(...args);
	if (result.exitCode !== 0) throw new Error(`exit ${result.exitCode}: ${result.stderr}`);
	return JSON.parse(result.stdout);
}
