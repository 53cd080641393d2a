/**
 * Which field names each tree may reference: the original's static validation lists (which differ from
 * what its contexts contain, see the notes below) and how a name resolves at run time.
 */
import {
	AGENT_FIELDS,
	FieldId,
	PHANTOM_TRANSACTION_FIELDS,
	REGISTER_PREFIX,
	TRANSACTION_FIELDS,
	isFieldName,
	type TreeName
} from './context';

/** The validator's transaction-only list: the 15 real transaction fields plus 5 phantom names. */
export const VALIDATION_TRANSACTION_FIELDS: ReadonlySet<string> = new Set([
	...TRANSACTION_FIELDS,
	...PHANTOM_TRANSACTION_FIELDS
]);

/** The validator's agent list: the 50 agent/system fields. */
export const VALIDATION_AGENT_FIELDS: ReadonlySet<string> = new Set(AGENT_FIELDS);

/**
 * Names the original computes in the transaction context but rejects in every tree. Listed only to explain
 * the rejection better.
 */
export const HIDDEN_FIELDS: ReadonlySet<string> = new Set([
	'my_q2_out_value_to_counterparty',
	'my_q2_in_value_from_counterparty',
	'my_bilateral_net_q2',
	...[1, 2, 3, 4, 5].flatMap((k) => [
		`my_q2_out_value_top_${k}`,
		`my_q2_in_value_top_${k}`,
		`my_bilateral_net_q2_top_${k}`,
		`top_cpty_${k}_id_hash`
	]),
	'tx_counterparty_id',
	'tx_is_top_counterparty',
	'lsm_run_rate_last_10_ticks',
	'system_throughput_guidance_fraction_by_tick'
]);

export function isRegisterName(name: string): boolean {
	return name.startsWith(REGISTER_PREFIX);
}

/** The original's static rule: may `tree` reference `name`? */
export function isFieldAcceptedByValidation(tree: TreeName, name: string): boolean {
	if (tree === 'payment_tree') {
		return (
			isRegisterName(name) || VALIDATION_TRANSACTION_FIELDS.has(name) || VALIDATION_AGENT_FIELDS.has(name)
		);
	}
	if (VALIDATION_TRANSACTION_FIELDS.has(name)) return false;
	return isRegisterName(name) || VALIDATION_AGENT_FIELDS.has(name);
}

const AGENT_FIELDS_START = FieldId.balance;

/** How a field reference resolves when evaluated in `tree`. */
export type FieldResolution =
	| { kind: 'field'; id: number }
	| { kind: 'register'; name: string }
	| { kind: 'missing'; name: string };

/**
 * Run-time resolution. The payment and collateral trees see the transaction context (every catalogue
 * field); the bank context lacks the transaction fields and `overdraft_utilization`. Phantom names exist
 * in no context.
 */
export function resolveField(tree: TreeName, name: string): FieldResolution {
	if (isFieldName(name)) {
		const id = FieldId[name];
		if (tree === 'bank_tree' && (id < AGENT_FIELDS_START || name === 'overdraft_utilization')) {
			return { kind: 'missing', name };
		}
		return { kind: 'field', id };
	}
	if (isRegisterName(name)) return { kind: 'register', name };
	return { kind: 'missing', name };
}

/** Names a tree can usefully reference, for "did you mean" hints. */
export function usableFieldNames(tree: TreeName): readonly string[] {
	if (tree === 'payment_tree') return [...TRANSACTION_FIELDS, ...AGENT_FIELDS];
	if (tree === 'bank_tree') return AGENT_FIELDS.filter((name) => name !== 'overdraft_utilization');
	return AGENT_FIELDS;
}
