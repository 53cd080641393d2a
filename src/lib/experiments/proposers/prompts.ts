/**
 * Prompts for the `llm` proposer, with the structure of SimCash's (spec §10): a system prompt built from the
 * constraints (role, the experiment's customization, domain, costs and objective, policy format limited to
 * what is allowed, the scenario's cost rates, checklist, common errors) and a user prompt per agent and
 * attempt (state, cost analysis, guidance, traces, the agent's own history, parameter trajectories,
 * instructions, the current policy, and the previous attempt's errors). Amounts are shown in dollars
 * throughout (SimCash prints some cents with a dollar sign), and the cost analysis is the agent's own.
 */
import type { EngineCostRatesJson } from '../../config';
import type { CostTotals } from '../../engine';
import type { PolicyConstraints } from '../experiment-config';
import { numericParameters, TREE_NAMES } from '../policy-document';
import type { ProposalRecord } from '../recorder';
import { dollars } from './event-trace';
import type { ProposalRequest } from './proposer';

const RULE = '='.repeat(72);

const ACTION_MEANINGS: Readonly<Record<string, string>> = {
	Release:
		'submit the payment to RTGS settlement now (it settles if liquidity allows, else waits in the central queue)',
	ReleaseWithCredit: 'same as Release',
	PaceAndRelease: 'split the payment into `num_splits` parts and release them',
	Split: 'split the payment into `num_splits` parts and release them',
	StaggerSplit:
		'split into parts released over several ticks (`num_splits`, `stagger_first_now`, `stagger_gap_ticks`)',
	Hold: 'keep the payment in the bank’s own queue this tick; the tree is asked again next tick',
	Drop: 'abandon the payment (it becomes overdue and is penalised)',
	Reprioritize: 'change the payment’s priority (`new_priority`)',
	WithdrawFromRtgs: 'take a queued payment back out of the central queue',
	ResubmitToRtgs: 'resubmit a queued payment with another RTGS priority',
	SetReleaseBudget: 'cap how much the bank releases this tick (`max_value_to_release`)',
	SetState: 'set a memory register (`key` starting with bank_state_, `value`)',
	AddState: 'add to a memory register (`key`, `value`)',
	NoAction: 'do nothing this tick',
	PostCollateral: 'post collateral (`amount`) to raise the overdraft limit',
	WithdrawCollateral: 'withdraw posted collateral (`amount`)',
	HoldCollateral: 'leave collateral unchanged'
};

const FIELD_MEANINGS: Readonly<Record<string, string>> = {
	balance: 'the bank’s settlement-account balance (cents)',
	amount: 'the payment’s amount (cents)',
	remaining_amount: 'the part of the payment not yet settled (cents)',
	ticks_to_deadline: 'ticks until the payment’s deadline (negative once past it)',
	system_tick_in_day: 'the tick within the current day, from 0',
	current_tick: 'the current tick',
	queue1_total_value: 'total value waiting in the bank’s own queue (cents)',
	outgoing_queue_size: 'number of payments waiting in the bank’s own queue',
	priority: 'the payment’s priority, 0–10',
	available_liquidity: 'what settlement can use now: positive balance plus unused credit (cents)',
	effective_liquidity: 'balance plus unused unsecured credit (cents)',
	ticks_remaining_in_day: 'ticks left in the day after this one',
	day_progress_fraction: 'share of the day elapsed, 0 to just below 1',
	queue_age: 'ticks since the payment arrived',
	is_past_deadline: '1 if the deadline has passed',
	credit_headroom: 'unused unsecured credit (cents)'
};

function cents(value: number): string {
	return dollars(Math.round(value));
}

function json(value: unknown): string {
	return JSON.stringify(value, null, 2);
}

function parameterLines(constraints: PolicyConstraints): string[] {
	if (constraints.parameters.length === 0) return ['(none: the policy must not define parameters)'];
	return constraints.parameters.map((spec) => {
		const range =
			spec.type === 'enum'
				? `one of ${spec.values.map((value) => JSON.stringify(value)).join(', ')}`
				: `${spec.type}, from ${spec.min ?? '−∞'} to ${spec.max ?? '+∞'}`;
		return `- \`${spec.name}\` (${range})${spec.description ? `: ${spec.description}` : ''}`;
	});
}

