/**
 * LSM cycle detection (§9.4.5): triangles on the aggregated sender→receiver graph of Queue 2, then
 * longer cycles by a simple-path DFS over individual queued transactions.
 *
 * The LSM only uses the first `max_cycles_per_tick` candidates in the original's order (stable sort by
 * total value, descending, over discovery order) and whether there was any candidate at all. The
 * original materialises every candidate: every rotation and every combination of parallel transactions,
 * exponential in the number of parallel payments. Here only candidates that make the cut are kept, and
 * DFS branches are cut when no cycle through them can: either none closes back to the start within the
 * length limit, or even the best possible closing (an upper bound from walks back to the start) cannot
 * beat the weakest kept candidate. A later candidate of equal value never displaces an earlier one, so
 * the kept candidates are exactly the original's.
 */
import type { SimulationState } from './state';

/** The DFS for cycles of four or more agents only runs on queues at most this long. */
const DFS_QUEUE_THRESHOLD = 100;

export interface Cycle {
	/** Agent indices including the closing repeat of the first. */
	agents: number[];
	transactions: number[];
	totalValue: number;
}

interface Edge {
	sum: number;
	txs: number[];
}

type Graph = Map<number, Map<number, Edge>>;

/** Aggregated sender→receiver edges of Queue 2 (sum of remaining, transactions in queue order). */
function aggregatedGraph(state: SimulationState): { vertices: number[]; edges: Graph } {
	const txs = state.txs;
	const present = new Set<number>();
	const edges: Graph = new Map();
	for (const ix of state.queue2.ids) {
		const s = txs.sender[ix];
		const r = txs.receiver[ix];
		present.add(s);
		present.add(r);
		let out = edges.get(s);
		if (out === undefined) {
			out = new Map();
			edges.set(s, out);
		}
		let edge = out.get(r);
		if (edge === undefined) {
			edge = { sum: 0, txs: [] };
			out.set(r, edge);
		}
		edge.sum += txs.remaining[ix];
		edge.txs.push(ix);
	}
	return { vertices: [...present].sort((x, y) => x - y), edges };
}

function successors(edges: Graph, v: number): number[] {
	const out = edges.get(v);
	return out === undefined ? [] : [...out.keys()].sort((x, y) => x - y);
}

/** True when some strongly connected component (Tarjan, ascending visit order) has ≥ 3 vertices. */
function hasLargeScc(vertices: number[], edges: Graph): boolean {
	const index = new Map<number, number>();
	const low = new Map<number, number>();
	const onStack = new Set<number>();
	const stack: number[] = [];
	let counter = 0;
	let found = false;
	const connect = (v: number): void => {
		index.set(v, counter);
		low.set(v, counter);
		counter++;
		stack.push(v);
		onStack.add(v);
		for (const w of successors(edges, v)) {
			if (!index.has(w)) {
				connect(w);
				low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
			} else if (onStack.has(w)) {
				low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
			}
		}
		if (low.get(v) === index.get(v)) {
			let size = 0;
			for (;;) {
				const w = stack.pop() as number;
				onStack.delete(w);
				size++;
				if (w === v) break;
			}
			if (size >= 3) found = true;
		}
	};
	for (const v of vertices) if (!index.has(v)) connect(v);
	return found;
}

/** Triangles u→v→w→u with u < v < w only [QUIRK: the other orientation is never found]. */
function findTriangles(vertices: number[], edges: Graph): Cycle[] {
	const triangles: Cycle[] = [];
	for (const u of vertices) {
		for (const v of successors(edges, u)) {
			if (v <= u) continue;
			for (const w of successors(edges, v)) {
				if (w <= v) continue;
				const closing = edges.get(w)?.get(u);
				if (closing === undefined) continue;
				const uv = edges.get(u)?.get(v) as Edge;
				const vw = edges.get(v)?.get(w) as Edge;
				triangles.push({
					agents: [u, v, w, u],
					transactions: [...uv.txs, ...vw.txs, ...closing.txs],
					totalValue: uv.sum + vw.sum + closing.sum
				});
			}
		}
	}
	return triangles;
}

/** The best `limit` candidates seen so far, in the original's attempt order. */
export class CycleCandidates {
	readonly cycles: Cycle[] = [];
	/** Whether any candidate was found (the LSM then runs its internal Queue 2 re-pass). */
	anyFound = false;

	constructor(private readonly limit: number) {}

	/**
	 * Value a later candidate must exceed to be kept: -Infinity while places are free, +Infinity when
	 * nothing can be kept and a candidate was already found.
	 */
	get threshold(): number {
		if (!this.anyFound || this.cycles.length < this.limit) return -Infinity;
		return this.limit <= 0 ? Infinity : this.cycles[this.limit - 1].totalValue;
	}

	/** Counts a candidate discovered after every earlier one and tells whether it makes the cut. */
	accepts(totalValue: number): boolean {
		const kept = totalValue > this.threshold;
		this.anyFound = true;
		return kept && this.limit > 0;
	}

	add(cycle: Cycle): void {
		let at = this.cycles.length;
		while (at > 0 && this.cycles[at - 1].totalValue < cycle.totalValue) at--;
		this.cycles.splice(at, 0, cycle);
		if (this.cycles.length > this.limit) this.cycles.pop();
	}
}

