/**
 * Agents (banks): balances, overdraft capacity, collateral, Queue 1, release budgets, collateral timers,
 * state registers and bilateral/multilateral outflow limits (§4).
 *
 * Agents are addressed by their index in byte-wise sorted id order, which is also the order in which
 * every per-agent step of the tick loop visits them.
 */
import type { AgentConfig } from './config';
import { EngineAbortError } from './errors';
import { checkMoney } from './money';
import { compareIds } from './ordering';

/** The "no budget" remaining value: i64::MAX, which as a double is 2^63. */
export const UNLIMITED_BUDGET = 2 ** 63;

export interface CollateralTimer {
	amount: number;
	reason: string;
	postedAtTick: number;
}

export interface GuardedWithdrawal {
	ok: boolean;
	/** Amount withdrawn when ok. */
	amount: number;
	/** Error text when not ok (the original's WithdrawError display form). */
	error: string;
}

export class Agent {
	balance: number;
	unsecuredCap: number;
	postedCollateral: number;
	collateralHaircut: number;
	/** Tick of the last external (FFI) post, or -1 for none; policy posts never set it. */
	collateralPostedAtTick = -1;
	readonly allocatedLiquidity: number;
	/** Explicit capacity, or null for the 10 × unsecured_cap heuristic. */
	readonly maxCollateralCapacitySetting: number | null;

	/** Queue 1 in order, as transaction indices (an id may appear twice, see §8.1). */
	readonly queue1: number[] = [];
	/** Σ remaining over queue1 entries, maintained incrementally. */
	queue1Value = 0;

	releaseBudgetMax: number | null = null;
	releaseBudgetRemaining = UNLIMITED_BUDGET;
	releaseBudgetFocus: string[] | null = null;
	releaseBudgetPerCounterpartyLimit: number | null = null;
	/** Usage per receiver agent index. */
	readonly releaseBudgetUsage = new Map<number, number>();

	/** Auto-withdrawal timers keyed by the tick they fire at, in insertion order per tick. */
	readonly collateralTimers = new Map<number, CollateralTimer[]>();
	/** State registers (`bank_state_*`), at most 10. */
	readonly stateRegisters = new Map<string, number>();

	/** Bilateral limit per receiver index (NaN: none), or null when the agent has no bilateral limit. */
	readonly bilateralLimits: Float64Array | null;
	readonly multilateralLimit: number | null;
	/** Settled outflow per receiver index since the last end of day. */
	readonly bilateralOutflows: Float64Array;
	totalOutflow = 0;

	constructor(
		readonly index: number,
		readonly id: string,
		init: {
			balance: number;
			unsecuredCap: number;
			postedCollateral: number;
			collateralHaircut: number;
			allocatedLiquidity: number;
			maxCollateralCapacity: number | null;
			bilateralLimits: Float64Array | null;
			multilateralLimit: number | null;
			agentCount: number;
		}
	) {
		this.balance = init.balance;
		this.unsecuredCap = init.unsecuredCap;
		this.postedCollateral = init.postedCollateral;
		this.collateralHaircut = init.collateralHaircut;
		this.allocatedLiquidity = init.allocatedLiquidity;
		this.maxCollateralCapacitySetting = init.maxCollateralCapacity;
		this.bilateralLimits = init.bilateralLimits;
		this.multilateralLimit = init.multilateralLimit;
		this.bilateralOutflows = new Float64Array(init.agentCount);
	}

	get creditUsed(): number {
		return this.balance < 0 ? -this.balance : 0;
	}

	/** floor(posted × max(0, 1 − haircut)). */
	get collateralCapacityValue(): number {
		const oneMinusHaircut = Math.max(0, 1.0 - this.collateralHaircut);
		return Math.floor(this.postedCollateral * oneMinusHaircut);
	}

	get allowedOverdraftLimit(): number {
		return this.collateralCapacityValue + this.unsecuredCap;
	}

	get headroom(): number {
		return this.allowedOverdraftLimit - this.creditUsed;
	}

	/** max(0, balance) + max(0, unsecured_cap + collateral value − credit used): the settlement test. */
	get availableLiquidity(): number {
		const positive = this.balance > 0 ? this.balance : 0;
		const spare = this.unsecuredCap + this.collateralCapacityValue - this.creditUsed;
		return positive + (spare > 0 ? spare : 0);
	}

	canPay(amount: number): boolean {
		return amount <= this.availableLiquidity;
	}

	get maxCollateralCapacity(): number {
		return this.maxCollateralCapacitySetting ?? this.unsecuredCap * 10;
	}

	get remainingCollateralCapacity(): number {
		return this.maxCollateralCapacity - this.postedCollateral;
	}

