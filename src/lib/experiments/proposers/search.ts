/**
 * The `search` proposer: an offline, deterministic best response. For the agent's allowed parameters it
 * searches the bounded range for the values that minimise the agent's own cost, priced by the same oracle
 * (same samples, same seeds) that the paired comparison then uses, holding the other agents' policies and
 * the policy's trees fixed. Each numeric parameter is searched coarse to fine: a grid over the whole range,
 * then finer grids around the best point; enum parameters try every value; several parameters are searched
 * coordinate-wise in passes. It proposes the best point only if it is strictly cheaper than the current
 * one, so a candidate it offers is always accepted, and it goes quiet at a best response.
 *
 * Ties prefer the current value, then the value closest to it, then a draw from the generator seeded with
 * the seed-matrix seed of (iteration, agent), so reruns are identical.
 */
import { Xorshift64Star } from '../../engine/rng';
import type { ParameterSpec } from '../experiment-config';
import {
	LIQUIDITY_FRACTION,
	liquidityFraction,
	numericParameters,
	withParameters,
	type PolicyDocument
} from '../policy-document';
import type { SearchEvaluation } from '../recorder';
import type { PolicyProposer, ProposalOutcome, ProposalRequest } from './proposer';

export interface SearchSettings {
	/** Grid steps, coarse to fine, as fractions of each parameter's range. */
	steps: readonly number[];
	/** Coordinate passes over the parameters (stops early once a pass changes nothing). */
	passes: number;
}

type Searchable =
	| { name: string; kind: 'range'; min: number; max: number; integer: boolean }
	| { name: string; kind: 'values'; values: number[] };

type Point = Record<string, number>;

/** Parameters the search can move: numeric ranges with both bounds, and enums of numbers. */
function searchable(specs: readonly ParameterSpec[]): Searchable[] {
	const found: Searchable[] = [];
	for (const spec of specs) {
		if (spec.type === 'enum') {
			const values = spec.values.filter((value): value is number => typeof value === 'number');
			if (values.length > 0) found.push({ name: spec.name, kind: 'values', values });
		} else if (
			spec.min !== null &&
			spec.max !== null &&
			Number.isFinite(spec.min) &&
			Number.isFinite(spec.max)
		) {
			found.push({
				name: spec.name,
				kind: 'range',
				min: spec.min,
				max: spec.max,
				integer: spec.type === 'int'
			});
		}
	}
	return found;
}

/** Removes binary noise from grid points (0.1 × 3 is 0.30000000000000004). */
function tidy(value: number, integer: boolean): number {
	return integer ? Math.round(value) : Number(value.toFixed(12));
}

function clampTo(parameter: Searchable, value: number): number {
	if (parameter.kind === 'values') return parameter.values.includes(value) ? value : parameter.values[0];
	return tidy(Math.min(parameter.max, Math.max(parameter.min, value)), parameter.integer);
}

function startingValue(parameter: Searchable, policy: PolicyDocument): number {
	const own = numericParameters(policy)[parameter.name];
	if (own !== undefined) return clampTo(parameter, own);
	if (parameter.name === LIQUIDITY_FRACTION) return clampTo(parameter, liquidityFraction(policy));
	if (parameter.kind === 'values') return parameter.values[0];
	return clampTo(parameter, (parameter.min + parameter.max) / 2);
}

/** Grid points of one level: the whole range at the first level, a window around `center` after. */
function gridPoints(
	parameter: Searchable & { kind: 'range' },
	steps: readonly number[],
	level: number,
	center: number
) {
	const span = parameter.max - parameter.min;
	const step = parameter.integer ? Math.max(1, Math.round(steps[level] * span)) : steps[level] * span;
	if (span <= 0 || step <= 0) return [parameter.min];
	const low = level === 0 ? parameter.min : Math.max(parameter.min, center - steps[level - 1] * span);
	const high = level === 0 ? parameter.max : Math.min(parameter.max, center + steps[level - 1] * span);
	const points = new Set<number>();
	const first = level === 0 ? parameter.min : center - Math.floor((center - low) / step + 1e-9) * step;
	for (let k = 0; ; k++) {
		const value = first + k * step;
		if (value > high + step * 1e-9) break;
		points.add(clampTo(parameter, value));
	}
	if (level === 0) points.add(parameter.max);
	return [...points];
}

class BestResponseSearch {
	readonly evaluations: SearchEvaluation[] = [];
	private readonly known = new Map<string, number>();
	private readonly rng: Xorshift64Star;

