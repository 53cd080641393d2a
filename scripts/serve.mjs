#!/usr/bin/env node
// A small static file server for the built site (no dependencies). It sends the right MIME type for
// .wasm (DuckDB-WASM hangs silently without it) and can serve the site under a sub-path, to prove the
// build works from any base path.
//   node scripts/serve.mjs [--root build] [--port 4173] [--host 127.0.0.1] [--prefix /]
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
	options: {
		root: { type: 'string', default: 'build' },
		port: { type: 'string', default: '4173' },
		host: { type: 'string', default: '127.0.0.1' },
		prefix: { type: 'string', default: '/' }
	}
});

const TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.wasm': 'application/wasm',
	'.yaml': 'text/yaml; charset=utf-8',
	'.yml': 'text/yaml; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.ico': 'image/x-icon',
	'.txt': 'text/plain; charset=utf-8',
	'.duckdb': 'application/octet-stream'
};

const root = resolve(values.root);
const prefix = values.prefix.endsWith('/') ? values.prefix : `${values.prefix}/`;

function fileFor(urlPath) {
	if (!urlPath.startsWith(prefix)) return null;
	const relative = normalize(decodeURIComponent(urlPath.slice(prefix.length))).replace(/^(\.\.[/\\])+/, '');
	let path = join(root, relative);
	if (!path.startsWith(root)) return null;
	try {
		if (statSync(path).isDirectory()) path = join(path, 'index.html');
		statSync(path);
		return path;
	} catch {
		try {
			statSync(`${path}.html`);
			return `${path}.html`;
		} catch {
			return null;
		}
	}
}

const server = createServer((request, response) => {
	const url = new URL(request.url ?? '/', 'http://localhost');
	if (url.pathname === prefix.slice(0, -1)) {
		response.writeHead(301, { location: prefix });
		response.end();
		return;
	}
	const path = fileFor(url.pathname);
	if (!path) {
		response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
		response.end('Not found');
		return;
	}
	const immutable = path.includes(`${join('_app', 'immutable')}`);
	response.writeHead(200, {
		'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
		'content-length': statSync(path).size,
		'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache'
	});
	createReadStream(path).pipe(response);
});

server.listen(Number(values.port), values.host, () => {
	console.log(`SimCash Notebook is served at http://${values.host}:${values.port}${prefix}`);
});
