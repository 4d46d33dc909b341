// Types of fgs-emulator's Node helper (index.js). The answers follow docs/control-api.md.

export interface StartOptions {
  /** Emulator executable; default $FGS_EMULATOR, else `fgs-emulator` on PATH. */
  binary?: string;
  /** Attach to a running emulator (a container, a CI service) instead of starting one. */
  url?: string;
  /** Flags; `--port 0` is added unless they choose a port. */
  args?: string[];
  /** Extra environment variables (FGS_EMULATOR_<FLAG> works like a flag). */
  env?: Record<string, string>;
  /** Sent as X-Emulator-Token (with --admin-token). */
  adminToken?: string;
  /** Default 10000. */
  startTimeoutMs?: number;
  /** Default 10000: SIGKILL after this long. */
  stopTimeoutMs?: number;
}

export interface StopResult {
  code: number | null;
  signal: string | null;
  stderr: string;
}

export interface RunningEmulator {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  client: EmulatorClient;
  /** The child process; null when attached with {url}. */
  child: import('node:child_process').ChildProcess | null;
  /** Everything the emulator wrote on stderr so far. */
  readonly stderr: string;
  /** SIGTERM, then waits for the exit (a no-op when attached with {url}). */
  stop(): Promise<StopResult>;
}

export function startEmulator(options?: StartOptions | string[]): Promise<RunningEmulator>;

export class EmulatorError extends Error {
  method: string;
  path: string;
  /** HTTP status; undefined when there was no answer. */
  status?: number;
  error_code?: string;
  error_msg: string;
  readonly errorCode?: string;
  readonly errorMsg: string;
  /** The answer's body, parsed when it is JSON. */
  body?: unknown;
}

export type ProjectScope = { projectId?: string };
export type ResetKind =
  | 'all' | 'functions' | 'configs' | 'journal' | 'faults' | 'switches' | 'clock' | 'invocations';

export interface JournalFilters extends ProjectScope {
  method?: string;
  /** Glob over the path: `*` any run of characters, `?` one character. */
  path?: string;
  status?: number;
}

export interface JournalEntry {
  seq: number;
  time: string;
  request_id: string;
  method: string;
  target: string;
  path: string;
  project_id: string;
  headers: Record<string, string>;
  body: string;
  status: number;
  response_body: string;
  rule?: string;
}

export interface Journal {
  count: number;
  returned: number;
  capacity: number;
  size: number;
  evicted: number;
  entries: JournalEntry[];
}

export interface FaultRule {
  method?: string;
  path?: string;
  projectId?: string;
  action?: 'error' | 'delay' | 'reset' | 'truncate' | 'malformed';
  status?: number;
  errorCode?: string;
  errorMsg?: string;
  delayMs?: number;
  times?: number;
  probability?: number;
}

export interface Fault {
  id: string;
  action: string;
  hits: number;
  method: string | null;
  path: string | null;
  project_id: string | null;
  times: number | null;
  probability: number | null;
  status?: number;
  error_code?: string;
  error_msg?: string;
  delay_ms?: number;
}

export interface Switches {
  project_id: string | null;
  own: boolean;
  switches: Record<string, string>;
  presets: string[];
}

export interface Clock {
  project_id: string | null;
  mode: 'real' | 'frozen';
  now: string;
  offset_ms: number;
  own: boolean;
}

export interface Outcome {
  outcome: 'succeed' | 'fail' | 'timeout';
  result?: string;
  errorMessage?: string;
  durationMs?: number;
}

export interface Invocation {
  request_id: string;
  function_urn: string;
  status: string;
  attempts: number;
  payload: string;
  result: string;
  error_code: number;
  error_message: string;
  enqueued: string;
  start_time: string;
  end_time: string;
}

export interface Delivery {
  seq: number;
  destination: string;
  on: 'on_success' | 'on_failure';
  target: string;
  outcome: string;
  at: string;
  notification: Record<string, unknown>;
  object_key?: string;
  expires_at?: string | null;
  expired?: boolean;
  chained_request_id?: string;
}