function actionLines(constraints: PolicyConstraints): string[] {
	const lines: string[] = [];
	for (const tree of [...TREE_NAMES, 'collateral_tree'] as const) {
		const actions = constraints.allowedActions[tree];
		if (actions === undefined) continue;
		lines.push(`\`${tree}\`:`);
		for (const action of actions)
			lines.push(`  - ${action}: ${ACTION_MEANINGS[action] ?? 'see the policy language'}`);
		lines.push(
			`  example: {"type": "action", "node_id": "${tree.replace(/_tree$/, '')}_1", "action": "${actions[0] ?? 'NoAction'}"}`
		);
	}
	const unrestricted = TREE_NAMES.filter((tree) => constraints.allowedActions[tree] === undefined);
	if (unrestricted.length > 0) {
		lines.push(`Trees without a list (${unrestricted.join(', ')}) may use the actions valid for their kind.`);
	}
	return lines;
}

function fieldLines(constraints: PolicyConstraints): string[] {
	if (constraints.allowedFields.length === 0)
		return ['(none: conditions may only compare parameters and literals)'];
	return constraints.allowedFields.map(
		(field) => `- \`${field}\`${FIELD_MEANINGS[field] ? `: ${FIELD_MEANINGS[field]}` : ''}`
	);
}

function costRateLines(rates: EngineCostRatesJson): string[] {
	const bps = (value: number) => `${value} bps = ${(value / 100).toFixed(4)} %`;
	const lines = [
		`- liquidity_cost_per_tick_bps = ${rates.liquidity_cost_per_tick_bps} (${bps(rates.liquidity_cost_per_tick_bps)} of the allocated pool per tick; e.g. $1,000 allocated for one tick costs ${cents((100_000 * rates.liquidity_cost_per_tick_bps) / 10_000)})`,
		`- delay_cost_per_tick_per_cent = ${rates.delay_cost_per_tick_per_cent} (a $1,000 payment waiting one tick costs ${cents(100_000 * rates.delay_cost_per_tick_per_cent)})`,
		`- overdraft_bps_per_tick = ${rates.overdraft_bps_per_tick} (${bps(rates.overdraft_bps_per_tick)} of a negative balance per tick)`,
		`- collateral_cost_per_tick_bps = ${rates.collateral_cost_per_tick_bps} (${bps(rates.collateral_cost_per_tick_bps)} of posted collateral per tick)`,
		`- deadline_penalty = ${rates.deadline_penalty} (${cents(rates.deadline_penalty)} once, when a payment passes its deadline)`,
		`- split_friction_cost = ${rates.split_friction_cost} (${cents(rates.split_friction_cost)} per extra part when splitting)`,
		`- eod_penalty_per_transaction = ${rates.eod_penalty_per_transaction} (${cents(rates.eod_penalty_per_transaction)} per payment still unsettled at the end of the day)`,
		`- overdue_delay_multiplier = ${rates.overdue_delay_multiplier} (delay cost is multiplied by this once a payment is overdue)`
	];
	const multipliers = rates.priority_delay_multipliers;
	if (multipliers !== null) {
		lines.push(
			`- priority_delay_multipliers: urgent ${multipliers.urgent_multiplier}, normal ${multipliers.normal_multiplier}, low ${multipliers.low_multiplier}`
		);
	}
	return lines;
}

