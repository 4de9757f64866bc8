import type { LuaScript } from '../scripts/lua-script.js';
import type { RedisClientLike } from './client-like.js';
import { failureKindOf, isPermanent, type StoreFailureKind } from './failure-kind.js';

/** While Redis is reachable but failed (slow), how often one operation tries it again. */
const PROBE_INTERVAL_MS = 1000;

/** The store could not use Redis for one operation; the caller falls back. */
export class StoreUnavailable extends Error {
  override readonly name = 'StoreUnavailable';
  constructor(readonly kind: StoreFailureKind) {
    super(`Redis unavailable (${kind})`);
  }
}

export interface ConnectionEvents {
  /** Redis became unusable (once per outage). */
  down(kind: StoreFailureKind): void;
  /** Redis is usable again after an outage. */
  up(): void;
  /** Another replica (or this one) raised a tenant's gate: `ms` from when it was raised. */
  gate(tenant: string, ms: number): void;
}

export interface ConnectionSettings {
  readonly commandTimeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly gateChannel: string;
  /** Scripts to load on every (re)connection. */
  readonly scripts: readonly LuaScript[];
  /** True when the store created the client and so closes it. */
  readonly owned: boolean;
}

/**
 * One node-redis client (and a duplicate subscribed to the gate channel): runs the store's scripts with a
 * timeout, reports outages and recoveries once each, and closes without leaving anything that keeps the process
 * alive.
 */
