/**
 * Scenario files from disk, for Node tests and tools: the loader of src/lib/config with the CLI's
 * resolver, which reads policy files relative to the working directory (or absolute), the scenario's
 * folder first (the loader computes the candidate paths).
 */
import { readFile } from 'node:fs/promises';
import { loadScenario, type LoadScenarioOptions, type LoadScenarioResult } from '../lib/config';
import { resolveFromDisk } from '../lib/commands/node-environment';

export class ScenarioFileError extends Error {}

/** Loads a scenario file from disk. Throws ScenarioFileError only when the file itself cannot be read. */
export async function loadScenarioFile(
	path: string,
	options: Omit<LoadScenarioOptions, 'fileName' | 'resolveFile'> = {}
): Promise<LoadScenarioResult> {
	let text: string;
	try {
		text = await readFile(path, 'utf8');
	} catch (error) {
		throw new ScenarioFileError(`${path}: cannot read: ${(error as Error).message}`);
	}
	return loadScenario(text, { ...options, fileName: path, resolveFile: resolveFromDisk });
}
