/**
 * `payment-sim run <scenario.yaml>`: loads the scenario file and runs it exactly as `run --engine-config`
 * runs an engine configuration (same event lines, same final summary, same status line and exit codes).
 */
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { formatDiagnostic } from '../lib/config';
import {
	EngineAbortError,
	SimulationError,
	createEngine,
	runEngine,
	serializeEvent,
	type Engine
} from '../lib/engine';
import { formatFinalSummary } from '../lib/engine/summary-json';
import { storesRun } from './persist-option';
import { runScenarioPersisted } from './persisted-run';
import type { RunScenarioCommand } from './scenario-command-line';
import { loadScenarioFile } from './scenario-files';

const FLUSH_BYTES = 1 << 20;

/** Buffered writer of event lines (the engine loop is synchronous). */
class EventFile {
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

	private flush(): void {
		if (this.chunks.length > 0) writeSync(this.fd, this.chunks.join(''));
		this.chunks = [];
		this.size = 0;
	}

	close(): void {
		this.flush();
		closeSync(this.fd);
	}
}

export async function runScenarioCommand(command: RunScenarioCommand): Promise<number> {
	const loaded = await loadScenarioFile(command.scenario, {
		strict: command.strict,
		simcashCompat: command.simcashCompat,
		...(command.seed !== null ? { seed: command.seed } : {})
	});
	const diagnostics = loaded.ok ? loaded.warnings : [...loaded.errors, ...loaded.warnings];
	for (const diagnostic of diagnostics) process.stderr.write(formatDiagnostic(diagnostic) + '\n');
	if (!loaded.ok) {
		process.stderr.write(
			`payment-sim: ${command.scenario}: invalid scenario (${loaded.errors.length} errors)\n`
		);
		return 2;
	}
	const { config } = loaded;
	if (storesRun(command)) return runScenarioPersisted(command, config);
	let engine: Engine;
	try {
		engine = createEngine(config, { onWarning: (message) => process.stderr.write(message + '\n') });
	} catch (error) {
		if (error instanceof SimulationError || error instanceof EngineAbortError) {
			process.stderr.write(`payment-sim: ${command.scenario}: ${error.message}\n`);
			return 2;
		}
		throw error;
	}
	const events = command.eventsJsonl === null ? null : new EventFile(command.eventsJsonl);
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
