import { RecentKeys } from '../shared/recent-keys.js';

/** The (eventId, error number) pairs a registry has already counted. */
export type EventLedger = RecentKeys<true>;

const MAX_EVENTS = 10_000;
const ledgers = new WeakMap<object, EventLedger>();

/**
 * One ledger per registry, shared by every engine that writes to it: a FAILED event is seen by the status
 * poll, by `waitForEvent` and by the notification (up to three deliveries), and each of those may run on a
 * different engine, yet the failure happened once and must be counted once.
 */
export function eventLedgerFor(registry: object): EventLedger {
  let ledger = ledgers.get(registry);
  if (ledger === undefined) {
    ledger = new RecentKeys<true>(MAX_EVENTS);
    ledgers.set(registry, ledger);
  }
  return ledger;
}
