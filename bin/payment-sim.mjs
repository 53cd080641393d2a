#!/usr/bin/env node
// Node entry of the payment-sim CLI: loads the TypeScript sources through tsx, so the CLI always runs
// exactly the code the app and the tests run.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/payment-sim.ts');
