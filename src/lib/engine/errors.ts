/**
 * Errors of the engine.
 *
 * `SimulationError` mirrors the original's error enum: its message is the rendered (Display) form
 * (`Invalid config: …`, `Agent not found: …`), and `debugForm` is the Rust Debug form that the golden
 * `final.json` stores as `tick_error.error`. `EngineOverflowError` is ours: money is kept in safe
 * integers and leaving that range is reported instead of silently losing precision.
 */

export type SimulationErrorKind =
	| 'InvalidConfig'
	| 'AgentNotFound'
	| 'TransactionNotFound'
	| 'SettlementError'
	| 'RngError'
	| 'SerializationError'
	| 'DeserializationError'
	| 'ConfigMismatch'
	| 'StateValidationError';

const DISPLAY_PREFIX: Record<SimulationErrorKind, string> = {
	InvalidConfig: 'Invalid config: ',
	AgentNotFound: 'Agent not found: ',
	TransactionNotFound: 'Transaction not found: ',
	SettlementError: 'Settlement error: ',
	RngError: 'RNG error: ',
	SerializationError: 'Serialization error: ',
	DeserializationError: 'Deserialization error: ',
	ConfigMismatch: 'Config mismatch: ',
	StateValidationError: 'State validation error: '
};

export class SimulationError extends Error {
	constructor(
		readonly kind: SimulationErrorKind,
		readonly detail: string
	) {
		super(DISPLAY_PREFIX[kind] + detail);
		this.name = 'SimulationError';
	}

	/** Rust `{:?}` rendering, e.g. `InvalidConfig("Agent X tried to post …")`. */
	get debugForm(): string {
		return `${this.kind}(${rustDebugString(this.detail)})`;
	}
}

/** A money value left the exactly representable integer range (±2^53). */
export class EngineOverflowError extends Error {
	constructor(what: string, value: number | bigint) {
		super(`Money overflow: ${what} = ${value} is outside the safe integer range (±2^53)`);
		this.name = 'EngineOverflowError';
	}
}

/**
 * The original aborts (panics) on these conditions instead of returning an error; we raise this so that
 * callers can stop the run with a message.
 */
export class EngineAbortError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'EngineAbortError';
	}
}

/** Bad engine configuration, naming the field path (e.g. `agent_configs[2].unsecured_cap`). */
export class ConfigError extends Error {
	constructor(
		readonly path: string,
		readonly reason: string
	) {
		super(path ? `${path}: ${reason}` : reason);
		this.name = 'ConfigError';
	}
}

/** Rust Debug form of a string: double quotes with `\"`, `\\`, `\n`, `\r`, `\t` escaped. */
export function rustDebugString(text: string): string {
	let out = '"';
	for (const ch of text) {
		switch (ch) {
			case '"':
				out += '\\"';
				break;
			case '\\':
				out += '\\\\';
				break;
			case '\n':
				out += '\\n';
				break;
			case '\r':
				out += '\\r';
				break;
			case '\t':
				out += '\\t';
				break;
			default:
				out += ch;
		}
	}
	return out + '"';
}
