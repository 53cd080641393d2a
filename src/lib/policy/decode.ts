/**
 * Decoding stage: raw JSON value -> {@link PolicyDocument}. The zod schema checks the structure; this file
 * adds what zod cannot see (duplicate keys, which the JSON reader records) and builds the AST. Each tree is
 * decoded independently so that later checks still run on the trees that are well formed, and all
 * errors of a document are reported together.
 */
import { describeJson, isPlainObject } from './describe';
import type { PolicyError } from './errors';
import { issuesToErrors, parseError } from './issues';
import { MAX_JSON_NESTING } from './json';
import type { PathSegment } from './path';
import { computationSchema, documentSchema } from './schema';
import { TREE_NAMES, type TreeName } from './context';
import type {
	ActionName,
	Computation,
	Expression,
	JsonValue,
	PolicyDocument,
	TreeNode,
	ValueExpr
} from './types';

type RawObject = Record<string, unknown>;
type DuplicateKeys = WeakMap<object, Set<string>>;

export interface DecodedDocument {
	/** The document; a tree that failed to decode is null here and listed in `brokenTrees`. */
	readonly document: PolicyDocument;
	readonly brokenTrees: ReadonlySet<TreeName>;
	/** False when `parameters` failed to decode (parameter references cannot then be checked). */
	readonly parametersDecoded: boolean;
	readonly errors: PolicyError[];
}

const DOCUMENT_KEYS = ['version', 'policy_id', 'description', 'parameters', ...TREE_NAMES];
const CONDITION_KEYS = ['type', 'node_id', 'description', 'condition', 'on_true', 'on_false'];
const ACTION_KEYS = ['type', 'node_id', 'action', 'parameters'];

function operandKeysOfExpression(op: string): string[] {
	if (op === 'and' || op === 'or') return ['op', 'conditions'];
	if (op === 'not') return ['op', 'condition'];
	return ['op', 'left', 'right'];
}

function operandKeysOfComputation(op: string): string[] {
	switch (op) {
		case 'max':
		case 'min':
			return ['op', 'values'];
		case 'ceil':
		case 'floor':
		case 'round':
		case 'abs':
			return ['op', 'value'];
		case 'clamp':
			return ['op', 'value', 'min', 'max'];
		case 'div0':
			return ['op', 'numerator', 'denominator', 'default'];
		default:
			return ['op', 'left', 'right'];
	}
}

/**
 * Checks that a value handed over as an object (not text) is plain JSON within the nesting limit; returns
 * the first problem found. Guards against cycles and non-JSON values from callers such as YAML loaders.
 */
export function checkJsonValue(value: unknown, path: PathSegment[] = [], depth = 0): PolicyError | null {
	if (value === null || typeof value === 'string' || typeof value === 'boolean') return null;
	if (typeof value === 'number') {
		return Number.isFinite(value)
			? null
			: parseError(path, 'number out of range', describeJson(value), 'a finite number');
	}
	if (typeof value === 'object') {
		if (depth >= MAX_JSON_NESTING) {
			return parseError(
				path,
				'recursion limit exceeded',
				`more than ${MAX_JSON_NESTING} nested arrays/objects`,
				`at most ${MAX_JSON_NESTING} levels of nesting`
			);
		}
		if (Array.isArray(value)) {
			for (let i = 0; i < value.length; i++) {
				const problem = checkJsonValue(value[i], [...path, i], depth + 1);
				if (problem) return problem;
			}
			return null;
		}
		const prototype = Object.getPrototypeOf(value);
		if (prototype !== Object.prototype && prototype !== null) {
			return parseError(
				path,
				'not a JSON value',
				'a non-plain object',
				'JSON objects, arrays, strings, numbers, booleans and null'
			);
		}
		for (const [key, item] of Object.entries(value)) {
			const problem = checkJsonValue(item, [...path, key], depth + 1);
			if (problem) return problem;
		}
		return null;
	}
	return parseError(
		path,
		'not a JSON value',
		typeof value,
		'JSON objects, arrays, strings, numbers, booleans and null'
	);
}

class TreeDecoder {
	constructor(
		private readonly duplicateKeys: DuplicateKeys | null,
		private readonly errors: PolicyError[]
	) {}

	private isDuplicated(raw: object, key: string): boolean {
		return this.duplicateKeys?.get(raw)?.has(key) ?? false;
	}

	/** Reports each known key that occurs more than once in `raw`. */
	checkDuplicates(raw: object, knownKeys: readonly string[], path: readonly PathSegment[]): void {
		const repeated = this.duplicateKeys?.get(raw);
		if (!repeated) return;
		for (const key of knownKeys) {
			if (repeated.has(key)) {
				this.errors.push(
					parseError(
						[...path, key],
						`duplicate key ${JSON.stringify(key)}`,
						'the key more than once',
						'each key at most once in this object (only names inside a "parameters" map may repeat; the last wins)'
					)
				);
			}
		}
	}

	node(raw: RawObject, path: PathSegment[]): TreeNode {
		if (raw.type === 'condition') {
			this.checkDuplicates(raw, CONDITION_KEYS, path);
			return {
				type: 'condition',
				node_id: raw.node_id as string,
				description: (raw.description as string | undefined) ?? '',
				condition: this.expression(raw.condition as RawObject, [...path, 'condition']),
				on_true: this.node(raw.on_true as RawObject, [...path, 'on_true']),
				on_false: this.node(raw.on_false as RawObject, [...path, 'on_false'])
			};
		}
		this.checkDuplicates(raw, ACTION_KEYS, path);
		const parameters = new Map<string, ValueExpr>();
		const rawParameters = (raw.parameters as RawObject | undefined) ?? {};
		for (const [name, value] of Object.entries(rawParameters)) {
			parameters.set(name, this.operand(value as RawObject, [...path, 'parameters', name], 'parameter'));
		}
		return { type: 'action', node_id: raw.node_id as string, action: raw.action as ActionName, parameters };
	}

