/**
 * The one definition of the database: every table, column, type, key and index. The DDL
 * (schema-ddl.ts), the Arrow layouts of the bulk writers (table-layout.ts) and docs/schema.md
 * (schema-doc.ts, written by `npx tsx scripts/schema-doc.ts`) are derived from it; nothing else defines a table.
 *
 * Conventions: money is integer cents in BIGINT (never DOUBLE), and so are counts, ticks and days;
 * ticks and days are 0-based and `day = tick div ticks_per_day`; timestamps are UTC; JSON documents
 * are VARCHAR holding compact JSON text. Bump SCHEMA_VERSION with every change of this file.
 */
import type { ColumnDef, TableDef } from './schema-model';

export const SCHEMA_VERSION = 1;

export const RUN_STATUSES = ['running', 'completed', 'failed', 'interrupted'] as const;
export const RUN_PURPOSES = ['standalone', 'initial', 'bootstrap', 'evaluation', 'best', 'final'] as const;
export const STORED_LEVELS = ['summary', 'events', 'full'] as const;
export const TRANSACTION_STATUSES = ['pending', 'partially_settled', 'settled', 'overdue'] as const;
export const QUEUE_TYPES = ['queue1', 'rtgs', 'none'] as const;
export const CHECKPOINT_TYPES = ['manual', 'auto', 'end_of_day', 'final'] as const;

const simulationId: ColumnDef = {
	name: 'simulation_id',
	type: 'VARCHAR',
	repeated: true,
	doc: 'The run (simulation_runs.simulation_id).'
};
const experimentId: ColumnDef = {
	name: 'experiment_id',
	type: 'VARCHAR',
	doc: 'The experiment (experiments.experiment_id).'
};
const tick: ColumnDef = { name: 'tick', type: 'BIGINT', doc: 'Tick, 0-based.' };
const day: ColumnDef = { name: 'day', type: 'BIGINT', doc: 'Day of the tick: tick div ticks_per_day.' };
const agentId: ColumnDef = { name: 'agent_id', type: 'VARCHAR', repeated: true, doc: 'Agent (bank) id.' };
const iteration: ColumnDef = { name: 'iteration', type: 'BIGINT', doc: 'Iteration, 0-based.' };
const createdAt: ColumnDef = {
	name: 'created_at',
	type: 'TIMESTAMP',
	doc: 'When the row was written (UTC).'
};

function money(name: string, doc: string, nullable = false): ColumnDef {
	return { name, type: 'BIGINT', money: true, nullable, doc };
}

function count(name: string, doc: string, nullable = false): ColumnDef {
	return { name, type: 'BIGINT', nullable, doc };
}

const runsKey = { columns: ['simulation_id'], table: 'simulation_runs', references: ['simulation_id'] };
const experimentsKey = { columns: ['experiment_id'], table: 'experiments', references: ['experiment_id'] };

