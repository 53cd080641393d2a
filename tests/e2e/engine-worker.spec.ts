import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { collectPageErrors, openApp } from './helpers';

const GOLDEN = 'tests/fixtures/golden';

/** The final summary of the same configuration run by the Node CLI. */
function finalInNode(configText: string, dir: string): string {
	mkdirSync(dir, { recursive: true });
	const configPath = `${dir}/config.json`;
	const finalPath = `${dir}/final.json`;
	writeFileSync(configPath, configText);
	execFileSync('node', [
		'bin/payment-sim.mjs',
		'run',
		'--engine-config',
		configPath,
		'--final-json',
		finalPath
	]);
	return readFileSync(finalPath, 'utf8');
}

function goldenFile(folder: string, name: string): string {
	try {
		return readFileSync(`${GOLDEN}/${folder}/${name}`, 'utf8');
	} catch {
		return gunzipSync(readFileSync(`${GOLDEN}/${folder}/${name}.gz`)).toString('utf8');
	}
}

for (const folder of ['suboptimal_policies_10day__seed42', 'crisis_resolution_10day__seed42']) {
	test(`a golden config runs in the engine worker with the same final figures as in Node: ${folder}`, async ({
		page
	}, testInfo) => {
		const errors = collectPageErrors(page);
		const configText = goldenFile(folder, 'config.json');
		const inNode = finalInNode(configText, testInfo.outputDir);
		expect(inNode).toBe(goldenFile(folder, 'final.json'));

		await openApp(page);
		await page.getByTestId('engine-file').setInputFiles({
			name: `${folder}.json`,
			mimeType: 'application/json',
			buffer: Buffer.from(configText)
		});
		await page.getByTestId('engine-run').click();
		await expect(page.getByTestId('engine-panel')).toHaveAttribute('data-status', 'completed', {
			timeout: 60_000
		});
		await expect(page.getByTestId('engine-percent')).toHaveText('100 %');
		const inBrowser = await page.getByTestId('engine-final-json').textContent();
		expect(inBrowser).toBe(inNode);
		await expect(page.getByTestId('engine-panel').getByTestId('costs-table').locator('tbody tr')).toHaveCount(
			JSON.parse(inNode).agents.length
		);
		await page.getByTestId('engine-panel').screenshot({ path: testInfo.outputPath('engine-run.png') });
		expect(errors).toEqual([]);
	});
}

test('a broken engine config names the file and the field', async ({ page }) => {
	await openApp(page);
	const config = JSON.parse(goldenFile('exp2_12period__seed42', 'config.json'));
	config.agent_configs[0].opening_balance = 'lots';
	await page.getByTestId('engine-file').setInputFiles({
		name: 'broken.json',
		mimeType: 'application/json',
		buffer: Buffer.from(JSON.stringify(config))
	});
	await page.getByTestId('engine-run').click();
	const error = page.getByTestId('engine-error');
	await expect(error).toContainText('broken.json');
	await expect(error).toContainText('agent_configs[0].opening_balance');
});
