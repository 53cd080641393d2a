/**
 * `policy_feature_toggles` (scenario-config.md §14.3, policy-dsl.md §19): the DSL categories a JSON policy
 * uses, found by the same walk as SimCash's (including what it misses: the operand of `not`, the operands of
 * the unary and ternary computations), and the check against a scenario's include or exclude list.
 */

const ACTION_CATEGORIES: Readonly<Record<string, string>> = {
	Release: 'PaymentAction',
	ReleaseWithCredit: 'PaymentAction',
	PaceAndRelease: 'PaymentAction',
	Split: 'PaymentAction',
	StaggerSplit: 'PaymentAction',
	Hold: 'PaymentAction',
	Drop: 'PaymentAction',
	Reprioritize: 'PaymentAction',
	SetReleaseBudget: 'BankAction',
	SetState: 'BankAction',
	AddState: 'BankAction',
	PostCollateral: 'CollateralAction',
	WithdrawCollateral: 'CollateralAction',
	HoldCollateral: 'CollateralAction',
	WithdrawFromRtgs: 'RtgsAction',
	ResubmitToRtgs: 'RtgsAction'
};

const OPERATOR_CATEGORIES: Readonly<Record<string, string>> = {
	'==': 'ComparisonOperator',
	'!=': 'ComparisonOperator',
	'<': 'ComparisonOperator',
	'<=': 'ComparisonOperator',
	'>': 'ComparisonOperator',
	'>=': 'ComparisonOperator',
	and: 'LogicalOperator',
	or: 'LogicalOperator',
	not: 'LogicalOperator',
	'+': 'BinaryArithmetic',
	'-': 'BinaryArithmetic',
	'*': 'BinaryArithmetic',
	'/': 'BinaryArithmetic',
	max: 'NaryArithmetic',
	min: 'NaryArithmetic',
	sum: 'NaryArithmetic',
	product: 'NaryArithmetic',
	avg: 'NaryArithmetic',
	ceil: 'UnaryMath',
	floor: 'UnaryMath',
	round: 'UnaryMath',
	abs: 'UnaryMath',
	neg: 'UnaryMath',
	negate: 'UnaryMath',
	clamp: 'TernaryMath',
	div0: 'TernaryMath'
};

/** SimCash's fixed field table; it names some fields the engine does not have. */
const FIELD_CATEGORIES: Readonly<Record<string, string>> = {
	...Object.fromEntries(
		[
			'remaining_amount',
			'amount',
			'original_amount',
			'priority',
			'is_divisible',
			'split_count',
			'parent_tx_id',
			'arrival_tick',
			'deadline_tick',
			'sender_id',
			'receiver_id',
			'tx_id',
			'is_overdue',
			'ticks_overdue'
		].map((name) => [name, 'TransactionField'])
	),
	...Object.fromEntries(
		[
			'balance',
			'effective_liquidity',
			'credit_limit',
			'unsecured_cap',
			'agent_id',
			'available_credit',
			'opening_balance',
			'net_position',
			'inbound_today',
			'outbound_today'
		].map((name) => [name, 'AgentField'])
	),
	...Object.fromEntries(
		[
			'queue1_size',
			'queue1_value',
			'queue1_liquidity_gap',
			'queue1_oldest_wait_time',
			'queue2_size',
			'queue2_value',
			'queue_depth',
			'queue_wait_time'
		].map((name) => [name, 'QueueField'])
	),
	...Object.fromEntries(
		[
			'current_tick',
			'current_day',
			'ticks_to_deadline',
			'ticks_to_eod',
			'is_eod_rush',
			'is_past_deadline',
			'ticks_per_day',
			'arrival_day'
		].map((name) => [name, 'TimeField'])
	),
	...Object.fromEntries(
		[
			'posted_collateral',
			'available_collateral',
			'collateral_haircut',
			'remaining_collateral_capacity',
			'collateral_credit_limit',
			'total_credit_limit'
		].map((name) => [name, 'CollateralField'])
	),
	...Object.fromEntries(
		[
			'cost_delay_this_tx_one_tick',
			'cost_overdraft_this_amount_one_tick',
			'cost_deadline_penalty',
			'cost_eod_penalty',
			'cost_split_friction',
			'accumulated_delay_cost',
			'accumulated_overdraft_cost'
		].map((name) => [name, 'CostField'])
	),
	...Object.fromEntries(
		['bilateral_pairs_available', 'bilateral_offset_potential', 'cycle_count', 'lsm_savings_potential'].map(
			(name) => [name, 'LsmField']
		)
	),
	...Object.fromEntries(
		['arrivals_this_tick', 'settlements_this_tick', 'payments_settled_today', 'volume_settled_today'].map(
			(name) => [name, 'ThroughputField']
		)
	),
	...Object.fromEntries(
		['register_a', 'register_b', 'register_c', 'register_d'].map((name) => [name, 'StateRegisterField'])
	),
	...Object.fromEntries(
		['total_system_liquidity', 'num_agents', 'gridlock_indicator'].map((name) => [name, 'SystemField'])
	),
	...Object.fromEntries(
		['urgency_score', 'liquidity_pressure', 'settlement_probability'].map((name) => [name, 'DerivedField'])
	)
};

