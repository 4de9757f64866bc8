import type { NotificationTarget, OrgState } from '../state/types.js';
import { type Random, randomUuid } from '../util/prng.js';
import type { Timers } from '../util/timers.js';

export type NotificationType = 'ASSET_MANAGEMENT' | 'ASSET_COUNT' | 'USER_MANAGEMENT' | 'TEST_NOTIFICATION';

const ATTEMPTS = 3;
const TIMEOUT_MS = 5_000;

/** Sends Apple-style notifications to an organization's `notificationUrl`, best effort, up to 3 attempts. */
export class Notifier {
  readonly #stop = new AbortController();

  constructor(
    private readonly timers: Timers,
    private readonly random: Random,
    private readonly delayMs: number,
  ) {}

  /** Apple sends TEST_NOTIFICATION before accepting a notification URL; any 2xx counts. */
  test(target: NotificationTarget, uId: string): Promise<boolean> {
    return this.#post(target, this.#envelope('TEST_NOTIFICATION', {}, uId));
  }

  /** Queue a notification for the org's listener, if it subscribed to this type. */
  publish(org: OrgState, type: NotificationType, notification: Record<string, unknown>): void {
    const target = org.notification;
    if (!target) return;
    if (target.types.length > 0 && !target.types.includes(type)) return;
    const envelope = this.#envelope(type, notification, org.uId);
    const attempt = (n: number): void => {
      void this.#post(target, envelope).then((delivered) => {
        if (!delivered && n + 1 < ATTEMPTS)
          this.timers.schedule(Math.max(this.delayMs, 100), () => attempt(n + 1));
      });
    };
    this.timers.schedule(this.delayMs, () => attempt(0));
  }

  /** Abandon deliveries in flight (on simulator close). */
  close(): void {
    this.#stop.abort();
  }

  #envelope(type: NotificationType, notification: Record<string, unknown>, uId: string) {
    return { notification, notificationId: randomUuid(this.random), notificationType: type, uId };
  }

  async #post(target: NotificationTarget, envelope: unknown): Promise<boolean> {
    if (this.timers.closed) return false;
    try {
      const response = await fetch(target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${target.authToken}` },
        body: JSON.stringify(envelope),
        signal: AbortSignal.any([this.#stop.signal, AbortSignal.timeout(TIMEOUT_MS)]),
      });
      await response.arrayBuffer();
      return response.status >= 200 && response.status < 300;
    } catch {
      return false;
    }
  }
}
