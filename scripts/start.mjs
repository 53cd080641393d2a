#!/usr/bin/env node
// npm start: install what is missing, build the static site, serve it on localhost.
import { build, ensureDependencies, runOrExit } from './setup.mjs';

ensureDependencies();
build();
const port = process.env.PORT ?? '4173';
runOrExit('node', ['scripts/serve.mjs', '--root', 'build', '--port', port, '--host', '127.0.0.1']);
