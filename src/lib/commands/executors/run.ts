/**
 * `run`: a scenario file or an engine configuration, stepped so that an interrupt is noticed between
 * steps. Prints what payment-sim run always printed — the final summary (golden final.json form) on
 * stdout or in --final-json, a status line on stderr — plus, with --verbose, the tick-by-tick output on
 * stderr. With --db the run is stored at the level asked for (full by default).
 */
import {
	createEngine,
	EngineAbortError,
	formatFinalSummary,
	serializeEvent,
	SimulationError,
	SteppedRun,
	type Engine,
	type EventSink,
	type FinalSummary
} from '../../engine';
import {
	creatingSimulationLines,
	filterEnabledLines,
	loadingConfigurationLines,
	simulationCompleteLines,
	simulationCreatedLines
} from '../../replay/session-lines';
import { runSimulation } from '../../run/simulation-run';
import { runInSteps, type CancelToken } from '../../run/stepping';
import type { StoredLevel } from '../../store/persistence-level';
import type { RunCommand } from '../command';
import type { CommandEnvironment, LineFile } from '../environment';
import { CommandFailure } from '../failure';
import { LiveVerboseOutput } from '../live-verbose';
import type { CommandOutput, ExitCode } from '../output';
import { loadRunConfiguration, type RunConfiguration } from '../run-config';

function cancelToken(signal: AbortSignal | undefined): CancelToken {
	return {
		get cancelled() {
			return signal?.aborted ?? false;
		}
	};
}

function storedLevel(command: RunCommand): StoredLevel | null {
	if (command.db === null || command.persist === 'none') return null;
	return command.persist ?? 'full';
}

function statusLine(summary: FinalSummary, ticks: number, stored: string): string {
	const error = summary.tick_error;
	return (
		`payment-sim: ${summary.ticks_completed}/${ticks} ticks, ${summary.event_count} events` +
		(error === null ? '' : `, tick ${error.tick_call_index} failed: ${error.message}`) +
		stored
	);
}

async function finish(
	command: RunCommand,
	env: CommandEnvironment,
	output: CommandOutput,
	summary: FinalSummary,
	stored: string,
	cancelled: boolean
): Promise<ExitCode> {
	const text = formatFinalSummary(summary);
	if (command.finalJson !== null) await env.writeTextFile(command.finalJson, text);
	else output.write({ kind: 'data', text });
	output.write({
		kind: 'text',
		stream: 'stderr',
		lines: [statusLine(summary, summary.ticks_requested, stored)]
	});
	if (cancelled) return 130;
	return summary.tick_error === null ? 0 : 1;
}

function engineFor(run: RunConfiguration, output: CommandOutput): Engine {
	try {
		return createEngine(run.config, {
			onWarning: (message) => output.write({ kind: 'text', stream: 'stderr', lines: [message] })
		});
	} catch (error) {
		if (error instanceof SimulationError || error instanceof EngineAbortError)
			throw new CommandFailure(`${run.source}: ${error.message}`, 2);
		throw error;
	}
}

function eventTap(events: LineFile | null, verbose: LiveVerboseOutput | null): EventSink | undefined {
	if (events === null && verbose === null) return undefined;
	return (event) => {
		events?.line(serializeEvent(event));
		verbose?.onEvent(event);
	};
}

/** The set-up lines of a verbose run, and the live output that prints each tick as it completes. */
function startVerbose(
	command: RunCommand,
	engine: Engine,
	output: CommandOutput,
	started: number
): LiveVerboseOutput {
	output.write({
		kind: 'text',
		stream: 'stderr',
		lines: [
			...creatingSimulationLines(engine.config.rng_seed),
			...simulationCreatedLines((performance.now() - started) / 1000),
			...filterEnabledLines(command.filter.options)
		]
	});
	return new LiveVerboseOutput(engine, command.filter.filter, (lines) =>
		output.write({ kind: 'text', stream: 'stderr', lines })
	);
}