	expression(raw: RawObject, path: PathSegment[]): Expression {
		const op = raw.op as Expression['op'];
		this.checkDuplicates(raw, operandKeysOfExpression(op), path);
		switch (op) {
			case 'and':
			case 'or':
				return {
					op,
					conditions: (raw.conditions as RawObject[]).map((item, i) =>
						this.expression(item, [...path, 'conditions', i])
					)
				};
			case 'not':
				return { op, condition: this.expression(raw.condition as RawObject, [...path, 'condition']) };
			default:
				return {
					op,
					left: this.operand(raw.left as RawObject, [...path, 'left'], 'value'),
					right: this.operand(raw.right as RawObject, [...path, 'right'], 'value')
				};
		}
	}

	computation(raw: RawObject, path: PathSegment[]): Computation {
		const op = raw.op as Computation['op'];
		this.checkDuplicates(raw, operandKeysOfComputation(op), path);
		const value = (key: string) => this.operand(raw[key] as RawObject, [...path, key], 'value');
		switch (op) {
			case 'max':
			case 'min':
				return {
					op,
					values: (raw.values as RawObject[]).map((item, i) =>
						this.operand(item, [...path, 'values', i], 'value')
					)
				};
			case 'ceil':
			case 'floor':
			case 'round':
			case 'abs':
				return { op, value: value('value') };
			case 'clamp':
				return { op, value: value('value'), min: value('min'), max: value('max') };
			case 'div0':
				return {
					op,
					numerator: value('numerator'),
					denominator: value('denominator'),
					default: value('default')
				};
			default:
				return { op, left: value('left'), right: value('right') };
		}
	}

	/**
	 * An operand. The forms are tried in the language's order (field, param, value, compute for operands;
	 * value, field, param, compute for action parameters); a form fits when its key is present once with
	 * the right type. The schema already accepted the object, so a form fits unless duplicates interfere.
	 */
	operand(raw: RawObject, path: PathSegment[], kind: 'value' | 'parameter'): ValueExpr {
		const order =
			kind === 'value'
				? (['field', 'param', 'value', 'compute'] as const)
				: (['value', 'field', 'param', 'compute'] as const);
		for (const form of order) {
			if (!Object.prototype.hasOwnProperty.call(raw, form) || this.isDuplicated(raw, form)) continue;
			const content = raw[form];
			switch (form) {
				case 'field':
					if (typeof content === 'string') return { kind: 'field', name: content };
					break;
				case 'param':
					if (typeof content === 'string') return { kind: 'param', name: content };
					break;
				case 'value':
					return { kind: 'literal', value: content as JsonValue };
				case 'compute': {
					const checked = computationSchema.safeParse(content);
					if (!checked.success) {
						this.errors.push(...issuesToErrors(checked.error.issues, content, [...path, 'compute']));
						return { kind: 'literal', value: null };
					}
					return { kind: 'compute', compute: this.computation(content as RawObject, [...path, 'compute']) };
				}
			}
		}
		this.checkDuplicates(raw, order, path);
		return { kind: 'literal', value: null };
	}
}

/** Decodes a parsed document; `duplicateKeys` comes from the JSON reader (null for object input). */
export function decodeDocument(
	raw: unknown,
	duplicateKeys: DuplicateKeys | null
): DecodedDocument | PolicyError[] {
	if (!isPlainObject(raw)) {
		return [
			parseError(
				[],
				'a policy document must be a JSON object',
				describeJson(raw),
				'an object with "version", "policy_id" and trees'
			)
		];
	}
	const errors: PolicyError[] = [];
	const checked = documentSchema.safeParse(raw);
	const brokenKeys = new Set<string>();
	if (!checked.success) {
		errors.push(...issuesToErrors(checked.error.issues, raw));
		for (const issue of checked.error.issues) brokenKeys.add(String(issue.path[0] ?? ''));
	}
	const decoder = new TreeDecoder(duplicateKeys, errors);
	decoder.checkDuplicates(raw, DOCUMENT_KEYS, []);

	const parameters = new Map<string, number>();
	const parametersDecoded = !brokenKeys.has('parameters');
	if (parametersDecoded && isPlainObject(raw.parameters)) {
		for (const [name, value] of Object.entries(raw.parameters)) parameters.set(name, value as number);
	}

	const brokenTrees = new Set<TreeName>();
	const trees = {} as Record<TreeName, TreeNode | null>;
	for (const tree of TREE_NAMES) {
		const rawTree = raw[tree];
		if (brokenKeys.has(tree)) {
			brokenTrees.add(tree);
			trees[tree] = null;
		} else {
			trees[tree] = isPlainObject(rawTree) ? decoder.node(rawTree, [tree]) : null;
		}
	}

	return {
		document: {
			version: typeof raw.version === 'string' ? raw.version : '',
			policy_id: typeof raw.policy_id === 'string' ? raw.policy_id : '',
			description: typeof raw.description === 'string' ? raw.description : null,
			parameters,
			...trees
		},
		brokenTrees,
		parametersDecoded,
		errors
	};
}