/** Queue 2 as numbered entries between numbered vertices (only the agents that appear in it). */
interface EntryGraph {
	/** Agent index of each vertex. */
	agentOf: number[];
	/** Transaction, source and target vertex, remaining amount of each entry, in queue order. */
	tx: Int32Array;
	from: Int32Array;
	to: Int32Array;
	value: Float64Array;
	/** Entries leaving each vertex, in queue order. */
	outgoing: number[][];
}

function entryGraph(state: SimulationState): EntryGraph {
	const txs = state.txs;
	const queue = state.queue2.ids;
	const vertexOfAgent = new Map<number, number>();
	const agentOf: number[] = [];
	const vertex = (agent: number): number => {
		let v = vertexOfAgent.get(agent);
		if (v === undefined) {
			v = agentOf.length;
			vertexOfAgent.set(agent, v);
			agentOf.push(agent);
		}
		return v;
	};
	const n = queue.length;
	const graph: EntryGraph = {
		agentOf,
		tx: Int32Array.from(queue),
		from: new Int32Array(n),
		to: new Int32Array(n),
		value: new Float64Array(n),
		outgoing: []
	};
	for (let e = 0; e < n; e++) {
		graph.from[e] = vertex(txs.sender[queue[e]]);
		graph.to[e] = vertex(txs.receiver[queue[e]]);
		graph.value[e] = txs.remaining[queue[e]];
	}
	graph.outgoing = agentOf.map(() => []);
	for (let e = 0; e < n; e++) graph.outgoing[graph.from[e]].push(e);
	return graph;
}

/**
 * Fills `bounds[r][v]` with the largest value of a walk from vertex v back to `start` over 1..r entries
 * (-Infinity when there is none): an upper bound on what any path standing at v can still add.
 */
function fillClosingBounds(graph: EntryGraph, start: number, bounds: Float64Array[]): void {
	bounds[0].fill(-Infinity);
	for (let r = 1; r < bounds.length; r++) {
		const previous = bounds[r - 1];
		const current = bounds[r];
		current.set(previous);
		for (let e = 0; e < graph.from.length; e++) {
			const to = graph.to[e];
			const candidate = graph.value[e] + (to === start ? 0 : previous[to]);
			if (candidate > current[graph.from[e]]) current[graph.from[e]] = candidate;
		}
	}
}

/**
 * Simple-path DFS from every sender (ascending) over individual queued transactions, offering the
 * cycles of four or more edges (§9.4.5 b) in the original's discovery order, with the cuts above.
 */
function findLongCycles(state: SimulationState, maxLength: number, top: CycleCandidates): void {
	const graph = entryGraph(state);
	const vertices = graph.agentOf.length;
	const bounds = Array.from({ length: maxLength + 1 }, () => new Float64Array(vertices));
	const onPath = new Uint8Array(vertices);
	const pathVertices: number[] = [];
	const pathEntries: number[] = [];
	let pathValue = 0;
	const record = (start: number, closing: number, total: number): void => {
		const agents = [start, ...pathVertices, start].map((v) => graph.agentOf[v]);
		const transactions = [...pathEntries, closing].map((e) => graph.tx[e]);
		top.add({ agents, transactions, totalValue: total });
	};
	const search = (start: number, current: number): void => {
		const budget = maxLength - pathEntries.length;
		if (budget <= 0) return;
		const best = bounds[budget][current];
		if (best === -Infinity || pathValue + best <= top.threshold) return;
		onPath[current] = 1;
		for (const e of graph.outgoing[current]) {
			const next = graph.to[e];
			if (next === start && pathEntries.length > 0) {
				const total = pathValue + graph.value[e];
				if (pathEntries.length + 1 >= 4 && top.accepts(total)) record(start, e, total);
			} else if (onPath[next] === 0) {
				pathVertices.push(next);
				pathEntries.push(e);
				pathValue += graph.value[e];
				search(start, next);
				pathValue -= graph.value[e];
				pathVertices.pop();
				pathEntries.pop();
			}
		}
		onPath[current] = 0;
	};
	const starts = graph.agentOf.map((_, v) => v).filter((v) => graph.outgoing[v].length > 0);
	starts.sort((x, y) => graph.agentOf[x] - graph.agentOf[y]);
	for (const start of starts) {
		fillClosingBounds(graph, start, bounds);
		search(start, start);
	}
}

/**
 * Cycle detection (§9.4.5) reduced to what the pass uses: the first `limit` candidates of three or more
 * agents in the original's attempt order, and whether there was any candidate.
 */
export function detectCycles(state: SimulationState, maxCycleLength: number, limit: number): CycleCandidates {
	const top = new CycleCandidates(limit);
	const { vertices, edges } = aggregatedGraph(state);
	if (vertices.length > 0 && hasLargeScc(vertices, edges)) {
		for (const triangle of findTriangles(vertices, edges))
			if (top.accepts(triangle.totalValue)) top.add(triangle);
	}
	if (maxCycleLength >= 4 && state.queue2.size <= DFS_QUEUE_THRESHOLD)
		findLongCycles(state, maxCycleLength, top);
	return top;
}
