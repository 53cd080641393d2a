/**
 * `payment-sim run … --db FILE [--persist summary|events|full]`: the run of simulation-run.ts with
 * its rows written into a database file, in this process. Output as without --db (the final summary
 * on stdout or in --final-json, events in --events-jsonl), plus where the run was stored.
 */
import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { ConfigError, EngineAbortError, SimulationError, serializeEvent } from '../lib/engine';
import { runSimulation } from '../lib/run/simulation-run';
import { NotDuckDbFileError } from '../lib/store/duckdb-file';
import { openStoreFile } from '../lib/store/node-store';
import { StoreRefusedError } from '../lib/store/open-store';
import type { StoredLevel } from '../lib/store/persistence-level';
import { DirectSink } from '../lib/store/store-sink';
import type { RunCommand } from './command-line';
import { storedLevel } from './persist-option';
import type { RunScenarioCommand } from './scenario-command-line';

export interface PersistedRunRequest {
	/** The engine configuration, JSON form. */
	config: unknown;
	/** The scenario or configuration file, as named on the command line. */
	source: string;
	/** The scenario file's text (stored with the run); null for an engine configuration. */
	scenarioText: string | null;
	ticks: number | null;
	db: string;
	persist: StoredLevel;
	eventsJsonl: string | null;
	finalJson: string | null;
}

const FLUSH_BYTES = 1 << 20;

/** Buffered writer of event lines. */
class LineFile {
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

function fail(message: string): number {
	process.stderr.write(`payment-sim: ${message}\n`);
	return 2;
}

/** Runs and stores; returns the exit status (0 success, 1 a tick failed, 2 bad input or database). */
export async function runPersisted(request: PersistedRunRequest): Promise<number> {
	let opened;
	try {
		opened = await openStoreFile(request.db);
	} catch (error) {
		if (error instanceof NotDuckDbFileError || error instanceof StoreRefusedError) return fail(error.message);
		return fail(`${request.db}: ${(error as Error).message}`);
	}
	const { db, status } = opened;
	try {
		if (status.access !== 'read-write') return fail(`cannot store the run: ${status.message}`);
		const events = request.eventsJsonl === null ? null : new LineFile(request.eventsJsonl);
		let result;
		try {
			result = await runSimulation(
				{
					config: request.config,
					scenarioName: request.source,
					scenarioText: request.scenarioText,
					ticks: request.ticks ?? undefined,
					persist: request.persist,
					onEvent: events === null ? undefined : (event) => events.line(serializeEvent(event)),
					onWarning: (message) => process.stderr.write(message + '\n')
				},
				new DirectSink(db),
				{ cancelled: false },
				() => undefined,
				async () => undefined
			);
		} catch (error) {
			if (
				error instanceof ConfigError ||
				error instanceof SimulationError ||
				error instanceof EngineAbortError
			)
				return fail(`${request.source}: ${error.message}`);
			throw error;
		} finally {
			events?.close();
		}
		if (request.finalJson !== null) writeFileSync(request.finalJson, result.finalJson);
		else process.stdout.write(result.finalJson);
		const summary = result.summary;
		const error = summary.tick_error;
		process.stderr.write(
			`payment-sim: ${summary.ticks_completed}/${summary.ticks_requested} ticks, ${summary.event_count} events` +
				(error === null ? '' : `, tick ${error.tick_call_index} failed: ${error.message}`) +
				`; stored as ${result.simulationId} in ${request.db} (${request.persist})\n`
		);
		return error === null ? 0 : 1;
	} finally {
		await db.close();
	}
}

/** `run <scenario> --db FILE`: `config` is what the scenario loader made of the file. */
export async function runScenarioPersisted(
	command: RunScenarioCommand & { db: string },
	config: unknown
): Promise<number> {
	return runPersisted({
		config,
		source: command.scenario,
		scenarioText: readFileSync(command.scenario, 'utf8'),
		ticks: command.ticks,
		db: command.db,
		persist: storedLevel(command),
		eventsJsonl: command.eventsJsonl,
		finalJson: command.finalJson
	});
}

/** `run --engine-config FILE --db FILE`. */
export async function runConfigPersisted(command: RunCommand & { db: string }): Promise<number> {
	let config: unknown;
	try {
		config = JSON.parse(readFileSync(command.engineConfig, 'utf8'));
	} catch (error) {
		return fail(`${command.engineConfig}: ${(error as Error).message}`);
	}
	return runPersisted({
		config,
		source: command.engineConfig,
		scenarioText: null,
		ticks: command.ticks,
		db: command.db,
		persist: storedLevel(command),
		eventsJsonl: command.eventsJsonl,
		finalJson: command.finalJson
	});
}
