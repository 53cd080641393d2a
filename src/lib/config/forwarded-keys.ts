/**
 * Keys that SimCash 5534eff7 accepts but drops before the engine (scenario-config.md §6, §7, §14.4): here
 * they reach the engine, because a researcher who writes a setting expects it to matter. With
 * `simcashCompat` they are dropped exactly as SimCash drops them, with a warning for each.
 */
import { describeValue, type DiagnosticList } from './diagnostics';
import type { EngineLimitsJson } from './engine-json';
import type { Path } from './path';
import type { Scenario, ScenarioAgent } from './schema';
import { suggestName } from './suggest';
import { isMapping } from './schema-walk';

export type ForwardedLevel = 'top' | 'agent' | 'policy';

export interface ForwardedKey {
	key: string;
	level: ForwardedLevel;
	/**
	 * `undeclared`: SimCash's schema does not know the key (pydantic ignores it). `dropped`: SimCash validates
	 * it, then leaves it out of the engine configuration.
	 */
	simcash: 'undeclared' | 'dropped';
}

export const FORWARDED_KEYS: readonly ForwardedKey[] = [
	{ key: 'algorithm_sequencing', level: 'top', simcash: 'undeclared' },
	{ key: 'entry_disposition_offsetting', level: 'top', simcash: 'undeclared' },
	{ key: 'priority_escalation', level: 'top', simcash: 'undeclared' },
	{ key: 'queue1_ordering', level: 'top', simcash: 'undeclared' },
	{ key: 'priority_mode', level: 'top', simcash: 'undeclared' },
	{ key: 'eod_rush_threshold', level: 'top', simcash: 'undeclared' },
	{ key: 'posted_collateral', level: 'agent', simcash: 'dropped' },
	{ key: 'collateral_haircut', level: 'agent', simcash: 'dropped' },
	{ key: 'limits', level: 'agent', simcash: 'dropped' },
	{ key: 'bilateral_limits', level: 'agent', simcash: 'undeclared' },
	{ key: 'multilateral_limit', level: 'agent', simcash: 'undeclared' },
	{ key: 'params', level: 'policy', simcash: 'undeclared' }
];

function present(container: Record<string, unknown>, key: string): boolean {
	return Object.prototype.hasOwnProperty.call(container, key);
}

/** Where each forwarded key occurs in the data: `[path of the key]`. */
export function findForwardedKeys(root: unknown): { key: ForwardedKey; path: Path }[] {
	const found: { key: ForwardedKey; path: Path }[] = [];
	if (!isMapping(root)) return found;
	const visit = (level: ForwardedLevel, container: unknown, path: Path) => {
		if (!isMapping(container)) return;
		for (const key of FORWARDED_KEYS) {
			if (key.level === level && present(container, key.key)) found.push({ key, path: [...path, key.key] });
		}
	};
	visit('top', root, []);
	if (Array.isArray(root.agents)) {
		root.agents.forEach((agent, i) => {
			visit('agent', agent, ['agents', i]);
			if (isMapping(agent)) visit('policy', agent.policy, ['agents', i, 'policy']);
		});
	}
	return found;
}

/**
 * SimCash compatibility: removes the keys SimCash's schema does not declare (so that, as in SimCash, they
 * are neither validated nor used) and warns about every forwarded key that will have no effect.
 */
export function dropForCompatibility(root: unknown, diagnostics: DiagnosticList): void {
	for (const { key, path } of findForwardedKeys(root)) {
		if (key.simcash === 'undeclared') {
			diagnostics.warning('compat-dropped', path, {
				message: 'ignored: SimCash 5534eff7 does not read this key (SimCash compatibility mode)',
				allowed: 'any value; it has no effect in this mode',
				atKey: true
			});
			const parent = path
				.slice(0, -1)
				.reduce<unknown>((node, segment) => (node as Record<string, unknown>)[segment], root);
			delete (parent as Record<string, unknown>)[key.key];
		} else {
			diagnostics.warning('compat-dropped', path, {
				message:
					'validated but not passed to the engine, as SimCash 5534eff7 does (SimCash compatibility mode)',
				allowed: 'any valid value; it has no effect in this mode',
				atKey: true
			});
		}
	}
}

const LIMIT_KEYS = ['bilateral_limits', 'multilateral_limit'];

