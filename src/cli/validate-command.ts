/** `payment-sim validate <scenario.yaml>`: every problem of the file, then a one-line verdict. */
import { formatDiagnostic, type LoadScenarioResult } from '../lib/config';
import type { ValidateScenarioCommand } from './scenario-command-line';
import { loadScenarioFile } from './scenario-files';

function plural(count: number, noun: string): string {
	return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** The report printed for a loaded scenario (diagnostics, policy files, verdict). */
export function validationReport(file: string, result: LoadScenarioResult): string {
	const lines: string[] = [];
	const diagnostics = result.ok ? result.warnings : [...result.errors, ...result.warnings];
	diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
	for (const diagnostic of diagnostics) lines.push(formatDiagnostic(diagnostic));
	if (!result.ok) {
		lines.push(
			`${file}: invalid — ${plural(result.errors.length, 'error')}, ${plural(result.warnings.length, 'warning')}`
		);
		return lines.join('\n');
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
	return lines.join('\n');
}

export async function validateCommand(command: ValidateScenarioCommand): Promise<number> {
	const result = await loadScenarioFile(command.scenario, {
		strict: command.strict,
		simcashCompat: command.simcashCompat,
		...(command.seed !== null ? { seed: command.seed } : {})
	});
	process.stdout.write(validationReport(command.scenario, result) + '\n');
	return result.ok ? 0 : 1;
}
