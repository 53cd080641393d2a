/** `validate <scenario>`: every problem of the file with its position, then a one-line verdict. */
import { formatDiagnostic, loadScenario, type LoadScenarioResult } from '../../config';
import type { ValidateScenarioCommand } from '../command';
import type { CommandEnvironment } from '../environment';
import type { CommandOutput, ExitCode } from '../output';
import { readInputFile } from '../run-config';

function plural(count: number, noun: string): string {
	return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** The report printed for a loaded scenario (diagnostics by position, policy files, verdict). */
export function validationReport(file: string, result: LoadScenarioResult): string[] {
	const lines: string[] = [];
	const diagnostics = result.ok ? [...result.warnings] : [...result.errors, ...result.warnings];
	diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
	for (const diagnostic of diagnostics) lines.push(formatDiagnostic(diagnostic));
	if (!result.ok) {
		lines.push(
			`${file}: invalid — ${plural(result.errors.length, 'error')}, ${plural(result.warnings.length, 'warning')}`
		);
		return lines;
	}
	for (const { agentId, file: policyFile } of result.policyFiles)
		lines.push(`${file}: policy of ${agentId}: ${policyFile}`);
	const { config } = result;
	const ticks = config.ticks_per_day * config.num_days;
	const events = config.scenario_events?.length ?? 0;
	lines.push(
		`${file}: valid — ${plural(config.agent_configs.length, 'agent')}, ${plural(ticks, 'tick')} (${config.num_days} × ${config.ticks_per_day}), ` +
			`${plural(events, 'scenario event')}, seed ${config.rng_seed}, ${plural(result.warnings.length, 'warning')}`
	);
	return lines;
}

export async function executeValidateScenario(
	command: ValidateScenarioCommand,
	env: CommandEnvironment,
	output: CommandOutput
): Promise<ExitCode> {
	const text = await readInputFile(env, command.scenario);
	const result = await loadScenario(text, {
		fileName: command.scenario,
		resolveFile: env.resolveFile,
		strict: command.strict,
		simcashCompat: command.simcashCompat,
		...(command.seed !== null ? { seed: command.seed } : {})
	});
	output.write({ kind: 'text', stream: 'stdout', lines: validationReport(command.scenario, result) });
	return result.ok ? 0 : 1;
}