	constructor(
		private readonly request: ProposalRequest,
		private readonly settings: SearchSettings,
		private readonly policyId: string
	) {
		this.rng = new Xorshift64Star(BigInt(request.rngSeed));
	}

	candidate(point: Point): PolicyDocument {
		return withParameters(this.request.currentPolicy, point, this.policyId);
	}

	async cost(point: Point): Promise<number> {
		const key = JSON.stringify(Object.entries(point).sort(([a], [b]) => a.localeCompare(b)));
		const known = this.known.get(key);
		if (known !== undefined) return known;
		const priced = await this.request.oracle.evaluate(this.candidate(point));
		this.known.set(key, priced.sum);
		this.evaluations.push({
			parameters: { ...point },
			costSum: priced.sum,
			meanCost: Math.trunc(priced.sum / Math.max(1, priced.costs.length))
		});
		return priced.sum;
	}

	private draw(n: number): number {
		return Number(this.rng.next() % BigInt(n));
	}

	/** The cheapest value; ties go to the current value, then the nearest to it, then a seeded draw. */
	private choose(priced: readonly { value: number; cost: number }[], current: number): number {
		const cheapest = Math.min(...priced.map((entry) => entry.cost));
		const tied = priced.filter((entry) => entry.cost === cheapest).map((entry) => entry.value);
		if (tied.includes(current)) return current;
		const distance = Math.min(...tied.map((value) => Math.abs(value - current)));
		const nearest = tied.filter((value) => Math.abs(value - current) === distance).sort((a, b) => a - b);
		return nearest.length === 1 ? nearest[0] : nearest[this.draw(nearest.length)];
	}

	private async priceAll(point: Point, name: string, values: readonly number[]) {
		const priced: { value: number; cost: number }[] = [];
		for (const value of values) priced.push({ value, cost: await this.cost({ ...point, [name]: value }) });
		return priced;
	}

	/** The best value of one parameter with the others held at `point`. */
	async lineSearch(parameter: Searchable, point: Point): Promise<number> {
		const current = point[parameter.name];
		if (parameter.kind === 'values') {
			return this.choose(await this.priceAll(point, parameter.name, parameter.values), current);
		}
		let center = current;
		for (let level = 0; level < this.settings.steps.length; level++) {
			const grid = gridPoints(parameter, this.settings.steps, level, center);
			if (level === 0 || !grid.includes(center)) grid.push(center);
			center = this.choose(await this.priceAll(point, parameter.name, grid), current);
		}
		return center;
	}

	shuffled<T>(items: readonly T[]): T[] {
		const order = [...items];
		for (let i = order.length - 1; i > 0; i--) {
			const j = this.draw(i + 1);
			[order[i], order[j]] = [order[j], order[i]];
		}
		return order;
	}
}

export function createSearchProposer(settings: SearchSettings): PolicyProposer {
	return {
		kind: 'search',
		label: 'search',
		async propose(request: ProposalRequest): Promise<ProposalOutcome> {
			const parameters = searchable(request.constraints.parameters);
			const policyId = `${request.agentId}_search_${request.iteration}`;
			const search = new BestResponseSearch(request, settings, policyId);
			const audit = () => ({ kind: 'search' as const, evaluations: search.evaluations, chosen: null });
			if (parameters.length === 0) {
				return {
					kind: 'none',
					reason: 'no allowed parameter has bounds to search',
					errors: [],
					audit: audit()
				};
			}
			const start: Point = {};
			for (const parameter of parameters)
				start[parameter.name] = startingValue(parameter, request.currentPolicy);
			const startCost = await search.cost(start);
			let point = { ...start };
			for (let pass = 0; pass < settings.passes; pass++) {
				let moved = false;
				for (const parameter of search.shuffled(parameters)) {
					const value = await search.lineSearch(parameter, point);
					if (value !== point[parameter.name]) moved = true;
					point = { ...point, [parameter.name]: value };
				}
				if (!moved) break;
			}
			const bestCost = await search.cost(point);
			if (bestCost >= startCost) {
				return {
					kind: 'none',
					reason: 'the current parameters are already the best response found',
					errors: [],
					audit: audit()
				};
			}
			return {
				kind: 'candidate',
				policy: search.candidate(point),
				audit: { kind: 'search', evaluations: search.evaluations, chosen: { ...point } }
			};
		}
	};
}