const TREES = ['payment_tree', 'bank_tree', 'strategic_collateral_tree', 'end_of_tick_collateral_tree'];

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function add(categories: Set<string>, table: Readonly<Record<string, string>>, name: unknown): void {
	if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(table, name)) return;
	categories.add(table[name]);
}

function each(list: unknown, visit: (item: unknown) => void): void {
	if (Array.isArray(list)) list.forEach(visit);
}

function fromValue(value: unknown, categories: Set<string>): void {
	if (!isObject(value)) return;
	if ('field' in value) add(categories, FIELD_CATEGORIES, value.field);
	if ('compute' in value) fromComputation(value.compute, categories);
	for (const [key, nested] of Object.entries(value)) {
		if (key !== 'field' && key !== 'value' && key !== 'param' && key !== 'compute')
			fromValue(nested, categories);
	}
}

function fromComputation(compute: unknown, categories: Set<string>): void {
	if (!isObject(compute)) return;
	add(categories, OPERATOR_CATEGORIES, compute.op);
	if ('left' in compute) fromValue(compute.left, categories);
	if ('right' in compute) fromValue(compute.right, categories);
	each(compute.values, (item) => fromValue(item, categories));
}

function fromCondition(condition: unknown, categories: Set<string>): void {
	if (!isObject(condition)) return;
	add(categories, OPERATOR_CATEGORIES, condition.op);
	if ('left' in condition) fromValue(condition.left, categories);
	if ('right' in condition) fromValue(condition.right, categories);
	each(condition.conditions, (item) => fromCondition(item, categories));
	each(condition.values, (item) => fromValue(item, categories));
}

function fromNode(node: unknown, categories: Set<string>): void {
	if (!isObject(node)) return;
	if (node.type === 'action') {
		add(categories, ACTION_CATEGORIES, node.action);
		if ('parameters' in node) fromValue(node.parameters, categories);
	} else if (node.type === 'condition') {
		if ('condition' in node) fromCondition(node.condition, categories);
		if ('on_true' in node) fromNode(node.on_true, categories);
		if ('on_false' in node) fromNode(node.on_false, categories);
	}
}

/** The DSL categories a policy document uses, as SimCash determines them. */
export function policyCategories(document: unknown): Set<string> {
	const categories = new Set<string>();
	if (!isObject(document)) return categories;
	for (const tree of TREES) if (tree in document) fromNode(document[tree], categories);
	return categories;
}

export interface FeatureToggles {
	include?: readonly string[] | null;
	exclude?: readonly string[] | null;
}

/** SimCash's message for a policy that uses forbidden categories, or null when it is allowed. */
export function forbiddenCategoriesMessage(
	categories: ReadonlySet<string>,
	toggles: FeatureToggles
): string | null {
	const include = toggles.include ?? null;
	const exclude = toggles.exclude ?? null;
	const forbidden = [...categories]
		.filter((category) =>
			include !== null ? !include.includes(category) : exclude !== null && exclude.includes(category)
		)
		.sort();
	if (forbidden.length === 0) return null;
	const rule =
		include !== null
			? `Allowed categories: ${[...include].sort().join(', ')}.`
			: `Excluded categories: ${[...(exclude ?? [])].sort().join(', ')}.`;
	return `Policy uses forbidden categories: ${forbidden.join(', ')}. ${rule}`;
}
