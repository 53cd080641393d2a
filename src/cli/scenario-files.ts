/**
 * Scenario files from disk for the Node command line: the loader of src/lib/config with a resolver that
 * reads policy files relative to the working directory (or absolute), the scenario's folder first (the
 * loader computes the candidate paths).
 */
import { readFile } from 'node:fs/promises';
import {
	loadScenario,
	type LoadScenarioOptions,
	type LoadScenarioResult,
	type ResolveFile
} from '../lib/config';

/** Reads a file; null when it does not exist (or is a folder), so that the loader tries its next candidate. */
export const readFileFromDisk: ResolveFile = async (path) => {
	try {
		return await readFile(path, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return null;
		throw error;
	}
};

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
	return loadScenario(text, { ...options, fileName: path, resolveFile: readFileFromDisk });
}