/** Per-agent limits from `limits: {bilateral_limits, multilateral_limit}` or the keys of the same names. */
export function engineLimits(agent: ScenarioAgent): EngineLimitsJson | null {
	if (agent.limits != null) {
		const bilateral = agent.limits.bilateral_limits;
		const multilateral = agent.limits.multilateral_limit;
		return {
			bilateral_limits: isMapping(bilateral) ? { ...(bilateral as Record<string, number>) } : {},
			multilateral_limit: typeof multilateral === 'number' ? multilateral : null
		};
	}
	if (agent.bilateral_limits == null && agent.multilateral_limit == null) return null;
	return {
		bilateral_limits: { ...(agent.bilateral_limits ?? {}) },
		multilateral_limit: agent.multilateral_limit ?? null
	};
}

function checkLimits(
	agent: ScenarioAgent,
	path: Path,
	ids: readonly string[],
	diagnostics: DiagnosticList
): void {
	if (agent.limits != null && (agent.bilateral_limits != null || agent.multilateral_limit != null)) {
		diagnostics.error('forwarded-key', [...path, 'limits'], {
			message: 'limits are given twice',
			found: 'limits together with bilateral_limits or multilateral_limit',
			allowed: 'either limits: {bilateral_limits, multilateral_limit} or the two keys directly on the agent',
			atKey: true
		});
		return;
	}
	const limits = agent.limits ?? {};
	for (const [key, value] of Object.entries(limits)) {
		const keyPath = [...path, 'limits', key];
		if (!LIMIT_KEYS.includes(key)) {
			const suggestion = suggestName(key, LIMIT_KEYS);
			diagnostics.warning('unknown-key', keyPath, {
				message: 'unknown key, ignored',
				found: JSON.stringify(key),
				allowed: `one of ${LIMIT_KEYS.join(', ')}`,
				atKey: true,
				...(suggestion !== undefined ? { suggestion } : {})
			});
		} else if (key === 'bilateral_limits' && !isMapping(value)) {
			diagnostics.error('forwarded-key', keyPath, {
				message: 'bilateral limits are a mapping',
				found: describeValue(value),
				allowed: 'a mapping of counterparty id to limit (cents)'
			});
		} else if (key === 'multilateral_limit' && isMapping(value)) {
			diagnostics.error('forwarded-key', keyPath, {
				message: 'the multilateral limit is one amount',
				found: describeValue(value),
				allowed: 'an integer ≥ 0 (cents)'
			});
		}
	}
	const engine = engineLimits(agent);
	if (engine === null) return;
	const bilateralPath =
		agent.limits != null ? [...path, 'limits', 'bilateral_limits'] : [...path, 'bilateral_limits'];
	for (const [counterparty, limit] of Object.entries(engine.bilateral_limits)) {
		if (limit < 0) {
			diagnostics.error('forwarded-key', [...bilateralPath, counterparty], {
				message: 'a limit cannot be negative',
				found: describeValue(limit),
				allowed: 'an integer ≥ 0 (cents)'
			});
		}
		if (!ids.includes(counterparty)) {
			const suggestion = suggestName(counterparty, ids);
			diagnostics.error('unknown-reference', [...bilateralPath, counterparty], {
				message: `Agent ${agent.id} sets a bilateral limit for unknown counterparty: ${counterparty}`,
				found: describeValue(counterparty),
				allowed: `one of the agent ids ${ids.join(', ')}`,
				atKey: true,
				...(suggestion !== undefined ? { suggestion } : {})
			});
		}
	}
	const multilateral = engine.multilateral_limit;
	if (multilateral !== null && multilateral < 0) {
		const multilateralPath =
			agent.limits != null ? [...path, 'limits', 'multilateral_limit'] : [...path, 'multilateral_limit'];
		diagnostics.error('forwarded-key', multilateralPath, {
			message: 'a limit cannot be negative',
			found: describeValue(multilateral),
			allowed: 'an integer ≥ 0 (cents)'
		});
	}
}

/** Checks that only matter because the keys reach the engine (SimCash never looks at them). */
export function checkForwardedKeys(scenario: Scenario, diagnostics: DiagnosticList): void {
	const ids = scenario.agents.map((agent) => agent.id);
	scenario.agents.forEach((agent, i) => {
		const path: Path = ['agents', i];
		if (agent.posted_collateral != null && agent.posted_collateral < 0) {
			diagnostics.error('forwarded-key', [...path, 'posted_collateral'], {
				message: 'posted collateral cannot be negative',
				found: describeValue(agent.posted_collateral),
				allowed: 'an integer ≥ 0 (cents)'
			});
		}
		checkLimits(agent, path, ids, diagnostics);
	});
	const curve = scenario.priority_escalation?.curve;
	if (curve !== undefined && curve !== 'linear') {
		diagnostics.warning('forwarded-key', ['priority_escalation', 'curve'], {
			message: 'the engine implements only the linear escalation curve; it is used instead',
			found: describeValue(curve),
			allowed: '"linear"'
		});
	}
}
