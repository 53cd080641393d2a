/**
 * `experiment list <folder>`: the experiment files (*.yaml, *.yml) of a folder with their name, mode and
 * agents; files that do not load are reported and skipped. With --db instead: the stored experiments.
 */
import { formatDiagnostic } from '../../config';
import { joinPath } from '../../config/policy-paths';
import { loadExperiment } from '../../experiments/load-experiment';
import type { ExperimentListCommand } from '../command';
import type { CommandEnvironment } from '../environment';
import type { CommandOutput, ExitCode } from '../output';
import { executeExperimentListing } from './db-experiments';

export interface ExperimentFileRow {
	name: string;
	description: string;
	mode: string;
	optimizer: string;
	optimized_agents: string[];
	file: string;
}

function shortened(text: string, length: number): string {
	return text.length > length ? `${text.slice(0, length - 3)}...` : text;
}

export async function executeExperimentList(
	command: ExperimentListCommand,
	env: CommandEnvironment,
	output: CommandOutput
): Promise<ExitCode> {
	const directory = command.directory;
	if (directory === null) return executeExperimentListing(command, env, output);
	const files = (await env.listDirectory(directory)).filter((name) => /\.ya?ml$/i.test(name)).sort();
	const rows: ExperimentFileRow[] = [];
	for (const file of files) {
		const fileName = joinPath(directory, file);
		const loaded = await loadExperiment(await env.readTextFile(fileName), {
			fileName,
			resolveFile: env.resolveFile
		});
		if (!loaded.ok) {
			output.write({
				kind: 'text',
				stream: 'stderr',
				lines: [
					`⚠ Skipping ${file}: ${loaded.errors.length} error(s); first: ${formatDiagnostic(loaded.errors[0])}`
				]
			});
			continue;
		}
		const { experiment } = loaded;
		rows.push({
			name: experiment.name,
			description: experiment.description,
			mode: experiment.evaluation.mode,
			optimizer: experiment.optimizer.kind,
			optimized_agents: experiment.optimizedAgents,
			file
		});
	}
	if (command.limit !== null) rows.splice(command.limit);
	if (command.json) {
		output.write({ kind: 'json', value: rows, indent: null });
		return 0;
	}
	if (rows.length === 0) {
		output.write({ kind: 'text', stream: 'stdout', lines: [`No experiment files in ${directory}.`] });
		return 0;
	}
	output.write({
		kind: 'table',
		stream: 'stdout',
		title: `Experiments in ${directory}`,
		columns: [
			{ label: 'Name', align: 'left' },
			{ label: 'Description', align: 'left' },
			{ label: 'Mode', align: 'left' },
			{ label: 'Optimizer', align: 'left' },
			{ label: 'Agents', align: 'left' },
			{ label: 'File', align: 'left' }
		],
		rows: rows.map((row) => [
			row.name,
			shortened(row.description, 40),
			row.mode,
			row.optimizer,
			shortened(row.optimized_agents.join(', '), 30),
			row.file
		]),
		footer: ['', `Found ${rows.length} experiment file(s).`]
	});
	return 0;
}