/** The system prompt: the same for every attempt of an agent. */
export function buildSystemPrompt(
	constraints: PolicyConstraints,
	costRates: EngineCostRatesJson,
	customization: string | null
): string {
	const sections: string[] = [
		[
			'You are an optimization agent for a real-time gross settlement (RTGS) payment-system simulator.',
			'You design the cash-management policy of ONE bank: a JSON document of decision trees and parameters.',
			'Each bank is optimized by its own agent; you only ever change your own bank’s policy.'
		].join('\n')
	];
	if (customization !== null) {
		const banner = '#'.repeat(72);
		sections.push(`${banner}\n# EXPERIMENT NOTES\n${banner}\n${customization}\n${banner}`);
	}
	sections.push(
		[
			'## How the system works',
			'- Payments arrive at banks over the day, each with an amount, a priority and a deadline tick.',
			'- A bank’s policy decides, tick by tick, which payments to release. Held payments stay in the bank’s own queue (queue 1).',
			'- Released payments settle at once if the balance (plus any credit) covers them; otherwise they wait in the central queue (queue 2) and settle as liquidity arrives.',
			'- The liquidity-saving mechanism (LSM), when enabled, offsets payments bilaterally or in cycles so that less liquidity is needed.',
			'- Liquidity comes from the opening balance, from the share of the liquidity pool allocated at the start of the day, from incoming payments, and from credit or collateral where the scenario allows them.',
			'- With deferred crediting, money received in a tick can only be spent from the next tick on.'
		].join('\n'),
		[
			'## Costs and objective',
			'Minimize your bank’s TOTAL cost over the day. Costs are: liquidity (allocating pool liquidity costs a rate per tick on the amount allocated), delay (per tick and cent a payment waits), overdraft, collateral, a one-time penalty when a payment passes its deadline (with higher delay costs afterwards), and a large end-of-day penalty for every payment left unsettled.',
			'The trade-off: more liquidity costs money every tick, too little liquidity delays payments and risks penalties. Payments you receive from other banks are free liquidity if you can wait for them; the other banks face the same choice.'
		].join('\n'),
		[
			'## Policy structure',
			'A policy has `version`, `policy_id`, `parameters` (name → number) and decision trees. Each tree is a node: either',
			'  {"type": "condition", "node_id": …, "condition": {…}, "on_true": node, "on_false": node}',
			'  {"type": "action", "node_id": …, "action": …, "parameters": {…}}',
			'Trees: `bank_tree` runs once per tick first; `strategic_collateral_tree` and `end_of_tick_collateral_tree` manage collateral; `payment_tree` runs for each payment in the bank’s queue.',
			'Conditions: {"op": "<", "left": value, "right": value} with ==, !=, <, <=, >, >=, and {"op": "and"|"or", "conditions": [...]}, {"op": "not", "condition": …}.',
			'Values: {"field": name}, {"param": name}, {"value": number}, or {"compute": {"op": "+", "left": value, "right": value}} (ops + - * / max min ceil floor round abs clamp div0). Arithmetic must always be wrapped in "compute".'
		].join('\n'),
		['## Allowed parameters', ...parameterLines(constraints)].join('\n'),
		['## Allowed fields (in conditions and computations)', ...fieldLines(constraints)].join('\n'),
		['## Allowed actions per tree', ...actionLines(constraints)].join('\n'),
		['## Cost rates of this scenario (money in cents)', ...costRateLines(costRates)].join('\n'),
		[
			'## What you receive and what you return',
			'Each request gives your bank’s current cost and its breakdown, traces of the cheapest and dearest evaluation runs, every earlier proposal of yours with its outcome, and your current policy.',
			'A proposal is accepted only if it is strictly cheaper than the current policy on the same samples; otherwise your bank keeps its policy.',
			'Before answering, check: every parameter you use is defined and within its range; every action is allowed in its tree; every node_id is unique; every field is allowed; arithmetic is inside "compute".',
			'Common errors: a parameter referenced but not defined; an action used in the wrong tree; raw arithmetic without "compute"; missing node_id; a field that is not in the allowed list.',
			'Return ONLY the complete policy as one JSON object (a ```json fence is fine), keep trees small (3–5 levels at most), and change what the evidence says matters.'
		].join('\n')
	);
	return sections.join('\n\n');
}

function percent(part: number, whole: number): string {
	return whole === 0 ? '0 %' : `${((100 * part) / whole).toFixed(1)} %`;
}

/** The agent's cost components, largest first, with their share. */
function breakdownLines(breakdown: CostTotals): string[] {
	const parts: [string, number][] = [
		['liquidity (pool allocation)', breakdown.liquidity_opportunity_cost],
		['delay', breakdown.delay_cost],
		['penalties (deadline and end of day)', breakdown.penalty_cost],
		['overdraft', breakdown.liquidity_cost],
		['collateral', breakdown.collateral_cost],
		['split friction', breakdown.split_friction_cost]
	];
	return parts
		.filter(([, value]) => value !== 0)
		.sort((a, b) => b[1] - a[1])
		.map(([name, value]) => {
			const share = breakdown.total === 0 ? 0 : value / breakdown.total;
			const level = share > 0.4 ? 'HIGH' : share > 0.2 ? 'MEDIUM' : 'low';
			return `| ${name} | ${cents(value)} | ${percent(value, breakdown.total)} | ${level} |`;
		});
}

