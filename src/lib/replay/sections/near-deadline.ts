/** Section 2: transactions due within two ticks (from the tick's state, not filtered). */
import { plural, shortId } from '../line-parts';
import { formatMoney } from '../money';
import type { TickIndex } from '../tick-index';

export function nearDeadlineLines(index: TickIndex): string[] {
	if (index.nearDeadline.length === 0) return [];
	const lines = ['', '⚠️  Transactions Near Deadline (within 2 ticks):'];
	for (const tx of index.nearDeadline) {
		const k = tx.ticksUntilDeadline;
		const mark = k <= 1 ? '🔴 NEXT TICK!' : '⚠️';
		lines.push(
			`  ${mark} TX ${shortId(tx.txId, 8)}... | ${tx.senderId} → ${tx.receiverId} | ` +
				`${formatMoney(tx.remainingAmount)} | Deadline: Tick ${tx.deadlineTick} (${k} tick${plural(k)} away)`
		);
	}
	return lines;
}
