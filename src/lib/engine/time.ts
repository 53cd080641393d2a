/** The simulation clock (§1): a tick counter and a fixed day length. */
export class Clock {
	currentTick = 0;

	constructor(readonly ticksPerDay: number) {
		if (!(ticksPerDay > 0)) throw new Error('ticks_per_day must be > 0');
	}

	get currentDay(): number {
		return Math.floor(this.currentTick / this.ticksPerDay);
	}

	get tickWithinDay(): number {
		return this.currentTick % this.ticksPerDay;
	}

	get isEndOfDay(): boolean {
		return this.tickWithinDay === this.ticksPerDay - 1;
	}

	advance(): void {
		this.currentTick += 1;
	}
}

/** Day of a tick. */
export function dayOf(tick: number, ticksPerDay: number): number {
	return Math.floor(tick / ticksPerDay);
}
