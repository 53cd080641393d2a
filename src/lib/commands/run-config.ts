/**
 * The engine configuration a `run` command names: a scenario file through the scenario loader (its
 * diagnostics printed), or an engine configuration file as it is. Bad input ends the command with exit
 * status 2, as payment-sim run always has.
 */
import { formatDiagnostic, loadScenario } from '../config';
import { ConfigError, parseEngineConfig } from '../engine';
import type { RunCommand } from './command';
import type { CommandEnvironment } from './environment';
import { CommandFailure } from './failure';
import type { CommandOutput } from './output';

export interface RunConfiguration {
	/** The engine configuration, JSON form. */
	config: unknown;
	/** The file as named on the command line. */
	source: string;
	/** The scenario file's text (stored with the run); null for an engine configuration. */
	scenarioText: string | null;
}

/** A file the command reads as input; a missing or unreadable file is bad input (exit 2). */
export async function readInputFile(env: CommandEnvironment, path: string): Promise<string> {
	try {
		return await env.readTextFile(path);
	} catch (error) {
		if (error instanceof CommandFailure) throw new CommandFailure(error.message, 2);
		throw error;
	}
}

export async function loadRunConfiguration(
	command: RunCommand,
	env: CommandEnvironment,
	output: CommandOutput
): Promise<RunConfiguration> {
	const path = command.source.path;
	const text = await readInputFile(env, path);
	if (command.source.kind === 'scenario') {
		const loaded = await loadScenario(text, {
			fileName: path,
			resolveFile: env.resolveFile,
			strict: command.strict,
			simcashCompat: command.simcashCompat,
			...(command.seed !== null ? { seed: command.seed } : {})
		});
		const diagnostics = loaded.ok ? loaded.warnings : [...loaded.errors, ...loaded.warnings];
		if (diagnostics.length > 0)
			output.write({ kind: 'text', stream: 'stderr', lines: diagnostics.map(formatDiagnostic) });
		if (!loaded.ok) throw new CommandFailure(`${path}: invalid scenario (${loaded.errors.length} errors)`, 2);
		return { config: loaded.config, source: path, scenarioText: text };
	}
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		throw new CommandFailure(`${path}: invalid JSON: ${(error as Error).message}`, 2);
	}
	if (command.seed !== null && json !== null && typeof json === 'object')
		json = { ...(json as object), rng_seed: command.seed.toString() };
	try {
		parseEngineConfig(json);
	} catch (error) {
		if (error instanceof ConfigError) throw new CommandFailure(`${path}: ${error.message}`, 2);
		throw error;
	}
	return { config: json, source: path, scenarioText: null };
}
