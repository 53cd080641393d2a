/**
 * Id ordering. The original sorts agent ids and register keys as Rust `String`s: byte-wise on the UTF-8
 * encoding, which differs from JavaScript's UTF-16 order only beyond the Basic Multilingual Plane.
 */
const encoder = new TextEncoder();

export function compareIds(a: string, b: string): number {
	if (a === b) return 0;
	const x = encoder.encode(a);
	const y = encoder.encode(b);
	const n = Math.min(x.length, y.length);
	for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i] - y[i];
	return x.length - y.length;
}
