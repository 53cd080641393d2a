/**
 * payment-sim: the Node command line. One parser for every command (src/lib/commands); the command runs
 * in the Node environment and its output is printed as it comes: machine data on stdout, verbose output,
 * logs and errors on stderr. Ctrl-C asks the command to stop between steps (exit status 130). Run
 * through bin/payment-sim.mjs.
 */
import { executeCommand, parseCommand, printedBlock, type CommandOutput } from '../lib/commands';
import { nodeEnvironment } from '../lib/commands/node-environment';

const output: CommandOutput = {
	write(block) {
		const { stream, text } = printedBlock(block);
		(stream === 'stdout' ? process.stdout : process.stderr).write(text);
	}
};

async function main(argv: readonly string[]): Promise<number> {
	const parsed = parseCommand(argv);
	if (!parsed.ok) {
		process.stderr.write(`payment-sim: ${parsed.error}\n\n${parsed.usage}\n`);
		return 2;
	}
	const interrupt = new AbortController();
	const onInterrupt = () => {
		// A second Ctrl-C ends the process at once.
		if (interrupt.signal.aborted) process.exit(130);
		interrupt.abort();
	};
	process.on('SIGINT', onInterrupt);
	try {
		return await executeCommand(parsed.command, nodeEnvironment(), output, interrupt.signal);
	} finally {
		process.off('SIGINT', onInterrupt);
	}
}

process.exitCode = await main(process.argv.slice(2));
