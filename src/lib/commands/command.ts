/**
 * The typed commands of payment-sim, one variant per command. The parser (parse.ts) makes them from an
 * argument list; the executors (execute.ts) run them. Paths are as typed; `db: null` means "no --db
 * given", which the environment resolves (the CLI requires a file, the app has its own database).
 */
import type { EventFilter, EventFilterOptions } from '../replay/filter';
import type { PersistenceLevel } from '../store/persistence-level';

/** The event filter as typed (for the "filtering enabled" line) and as parsed. */
export interface FilterChoice {
	options: EventFilterOptions;
	filter: EventFilter;
}

export type RunSource = { kind: 'scenario'; path: string } | { kind: 'engine-config'; path: string };

export interface RunCommand {
	kind: 'run';
	source: RunSource;
	seed: bigint | null;
	ticks: number | null;
	strict: boolean;
	simcashCompat: boolean;
	eventsJsonl: string | null;
	finalJson: string | null;
	db: string | null;
	/** As given; with --db the default is full. */
	persist: PersistenceLevel | null;
	verbose: boolean;
	filter: FilterChoice;
}

export interface ValidateScenarioCommand {
	kind: 'validate';
	scenario: string;
	seed: bigint | null;
	strict: boolean;
	simcashCompat: boolean;
}

export interface TickWindow {
	fromTick: number | null;
	toTick: number | null;
}

export interface ReplayCommand extends TickWindow {
	kind: 'replay';
	/** A simulation id or an experiment id. */
	id: string;
	db: string | null;
	verbose: boolean;
	filter: FilterChoice;
}

export interface DbSimulationsCommand {
	kind: 'db-simulations';
	db: string | null;
	/** Only the runs of this experiment. */
	experimentId: string | null;
	limit: number | null;
	json: boolean;
}

export interface DbExperimentsCommand {
	kind: 'db-experiments';
	db: string | null;
	limit: number | null;
	json: boolean;
}

export interface DbExperimentDetailsCommand {
	kind: 'db-experiment-details';
	db: string | null;
	experimentId: string;
	json: boolean;
}

export interface DbInfoCommand {
	kind: 'db-info';
	db: string | null;
	json: boolean;
}

export interface DbCostsCommand {
	kind: 'db-costs';
	db: string | null;
	simulationId: string;
	agentId: string | null;
	/** Costs accrued in each tick instead of running totals. */
	perTick: boolean;
	/** Table rows shown (first and last half); JSON has every tick. */
	limit: number;
	json: boolean;
}

/** Which run of an experiment: `final`, `initial`, `iterN`, `iterN:PURPOSE`, `iterN:bootstrap:M`. */
export type SimulationSelector =
	| { kind: 'final' }
	| {
			kind: 'iteration';
			iteration: number;
			purpose: 'initial' | 'evaluation' | 'bootstrap' | 'best' | 'final';
			sample: number | null;
	  };

export interface ExperimentReplayCommand extends TickWindow {
	kind: 'experiment-replay';
	db: string | null;
	experimentId: string;
	/** Replay this run of the experiment; without it the experiment's log is shown. */
	simulation: SimulationSelector | null;
	/** The proposers' full records (prompts and replies, or search candidates). */
	audit: boolean;
	/** Iterations shown (0-based, inclusive). */
	start: number | null;
	end: number | null;
	verbose: boolean;
	filter: FilterChoice;
}

export interface ExperimentResultsCommand {
	kind: 'experiment-results';
	db: string | null;
	/** One experiment's iterations; without it, every experiment of the database. */
	experimentId: string | null;
	limit: number | null;
	json: boolean;
}

export interface ExperimentListCommand {
	kind: 'experiment-list';
	/** List the experiment files of this folder instead of the database's experiments. */
	directory: string | null;
	db: string | null;
	limit: number | null;
	json: boolean;
}

export interface PolicyEvolutionCommand {
	kind: 'experiment-policy-evolution';
	db: string | null;
	experimentId: string;
	agentId: string | null;
	/** Iterations, 1-based inclusive, as SimCash numbers them in this output. */
	start: number | null;
	end: number | null;
	llm: boolean;
	compact: boolean;
}

export interface ExperimentRunCommand {
	kind: 'experiment-run';
	file: string;
	optimizer: 'search' | 'llm' | null;
	db: string | null;
	maxIterations: number | null;
	seed: number | null;
	strict: boolean;
	json: boolean;
}

export interface ExperimentResumeCommand {
	kind: 'experiment-resume';
	experimentId: string;
	db: string | null;
	json: boolean;
}

export interface ValidatePolicyCommand {
	kind: 'validate-policy';
	file: string;
	format: 'text' | 'json';
}

export interface SchemaCommand {
	kind: 'policy-schema' | 'cost-schema';
	format: 'json' | 'markdown';
}

export interface HelpCommand {
	kind: 'help';
	/** The command asked about, or null for the overview. */
	topic: string | null;
}

export type Command =
	| RunCommand
	| ValidateScenarioCommand
	| ReplayCommand
	| DbSimulationsCommand
	| DbExperimentsCommand
	| DbExperimentDetailsCommand
	| DbInfoCommand
	| DbCostsCommand
	| ExperimentReplayCommand
	| ExperimentResultsCommand
	| ExperimentListCommand
	| PolicyEvolutionCommand
	| ExperimentRunCommand
	| ExperimentResumeCommand
	| ValidatePolicyCommand
	| SchemaCommand
	| HelpCommand;

export type CommandKind = Command['kind'];
