/**
 * Money in the verbose output: integer cents printed as the original's `f"${cents / 100:,.2f}"`, so a
 * negative amount keeps its sign after the dollar sign (`$-500.00`).
 */
import { formatFixed, groupThousands } from './python-format';

/**
 * Below this many cents, `cents / 100` lies within half an ulp (< 0.005) of the exact quotient, so the
 * original's two-decimal rounding gives back the cents digits themselves.
 */
const EXACT_DIGITS_LIMIT = 2 ** 51;

function plainDecimal(cents: number): string {
	if (Number.isInteger(cents) && Math.abs(cents) < EXACT_DIGITS_LIMIT) {
		const magnitude = Math.abs(cents);
		const fraction = String(magnitude % 100).padStart(2, '0');
		return `${cents < 0 ? '-' : ''}${Math.floor(magnitude / 100)}.${fraction}`;
	}
	// Python divides an int (no negative zero) by 100 in double precision, as JavaScript does.
	return formatFixed((cents === 0 ? 0 : cents) / 100, 2);
}

/** `$1,234,567.89` for 123456789 cents; `$-500.00` for -50000. */
export function formatMoney(cents: number): string {
	return `$${groupThousands(plainDecimal(cents))}`;
}

/** A change with an explicit plus on gains: `+$5.00`, `$-12.00`, `$0.00`. */
export function formatMoneyChange(cents: number): string {
	return (cents > 0 ? '+' : '') + formatMoney(cents);
}

/** A net position with the sign before the dollar sign: `+$100.00`, `-$200.00`. */
export function formatSignedMoney(cents: number): string {
	if (cents > 0) return `+${formatMoney(cents)}`;
	if (cents < 0) return `-${formatMoney(-cents)}`;
	return formatMoney(0);
}
