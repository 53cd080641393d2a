/**
 * A simulation_checkpoints row: the engine's complete state between ticks (its checkpoint document),
 * from which a run can be resumed with restoreEngine.
 */
import { saveCheckpoint, type Engine } from '../engine';
import { sha256Hex } from '../store/canonical-json';
import type { CHECKPOINT_TYPES } from '../store/schema';
import { insertSql } from '../store/sql-literal';

export type CheckpointType = (typeof CHECKPOINT_TYPES)[number];

export async function checkpointRowSql(
	simulationId: string,
	engine: Engine,
	type: CheckpointType,
	createdAt: Date
): Promise<string> {
	const document = saveCheckpoint(engine);
	const stateJson = JSON.stringify(document);
	return insertSql('simulation_checkpoints', {
		checkpoint_id: `${simulationId}-tick${document.current_tick}-${type}`,
		simulation_id: simulationId,
		checkpoint_tick: document.current_tick,
		checkpoint_day: document.current_day,
		checkpoint_type: type,
		format: document.format,
		state_json: stateJson,
		state_hash: await sha256Hex(stateJson),
		config_hash: document.config_hash,
		num_agents: document.agents.length,
		num_transactions: document.transactions.length,
		size_bytes: new TextEncoder().encode(stateJson).length,
		description: null,
		created_at: createdAt
	});
}
