/**
 * `experiment run <file>`: loads the experiment file and its scenario, runs the loop with the chosen
 * proposer and, with --db, records everything through the store's recorder (iterations, proposals and
 * full-level evaluation runs). `experiment resume <id>` continues a stored experiment that was
 * interrupted (a killed process, a closed tab) from its last committed iteration. The `llm` optimizer
 * reads its API key from the environment variable the file names; keys are never stored.
 */
import { formatDiagnostic } from '../../config';
import {
	createProposer,
	loadExperiment,
	runExperiment,
	teeRecorder,
	type ExperimentResult
} from '../../experiments';
import { ProgressRecorder, type IterationProgress } from '../../experiments/progress-recorder';
import { nullRecorder } from '../../experiments/recorder';
import { StoreRecorder } from '../../experiments/store-recorder';
import { formatMoney } from '../../replay/money';
import { isResumableStatus, loadStoredExperiment } from '../../experiments/stored-experiment';
import { resumeStoredExperiment } from '../../run/experiment-run';
import type { ExperimentResumeCommand, ExperimentRunCommand } from '../command';
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
	const apiKey = apiKeyFor(settings, env);
	const database = command.db === null ? null : await openWritable(env, command.db);
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
			recorder: teeRecorder(
				database === null ? nullRecorder : new StoreRecorder({ sink: env.storeSink(database) }),
				new ProgressRecorder(loaded.experiment.convergence.maxIterations, progressLine(output))
			),
			signal,
			yieldToEventLoop: () => env.yieldToEventLoop(),
			now: () => env.now()
		});
		return reportResult(result, command, output);
	} finally {
		await database?.close();
	}
}

/** One stderr line per committed iteration: its costs and each agent's decision. */
function progressLine(output: CommandOutput): (progress: IterationProgress) => void {
	return (progress) => {
		if (!progress.committed) return;
		const costs = Object.entries(progress.agentCosts)
			.map(([agent, cents]) => `${agent} ${formatMoney(cents)}`)
			.join(', ');
		const decisions = progress.proposals.map((p) => `${p.agentId} ${p.verdict}`).join(', ');
		output.write({
			kind: 'text',
			stream: 'stderr',
			lines: [
				`  Iteration ${progress.iteration}: total ${formatMoney(progress.totalCost)} (${costs})` +
					(decisions === '' ? '' : `; ${decisions}`)
			]
		});
	};
}

async function openWritable(env: CommandEnvironment, path: string | null): Promise<OpenedDatabase> {
	const database = await env.openDatabase(path, { write: true });
	if (database.access !== 'read-write') {
		await database.close();
		throw new CommandFailure(
			`cannot store the experiment: ${database.readOnlyReason ?? 'read-only database'}`
		);
	}
	return database;
}

function reportResult(
	result: ExperimentResult,
	command: { json: boolean; db: string | null },
	output: CommandOutput
): ExitCode {
	if (command.json) output.write({ kind: 'json', value: result, indent: 2 });
	else output.write({ kind: 'text', stream: 'stdout', lines: resultLines(result, command.db) });
	if (result.status === 'cancelled') return 130;
	return result.status === 'completed' ? 0 : 1;
}

function apiKeyFor(
	settings: { kind: string; apiKeyEnv?: string },
	env: CommandEnvironment
): string | undefined {
	if (settings.kind !== 'llm' || settings.apiKeyEnv === undefined) return undefined;
	const apiKey = env.secret(settings.apiKeyEnv);
	if (apiKey === undefined)
		throw new CommandFailure(
			`the llm optimizer needs an API key in the environment variable ${settings.apiKeyEnv}`
		);
	return apiKey;
}

export async function executeExperimentResume(
	command: ExperimentResumeCommand,
	env: CommandEnvironment,
	output: CommandOutput,
	signal: AbortSignal | undefined
): Promise<ExitCode> {
	const database = await openWritable(env, command.db);
	try {
		const stored = await loadStoredExperiment(database.db, command.experimentId).catch((error: unknown) => {
			throw new CommandFailure(error instanceof Error ? error.message : String(error));
		});
		if (!isResumableStatus(stored.status))
			throw new CommandFailure(
				`${command.experimentId} is ${stored.status}: only an interrupted experiment can be resumed`
			);
		const apiKey = apiKeyFor(stored.experiment.optimizer, env);
		const from = stored.resumePoint.iterations.length;
		output.write({
			kind: 'text',
			stream: 'stderr',
			lines: [
				`Resuming experiment ${stored.experimentId} at iteration ${from} (optimizer ${stored.optimizer})`
			]
		});
		const aborted = signal ?? new AbortController().signal;
		const result = await resumeStoredExperiment(
			stored,
			apiKey === undefined ? {} : { llm: { baseUrl: '', model: '', apiKey } },
			env.storeSink(database),
			{
				get cancelled() {
					return aborted.aborted;
				},
				signal: aborted
			},
			progressLine(output),
			() => env.yieldToEventLoop()
		);
		return reportResult(result, command, output);
	} finally {
		await database.close();
	}
}
