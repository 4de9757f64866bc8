import type { IncomingHttpHeaders } from 'node:http';
import type { EventStore } from '../events/event-store.js';
import type { Notifier } from '../events/notifier.js';
import type { Chance } from '../faults/gate.js';
import type { RateLimiter } from '../faults/rate-limiter.js';
import type { EffectiveFaults } from '../faults/types.js';
import type { NormalizedOptions } from '../options.js';
import type { OrgStore } from '../state/org-store.js';
import type { Random } from '../util/prng.js';
import type { Reply } from './reply.js';

/** One request, as both APIs' pipelines see it. */
export interface IncomingCall {
  readonly method: string;
  readonly endpoint: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly rawBody: Buffer;
  readonly at: number;
  /** The sToken the request carried (Bearer value or body field), if any. Never logged. */
  readonly sToken: string | null;
  readonly hash: string | null;
  readonly faults: EffectiveFaults;
}

/** The simulator's shared machinery, handed to each API's pipeline. */
export interface Services {
  readonly options: NormalizedOptions;
  readonly orgs: OrgStore;
  readonly events: EventStore;
  readonly notifier: Notifier;
  readonly limiter: RateLimiter;
  readonly chance: Chance;
  readonly random: Random;
  readonly baseUrl: () => string;
}

export type Pipeline = (call: IncomingCall, services: Services) => Promise<Reply>;
