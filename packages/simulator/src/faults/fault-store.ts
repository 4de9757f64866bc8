import type { Clock } from '../util/clock.js';
import { scenarioFaults } from './scenarios.js';
import type { FaultConfig, FaultController, ScenarioName } from './types.js';

type Resolve = (sTokenOrHash: string) => string;

/** Global and per-token faults. Stores copies, never the caller's objects. */
export class FaultStore implements FaultController {
  #global: FaultConfig;
  readonly #perToken = new Map<string, FaultConfig>();

  constructor(
    initial: FaultConfig,
    private readonly resolveHash: Resolve,
    private readonly clock: Clock,
  ) {
    this.#global = { ...initial };
  }

  set(config: FaultConfig): void {
    this.#global = { ...this.#global, ...config };
  }

  setForToken(sTokenOrHash: string, config: FaultConfig): void {
    const hash = this.resolveHash(sTokenOrHash);
    this.#perToken.set(hash, { ...this.#perToken.get(hash), ...config });
  }

  useScenario(name: ScenarioName): void {
    this.clear();
    this.#global = scenarioFaults(name, this.clock());
  }

  revoke(sTokenOrHash: string): void {
    this.setForToken(sTokenOrHash, { revoked: true });
  }

  clear(): void {
    this.#global = {};
    this.#perToken.clear();
  }

  effective(hash: string | null): FaultConfig {
    const own = hash === null ? undefined : this.#perToken.get(hash);
    if (!own) return this.#global;
    const merged: Record<string, unknown> = { ...this.#global };
    for (const [key, value] of Object.entries(own)) if (value !== undefined) merged[key] = value;
    return merged as FaultConfig;
  }
}
