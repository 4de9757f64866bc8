import type { AttemptContext, Transport } from '../call/types.js';

export interface FakeReply {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
}

/**
 * An in-memory Apple for fake-timer tests: each attempt takes `latencyMs` of (fake) time; `answer` decides the
 * reply on arrival. It records when every attempt was sent and when the client learned of a Retry-After.
 */
export function fakeApple(answer: (arrivalIndex: number, now: number) => FakeReply, latencyMs = 50) {
  const sentAt: number[] = [];
  let arrivals = 0;
  const transport: Transport<FakeReply> = {
    send(ctx: AttemptContext) {
      sentAt.push(Date.now());
      return new Promise<FakeReply>((resolve, reject) => {
        const onAbort = () => {
          clearTimeout(arrive);
          reject(ctx.signal.reason);
        };
        const arrive = setTimeout(() => {
          const reply = answer(arrivals++, Date.now());
          setTimeout(() => {
            ctx.signal.removeEventListener('abort', onAbort);
            resolve(reply);
          }, latencyMs / 2);
        }, latencyMs / 2);
        ctx.signal.addEventListener('abort', onAbort, { once: true });
      });
    },
    read: (reply) => reply,
    readError: () => null,
  };
  return { transport, sentAt };
}
