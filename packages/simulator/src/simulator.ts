import type { CapacitySnapshot } from './faults/rate-limiter.js';
import type { FaultController } from './faults/types.js';
import type { RequestLog } from './log/request-log.js';
import type { StateController } from './state/org-store.js';
import type { MakeSTokenOptions } from './token/s-token.js';

/** A running fake of Apple's VPP (legacy) and Apps and Books (v2) APIs. */
export interface Simulator {
  /** `http://127.0.0.1:PORT`; v2 lives under `/mdm/v2/`, legacy services under `/mdm/`. */
  readonly url: string;
  readonly port: number;
  /** Every request received, without secrets. */
  readonly requests: RequestLog;
  /** Change faults while running. */
  readonly faults: FaultController;
  /** Inspect and seed organizations. */
  readonly state: StateController;
  /** A well-formed sToken (new organization), deterministic for the simulator's seed. */
  token(options?: MakeSTokenOptions): string;
  /** The hash the request log uses for a token. */
  tokenHash(sToken: string): string;
  /**
   * A token's rate-limit bucket as of now: the capacity in force, the tokens left, and what its foreign client
   * (`foreignLoad`) has sent, been served and been refused so far. Null when no rate limit applies to the token.
   *
   * @example
   * sim.faults.setForToken(sToken, { rateLimit: { perSecond: 15 }, foreignLoad: { perSecond: 7 } });
   * // … run your client …
   * sim.capacity(sToken)?.foreign; // { sent: 70, served: 70, refused: 0 }: your client left it its share
   */
  capacity(sTokenOrHash: string): CapacitySnapshot | null;
  /** Stop listening, cancel background work and drop open connections. */
  close(): Promise<void>;
}
