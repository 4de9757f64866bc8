import type { EventStore } from '../events/event-store.js';
import type { Notifier } from '../events/notifier.js';
import type { FaultConfig } from '../faults/types.js';
import type { Reply } from '../http/reply.js';
import type { NormalizedOptions } from '../options.js';
import type { OrgState } from '../state/types.js';
import type { Random } from '../util/prng.js';

/** What every v2 handler gets: the caller's organization and the simulator's services. */
export interface V2Context {
  readonly org: OrgState;
  readonly method: string;
  readonly query: URLSearchParams;
  readonly body: Record<string, unknown>;
  readonly baseUrl: string;
  readonly options: NormalizedOptions;
  readonly events: EventStore;
  readonly notifier: Notifier;
  readonly faults: FaultConfig;
  /** True with the given probability, from the seeded fault PRNG. */
  readonly chance: (probability: number) => boolean;
  /** The seeded id PRNG (invite codes, ids). */
  readonly random: Random;
}

export type V2Handler = (ctx: V2Context) => Reply | Promise<Reply>;
