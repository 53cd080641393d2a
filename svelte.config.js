import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ pages: 'build', assets: 'build', fallback: undefined, strict: true }),
		// Relative asset paths: one build works when served from any sub-path.
		paths: { base: process.env.BASE_PATH ?? '', relative: true },
		alias: {
			// The synchronous DuckDB bindings are not in the package's "exports"; no extension on purpose,
			// so that both Vite and svelte-check resolve the .mjs and the .d.ts.
			'duckdb-wasm-blocking': 'node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser-blocking',
			$workers: 'workers'
		}
	}
};

export default config;