function completionLines(output: CommandOutput, started: number, summary: FinalSummary): void {
	const seconds = (performance.now() - started) / 1000;
	const rate = seconds > 0 ? summary.ticks_completed / seconds : 0;
	output.write({ kind: 'text', stream: 'stderr', lines: simulationCompleteLines(seconds, rate) });
}

async function runInMemory(
	command: RunCommand,
	env: CommandEnvironment,
	output: CommandOutput,
	configuration: RunConfiguration,
	signal: AbortSignal | undefined
): Promise<ExitCode> {
	const started = performance.now();
	const engine = engineFor(configuration, output);
	const verbose = command.verbose ? startVerbose(command, engine, output, started) : null;
	const events = command.eventsJsonl === null ? null : env.openLineFile(command.eventsJsonl);
	const cancel = cancelToken(signal);
	let summary: FinalSummary;
	let run: SteppedRun;
	try {
		run = new SteppedRun(engine, {
			ticks: command.ticks ?? engine.config.num_days * engine.config.ticks_per_day,
			onEvent: eventTap(events, verbose),
			onTick: verbose?.onTick
		});
		await runInSteps(run, cancel, () => env.yieldToEventLoop());
		summary = run.finish();
	} finally {
		events?.close();
	}
	if (verbose !== null) completionLines(output, started, summary);
	return finish(command, env, output, summary, '', cancel.cancelled && !run.finished);
}

async function runStored(
	command: RunCommand & { db: string },
	level: StoredLevel,
	env: CommandEnvironment,
	output: CommandOutput,
	configuration: RunConfiguration,
	signal: AbortSignal | undefined
): Promise<ExitCode> {
	let database;
	try {
		database = await env.openDatabase(command.db, { write: true });
	} catch (error) {
		if (error instanceof CommandFailure) throw new CommandFailure(error.message, 2);
		throw error;
	}
	try {
		if (database.access !== 'read-write')
			throw new CommandFailure(`cannot store the run: ${database.readOnlyReason}`, 2);
		const events = command.eventsJsonl === null ? null : env.openLineFile(command.eventsJsonl);
		const cancel = cancelToken(signal);
		const started = performance.now();
		let verbose: LiveVerboseOutput | null = null;
		let result;
		try {
			result = await runSimulation(
				{
					config: configuration.config,
					scenarioName: configuration.source,
					scenarioText: configuration.scenarioText,
					ticks: command.ticks ?? undefined,
					persist: level,
					onEngine: (engine) => {
						if (command.verbose) verbose = startVerbose(command, engine, output, started);
					},
					onEvent: (event) => {
						events?.line(serializeEvent(event));
						verbose?.onEvent(event);
					},
					onTick: (result) => verbose?.onTick(result),
					onWarning: (message) => output.write({ kind: 'text', stream: 'stderr', lines: [message] })
				},
				env.storeSink(database),
				cancel,
				() => undefined,
				() => env.yieldToEventLoop()
			);
			if (command.verbose) completionLines(output, started, result.summary);
		} catch (error) {
			if (error instanceof SimulationError || error instanceof EngineAbortError)
				throw new CommandFailure(`${configuration.source}: ${error.message}`, 2);
			throw error;
		} finally {
			events?.close();
		}
		const stored = `; stored as ${result.simulationId} in ${command.db} (${level})`;
		return finish(command, env, output, result.summary, stored, result.status === 'cancelled');
	} finally {
		await database.close();
	}
}

export async function executeRun(
	command: RunCommand,
	env: CommandEnvironment,
	output: CommandOutput,
	signal: AbortSignal | undefined
): Promise<ExitCode> {
	if (command.verbose)
		output.write({ kind: 'text', stream: 'stderr', lines: loadingConfigurationLines(command.source.path) });
	const configuration = await loadRunConfiguration(command, env, output);
	const level = storedLevel(command);
	if (level === null || command.db === null) return runInMemory(command, env, output, configuration, signal);
	return runStored({ ...command, db: command.db }, level, env, output, configuration, signal);
}
