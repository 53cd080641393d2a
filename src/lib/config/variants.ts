/**
 * Untagged unions (scenario-config.md §3.1). SimCash's policies, distributions, schedules and events may
 * omit `type`; pydantic's smart union then picks the member that validates with the most keys given, then
 * the most exact match (an integer field given 5.0 or "5" is a lax match), then the first declared. This
 * pass makes the same choice and writes it into the data as `type`, so that the schema's unions are
 * discriminated and errors concern one member only. An unknown `type` is reported with the closest name.
 */
import type { z } from 'zod';
import { fieldKind } from './coerce';
import { describeValue, type DiagnosticList } from './diagnostics';
import type { Path } from './path';
import {
	AMOUNT_DISTRIBUTION_MEMBERS,
	EVENT_MEMBERS,
	POLICY_MEMBERS,
	PRIORITY_DISTRIBUTION_MEMBERS,
	SCHEDULE_MEMBERS
} from './schema';
import { isMapping, unwrap } from './schema-walk';
import { suggestName } from './suggest';
import type { ScenarioText } from './yaml';

type Member = z.ZodType;

interface Union {
	/** Read in messages: "policy type", "amount distribution type", … */
	label: string;
	members: readonly Member[];
}

const UNIONS = {
	policy: { label: 'policy type', members: POLICY_MEMBERS },
	amount: { label: 'amount distribution type', members: AMOUNT_DISTRIBUTION_MEMBERS },
	priority: { label: 'priority distribution type', members: PRIORITY_DISTRIBUTION_MEMBERS },
	schedule: { label: 'schedule type', members: SCHEDULE_MEMBERS },
	event: { label: 'scenario event type', members: EVENT_MEMBERS }
} satisfies Record<string, Union>;

function shapeOf(member: Member): Record<string, z.ZodType> {
	return unwrap(member).shape ?? {};
}

function memberName(member: Member): string {
	return String(unwrap(shapeOf(member).type).values?.[0]);
}

function memberNames(union: Union): string[] {
	return union.members.map(memberName);
}

/** 2: every given value has exactly its field's type; 1: an integer given for a float; 0: coerced. */
function exactness(member: Member, value: Record<string, unknown>, path: Path, text: ScenarioText): number {
	const shape = shapeOf(member);
	let rank = 2;
	for (const key of Object.keys(value)) {
		if (key === 'type' || !Object.hasOwn(shape, key)) continue;
		const field = shape[key];
		const declared = fieldKind(field);
		if (declared === undefined) continue;
		const found = text.scalarKind([...path, key]);
		if (declared === found) continue;
		if (declared === 'float' && found === 'int') rank = Math.min(rank, 1);
		else rank = 0;
	}
	return rank;
}

/** The member SimCash would choose for an object without `type`; the closest one when none validates. */
function chooseMember(
	union: Union,
	value: Record<string, unknown>,
	path: Path,
	text: ScenarioText
): { name: string; valid: boolean } {
	let best: { name: string; fields: number; exact: number } | null = null;
	let closest: { name: string; fields: number } | null = null;
	for (const member of union.members) {
		const name = memberName(member);
		const shape = shapeOf(member);
		const fields = Object.keys(value).filter((key) => key !== 'type' && Object.hasOwn(shape, key)).length;
		if (closest === null || fields > closest.fields) closest = { name, fields };
		if (!member.safeParse({ ...value, type: name }).success) continue;
		const exact = exactness(member, value, path, text);
		if (best === null || fields > best.fields || (fields === best.fields && exact > best.exact)) {
			best = { name, fields, exact };
		}
	}
	if (best !== null) return { name: best.name, valid: true };
	return { name: (closest as { name: string }).name, valid: false };
}

export interface VariantResolution {
	/** Paths (as text) of unions whose `type` was inferred and whose chosen member does not validate. */
	inferredInvalid: Set<string>;
	/** Paths of unions whose `type` names no member (already reported). */
	unknownType: Set<string>;
}

class Resolver {
	readonly result: VariantResolution = { inferredInvalid: new Set(), unknownType: new Set() };

	constructor(
		private readonly text: ScenarioText,
		private readonly diagnostics: DiagnosticList
	) {}

	resolve(union: Union, value: unknown, path: Path): void {
		const names = memberNames(union);
		if (typeof value === 'string' && names.includes(value)) {
			this.result.unknownType.add(JSON.stringify(path));
			this.diagnostics.error('invalid-type', path, {
				message: `a ${union.label.replace(/ type$/, '')} is a mapping with a type key`,
				found: describeValue(value),
				allowed: `a mapping such as {type: ${value}}`
			});
			return;
		}
		if (!isMapping(value)) return;
		if (!Object.prototype.hasOwnProperty.call(value, 'type')) {
			const choice = chooseMember(union, value, path, this.text);
			value.type = choice.name;
			if (!choice.valid) this.result.inferredInvalid.add(JSON.stringify(path));
			return;
		}
		const given = value.type;
		if (typeof given === 'string' && names.includes(given)) return;
		this.result.unknownType.add(JSON.stringify(path));
		const suggestion = typeof given === 'string' ? suggestName(given, names) : undefined;
		this.diagnostics.error('unknown-variant', [...path, 'type'], {
			message: `unknown ${union.label}`,
			found: describeValue(given),
			allowed: `one of ${names.join(', ')}`,
			...(suggestion !== undefined ? { suggestion } : {})
		});
	}

	agent(agent: unknown, path: Path): void {
		if (!isMapping(agent)) return;
		this.resolve(UNIONS.policy, agent.policy, [...path, 'policy']);
		const arrivals = agent.arrival_config;
		if (isMapping(arrivals)) {
			const arrivalsPath = [...path, 'arrival_config'];
			this.resolve(UNIONS.amount, arrivals.amount_distribution, [...arrivalsPath, 'amount_distribution']);
			this.resolve(UNIONS.priority, arrivals.priority_distribution, [
				...arrivalsPath,
				'priority_distribution'
			]);
		}
		const bands = agent.arrival_bands;
		if (isMapping(bands)) {
			for (const band of ['urgent', 'normal', 'low']) {
				const config = bands[band];
				if (isMapping(config)) {
					const bandPath = [...path, 'arrival_bands', band, 'amount_distribution'];
					this.resolve(UNIONS.amount, config.amount_distribution, bandPath);
				}
			}
		}
	}

	event(event: unknown, path: Path): void {
		if (!isMapping(event)) return;
		this.resolve(UNIONS.schedule, event.schedule, [...path, 'schedule']);
		this.resolve(UNIONS.event, event, path);
	}
}

/** Writes the chosen `type` into every untagged union of the scenario (mutates `root`). */
export function resolveVariants(
	root: unknown,
	text: ScenarioText,
	diagnostics: DiagnosticList
): VariantResolution {
	const resolver = new Resolver(text, diagnostics);
	if (!isMapping(root)) return resolver.result;
	if (Array.isArray(root.agents)) root.agents.forEach((agent, i) => resolver.agent(agent, ['agents', i]));
	if (Array.isArray(root.scenario_events)) {
		root.scenario_events.forEach((event, i) => resolver.event(event, ['scenario_events', i]));
	}
	return resolver.result;
}