export class RedisConnection {
  readonly #client: RedisClientLike;
  readonly #settings: ConnectionSettings;
  readonly #events: ConnectionEvents;
  #subscriber: RedisClientLike | null = null;
  #subscribed: Promise<void> | null = null;
  #down: StoreFailureKind | null = null;
  #closed = false;
  #probeAt = 0;
  /** The client's last error, kept to tell a wrong password from a refused connection. */
  #lastFailure: StoreFailureKind = 'unavailable';
  readonly #onError = (error: Error): void => {
    this.#lastFailure = failureKindOf(error);
    this.#markDown(this.#lastFailure);
  };
  readonly #onReady = (): void => {
    this.#preload();
    this.#markUp();
  };

  constructor(client: RedisClientLike, settings: ConnectionSettings, events: ConnectionEvents) {
    this.#client = client;
    this.#settings = settings;
    this.#events = events;
    client.on('error', this.#onError);
    client.on('ready', this.#onReady);
  }

  /**
   * Why Redis is unusable right now, or null when an operation may go. While the socket is up after a failure
   * (Redis was slow), one operation a second goes through as a probe, and its success ends the outage.
   */
  #usable(): StoreFailureKind | null {
    if (this.#closed) return 'unavailable';
    if (!this.#client.isReady) {
      this.#markDown(this.#lastFailure);
      return this.#down ?? this.#lastFailure;
    }
    if (this.#down === null) return null;
    const now = Date.now();
    if (now < this.#probeAt) return this.#down;
    this.#probeAt = now + PROBE_INTERVAL_MS;
    return null;
  }

  /** True when the next operation would try Redis again after a failure while the socket stayed up. */
  get probeDue(): boolean {
    return !this.#closed && this.#down !== null && this.#client.isReady && Date.now() >= this.#probeAt;
  }

  /** True while Redis is in use (no outage). */
  get shared(): boolean {
    return !this.#closed && this.#down === null && this.#client.isReady;
  }

  /**
   * Waits for the first connection, at most `connectTimeoutMs`. Resolves null when connected or still trying
   * (the store starts in fallback and switches to shared mode when Redis answers), or the failure kind when the
   * configuration is wrong (a wrong password, a port that does not speak Redis).
   */
  async start(): Promise<StoreFailureKind | null> {
    const client = this.#client;
    if (!client.isOpen) client.connect().catch(() => undefined);
    const verdict = await new Promise<StoreFailureKind | null>((resolve) => {
      if (client.isReady) return resolve(null);
      const timer = setTimeout(() => finish(null), this.#settings.connectTimeoutMs);
      const onReady = (): void => finish(null);
      const onError = (error: Error): void => {
        const kind = failureKindOf(error);
        if (isPermanent(kind)) finish(kind);
      };
      const finish = (kind: StoreFailureKind | null): void => {
        clearTimeout(timer);
        client.off('ready', onReady);
        client.off('error', onError);
        resolve(kind);
      };
      client.on('ready', onReady);
      client.on('error', onError);
    });
    if (verdict === null) {
      const subscribed = this.#subscribe();
      if (client.isReady) {
        this.#preload();
        // Connected: gate announcements must already arrive when the store is handed to the engine.
        await Promise.race([subscribed, delay(this.#settings.connectTimeoutMs)]);
      }
    }
    if (verdict === null && !client.isReady) this.#markDown(this.#lastFailure);
    return verdict;
  }

  /** Runs a script on the tenant's key; throws {@link StoreUnavailable} when Redis cannot answer in time. */
  async run(script: LuaScript, key: string, args: readonly string[]): Promise<unknown[]> {
    const failure = this.#usable();
    if (failure !== null) throw new StoreUnavailable(failure);
    try {
      const reply = await this.#eval(script, key, args);
      this.#markUp();
      return reply;
    } catch (error) {
      const kind = failureKindOf(error);
      if (kind !== 'script') this.#markDown(kind);
      throw new StoreUnavailable(kind);
    }
  }

  async #eval(script: LuaScript, key: string, args: readonly string[]): Promise<unknown[]> {
    try {
      return (await this.#send(['EVALSHA', script.sha1, '1', key, ...args])) as unknown[];
    } catch (error) {
      // A restarted server has forgotten every script: send it once more in full (EVAL caches it again).
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return (await this.#send(['EVAL', script.source, '1', key, ...args])) as unknown[];
    }
  }

  /**
   * One command, given up after `commandTimeoutMs`. node-redis's own `timeout` covers only a command still
   * waiting to be written; a command Redis received but answers late (a paused or overloaded server) is given up
   * here, and its late answer ignored.
   */
  #send(args: readonly string[]): Promise<unknown> {
    const ms = this.#settings.commandTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis command timed out after ${ms} ms`)), ms);
      timer.unref();
    });
    return Promise.race([this.#client.sendCommand(args, { timeout: ms }), timeout]).finally(() =>
      clearTimeout(timer),
    );
  }

  /** Runs any command (tests and benches: INFO, SCAN, PTTL). */
  command(args: readonly string[]): Promise<unknown> {
    return this.#client.sendCommand(args, { timeout: this.#settings.commandTimeoutMs });
  }

  /** Loads the scripts as soon as a connection is ready, so the first attempt after a (re)start costs one round trip. */
  #preload(): void {
    for (const script of this.#settings.scripts) {
      this.#client.sendCommand(['SCRIPT', 'LOAD', script.source]).catch(() => undefined);
    }
  }

  /** Subscribes a duplicate of the client to the gate channel (once); resolves when subscribed or failed. */
  #subscribe(): Promise<void> {
    if (this.#subscribed !== null) return this.#subscribed;
    if (this.#closed) return Promise.resolve();
    const subscriber = this.#client.duplicate();
    this.#subscriber = subscriber;
    subscriber.on('error', () => undefined);
    const listener = (message: string): void => {
      const space = message.lastIndexOf(' ');
      const ms = Number(message.slice(space + 1));
      if (space > 0 && Number.isFinite(ms)) this.#events.gate(message.slice(0, space), ms);
    };
    this.#subscribed = subscriber
      .connect()
      .then(() => subscriber.subscribe(this.#settings.gateChannel, listener))
      .catch(() => undefined);
    return this.#subscribed;
  }

  #markDown(kind: StoreFailureKind): void {
    if (this.#down !== null || this.#closed) return;
    this.#down = kind;
    this.#events.down(kind);
  }

  #markUp(): void {
    if (this.#closed) return;
    void this.#subscribe();
    if (this.#down === null) return;
    this.#down = null;
    this.#events.up();
  }

  /** Closes the subscriber, and the client when the store created it. Safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#client.off('error', this.#onError);
    this.#client.off('ready', this.#onReady);
    const subscriber = this.#subscriber;
    this.#subscriber = null;
    if (subscriber !== null) await closeClient(subscriber);
    if (this.#settings.owned) await closeClient(this.#client);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Closes gracefully when connected, else stops the reconnect loop at once. */
async function closeClient(client: RedisClientLike): Promise<void> {
  // A listener stays so that a late socket error during shutdown is never an unhandled 'error' event.
  client.on('error', () => undefined);
  try {
    if (client.isReady) await client.close();
    else client.destroy();
  } catch {
    try {
      client.destroy();
    } catch {
      // Already closed.
    }
  }
}
