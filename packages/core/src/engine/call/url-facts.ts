import { BoundedCache } from '../../shared/bounded-cache.js';
import { originOf, type UrlOrigin } from '../../shared/url-origin.js';
import { operationOf } from '../../telemetry/operation.js';

/** What a call derives from its URL, worked out once per distinct URL string. */
export interface UrlFacts {
  readonly origin: UrlOrigin;
  /** Operation label per upper-case method. */
  readonly operations: Map<string, string>;
}

const facts = new BoundedCache<UrlFacts>(512);

/** The origin (host, address, port) of `url`, and a slot for its operation labels, cached by the URL itself. */
export function urlFactsOf(url: string): UrlFacts {
  return facts.get(url) ?? facts.set(url, { origin: originOf(url), operations: new Map() });
}

/** The operation label of `method` on the URL the facts describe. */
export function operationIn(known: UrlFacts, method: string, url: string): string {
  let operation = known.operations.get(method);
  if (operation === undefined) {
    operation = operationOf(method, url);
    known.operations.set(method, operation);
  }
  return operation;
}
