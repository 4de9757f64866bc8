import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CapacitySnapshot } from '../faults/rate-limiter.js';
import type { EffectiveFaults, FaultConfig, ScenarioName } from '../faults/types.js';
import type { RequestRecord, ThroughputWindow } from '../log/types.js';
import type { SimulatorOptions } from '../options.js';
import type { AssignOutcome, Holder } from '../state/assign.js';
import type { OrgSnapshot } from '../state/snapshot.js';
import type { AssetSeed, PricingParam, UserSeed } from '../state/types.js';
import type { MakeSTokenOptions } from '../token/s-token.js';
import { tokenHash } from '../token/token-hash.js';
import type { ChildFailed, ChildStarted, RemoteMethod, RemoteReply } from './remote-methods.js';

/** A simulator in its own process: the same controls as {@link Simulator}, asynchronous. */
export interface RemoteSimulator {
  readonly url: string;
  readonly port: number;
  readonly requests: {
    all(): Promise<RequestRecord[]>;
    count(): Promise<number>;
    forToken(hash: string): Promise<RequestRecord[]>;
    violations(hash?: string, options?: { readonly graceMs?: number }): Promise<RequestRecord[]>;
    throughput(
      hash: string,
      options?: { readonly from?: number; readonly to?: number; readonly windowMs?: number },
    ): Promise<ThroughputWindow[]>;
    clear(): Promise<void>;
  };
  readonly faults: {
    set(config: FaultConfig): Promise<void>;
    setForToken(sTokenOrHash: string, config: FaultConfig): Promise<void>;
    useScenario(name: ScenarioName): Promise<void>;
    revoke(sTokenOrHash: string): Promise<void>;
    clear(): Promise<void>;
    effective(hash: string | null): Promise<EffectiveFaults>;
  };
  readonly state: {
    org(sTokenOrHash: string): Promise<OrgSnapshot | undefined>;
    setAsset(sTokenOrHash: string, asset: AssetSeed): Promise<void>;
    addLicenses(
      sTokenOrHash: string,
      adamId: string,
      delta: number,
      pricingParam?: PricingParam,
    ): Promise<void>;
    addUser(sTokenOrHash: string, user: UserSeed): Promise<void>;
    assign(
      sTokenOrHash: string,
      adamId: string,
      holder: Holder,
      pricingParam?: PricingParam,
    ): Promise<AssignOutcome>;
  };
  token(options?: MakeSTokenOptions): Promise<string>;
  tokenHash(sToken: string): string;
  capacity(sTokenOrHash: string): Promise<CapacitySnapshot | null>;
  close(): Promise<void>;
}

/**
 * Starts the simulator in a child process. Use it when the code under test keeps its own event loop busy: the
 * simulator's arrival timestamps (the request log's truth about Retry-After windows) then cannot be delayed by
 * the client's work. Needs the built package (`dist/`); the `now` clock option cannot cross processes.
 *
 * @example
 * const sim = await startSimulatorProcess({ seed: 7 });
 * const sToken = await sim.token();
 * await sim.faults.setForToken(sToken, { rateLimit: { perSecond: 15 } });
 * // … run your client against sim.url …
 * expect(await sim.requests.violations(sim.tokenHash(sToken), { graceMs: 10 })).toEqual([]);
 * await sim.close();
 */
export async function startSimulatorProcess(
  options: Omit<SimulatorOptions, 'now'> = {},
): Promise<RemoteSimulator> {
  // Loaded from the TypeScript sources (a test runner's `source` condition), the child is still the built one.
  const beside = fileURLToPath(new URL('./child.js', import.meta.url));
  const entry = existsSync(beside)
    ? beside
    : fileURLToPath(new URL('../../dist/process/child.js', import.meta.url));
  // 'advanced' serialization keeps undefined arguments (violations(undefined, {...})) and Dates intact.
  const child = fork(entry, [JSON.stringify(options)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
    // The child is plain Node: none of the parent's flags (loaders, --conditions of a test runner) apply.
    execArgv: [],
  });
  const started = await new Promise<ChildStarted>((resolve, reject) => {
    child.once('message', (message: ChildStarted | ChildFailed) =>
      message.started ? resolve(message) : reject(new Error(`simulator process: ${message.message}`)),
    );
    child.once('exit', (code) => reject(new Error(`simulator process exited with ${code} before listening`)));
  });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  child.on('message', (reply: RemoteReply) => {
    const waiter = pending.get(reply.id);
    if (!waiter) return;
    pending.delete(reply.id);
    if (reply.ok) waiter.resolve(reply.value);
    else waiter.reject(new Error(reply.message));
  });
  child.once('exit', () => {
    for (const waiter of pending.values()) waiter.reject(new Error('simulator process exited'));
    pending.clear();
  });
  const call =
    <T>(method: RemoteMethod) =>
    (...args: unknown[]): Promise<T> =>
      new Promise<T>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        child.send({ id, method, args });
      });
  return {
    url: started.url,
    port: started.port,
    requests: {
      all: call('requests.all'),
      count: call('requests.count'),
      forToken: call('requests.forToken'),
      violations: call('requests.violations'),
      throughput: call('requests.throughput'),
      clear: call('requests.clear'),
    },
    faults: {
      set: call('faults.set'),
      setForToken: call('faults.setForToken'),
      useScenario: call('faults.useScenario'),
      revoke: call('faults.revoke'),
      clear: call('faults.clear'),
      effective: call('faults.effective'),
    },
    state: {
      org: call('state.org'),
      setAsset: call('state.setAsset'),
      addLicenses: call('state.addLicenses'),
      addUser: call('state.addUser'),
      assign: call('state.assign'),
    },
    token: call('token'),
    tokenHash,
    capacity: call('capacity'),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  };
}