	/** Collateral that can go while keeping credit_used + buffer covered (§4.2). */
	maxWithdrawableCollateral(buffer: number): number {
		const oneMinusHaircut = Math.max(0, 1.0 - this.collateralHaircut);
		if (oneMinusHaircut <= 0) return this.postedCollateral;
		const target = this.creditUsed + buffer;
		const unsecuredPart = Math.min(this.unsecuredCap, target);
		const needed = Math.max(0, target - unsecuredPart);
		const required = Math.ceil(needed / oneMinusHaircut);
		return Math.max(0, this.postedCollateral - required);
	}

	get liquidityPressure(): number {
		const total = this.balance + this.unsecuredCap + this.postedCollateral;
		if (total === 0) return 1.0;
		return 1.0 - Math.max(0, this.balance) / total;
	}

	/** Checked debit of the RTGS paths (callers have tested canPay). */
	debit(amount: number): void {
		this.balance = checkMoney(this.balance - amount, `balance of ${this.id}`);
	}

	credit(amount: number): void {
		this.balance = checkMoney(this.balance + amount, `balance of ${this.id}`);
	}

	/** LSM and direct-transfer adjustment (saturating in the original; guarded here). */
	adjustBalance(delta: number): void {
		this.balance = checkMoney(this.balance + delta, `balance of ${this.id}`);
	}

	setPostedCollateral(value: number): void {
		this.postedCollateral = checkMoney(value, `posted collateral of ${this.id}`);
	}

	// Queue 1 --------------------------------------------------------------------------------------

	enqueue(txIndex: number, remaining: number): void {
		this.queue1.push(txIndex);
		this.queue1Value += remaining;
	}

	/** Removes the first occurrence (no-op if absent); returns whether one was removed. */
	removeFromQueue(txIndex: number, remaining: number): boolean {
		const at = this.queue1.indexOf(txIndex);
		if (at < 0) return false;
		this.queue1.splice(at, 1);
		this.queue1Value -= remaining;
		return true;
	}

	// Release budget -------------------------------------------------------------------------------

	setReleaseBudget(max: number, focus: string[] | null, perCounterpartyLimit: number | null): void {
		this.releaseBudgetMax = max;
		this.releaseBudgetRemaining = max;
		this.releaseBudgetFocus = focus;
		this.releaseBudgetPerCounterpartyLimit = perCounterpartyLimit;
		this.releaseBudgetUsage.clear();
	}

	resetReleaseBudget(): void {
		this.releaseBudgetMax = null;
		this.releaseBudgetRemaining = UNLIMITED_BUDGET;
		this.releaseBudgetFocus = null;
		this.releaseBudgetPerCounterpartyLimit = null;
		if (this.releaseBudgetUsage.size > 0) this.releaseBudgetUsage.clear();
	}

	canRelease(receiverIndex: number, receiverId: string, amount: number): boolean {
		if (amount > this.releaseBudgetRemaining) return false;
		if (this.releaseBudgetFocus !== null && !this.releaseBudgetFocus.includes(receiverId)) return false;
		if (this.releaseBudgetPerCounterpartyLimit !== null) {
			const used = this.releaseBudgetUsage.get(receiverIndex) ?? 0;
			if (used + amount > this.releaseBudgetPerCounterpartyLimit) return false;
		}
		return true;
	}

	trackRelease(receiverIndex: number, amount: number): void {
		if (this.releaseBudgetRemaining !== UNLIMITED_BUDGET) this.releaseBudgetRemaining -= amount;
		// Usage is read only under a per-counterparty limit, and setting one clears it: untracked otherwise.
		if (this.releaseBudgetPerCounterpartyLimit !== null) {
			this.releaseBudgetUsage.set(receiverIndex, (this.releaseBudgetUsage.get(receiverIndex) ?? 0) + amount);
		}
	}

	// Collateral timers ----------------------------------------------------------------------------

	scheduleCollateralWithdrawal(tick: number, timer: CollateralTimer): void {
		const list = this.collateralTimers.get(tick);
		if (list) list.push(timer);
		else this.collateralTimers.set(tick, [timer]);
	}

	/** Guarded withdrawal of timers (§4.6): holding period, headroom, then a clamped withdrawal. */
	tryWithdrawCollateralGuarded(
		requested: number,
		now: number,
		minHolding: number,
		buffer: number
	): GuardedWithdrawal {
		if (requested <= 0) return { ok: false, amount: 0, error: 'Withdrawal amount must be positive' };
		if (this.collateralPostedAtTick >= 0 && now < this.collateralPostedAtTick + minHolding) {
			const held = Math.max(0, now - this.collateralPostedAtTick);
			const remaining = Math.max(0, minHolding - held);
			return {
				ok: false,
				amount: 0,
				error: `Minimum holding period not met: ${remaining} tick(s) remaining (posted at tick ${this.collateralPostedAtTick})`
			};
		}
		const maxSafe = this.maxWithdrawableCollateral(buffer);
		if (maxSafe <= 0) {
			return {
				ok: false,
				amount: 0,
				error: `No headroom available for withdrawal: credit_used=${this.creditUsed}, allowed_limit=${this.allowedOverdraftLimit}, headroom=${this.headroom}`
			};
		}
		const actual = Math.min(requested, maxSafe, this.postedCollateral);
		this.setPostedCollateral(this.postedCollateral - actual);
		if (this.postedCollateral === 0) this.collateralPostedAtTick = -1;
		return { ok: true, amount: actual, error: '' };
	}

