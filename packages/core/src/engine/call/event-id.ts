import type { RequestDescriptor } from './types.js';

const EVENT_ID_IN_QUERY = /[?&]eventId=([^&#]*)/;
/** Apple's eventIds are UUIDs; an id is also a key in bounded ledgers, so an absurdly long one is refused. */
const MAX_EVENT_ID_LENGTH = 128;

/** The `eventId` of a status poll: the descriptor's own, else the URL's query parameter; null when neither. */
export function eventIdOf(request: RequestDescriptor): string | null {
  const given = request.eventId;
  if (given !== undefined) return usableEventId(given);
  const match = EVENT_ID_IN_QUERY.exec(request.url);
  if (match === null) return null;
  try {
    return usableEventId(decodeURIComponent(match[1] ?? ''));
  } catch {
    return null;
  }
}

/** `value` as an eventId worth remembering: a non-empty string of at most 128 characters, else null. */
export function usableEventId(value: unknown): string | null {
  return typeof value === 'string' && value !== '' && value.length <= MAX_EVENT_ID_LENGTH ? value : null;
}
