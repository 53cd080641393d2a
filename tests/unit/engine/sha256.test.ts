import { describe, expect, it } from 'vitest';
import { sha256Bytes, sha256Hex } from '../../../src/lib/engine/sha256';

/** Test vectors of FIPS 180-2 (appendix B) and NIST's SHA-256 examples. */
describe('SHA-256', () => {
	it.each([
		['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
		['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
		[
			'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
			'248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'
		],
		[
			'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
			'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1'
		],
		['a'.repeat(1_000_000), 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0']
	])('hashes %# to its published digest', (message, digest) => {
		expect(sha256Hex(message)).toBe(digest);
	});

	it('pads correctly around the block boundary (55, 56 and 64 bytes)', () => {
		// Lengths where the length field fits, just does not fit, and fills a whole block (digests: coreutils sha256sum).
		expect(sha256Hex('a'.repeat(55))).toBe(
			'9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318'
		);
		expect(sha256Hex('a'.repeat(56))).toBe(
			'b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a'
		);
		expect(sha256Hex('a'.repeat(64))).toBe(
			'ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb'
		);
	});

	it('hashes the UTF-8 encoding of text', () => {
		expect(sha256Bytes(new Uint8Array([0xc3, 0xa9]))).toEqual(sha256Bytes(new TextEncoder().encode('é')));
	});
});
