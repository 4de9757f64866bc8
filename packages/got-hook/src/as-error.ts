/** `reason` itself when it is an Error (an AbortSignal's DOMException is one), else an Error carrying it. */
export function asError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error('The request was stopped', { cause: reason });
}
