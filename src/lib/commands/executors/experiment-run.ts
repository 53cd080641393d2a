/**
 * `experiment run <file>`: loads the experiment file and its scenario, runs the loop with the chosen
 * proposer and, with --db, records everything through the store's recorder (iterations, proposals and
 * full-level evaluation runs). The `llm` optimizer reads its API key from the environment variable the
 * file names; keys are never stored.
 */
import { formatDiagnostic } from '../../config';
import { createProposer, loadExperiment, runExperiment, type ExperimentResult } from '../../experiments';
import { nullRecorder } from '../../experiments/recorder';
import { StoreRecorder } from '../../experiments/store-recorder';
import { formatMoney } from '../../replay/money';
import type { ExperimentRunCommand } from '../command';
import type { CommandEnvironment, OpenedDatabase } from '../environment';
import { CommandFailure } from '../failure';
import type { CommandOutput, ExitCode } from '../output';

function resultLines(result: ExperimentResult, db: string | null): string[] {
	return [
		`Experiment ${result.status}: ${result.experimentId}`,
		`  Iterations: ${result.iterations}`,
		`  Converged: ${result.converged ? 'True' : 'False'}`,
		`  Reason: ${result.convergenceReason ?? '-'}`,
		`  Final cost: ${result.finalCost === null ? '-' : formatMoney(result.finalCost)}` +
			(result.bestCost === null ? '' : `, best ${formatMoney(result.bestCost)}`),
		'  Final costs:',
		...Object.entries(result.perAgent).map(([agent, item]) => `    ${agent}: ${formatMoney(item.cost)}`),
		...(result.error === null ? [] : [`  Error: ${result.error}`]),
		...(db === null
			? []
			: [`  Stored in ${db}: payment-sim experiment replay ${result.experimentId} --db ${db}`])
	];
}

export async function executeExperimentRun(
	command: ExperimentRunCommand,
	env: CommandEnvironment,
	output: CommandOutput,
	signal: AbortSignal | undefined
): Promise<ExitCode> {
	const text = await env.readTextFile(command.file);
	const loaded = await loadExperiment(text, {
		fileName: command.file,
		resolveFile: env.resolveFile,
		...(command.optimizer === null ? {} : { optimizer: command.optimizer }),
		...(command.maxIterations === null ? {} : { maxIterations: command.maxIterations }),
		...(command.seed === null ? {} : { seed: command.seed }),
		strict: command.strict
	});
	const diagnostics = loaded.ok ? loaded.warnings : [...loaded.errors, ...loaded.warnings];
	if (diagnostics.length > 0)
		output.write({ kind: 'text', stream: 'stderr', lines: diagnostics.map(formatDiagnostic) });
	if (!loaded.ok)
		throw new CommandFailure(`${command.file}: invalid experiment (${loaded.errors.length} errors)`);
	const settings = loaded.experiment.optimizer;
	const apiKey = settings.kind === 'llm' ? env.secret(settings.apiKeyEnv) : undefined;
	if (settings.kind === 'llm' && apiKey === undefined)
		throw new CommandFailure(
			`the llm optimizer needs an API key in the environment variable ${settings.apiKeyEnv}`
		);
	let database: OpenedDatabase | null = null;
	if (command.db !== null) {
		database = await env.openDatabase(command.db, { write: true });
		if (database.access !== 'read-write') {
			await database.close();
			throw new CommandFailure(
				`cannot store the experiment: ${database.readOnlyReason ?? 'read-only database'}`
			);
		}
	}
	try {
		output.write({
			kind: 'text',
			stream: 'stderr',
			lines: [`Loaded experiment: ${loaded.experiment.name} (optimizer ${settings.kind})`]
		});
		const result = await runExperiment({
			experiment: loaded.experiment,
			scenario: loaded.scenario,
			experimentText: loaded.text,
			proposer: createProposer(settings, { apiKey }),
			recorder: database === null ? nullRecorder : new StoreRecorder({ sink: env.storeSink(database) }),
			signal,
			yieldToEventLoop: () => env.yieldToEventLoop(),
			now: () => env.now()
		});
		if (command.json) output.write({ kind: 'json', value: result, indent: 2 });
		else output.write({ kind: 'text', stream: 'stdout', lines: resultLines(result, command.db) });
		if (result.status === 'cancelled') return 130;
		return result.status === 'completed' ? 0 : 1;
	} finally {
		await database?.close();
	}
}
