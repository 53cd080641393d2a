/**
 * payment-sim: the Node command line of the engine (file I/O only; the engine itself is platform-free).
 * Run through bin/payment-sim.mjs.
 */
import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import {
	ConfigError,
	EngineAbortError,
	SimulationError,
	createEngine,
	parseEngineConfig,
	runEngine,
	serializeEvent,
	type Engine,
	type EngineConfig
} from '../lib/engine';
import { formatFinalSummary } from '../lib/engine/summary-json';
import { USAGE, UsageError, parseCommandLine, type RunCommand } from './command-line';
import { storesRun } from './persist-option';
import { runConfigPersisted } from './persisted-run';
import { scenarioCommandMain } from './scenario-commands';

const FLUSH_BYTES = 1 << 20;

class InputError extends Error {}

/** Buffered line writer on a file descriptor (the engine loop is synchronous). */
class LineWriter {
	private readonly fd: number;
	private chunks: string[] = [];
	private size = 0;

	constructor(path: string) {
		this.fd = openSync(path, 'w');
	}

	line(text: string): void {
		this.chunks.push(text, '\n');
		this.size += text.length + 1;
		if (this.size >= FLUSH_BYTES) this.flush();
	}

	flush(): void {
		if (this.chunks.length > 0) writeSync(this.fd, this.chunks.join(''));
		this.chunks = [];
		this.size = 0;
	}

	close(): void {
		this.flush();
		closeSync(this.fd);
	}
}

function loadConfig(path: string): EngineConfig {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (error) {
		throw new InputError(`${path}: cannot read: ${(error as Error).message}`);
	}
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		throw new InputError(`${path}: invalid JSON: ${(error as Error).message}`);
	}
	try {
		return parseEngineConfig(json);
	} catch (error) {
		if (error instanceof ConfigError) throw new InputError(`${path}: ${error.message}`);
		throw error;
	}
}

function run(command: RunCommand): number {
	const config = loadConfig(command.engineConfig);
	let engine: Engine;
	try {
		engine = createEngine(config, { onWarning: (message) => process.stderr.write(message + '\n') });
	} catch (error) {
		if (error instanceof SimulationError || error instanceof EngineAbortError) {
			throw new InputError(`${command.engineConfig}: ${error.message}`);
		}
		throw error;
	}
	const events = command.eventsJsonl === null ? null : new LineWriter(command.eventsJsonl);
	const ticks = command.ticks ?? config.num_days * config.ticks_per_day;
	let summary;
	try {
		({ summary } = runEngine(engine, {
			ticks,
			onEvent: events === null ? undefined : (event) => events.line(serializeEvent(event))
		}));
	} finally {
		events?.close();
	}
	const text = formatFinalSummary(summary);
	if (command.finalJson !== null) writeFileSync(command.finalJson, text);
	else process.stdout.write(text);
	const error = summary.tick_error;
	process.stderr.write(
		`payment-sim: ${summary.ticks_completed}/${ticks} ticks, ${summary.event_count} events` +
			(error === null ? '\n' : `, tick ${error.tick_call_index} failed: ${error.message}\n`)
	);
	return error === null ? 0 : 1;
}

async function main(argv: string[]): Promise<number> {
	try {
		const command = parseCommandLine(argv);
		if (command.command === 'help') {
			process.stdout.write(USAGE + '\n');
			return 0;
		}
		if (storesRun(command)) return await runConfigPersisted(command);
		return run(command);
	} catch (error) {
		if (error instanceof UsageError) {
			process.stderr.write(`payment-sim: ${error.message}\n\n${USAGE}\n`);
			return 2;
		}
		if (error instanceof InputError) {
			process.stderr.write(`payment-sim: ${error.message}\n`);
			return 2;
		}
		throw error;
	}
}

process.exitCode = (await scenarioCommandMain(process.argv.slice(2))) ?? (await main(process.argv.slice(2)));