export interface InvocationFilters {
  projectId: string;
  requestId?: string;
  status?: string;
  minCount?: number;
  waitMs?: number;
}

export interface DeliveryFilters {
  projectId: string;
  destination?: string;
  target?: string;
  minCount?: number;
  waitMs?: number;
}

export interface WaitOptions {
  /** How many must exist; default 1. */
  count?: number;
  /** Default 10000. */
  timeoutMs?: number;
}

export class EmulatorClient {
  constructor(url: string, options?: { adminToken?: string; timeoutMs?: number });
  readonly url: string;

  /** Any control request: resolves to the parsed answer (undefined for 204). */
  request(method: string, path: string, body?: unknown): Promise<any>;

  health(): Promise<{ status: string; version: string }>;
  ready(): Promise<{ ready: boolean; fixtures_loaded: number; projects: number }>;
  waitUntilReady(options?: { timeoutMs?: number; intervalMs?: number }): Promise<{ ready: boolean }>;

  /** to: 'start' (default: back to the fixtures or state file loaded at start-up) or 'empty'. */
  reset(options?: ProjectScope & { kind?: ResetKind; to?: 'start' | 'empty' }): Promise<{ reset: ResetKind; project_id: string | null; to: 'start' | 'empty' }>;
  state(options?: ProjectScope): Promise<Record<string, unknown>>;
  loadState(document: Record<string, unknown>): Promise<{ loaded_projects: string[] }>;
  seed(seed: number): Promise<{ seed: number }>;

  journal(filters?: JournalFilters & { limit?: number }): Promise<Journal>;
  journalCount(filters?: JournalFilters): Promise<number>;
  clearJournal(options?: ProjectScope): Promise<void>;

  addFault(rule: FaultRule): Promise<Fault>;
  faults(options?: ProjectScope): Promise<Fault[]>;
  removeFault(id: string): Promise<void>;
  clearFaults(options?: ProjectScope): Promise<void>;

  switches(options?: ProjectScope): Promise<Switches>;
  setSwitches(
    switches?: Record<string, string | number | boolean>,
    options?: ProjectScope & { profile?: 'documented' | 'observed' | 'example' }
  ): Promise<Switches>;
  resetSwitches(options?: ProjectScope): Promise<Switches>;

  readonly clock: {
    get(options?: ProjectScope): Promise<Clock>;
    /** Freeze now, or at `time`. */
    freeze(time?: string | Date, options?: ProjectScope): Promise<Clock>;
    /** Freeze at `time`. */
    set(time: string | Date, options?: ProjectScope): Promise<Clock>;
    /** Milliseconds, or {seconds, ms}; negative moves back. Runs what falls due. */
    advance(amount: number | { seconds?: number; ms?: number }, options?: ProjectScope): Promise<Clock>;
    /** Run on in real time from the current time. */
    real(options?: ProjectScope): Promise<Clock>;
    /** Back to real time, no offset (a project: follow the default clock again). */
    reset(options?: ProjectScope): Promise<Clock>;
  };

  setBehaviour(behaviour: {
    projectId: string;
    functionUrn: string;
    script?: Outcome[];
    otherwise?: Outcome;
  }): Promise<{ project_id: string; function_urn: string; script: number }>;
  clearBehaviours(options: { projectId: string }): Promise<void>;

  invocations(filters: InvocationFilters): Promise<{ count: number; evicted: number; invocations: Invocation[] }>;
  deliveries(filters: DeliveryFilters): Promise<{ count: number; evicted: number; deliveries: Delivery[] }>;
  waitForInvocations(filters: Omit<InvocationFilters, 'minCount' | 'waitMs'> & WaitOptions): Promise<Invocation[]>;
  waitForDeliveries(filters: Omit<DeliveryFilters, 'minCount' | 'waitMs'> & WaitOptions): Promise<Delivery[]>;
}
