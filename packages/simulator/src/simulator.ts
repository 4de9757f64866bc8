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
  /** Stop listening, cancel background work and drop open connections. */
  close(): Promise<void>;
}
