/** Integer cents shown as dollars: 2000 → `$20.00`. */
const DOLLARS = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

export function formatCents(cents: number): string {
	return DOLLARS.format(cents / 100);
}