function guidanceLines(request: ProposalRequest): string[] {
	const { breakdown } = request.evaluation;
	const lines: string[] = [];
	const share = (value: number) => (breakdown.total === 0 ? 0 : value / breakdown.total);
	if (share(breakdown.penalty_cost) > 0.2)
		lines.push(
			'- Penalties are a large part of the cost: some payments miss their deadline or the end of the day. More liquidity, or releasing earlier, avoids them.'
		);
	if (share(breakdown.delay_cost) > 0.4)
		lines.push(
			'- Delay dominates: payments wait too long. Consider releasing sooner or holding more liquidity.'
		);
	if (share(breakdown.liquidity_opportunity_cost) > 0.4)
		lines.push(
			'- Liquidity allocation dominates: you may be holding more than the payments need. Incoming payments can be recycled.'
		);
	if (share(breakdown.liquidity_cost + breakdown.collateral_cost) > 0.2)
		lines.push('- Overdraft or collateral costs are significant.');
	const recent = request.history
		.filter((p) => p.decision.kind === 'accepted' || p.decision.kind === 'rejected')
		.slice(-3);
	if (recent.length >= 2) {
		const accepted = recent.filter((p) => p.decision.kind === 'accepted').length;
		if (accepted === 0)
			lines.push('- Your recent proposals were all rejected: try a different direction or a smaller step.');
		else if (accepted === recent.length)
			lines.push('- Your recent proposals all improved the cost: the direction is right.');
		else
			lines.push(
				'- Recent proposals alternate between improvements and rejections: refine around the current policy.'
			);
	}
	if (request.evaluation.settlementRate < 1)
		lines.push(
			`- Not every payment settled (settlement rate ${(100 * request.evaluation.settlementRate).toFixed(1)} %): unsettled payments are heavily penalised.`
		);
	return lines.length > 0
		? lines
		: ['- No specific issue stands out; look for a cheaper policy that keeps every payment settled.'];
}

function outcomeOf(proposal: ProposalRecord): string {
	switch (proposal.decision.kind) {
		case 'accepted':
			return '✅ ACCEPTED';
		case 'rejected':
			return '❌ REJECTED';
		case 'no-candidate':
			return '⚠️ NO VALID PROPOSAL';
		case 'failed':
			return '⚠️ FAILED';
	}
}

function historyLines(request: ProposalRequest): string[] {
	const { agentId } = request;
	const lines = [
		'| iteration | your cost at its start | proposal | outcome | proposal’s cost |',
		'|---|---|---|---|---|'
	];
	const costs = request.iterations.map((record) => record.agentCosts[agentId]);
	const best = Math.min(...costs);
	for (const record of request.iterations) {
		const proposal = request.history.find((item) => item.iteration === record.iteration);
		const decision = proposal?.decision;
		const proposed =
			decision && (decision.kind === 'accepted' || decision.kind === 'rejected') ? decision : null;
		const params = proposed ? JSON.stringify(numericParameters(proposed.policy)) : '—';
		const mark = record.agentCosts[agentId] === best ? ' ⭐' : '';
		lines.push(
			`| ${record.iteration + 1} | ${cents(record.agentCosts[agentId])}${mark} | ${params} | ${proposal ? outcomeOf(proposal) : '—'} | ${proposed ? cents(proposed.comparison.newCost) : '—'} |`
		);
	}
	lines.push(`Best cost so far: ${cents(best)}.`);
	const rejected = request.history.filter((item) => item.decision.kind === 'rejected').length;
	if (rejected > 0) lines.push(`${rejected} of your proposals were rejected; do not repeat them.`);
	return lines;
}

