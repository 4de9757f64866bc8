import type { Clock } from '../util/clock.js';
import { checkFaults } from './check-faults.js';
import { scenarioFaults } from './scenarios.js';
import type { EffectiveFaults, FaultConfig, FaultController, ScenarioName } from './types.js';

type Resolve = (sTokenOrHash: string) => string;

/** Global and per-token faults. Stores checked copies, never the caller's objects, with schedules anchored. */
export class FaultStore implements FaultController {
  #global: EffectiveFaults;
  readonly #perToken = new Map<string, EffectiveFaults>();

  constructor(
    initial: FaultConfig,
    private readonly resolveHash: Resolve,
    private readonly clock: Clock,
  ) {
    this.#global = this.#anchor(initial);
  }

  set(config: FaultConfig): void {
    this.#global = { ...this.#global, ...this.#anchor(config) };
  }

  setForToken(sTokenOrHash: string, config: FaultConfig): void {
    const anchored = this.#anchor(config);
    const hash = this.resolveHash(sTokenOrHash);
    this.#perToken.set(hash, { ...this.#perToken.get(hash), ...anchored });
  }

  useScenario(name: ScenarioName): void {
    this.clear();
    this.#global = this.#anchor(scenarioFaults(name, this.clock()));
  }

  revoke(sTokenOrHash: string): void {
    this.setForToken(sTokenOrHash, { revoked: true });
  }

  clear(): void {
    this.#global = {};
    this.#perToken.clear();
  }

  effective(hash: string | null): EffectiveFaults {
    const own = hash === null ? undefined : this.#perToken.get(hash);
    if (!own) return this.#global;
    const merged: Record<string, unknown> = { ...this.#global };
    for (const [key, value] of Object.entries(own)) if (value !== undefined) merged[key] = value;
    return merged as EffectiveFaults;
  }

  /** A checked copy in which a capacity schedule and a foreign load start now: "relative to when it is set". */
  #anchor(config: FaultConfig): EffectiveFaults {
    checkFaults(config);
    const { capacitySchedule, foreignLoad, ...rest } = config;
    const now = this.clock();
    const anchored: { -readonly [K in keyof EffectiveFaults]: EffectiveFaults[K] } = { ...rest };
    if (capacitySchedule !== undefined)
      anchored.capacitySchedule =
        capacitySchedule === false
          ? false
          : capacitySchedule.map((step) => ({ ...step, startsAt: now + step.atMs }));
    if (foreignLoad !== undefined)
      anchored.foreignLoad = foreignLoad === false ? false : { perSecond: foreignLoad.perSecond, since: now };
    return anchored;
  }
}
