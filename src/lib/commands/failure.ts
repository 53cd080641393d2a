/** A command that cannot go on: its one-line message and exit status (1 by default, 2 for usage). */
import type { ExitCode } from './output';

export class CommandFailure extends Error {
	constructor(
		message: string,
		readonly exitCode: ExitCode = 1
	) {
		super(message);
		this.name = 'CommandFailure';
	}
}
