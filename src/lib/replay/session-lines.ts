/**
 * The log lines around the ticks of a verbose run (§4.4): set-up, filter, persistence and completion
 * messages, with the original's prefixes. A message may span lines (the original starts some with a
 * newline), so each function returns lines.
 */
import { describeEventFilter, type EventFilterOptions } from './filter';
import { formatFixed } from './python-format';

export type LogKind = 'info' | 'success' | 'warning' | 'error';

const PREFIXES: Readonly<Record<LogKind, string>> = { info: 'ℹ', success: '✓', warning: '⚠', error: '✗' };

export function logLines(kind: LogKind, message: string): string[] {
	return `${PREFIXES[kind]} ${message}`.split('\n');
}

export function loadingConfigurationLines(path: string): string[] {
	return logLines('info', `Loading configuration from ${path}`);
}

export function creatingSimulationLines(seed: number | bigint): string[] {
	return logLines('info', `Creating simulation (seed: ${seed})`);
}

export function simulationCreatedLines(seconds: number): string[] {
	return logLines('success', `Simulation created in ${formatFixed(seconds, 3)}s`);
}

/** `ℹ Event filtering enabled: types=…, agent=…, tx=…, ticks=…` with the given options as typed. */
export function filterEnabledLines(options: EventFilterOptions): string[] {
	const message = describeEventFilter(options);
	return message === null ? [] : logLines('info', message);
}

export interface DayPersistenceCounts {
	day: number;
	transactions: number;
	agentMetrics: number;
	queueSnapshots: number;
}

/** After a day's end-of-day block in a persisting run; counts of 0 print nothing. */
export function dayPersistedLines(counts: DayPersistenceCounts): string[] {
	const lines: string[] = [];
	const add = (count: number, what: string) => {
		if (count > 0) lines.push(...logLines('info', `  Persisted ${count} ${what} for day ${counts.day}`));
	};
	add(counts.transactions, 'transactions');
	add(counts.agentMetrics, 'agent metrics');
	add(counts.queueSnapshots, 'queue snapshots');
	return lines;
}

/**
 * After the last tick. The tick count is recomputed as the integer part of duration × rate, as the
 * original does (it can come out one short).
 */
export function simulationCompleteLines(durationSeconds: number, ticksPerSecond: number): string[] {
	const ticks = durationSeconds > 0 ? Math.trunc(durationSeconds * ticksPerSecond) : 0;
	return logLines(
		'success',
		`\nSimulation complete: ${ticks} ticks in ${formatFixed(durationSeconds, 2)}s (${formatFixed(ticksPerSecond, 1)} ticks/s)`
	);
}

export function eventsPersistedLines(count: number): string[] {
	return count > 0 ? logLines('info', `  Persisted ${count} simulation events`) : [];
}

export function metadataPersistedLines(simulationId: string): string[] {
	return logLines('success', `Simulation metadata persisted (ID: ${simulationId})`);
}

export function replayCompleteLines(ticksReplayed: number): string[] {
	return [
		...logLines('success', `\nReplay complete: ${ticksReplayed} ticks`),
		...logLines('info', 'Replayed from database (not re-executed)')
	];
}
