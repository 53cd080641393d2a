/** Example files shipped in static/examples/, listed on the start page. */
export interface Example {
	file: string;
	title: string;
}

export const EXAMPLES: readonly Example[] = [
	{
		file: 'scenarios/exp1_2period.yaml',
		title: 'Castro experiment 1: two banks, two periods, deterministic'
	},
	{
		file: 'scenarios/bis_liquidity_delay_tradeoff.yaml',
		title: 'BIS working paper 1310, box 3: the liquidity–delay trade-off'
	}
];