export const TABLES: readonly TableDef[] = [
	{
		name: 'schema_version',
		group: 'Database',
		level: 'always',
		doc:
			'The schema version of the file, one row per version applied. A file without this table, or with an ' +
			'older version, opens read-only; a newer version is refused.',
		columns: [
			{ name: 'version', type: 'BIGINT', doc: 'Schema version (SCHEMA_VERSION of src/lib/store/schema.ts).' },
			{ name: 'applied_at', type: 'TIMESTAMP', doc: 'When the version was applied (UTC).' },
			{ name: 'application', type: 'VARCHAR', doc: 'The program that created the schema.' }
		],
		primaryKey: ['version']
	},
	{
		name: 'simulation_runs',
		group: 'Simulations',
		level: 'summary',
		doc:
			'One row per simulation run, standalone or part of an experiment, written first with status `running` ' +
			'and updated with every write batch (ticks_completed) and at the end. A row still `running` when the ' +
			'file is next opened belongs to a run that died: it is then marked `interrupted`, and its rows up to ' +
			'ticks_completed form a complete, replayable prefix.',
		columns: [
			{
				name: 'simulation_id',
				type: 'VARCHAR',
				doc:
					'Standalone: `sim-<scenario>-<yyyymmdd>-<hhmmss>-<hex6>`. Experiment runs: ' +
					'`<experiment_id>-iter<N>-<purpose>[-sample<M>]`.'
			},
			{
				name: 'run_purpose',
				type: 'VARCHAR',
				values: RUN_PURPOSES,
				doc: 'Why the run exists: standalone, or its role in an experiment.'
			},
			{
				...experimentId,
				nullable: true,
				doc: 'The experiment the run belongs to; NULL for standalone runs.'
			},
			{ ...iteration, nullable: true, doc: 'Experiment iteration, 0-based; NULL for standalone runs.' },
			{ name: 'sample_index', type: 'BIGINT', nullable: true, doc: 'Bootstrap sample, 0-based; else NULL.' },
			{ name: 'status', type: 'VARCHAR', values: RUN_STATUSES, doc: 'Lifecycle of the run.' },
			{
				name: 'persistence_level',
				type: 'VARCHAR',
				values: STORED_LEVELS,
				doc: 'What was stored: summary, events (+ every event) or full (+ per-tick states and queues).'
			},
			{
				name: 'scenario_name',
				type: 'VARCHAR',
				nullable: true,
				doc: 'The scenario or configuration file, as named when the run was started.'
			},
			{
				name: 'scenario_yaml',
				type: 'VARCHAR',
				nullable: true,
				doc: 'The scenario file as given (YAML or JSON text); NULL for runs of an engine configuration.'
			},
			{ name: 'config_json', type: 'VARCHAR', json: true, doc: 'The engine configuration the run used.' },
			{
				name: 'config_hash',
				type: 'VARCHAR',
				doc: 'SHA-256 (hex) of config_json in canonical form: keys sorted, no spaces.'
			},
			{ name: 'rng_seed', type: 'UBIGINT', doc: 'The seed the run used (0 … 2^64 − 1).' },
			count('ticks_per_day', 'Ticks per day.'),
			count('num_days', 'Days configured.'),
			count('num_agents', 'Agents.'),
			count('ticks_requested', 'Ticks the run was asked to execute.'),
			{
				...count(
					'ticks_completed',
					'Ticks executed whose rows are all stored (grows with every write batch).'
				),
				defaultSql: '0'
			},
			{
				...count('events_written', 'Events emitted in those ticks (stored at level events and full).'),
				defaultSql: '0'
			},
			{ name: 'started_at', type: 'TIMESTAMP', doc: 'Start of the run (UTC).' },
			{
				name: 'finished_at',
				type: 'TIMESTAMP',
				nullable: true,
				doc: 'End of the run (UTC); NULL while running.'
			},
			{ name: 'duration_seconds', type: 'DOUBLE', nullable: true, doc: 'Wall-clock duration of the run.' },
			count('total_arrivals', 'Arrivals (original transactions), at the end.', true),
			count('total_settlements', 'Settled original transactions, at the end.', true),
			money('total_cost', 'All agents’ costs over all days, at the end.', true),
			{
				name: 'final_summary_json',
				type: 'VARCHAR',
				nullable: true,
				json: true,
				doc: 'The final summary (the golden final.json form, as `run --final-json` prints it).'
			},
			{
				name: 'error_message',
				type: 'VARCHAR',
				nullable: true,
				doc: 'Why the run failed (the failed tick’s error), or why it was interrupted.'
			}
		],
		primaryKey: ['simulation_id'],
		foreignKeys: [experimentsKey],
		indexes: [
			{ name: 'idx_simulation_runs_experiment', columns: ['experiment_id', 'iteration'] },
			{ name: 'idx_simulation_runs_started_at', columns: ['started_at'] }
		]
	},
	{
		name: 'policy_snapshots',
		group: 'Simulations',
		level: 'summary',
		doc:
			'The policy of every agent whenever it changes: at tick 0 of every run (a run never changes its ' +
			'policies; experiments record each iteration’s policies with its evaluation run).',
		columns: [
			simulationId,
			agentId,
			{ name: 'snapshot_tick', type: 'BIGINT', doc: 'First tick the policy is in force.' },
			{ name: 'snapshot_day', type: 'BIGINT', doc: 'Day of snapshot_tick.' },
			{
				name: 'policy_json',
				type: 'VARCHAR',
				json: true,
				doc: 'The agent’s policy in engine-configuration form, canonical JSON.'
			},
			{ name: 'policy_hash', type: 'VARCHAR', doc: 'SHA-256 (hex) of policy_json.' }
		],
		primaryKey: ['simulation_id', 'agent_id', 'snapshot_tick'],
		foreignKeys: [runsKey],
		indexes: [{ name: 'idx_policy_snapshots_hash', columns: ['policy_hash'] }]
	},
	{
		name: 'daily_agent_metrics',
		group: 'Simulations',
		level: 'summary',
		bulk: true,
		doc:
			'One row per agent per completed day (a partial last day is in simulation_runs.final_summary_json). ' +
			'The cost columns are the day’s costs; their sums over days are the run’s costs per agent.',
		columns: [
			simulationId,
			agentId,
			{ ...day, doc: 'Day, 0-based.' },
			money('opening_balance', 'Balance at the start of the day.'),
			money('closing_balance', 'Balance at the end of the day.'),
			money('min_balance', 'Lowest end-of-tick balance.'),
			money('max_balance', 'Highest end-of-tick balance.'),
			money('unsecured_cap', 'Unsecured overdraft cap.'),
			money('peak_overdraft', 'Largest overdraft (positive).'),
			money('opening_posted_collateral', 'Posted collateral at the start of the day.'),
			money('closing_posted_collateral', 'Posted collateral at the end of the day.'),
			money('peak_posted_collateral', 'Most collateral posted at the end of a tick.'),
			money('collateral_capacity', '10 × unsecured cap (the original’s figure).'),
			count('num_collateral_posts', 'Always 0 (the original never counts them).'),
			count('num_collateral_withdrawals', 'Always 0 (the original never counts them).'),
			count('num_arrivals', 'Always 0 (the original never counts them).'),
			count('num_sent', 'Always 0 (the original never counts them).'),
			count('num_received', 'Always 0 (the original never counts them).'),
			count('num_settled', 'Always 0 (the original never counts them).'),
			count('num_dropped', 'Always 0 (the original never counts them).'),
			count('queue1_peak_size', 'Longest Queue 1 at the end of a tick.'),
			count('queue1_eod_size', 'Queue 1 length at the end of the day.'),
			money('liquidity_cost', 'Overdraft cost of the day.'),
			money('delay_cost', 'Delay cost of the day.'),
			money('collateral_cost', 'Collateral opportunity cost of the day.'),
			money('split_friction_cost', 'Split friction cost of the day.'),
			money('deadline_penalty_cost', 'Deadline and end-of-day penalties of the day.'),
			money('liquidity_opportunity_cost', 'Opportunity cost of allocated pool liquidity of the day.'),
			money('total_cost', 'All costs of the day.')
		],
		primaryKey: ['simulation_id', 'agent_id', 'day'],
		foreignKeys: [runsKey]
	},
	{
		name: 'simulation_events',
		group: 'Simulations',
		level: 'events',
		bulk: true,
		doc:
			'Every event of a run in emission order. `event_json` is the complete event, exactly the line the ' +
			'engine’s canonical serializer prints (golden events.jsonl form); the typed columns copy the fields ' +
			'that queries filter on. Read a run back with `ORDER BY seq`.',
		columns: [
			simulationId,
			{ name: 'seq', type: 'BIGINT', doc: 'Emission order within the run, 0-based, without gaps.' },
			tick,
			day,
			{ name: 'event_type', type: 'VARCHAR', repeated: true, doc: 'One of the 32 event types.' },
			{
				...agentId,
				nullable: true,
				doc: 'The acting or paying agent: agent_id, else sender_id / sender, else agent_a of the event.'
			},
			{
				name: 'counterparty_id',
				type: 'VARCHAR',
				repeated: true,
				nullable: true,
				doc: 'The receiving agent: receiver_id / receiver, else agent_b of the event.'
			},
			{
				name: 'tx_id',
				type: 'VARCHAR',
				nullable: true,
				doc: 'The transaction: tx_id, else incoming_tx_id of the event; NULL for events about several.'
			},
			money(
				'amount',
				'The event’s amount: amount, else settled_amount, offset_amount, requested_amount, total_value ' +
					'(LSM cycle) or costs.total (cost accrual); NULL when the event has none.',
				true
			),
			{ name: 'event_json', type: 'VARCHAR', json: true, doc: 'The complete event, canonical JSON.' }
		],
		naturalKey: ['simulation_id', 'seq']
	},
	{
		name: 'transactions',
		group: 'Simulations',
		level: 'events',
		bulk: true,
		doc: 'Every transaction of a completed or failed run, in its final state (written at the end of the run).',
		columns: [
			simulationId,
			{ name: 'tx_id', type: 'VARCHAR', doc: 'Transaction id (`tx_<n>`, n in creation order).' },
			{ name: 'sender_id', type: 'VARCHAR', repeated: true, doc: 'Paying agent.' },
			{ name: 'receiver_id', type: 'VARCHAR', repeated: true, doc: 'Receiving agent.' },
			money('amount', 'Amount.'),
			money('amount_settled', 'Settled so far.'),
			money('remaining_amount', 'Not yet settled.'),
			count('priority', 'Priority 0–10 at the end.'),
			count('original_priority', 'Priority 0–10 at arrival.'),
			count('arrival_tick', 'Tick of arrival.'),
			count('arrival_day', 'Day of arrival.'),
			count('deadline_tick', 'Deadline tick.'),
			{ name: 'status', type: 'VARCHAR', values: TRANSACTION_STATUSES, doc: 'Status at the end.' },
			count('settlement_tick', 'Tick of full settlement; NULL if unsettled.', true),
			count('overdue_since_tick', 'Tick the deadline was missed, for transactions still overdue.', true),
			{
				name: 'parent_tx_id',
				type: 'VARCHAR',
				nullable: true,
				doc: 'The split transaction this one is a child of.'
			},
			{
				name: 'rtgs_priority',
				type: 'VARCHAR',
				nullable: true,
				repeated: true,
				doc: 'RTGS priority (HighlyUrgent, Urgent, Normal) while submitted.'
			},
			count('rtgs_submission_tick', 'Tick of the RTGS submission in force.', true),
			{
				name: 'declared_rtgs_priority',
				type: 'VARCHAR',
				nullable: true,
				repeated: true,
				doc: 'RTGS priority declared by the policy.'
			}
		],
		naturalKey: ['simulation_id', 'tx_id']
	},
	{
		name: 'agent_state_registers',
		group: 'Simulations',
		level: 'events',
		bulk: true,
		doc:
			'Policy state registers (`bank_state_*`): the last value each register took in a tick, from the ' +
			'StateRegisterSet events. The value at tick t is the row with the largest tick ≤ t.',
		columns: [
			simulationId,
			tick,
			agentId,
			{ name: 'register_key', type: 'VARCHAR', repeated: true, doc: 'Register name.' },
			{ name: 'register_value', type: 'DOUBLE', doc: 'Value (an f64 of the policy, not money).' }
		],
		primaryKey: ['simulation_id', 'tick', 'agent_id', 'register_key'],
		foreignKeys: [runsKey]
	},
	{
		name: 'tick_results',
		group: 'Simulations',
		level: 'full',
		bulk: true,
		doc: 'What each tick reported: the counts and cost the verbose output prints in its tick summary.',
		columns: [
			simulationId,
			tick,
			day,
			count('num_arrivals', 'Arrivals in the tick.'),
			count('num_settlements', 'Settlements in the tick (RTGS, Queue 2 and LSM).'),
			count('num_lsm_releases', 'LSM bilateral pairs plus settled cycles.'),
			money('total_cost', 'Costs accrued in the tick, all agents.'),
			count('num_events', 'Events emitted in the tick.')
		],
		primaryKey: ['simulation_id', 'tick'],
		foreignKeys: [runsKey]
	},
	{
		name: 'tick_agent_states',
		group: 'Simulations',
		level: 'full',
		bulk: true,
		doc:
			'Every agent’s state at the end of every tick. Cost columns are the engine’s running costs: ' +
			'accumulated since the start of the day (they reset at each day’s first tick, except day 0).',
		columns: [
			simulationId,
			tick,
			day,
			agentId,
			money('balance', 'Balance.'),
			money('balance_change', 'Change since the previous tick (since the start, for the first tick).'),
			money('unsecured_cap', 'Unsecured overdraft cap.'),
			money('posted_collateral', 'Posted collateral.'),
			money('allowed_overdraft_limit', 'Collateral value after haircut + unsecured cap.'),
			count('queue1_size', 'Entries in the agent’s Queue 1.'),
			money('queue1_value', 'Remaining amounts in Queue 1.'),
			count('rtgs_queue_size', 'Entries of the agent in the central RTGS queue.'),
			money('rtgs_queue_value', 'Remaining amounts of those entries.'),
			money('liquidity_cost', 'Overdraft cost so far today.'),
			money('delay_cost', 'Delay cost so far today.'),
			money('collateral_cost', 'Collateral cost so far today.'),
			money('penalty_cost', 'Deadline and end-of-day penalties so far today.'),
			money('split_friction_cost', 'Split friction so far today.'),
			money('liquidity_opportunity_cost', 'Pool liquidity opportunity cost so far today.'),
			money('total_cost', 'All costs so far today.'),
			money('total_cost_change', 'Costs accrued in this tick.')
		],
		naturalKey: ['simulation_id', 'tick', 'agent_id']
	},
	{
		name: 'tick_queue_snapshots',
		group: 'Simulations',
		level: 'full',
		bulk: true,
		doc:
			'Every transaction not yet fully settled at the end of every tick, with where it waits: an agent’s ' +
			'Queue 1, the central RTGS queue, or `none` (a split parent waiting for its children, or a dropped ' +
			'transaction).',
		columns: [
			simulationId,
			tick,
			{ ...agentId, doc: 'The sender.' },
			{ name: 'queue_type', type: 'VARCHAR', values: QUEUE_TYPES, repeated: true, doc: 'Where it waits.' },
			count(
				'position',
				'Order: in the agent’s Queue 1, in the central RTGS queue, or among the agent’s unqueued transactions.'
			),
			{ name: 'tx_id', type: 'VARCHAR', doc: 'Transaction.' },
			{ name: 'receiver_id', type: 'VARCHAR', repeated: true, doc: 'Receiving agent.' },
			money('amount', 'Amount.'),
			money('remaining_amount', 'Not yet settled.'),
			count('priority', 'Priority 0–10.'),
			count('arrival_tick', 'Tick of arrival.'),
			count('deadline_tick', 'Deadline tick.'),
			{
				name: 'status',
				type: 'VARCHAR',
				values: TRANSACTION_STATUSES,
				repeated: true,
				doc: 'pending, partially_settled or overdue.'
			},
			count('overdue_since_tick', 'Tick the deadline was missed; NULL unless overdue.', true)
		],
		naturalKey: ['simulation_id', 'tick', 'agent_id', 'queue_type', 'position']
	},
	{
		name: 'simulation_checkpoints',
		group: 'Simulations',
		level: 'always',
		doc: 'Saved engine states (checkpoints), from which a run can be resumed; written on request.',
		columns: [
			{ name: 'checkpoint_id', type: 'VARCHAR', doc: '`<simulation_id>-tick<N>-<type>`.' },
			simulationId,
			count('checkpoint_tick', 'The next tick the restored engine executes.'),
			count('checkpoint_day', 'Day of checkpoint_tick.'),
			{ name: 'checkpoint_type', type: 'VARCHAR', values: CHECKPOINT_TYPES, doc: 'Why it was saved.' },
			{ name: 'format', type: 'VARCHAR', doc: 'Format of state_json.' },
			{ name: 'state_json', type: 'VARCHAR', json: true, doc: 'The engine state document.' },
			{ name: 'state_hash', type: 'VARCHAR', doc: 'SHA-256 (hex) of state_json.' },
			{ name: 'config_hash', type: 'VARCHAR', doc: 'The engine’s hash of its configuration.' },
			count('num_agents', 'Agents.'),
			count('num_transactions', 'Transactions in the state.'),
			count('size_bytes', 'Length of state_json in UTF-8 bytes.'),
			{ name: 'description', type: 'VARCHAR', nullable: true, doc: 'Free text.' },
			createdAt
		],
		primaryKey: ['checkpoint_id'],
		foreignKeys: [runsKey],
		indexes: [{ name: 'idx_simulation_checkpoints_tick', columns: ['simulation_id', 'checkpoint_tick'] }]
	},
	{
		name: 'experiments',
		group: 'Experiments',
		level: 'always',
		doc: 'One row per experiment run, written at its start and updated as iterations complete.',
		columns: [
			{ ...experimentId, doc: '`<name>-<yyyymmdd>-<hhmmss>-<hex6>`.' },
			{ name: 'name', type: 'VARCHAR', doc: 'The experiment’s name.' },
			{ name: 'experiment_type', type: 'VARCHAR', doc: 'Kind of experiment (e.g. `generic`).' },
			{ name: 'description', type: 'VARCHAR', nullable: true, doc: 'From the experiment file.' },
			{
				name: 'config_yaml',
				type: 'VARCHAR',
				nullable: true,
				doc: 'The experiment file as given (YAML text).'
			},
			{ name: 'config_json', type: 'VARCHAR', json: true, doc: 'The experiment configuration as loaded.' },
			{ name: 'scenario_path', type: 'VARCHAR', nullable: true, doc: 'The scenario file it optimises.' },
			{ name: 'master_seed', type: 'UBIGINT', doc: 'Seed from which every run’s seed derives.' },
			{ name: 'optimizer', type: 'VARCHAR', nullable: true, doc: 'The proposer: `search` or `llm`.' },
			{ name: 'status', type: 'VARCHAR', values: RUN_STATUSES, doc: 'Lifecycle of the experiment.' },
			createdAt,
			{ name: 'completed_at', type: 'TIMESTAMP', nullable: true, doc: 'When it ended (UTC).' },
			{ ...count('num_iterations', 'Iterations completed.'), defaultSql: '0' },
			{
				name: 'converged',
				type: 'BOOLEAN',
				defaultSql: 'false',
				doc: 'Whether the convergence criterion held.'
			},
			{ name: 'convergence_reason', type: 'VARCHAR', nullable: true, doc: 'Why the loop stopped.' },
			money('final_cost', 'Total cost of the final evaluation.', true),
			money('best_cost', 'Lowest total cost of any iteration.', true)
		],
		primaryKey: ['experiment_id'],
		indexes: [{ name: 'idx_experiments_created_at', columns: ['created_at'] }]
	},
	{
		name: 'experiment_iterations',
		group: 'Experiments',
		level: 'always',
		doc:
			'One row per iteration: the evaluation of the policies in force and, once every agent’s proposal is ' +
			'decided, which changes were accepted.',
		columns: [
			experimentId,
			iteration,
			{
				name: 'evaluation_mode',
				type: 'VARCHAR',
				values: ['deterministic', 'bootstrap'],
				doc: 'How the policies were evaluated.'
			},
			money('total_cost', 'Total cost of the evaluation (mean over samples in bootstrap mode).'),
			{ name: 'costs_per_agent', type: 'VARCHAR', json: true, doc: '`{agent_id: cents}`.' },
			{
				name: 'policies',
				type: 'VARCHAR',
				json: true,
				doc: '`{agent_id: policy}` in force in this iteration.'
			},
			{
				name: 'accepted_changes',
				type: 'VARCHAR',
				json: true,
				nullable: true,
				doc: '`{agent_id: true|false}`: whether the agent’s proposal was accepted; NULL until decided.'
			},
			{
				name: 'cost_statistics',
				type: 'VARCHAR',
				json: true,
				nullable: true,
				doc: 'Bootstrap statistics per agent (mean, standard deviation, 95 % interval, in cents).'
			},
			{
				name: 'evaluation_simulation_id',
				type: 'VARCHAR',
				nullable: true,
				doc: 'The stored evaluation run (simulation_runs).'
			},
			createdAt,
			{ name: 'completed_at', type: 'TIMESTAMP', nullable: true, doc: 'When the proposals were decided.' }
		],
		primaryKey: ['experiment_id', 'iteration'],
		foreignKeys: [
			experimentsKey,
			{ columns: ['evaluation_simulation_id'], table: 'simulation_runs', references: ['simulation_id'] }
		],
		indexes: [{ name: 'idx_experiment_iterations_evaluation', columns: ['evaluation_simulation_id'] }]
	},
	{
		name: 'policy_evaluations',
		group: 'Experiments',
		level: 'always',
		doc: 'Every proposal evaluated, accepted or rejected, with the comparison that decided it.',
		columns: [
			experimentId,
			iteration,
			agentId,
			count('proposal_index', 'Order of the agent’s proposals within the iteration, 0-based.'),
			{ name: 'proposer', type: 'VARCHAR', doc: '`search` or `llm`.' },
			{
				name: 'evaluation_mode',
				type: 'VARCHAR',
				values: ['deterministic', 'bootstrap'],
				doc: 'How the proposal was compared.'
			},
			{ name: 'proposed_policy', type: 'VARCHAR', json: true, doc: 'The candidate policy.' },
			{ name: 'proposed_policy_hash', type: 'VARCHAR', doc: 'SHA-256 (hex) of proposed_policy.' },
			money('old_cost', 'Agent’s cost with the current policy (mean over samples).'),
			money('new_cost', 'Agent’s cost with the candidate (mean over samples).'),
			money('delta_sum', 'Σ (old − new) over the paired samples; accepted iff > 0.'),
			money('context_simulation_cost', 'Agent’s cost in the iteration’s evaluation run.', true),
			{ name: 'accepted', type: 'BOOLEAN', doc: 'Whether the candidate replaced the policy.' },
			{ name: 'acceptance_reason', type: 'VARCHAR', doc: 'e.g. `cost_improved`, `cost_not_improved`.' },
			count('num_samples', 'Paired samples (1 in deterministic mode).'),
			{ name: 'scenario_seed', type: 'UBIGINT', nullable: true, doc: 'Seed of a deterministic comparison.' },
			{
				name: 'sample_details',
				type: 'VARCHAR',
				json: true,
				nullable: true,
				doc: '`[{index, seed, old_cost, new_cost, delta}]` in bootstrap mode.'
			},
			money('cost_std_dev', 'Standard deviation of the candidate’s costs over samples.', true),
			money('ci_95_lower', 'Lower bound of the 95 % interval of the candidate’s cost.', true),
			money('ci_95_upper', 'Upper bound of the 95 % interval of the candidate’s cost.', true),
			{ name: 'settlement_rate', type: 'DOUBLE', nullable: true, doc: 'Settled / arrived, candidate run.' },
			{ name: 'avg_delay', type: 'DOUBLE', nullable: true, doc: 'Mean delay in ticks, candidate run.' },
			{
				name: 'cost_breakdown',
				type: 'VARCHAR',
				json: true,
				nullable: true,
				doc: 'Cost components of the candidate run, in cents.'
			},
			{
				name: 'agent_stats',
				type: 'VARCHAR',
				json: true,
				nullable: true,
				doc: 'Per-agent statistics of the candidate, in cents.'
			},
			{
				name: 'evaluation_simulation_id',
				type: 'VARCHAR',
				nullable: true,
				doc: 'The candidate’s stored run, if any.'
			},
			createdAt
		],
		primaryKey: ['experiment_id', 'iteration', 'agent_id', 'proposal_index'],
		foreignKeys: [
			experimentsKey,
			{ columns: ['evaluation_simulation_id'], table: 'simulation_runs', references: ['simulation_id'] }
		],
		indexes: [{ name: 'idx_policy_evaluations_agent', columns: ['experiment_id', 'agent_id'] }]
	},
	{
		name: 'experiment_events',
		group: 'Experiments',
		level: 'always',
		doc: 'Append-only audit log of an experiment: runs, proposals (prompts and replies, or search candidates).',
		columns: [
			experimentId,
			{ name: 'seq', type: 'BIGINT', doc: 'Order within the experiment, 0-based.' },
			iteration,
			{
				name: 'event_type',
				type: 'VARCHAR',
				doc: 'e.g. `simulation_run`, `llm_interaction`, `search_candidates`.'
			},
			{ ...agentId, nullable: true, doc: 'The agent concerned, if any.' },
			{ name: 'event_data', type: 'VARCHAR', json: true, doc: 'The event’s data (money in cents).' },
			createdAt
		],
		primaryKey: ['experiment_id', 'seq'],
		foreignKeys: [experimentsKey],
		indexes: [{ name: 'idx_experiment_events_type', columns: ['experiment_id', 'event_type'] }]
	},
	{
		name: 'notebooks',
		group: 'Notebooks',
		level: 'always',
		doc: 'The cells of notebook documents, one row per cell.',
		columns: [
			{ name: 'notebook_id', type: 'VARCHAR', doc: 'The notebook.' },
			{ name: 'cell_id', type: 'VARCHAR', doc: 'The cell, unique within its notebook.' },
			count('position', 'Order of the cell in the notebook, 0-based.'),
			{ name: 'title', type: 'VARCHAR', doc: 'The notebook’s title (the same on every cell).' },
			{
				name: 'cell_type',
				type: 'VARCHAR',
				values: ['markdown', 'sql', 'command'],
				doc: 'What the cell holds.'
			},
			{ name: 'source', type: 'VARCHAR', doc: 'The cell’s text.' },
			{ name: 'output_json', type: 'VARCHAR', json: true, nullable: true, doc: 'Its last output.' },
			createdAt,
			{ name: 'updated_at', type: 'TIMESTAMP', doc: 'Last change (UTC).' }
		],
		primaryKey: ['notebook_id', 'cell_id']
	}
];

export type TableName =
	| 'schema_version'
	| 'simulation_runs'
	| 'policy_snapshots'
	| 'daily_agent_metrics'
	| 'simulation_events'
	| 'transactions'
	| 'agent_state_registers'
	| 'tick_results'
	| 'tick_agent_states'
	| 'tick_queue_snapshots'
	| 'simulation_checkpoints'
	| 'experiments'
	| 'experiment_iterations'
	| 'policy_evaluations'
	| 'experiment_events'
	| 'notebooks';

export function tableDef(name: TableName): TableDef {
	const table = TABLES.find((t) => t.name === name);
	if (!table) throw new Error(`unknown table ${name}`);
	return table;
}
