/**
 * SHA-256 (FIPS 180-4) of a string's UTF-8 bytes, synchronous and platform-free: the engine runs in
 * browsers and Node alike, and WebCrypto's digest is asynchronous.
 */

/** First 32 bits of the fractional parts of the cube roots of the first 64 primes. */
const ROUND_CONSTANTS = new Uint32Array([
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
	0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
	0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
	0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
	0xc67178f2
]);

/** First 32 bits of the fractional parts of the square roots of the first 8 primes. */
const INITIAL_HASH = [
	0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
];

const BLOCK_BYTES = 64;

function rotateRight(x: number, n: number): number {
	return (x >>> n) | (x << (32 - n));
}

/** Message bytes followed by 0x80, zeros and the 64-bit big-endian bit length, to a multiple of 64 bytes. */
function pad(message: Uint8Array): Uint8Array {
	const length = Math.ceil((message.length + 9) / BLOCK_BYTES) * BLOCK_BYTES;
	const padded = new Uint8Array(length);
	padded.set(message);
	padded[message.length] = 0x80;
	const view = new DataView(padded.buffer);
	const bits = message.length * 8;
	view.setUint32(length - 8, Math.floor(bits / 2 ** 32));
	view.setUint32(length - 4, bits >>> 0);
	return padded;
}

/** SHA-256 digest of raw bytes (32 bytes). */
export function sha256Bytes(message: Uint8Array): Uint8Array {
	const padded = pad(message);
	const view = new DataView(padded.buffer);
	const hash = Uint32Array.from(INITIAL_HASH);
	const schedule = new Uint32Array(64);
	for (let block = 0; block < padded.length; block += BLOCK_BYTES) {
		for (let i = 0; i < 16; i++) schedule[i] = view.getUint32(block + i * 4);
		for (let i = 16; i < 64; i++) {
			const w15 = schedule[i - 15];
			const w2 = schedule[i - 2];
			const s0 = rotateRight(w15, 7) ^ rotateRight(w15, 18) ^ (w15 >>> 3);
			const s1 = rotateRight(w2, 17) ^ rotateRight(w2, 19) ^ (w2 >>> 10);
			schedule[i] = schedule[i - 16] + s0 + schedule[i - 7] + s1;
		}
		let a = hash[0];
		let b = hash[1];
		let c = hash[2];
		let d = hash[3];
		let e = hash[4];
		let f = hash[5];
		let g = hash[6];
		let h = hash[7];
		for (let i = 0; i < 64; i++) {
			const sum1 = rotateRight(e, 6) ^ rotateRight(e, 11) ^ rotateRight(e, 25);
			const choose = (e & f) ^ (~e & g);
			const t1 = (h + sum1 + choose + ROUND_CONSTANTS[i] + schedule[i]) | 0;
			const sum0 = rotateRight(a, 2) ^ rotateRight(a, 13) ^ rotateRight(a, 22);
			const majority = (a & b) ^ (a & c) ^ (b & c);
			const t2 = (sum0 + majority) | 0;
			h = g;
			g = f;
			f = e;
			e = (d + t1) | 0;
			d = c;
			c = b;
			b = a;
			a = (t1 + t2) | 0;
		}
		hash[0] += a;
		hash[1] += b;
		hash[2] += c;
		hash[3] += d;
		hash[4] += e;
		hash[5] += f;
		hash[6] += g;
		hash[7] += h;
	}
	const digest = new Uint8Array(32);
	const out = new DataView(digest.buffer);
	for (let i = 0; i < 8; i++) out.setUint32(i * 4, hash[i]);
	return digest;
}

const encoder = new TextEncoder();

/** Lowercase hex SHA-256 of the UTF-8 encoding of `text`. */
export function sha256Hex(text: string): string {
	let hex = '';
	for (const byte of sha256Bytes(encoder.encode(text))) hex += byte.toString(16).padStart(2, '0');
	return hex;
}
