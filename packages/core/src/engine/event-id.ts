import type { RequestDescriptor } from './types.js';

const EVENT_ID_IN_QUERY = /[?&]eventId=([^&#]*)/;
const MAX_EVENT_ID_LENGTH = 128;

/** The `eventId` of a status poll: the descriptor's own, else the URL's query parameter; null when neither. */
export function eventIdOf(request: RequestDescriptor): string | null {
  const given = request.eventId;
  if (typeof given === 'string') return usable(given);
  const match = EVENT_ID_IN_QUERY.exec(request.url);
  if (match === null) return null;
  try {
    return usable(decodeURIComponent(match[1] ?? ''));
  } catch {
    return null;
  }
}

/** An id is a key in a bounded ledger: empty or absurdly long ones are not worth remembering. */
function usable(id: string): string | null {
  return id !== '' && id.length <= MAX_EVENT_ID_LENGTH ? id : null;
}