function trajectoryLines(request: ProposalRequest): string[] {
	const names = new Set<string>();
	for (const record of request.iterations) {
		for (const name of Object.keys(numericParameters(record.policies[request.agentId]))) names.add(name);
	}
	if (names.size === 0) return ['(no parameters)'];
	const lines: string[] = [];
	for (const name of names) {
		const values = request.iterations.map(
			(record) => numericParameters(record.policies[request.agentId])[name]
		);
		const shown = values.map((value) => (value === undefined ? '—' : value.toFixed(3)));
		const first = values.find((value) => value !== undefined);
		const last = values.at(-1);
		const change =
			first !== undefined && last !== undefined && first !== 0
				? ` (${(((last - first) / first) * 100).toFixed(1)} % overall)`
				: '';
		lines.push(`- ${name}: ${shown.join(' → ')}${change}`);
	}
	return lines;
}

export interface UserPromptTraces {
	best: string;
	worst: string;
}

/** The user prompt of one attempt; `previousErrors` are the errors of the attempt before it. */
export function buildUserPrompt(
	request: ProposalRequest,
	traces: UserPromptTraces,
	previousErrors: readonly string[]
): string {
	const { agentId, evaluation } = request;
	const number = request.iteration + 1;
	const stats = evaluation.statistics;
	const previous = request.iterations.at(-2)?.agentCosts[agentId];
	const change =
		previous === undefined
			? ''
			: ` (${evaluation.cost <= previous ? '' : '+'}${cents(evaluation.cost - previous)} vs previous iteration)`;
	const sections = [
		[
			`# POLICY OPTIMIZATION CONTEXT - ${agentId} - ITERATION ${number}`,
			`You optimize ${agentId} only. Sections: 1 state, 2 cost analysis, 3 guidance, 4 simulation traces, 5 history, 6 parameter trajectories, 7 instructions, 8 current policy.`
		].join('\n'),
		[
			'## 1. Current state',
			'| metric | value |',
			'|---|---|',
			`| your cost (${evaluation.mode === 'bootstrap' ? `mean of ${stats?.samples ?? 1} samples` : 'one run'}) | ${cents(evaluation.cost)}${change} |`,
			`| standard deviation | ${stats?.stdDev == null ? '—' : cents(stats.stdDev)} |`,
			`| 95 % interval | ${stats?.ci95Lower == null || stats.ci95Upper == null ? '—' : `${cents(stats.ci95Lower)} … ${cents(stats.ci95Upper)}`} |`,
			`| settlement rate | ${(100 * evaluation.settlementRate).toFixed(1)} % |`,
			`| cheapest sample | seed ${evaluation.best.seed}: ${cents(evaluation.best.cost)} |`,
			`| dearest sample | seed ${evaluation.worst.seed}: ${cents(evaluation.worst.cost)} |`,
			'Current parameters:',
			json(numericParameters(request.currentPolicy))
		].join('\n'),
		[
			'## 2. Cost analysis (your bank)',
			'| component | amount | share | priority |',
			'|---|---|---|---|',
			...breakdownLines(evaluation.breakdown),
			`Total: ${cents(evaluation.breakdown.total)}`,
			'Cost rates:',
			json(request.costRates)
		].join('\n'),
		['## 3. Guidance', ...guidanceLines(request)].join('\n'),
		[
			'## 4. Simulation traces (events involving your bank)',
			'<best_seed_output>',
			traces.best,
			'</best_seed_output>',
			'<worst_seed_output>',
			traces.worst,
			'</worst_seed_output>'
		].join('\n'),
		['## 5. Your history', ...historyLines(request)].join('\n'),
		['## 6. Parameter trajectories', ...trajectoryLines(request)].join('\n'),
		[
			'## 7. Instructions',
			'Propose a policy that beats your best cost so far while keeping every payment settled. Prefer a clear, reasoned change; learn from rejected proposals. Stay within the allowed parameters, fields and actions.'
		].join('\n'),
		[RULE, `CURRENT POLICY FOR ${agentId}`, RULE, json(request.currentPolicy), RULE].join('\n')
	];
	if (previousErrors.length > 0) {
		sections.push(
			[
				'## VALIDATION ERROR - PLEASE FIX',
				'Your previous answer was rejected:',
				...previousErrors.map((error) => `- ${error}`)
			].join('\n')
		);
	}
	sections.push('Output only the complete JSON policy document.');
	return sections.join('\n\n');
}
