/**
 * Compiles decoded expressions and operands into closures, created once per policy. Evaluating a closure
 * reads only the context and captured constants: no JSON, no maps, no allocation.
 */
import type { PolicyContext, TreeName } from './context';
import { evaluationErrors } from './errors';
import { resolveField } from './fields';
import {
	COMPARISON_TOLERANCE,
	DIV0_EPSILON,
	DIVISION_EPSILON,
	approxEqual,
	clamp,
	greaterOrEqual,
	lessOrEqual,
	roundHalfAwayFromZero
} from './numeric';
import type { Computation, Expression, ValueExpr } from './types';

export type NumberFn = (ctx: PolicyContext) => number;
export type BooleanFn = (ctx: PolicyContext) => boolean;

/** What compiling needs to know besides the expression itself. */
export interface CompileScope {
	readonly tree: TreeName;
	readonly parameters: ReadonlyMap<string, number>;
}

export function constant(value: number): NumberFn {
	return () => value;
}

/** A closure that always fails with the given error, created fresh at each call. */
export function failing<T>(makeError: () => Error): (ctx: PolicyContext) => T {
	return () => {
		throw makeError();
	};
}

export function compileField(name: string, scope: CompileScope): NumberFn {
	const resolution = resolveField(scope.tree, name);
	switch (resolution.kind) {
		case 'field': {
			const id = resolution.id;
			return (ctx) => ctx.field(id);
		}
		case 'register': {
			const register = resolution.name;
			return (ctx) => ctx.register(register);
		}
		default:
			return failing(() => evaluationErrors.fieldNotFound(name));
	}
}

export function compileParam(name: string, scope: CompileScope): NumberFn {
	const value = scope.parameters.get(name);
	return value === undefined ? failing(() => evaluationErrors.parameterNotFound(name)) : constant(value);
}

/** An operand: literals evaluate as numbers, booleans as 1/0, anything else fails when evaluated. */
export function compileValue(value: ValueExpr, scope: CompileScope): NumberFn {
	switch (value.kind) {
		case 'field':
			return compileField(value.name, scope);
		case 'param':
			return compileParam(value.name, scope);
		case 'literal':
			if (typeof value.value === 'number') return constant(value.value);
			if (typeof value.value === 'boolean') return constant(value.value ? 1 : 0);
			return failing(evaluationErrors.invalidLiteralType);
		case 'compute':
			return compileComputation(value.compute, scope);
	}
}

function compileExtremum(values: readonly NumberFn[], isMax: boolean): NumberFn {
	if (values.length === 0) return failing(evaluationErrors.emptyValueList);
	// Start from -inf/+inf and replace only on a strict improvement, so NaN operands are skipped.
	if (isMax) {
		return (ctx) => {
			let result = -Infinity;
			for (let i = 0; i < values.length; i++) {
				const candidate = values[i](ctx);
				if (candidate > result) result = candidate;
			}
			return result;
		};
	}
	return (ctx) => {
		let result = Infinity;
		for (let i = 0; i < values.length; i++) {
			const candidate = values[i](ctx);
			if (candidate < result) result = candidate;
		}
		return result;
	};
}

export function compileComputation(computation: Computation, scope: CompileScope): NumberFn {
	const of = (value: ValueExpr) => compileValue(value, scope);
	switch (computation.op) {
		case '+': {
			const left = of(computation.left);
			const right = of(computation.right);
			return (ctx) => left(ctx) + right(ctx);
		}
		case '-': {
			const left = of(computation.left);
			const right = of(computation.right);
			return (ctx) => left(ctx) - right(ctx);
		}
		case '*': {
			const left = of(computation.left);
			const right = of(computation.right);
			return (ctx) => left(ctx) * right(ctx);
		}
		case '/': {
			const left = of(computation.left);
			const right = of(computation.right);
			return (ctx) => {
				const numerator = left(ctx);
				const divisor = right(ctx);
				if (Math.abs(divisor) < DIVISION_EPSILON) throw evaluationErrors.divisionByZero();
				return numerator / divisor;
			};
		}
		case 'max':
			return compileExtremum(computation.values.map(of), true);
		case 'min':
			return compileExtremum(computation.values.map(of), false);
		case 'ceil': {
			const value = of(computation.value);
			return (ctx) => Math.ceil(value(ctx));
		}
		case 'floor': {
			const value = of(computation.value);
			return (ctx) => Math.floor(value(ctx));
		}
		case 'round': {
			const value = of(computation.value);
			return (ctx) => roundHalfAwayFromZero(value(ctx));
		}
		case 'abs': {
			const value = of(computation.value);
			return (ctx) => Math.abs(value(ctx));
		}
		case 'clamp': {
			const value = of(computation.value);
			const min = of(computation.min);
			const max = of(computation.max);
			return (ctx) => {
				const x = value(ctx);
				const low = min(ctx);
				return clamp(x, low, max(ctx));
			};
		}
		case 'div0': {
			const numerator = of(computation.numerator);
			const denominator = of(computation.denominator);
			const fallback = of(computation.default);
			return (ctx) => {
				const top = numerator(ctx);
				const bottom = denominator(ctx);
				return Math.abs(bottom) < DIV0_EPSILON ? fallback(ctx) : top / bottom;
			};
		}
	}
}

function compileComparison(op: Expression['op'], left: NumberFn, right: NumberFn): BooleanFn {
	switch (op) {
		case '==':
			return (ctx) => {
				const l = left(ctx);
				return approxEqual(l, right(ctx));
			};
		case '!=':
			return (ctx) => {
				const l = left(ctx);
				return Math.abs(l - right(ctx)) >= COMPARISON_TOLERANCE;
			};
		case '<':
			return (ctx) => {
				const l = left(ctx);
				return l < right(ctx);
			};
		case '<=':
			return (ctx) => {
				const l = left(ctx);
				return lessOrEqual(l, right(ctx));
			};
		case '>':
			return (ctx) => {
				const l = left(ctx);
				return l > right(ctx);
			};
		default:
			return (ctx) => {
				const l = left(ctx);
				return greaterOrEqual(l, right(ctx));
			};
	}
}

export function compileExpression(expression: Expression, scope: CompileScope): BooleanFn {
	switch (expression.op) {
		case 'and': {
			const items = expression.conditions.map((item) => compileExpression(item, scope));
			return (ctx) => {
				for (let i = 0; i < items.length; i++) if (!items[i](ctx)) return false;
				return true;
			};
		}
		case 'or': {
			const items = expression.conditions.map((item) => compileExpression(item, scope));
			return (ctx) => {
				for (let i = 0; i < items.length; i++) if (items[i](ctx)) return true;
				return false;
			};
		}
		case 'not': {
			const inner = compileExpression(expression.condition, scope);
			return (ctx) => !inner(ctx);
		}
		default:
			return compileComparison(
				expression.op,
				compileValue(expression.left, scope),
				compileValue(expression.right, scope)
			);
	}
}
