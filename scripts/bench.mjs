#!/usr/bin/env node
// npm run bench: install what is missing, build the site, run every benchmark, print one table.
import { build, ensureChromium, ensureDependencies, runOrExit } from './setup.mjs';

ensureDependencies();
ensureChromium();
build();
runOrExit('npx', ['tsx', 'bench/run.ts']);
