/**
 * The bounded cycle search must return exactly what the original's full enumeration (engine spec
 * §9.4.5) returns once cut to `max_cycles_per_tick`. The reference below enumerates every candidate the
 * way the spec describes and sorts them stably, with no shortcut.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectCycles, type Cycle } from '../../../src/lib/engine/cycle-detection';
import type { SimulationState } from '../../../src/lib/engine/state';
import { makeState, queueInQueue2 } from './helpers';

/** Every candidate of §9.4.5 in discovery order, then stably sorted by total value descending. */
function referenceCandidates(state: SimulationState, maxLength: number): Cycle[] {
	const txs = state.txs;
	const queue = state.queue2.ids;
	const found: Cycle[] = [];
	// (a) Triangles on the aggregated graph, only when a strongly connected component has ≥ 3 vertices.
	const sum = new Map<string, number>();
	const edgeTxs = new Map<string, number[]>();
	const vertices = new Set<number>();
	for (const ix of queue) {
		const key = `${txs.sender[ix]}>${txs.receiver[ix]}`;
		sum.set(key, (sum.get(key) ?? 0) + txs.remaining[ix]);
		edgeTxs.set(key, [...(edgeTxs.get(key) ?? []), ix]);
		vertices.add(txs.sender[ix]);
		vertices.add(txs.receiver[ix]);
	}
	const sorted = [...vertices].sort((a, b) => a - b);
	const has = (u: number, v: number) => sum.has(`${u}>${v}`);
	const reaches = (from: number, to: number): boolean => {
		const seen = new Set([from]);
		const stack = [from];
		while (stack.length > 0) {
			const v = stack.pop() as number;
			if (v === to && v !== from) return true;
			for (const w of sorted) {
				if (has(v, w) && (w === to || !seen.has(w))) {
					if (w === to) return true;
					seen.add(w);
					stack.push(w);
				}
			}
		}
		return false;
	};
	const largeScc = sorted.some(
		(v) => sorted.filter((w) => w !== v && reaches(v, w) && reaches(w, v)).length >= 2
	);
	if (largeScc) {
		for (const u of sorted)
			for (const v of sorted)
				for (const w of sorted) {
					if (!(u < v && v < w && has(u, v) && has(v, w) && has(w, u))) continue;
					const keys = [`${u}>${v}`, `${v}>${w}`, `${w}>${u}`];
					found.push({
						agents: [u, v, w, u],
						transactions: keys.flatMap((k) => edgeTxs.get(k) as number[]),
						totalValue: keys.reduce((total, k) => total + (sum.get(k) as number), 0)
					});
				}
	}
	// (b) Simple paths over individual transactions, every rotation and parallel combination.
	if (maxLength >= 4 && queue.length <= 100) {
		const starts = [...new Set(queue.map((ix) => txs.sender[ix]))].sort((a, b) => a - b);
		const extend = (start: number, nodes: number[], path: number[]) => {
			if (path.length >= maxLength) return;
			const current = nodes[nodes.length - 1];
			for (const ix of queue) {
				if (txs.sender[ix] !== current) continue;
				const next = txs.receiver[ix];
				if (next === start && path.length > 0) {
					if (path.length + 1 >= 4) {
						const transactions = [...path, ix];
						found.push({
							agents: [...nodes, start],
							transactions,
							totalValue: transactions.reduce((total, t) => total + txs.remaining[t], 0)
						});
					}
				} else if (!nodes.includes(next)) extend(start, [...nodes, next], [...path, ix]);
			}
		};
		for (const start of starts) extend(start, [start], []);
	}
	return found
		.map((cycle, order) => ({ cycle, order }))
		.sort((a, b) => b.cycle.totalValue - a.cycle.totalValue || a.order - b.order)
		.map(({ cycle }) => cycle);
}

const queueArb = fc.record({
	agents: fc.integer({ min: 3, max: 6 }),
	payments: fc.array(
		fc.record({
			from: fc.nat(),
			hop: fc.integer({ min: 1, max: 5 }),
			amount: fc.constantFrom(100, 200, 300, 500, 1_000, 1_500)
		}),
		{ minLength: 1, maxLength: 40 }
	),
	maxLength: fc.integer({ min: 3, max: 6 }),
	limit: fc.integer({ min: 0, max: 12 })
});

describe('cycle detection', () => {
	it('keeps exactly the first max_cycles_per_tick candidates of the full enumeration', () => {
		fc.assert(
			fc.property(queueArb, ({ agents, payments, maxLength, limit }) => {
				const ids = ['A', 'B', 'C', 'D', 'E', 'F'].slice(0, agents);
				const state = makeState(ids.map((id) => ({ id })));
				for (const p of payments) {
					const from = p.from % agents;
					queueInQueue2(
						state,
						from,
						(from + p.hop) % agents === from ? (from + 1) % agents : (from + p.hop) % agents,
						p.amount
					);
				}
				const reference = referenceCandidates(state, maxLength);
				const ours = detectCycles(state, maxLength, limit);
				expect(ours.anyFound).toBe(reference.length > 0);
				expect(ours.cycles).toEqual(reference.slice(0, limit));
			}),
			{ numRuns: 300 }
		);
	});

	it('stays fast on a queue of 100 parallel payments around a 4-ring (the original enumerates 25^4 × 4 cycles)', () => {
		const state = makeState(['A', 'B', 'C', 'D'].map((id) => ({ id })));
		for (let i = 0; i < 25; i++)
			for (let a = 0; a < 4; a++) queueInQueue2(state, a, (a + 1) % 4, 1_000 + ((i * 7 + a) % 13));
		const started = performance.now();
		const ours = detectCycles(state, 4, 10);
		expect(performance.now() - started).toBeLessThan(2_000);
		expect(ours.cycles).toHaveLength(10);
		expect(ours.cycles[0].totalValue).toBeGreaterThanOrEqual(ours.cycles[9].totalValue);
	});
});
