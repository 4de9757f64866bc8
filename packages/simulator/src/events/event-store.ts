import type { ErrorBody } from '../http/reply.js';
import { type Random, randomUuid } from '../util/prng.js';
import type { Timers } from '../util/timers.js';

export type EventType = 'ASSOCIATE' | 'DISASSOCIATE' | 'REVOKE' | 'CREATE' | 'UPDATE' | 'RETIRE';
export type EventStatus = 'PENDING' | 'COMPLETE' | 'FAILED';

export interface EventOutcome {
  readonly numCompleted: number;
  readonly failures: readonly ErrorBody[];
}

export interface EventRecord {
  readonly eventId: string;
  readonly orgHash: string;
  readonly eventType: EventType;
  readonly numRequested: number;
  eventStatus: EventStatus;
  numCompleted: number;
  failures: readonly ErrorBody[];
}

/** Background work: an event stays PENDING for `delayMs`, then runs and records its outcome. */
export class EventStore {
  readonly #events = new Map<string, EventRecord>();

  constructor(
    private readonly timers: Timers,
    private readonly random: Random,
    private readonly delayMs: number,
  ) {}

  create(orgHash: string, eventType: EventType, numRequested: number, run: () => EventOutcome): EventRecord {
    const event: EventRecord = {
      eventId: randomUuid(this.random),
      orgHash,
      eventType,
      numRequested,
      eventStatus: 'PENDING',
      numCompleted: 0,
      failures: [],
    };
    this.#events.set(event.eventId, event);
    this.timers.schedule(this.delayMs, () => {
      const outcome = run();
      event.numCompleted = outcome.numCompleted;
      event.failures = outcome.failures;
      event.eventStatus = outcome.failures.length > 0 ? 'FAILED' : 'COMPLETE';
    });
    return event;
  }

  /** An event, only if it belongs to this organization. */
  get(orgHash: string, eventId: string): EventRecord | undefined {
    const event = this.#events.get(eventId);
    return event?.orgHash === orgHash ? event : undefined;
  }
}