	// State registers ------------------------------------------------------------------------------

	/** Sets a register; returns the old value, or an error message when refused. */
	setStateRegister(
		key: string,
		value: number
	): { ok: true; oldValue: number } | { ok: false; error: string } {
		if (!key.startsWith('bank_state_')) {
			return { ok: false, error: `Register key must start with 'bank_state_', got: '${key}'` };
		}
		if (this.stateRegisters.size >= 10 && !this.stateRegisters.has(key)) {
			return { ok: false, error: 'Maximum 10 state registers per agent' };
		}
		const oldValue = this.stateRegisters.get(key) ?? 0.0;
		this.stateRegisters.set(key, value);
		return { ok: true, oldValue };
	}

	getStateRegister(key: string): number {
		return this.stateRegisters.get(key) ?? 0.0;
	}

	// Limits ---------------------------------------------------------------------------------------

	bilateralLimitFor(receiverIndex: number): number {
		return this.bilateralLimits === null ? NaN : this.bilateralLimits[receiverIndex];
	}

	/** True when no bilateral limit towards the receiver exists or outflow + amount stays within it. */
	bilateralOk(receiverIndex: number, amount: number): boolean {
		const limit = this.bilateralLimitFor(receiverIndex);
		return Number.isNaN(limit) || this.bilateralOutflows[receiverIndex] + amount <= limit;
	}

	multilateralOk(amount: number): boolean {
		return this.multilateralLimit === null || this.totalOutflow + amount <= this.multilateralLimit;
	}

	recordOutflow(receiverIndex: number, amount: number): void {
		this.bilateralOutflows[receiverIndex] += amount;
		this.totalOutflow += amount;
	}

	resetDailyOutflows(): void {
		this.bilateralOutflows.fill(0);
		this.totalOutflow = 0;
	}
}

/**
 * Builds the agents from their configurations: indexed in sorted id order, opening balance plus
 * floor(pool × fraction), collateral, limits. Returns the configurations by agent index and the agent
 * indices in configuration order (the receiver-candidate order of arrivals). The original's agent setter
 * assertions become `EngineAbortError`s.
 */
export function createAgents(configs: readonly AgentConfig[]): {
	agents: Agent[];
	configs: AgentConfig[];
	configOrder: number[];
} {
	const n = configs.length;
	const indexById = new Map(
		configs
			.map((c) => c.id)
			.sort(compareIds)
			.map((id, i) => [id, i])
	);
	const agents: Agent[] = new Array(n);
	const byIndex: AgentConfig[] = new Array(n);
	for (const config of configs) {
		const index = indexById.get(config.id) as number;
		byIndex[index] = config;
		checkSetterPreconditions(config);
		const allocated =
			config.liquidity_pool === null
				? 0
				: Math.floor(config.liquidity_pool * (config.liquidity_allocation_fraction ?? 1.0));
		let bilateral: Float64Array | null = null;
		if (config.limits !== null && config.limits.bilateral_limits.size > 0) {
			bilateral = new Float64Array(n).fill(NaN);
			for (const [counterparty, limit] of config.limits.bilateral_limits) {
				const target = indexById.get(counterparty);
				if (target !== undefined) bilateral[target] = limit;
			}
		}
		agents[index] = new Agent(index, config.id, {
			balance: checkMoney(config.opening_balance + allocated, `initial balance of ${config.id}`),
			unsecuredCap: config.unsecured_cap,
			postedCollateral: config.posted_collateral ?? 0,
			collateralHaircut: config.collateral_haircut ?? 0.02,
			allocatedLiquidity: allocated,
			maxCollateralCapacity: config.max_collateral_capacity,
			bilateralLimits: bilateral,
			multilateralLimit: config.limits?.multilateral_limit ?? null,
			agentCount: n
		});
	}
	return { agents, configs: byIndex, configOrder: configs.map((c) => indexById.get(c.id) as number) };
}

function checkSetterPreconditions(config: AgentConfig): void {
	const fail = (what: string) => {
		throw new EngineAbortError(`Agent ${config.id}: ${what}`);
	};
	if (config.unsecured_cap < 0) fail('unsecured_cap must be non-negative');
	if (config.posted_collateral !== null && config.posted_collateral < 0)
		fail('posted_collateral must be non-negative');
	const haircut = config.collateral_haircut;
	if (haircut !== null && !(haircut >= 0 && haircut <= 1)) fail('collateral_haircut must be within [0, 1]');
	if (config.max_collateral_capacity !== null && config.max_collateral_capacity < 0) {
		fail('max_collateral_capacity must be non-negative');
	}
}
