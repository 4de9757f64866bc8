/**
 * The parts of a node-redis client (`redis` v5 or v6, `createClient()`) the store uses. Structural, so the
 * package compiles without tying its public types to one client version's generics.
 */
export interface RedisClientLike {
  readonly isOpen: boolean;
  readonly isReady: boolean;
  connect(): Promise<unknown>;
  sendCommand(args: readonly string[], options?: { readonly timeout?: number }): Promise<unknown>;
  duplicate(): RedisClientLike;
  subscribe(channel: string, listener: (message: string, channel: string) => void): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'ready' | 'end', listener: () => void): unknown;
  off(event: 'error', listener: (error: Error) => void): unknown;
  off(event: 'ready' | 'end', listener: () => void): unknown;
  close(): Promise<unknown>;
  destroy(): void;
}

export function isRedisClientLike(value: unknown): value is RedisClientLike {
  const client = value as Partial<Record<keyof RedisClientLike, unknown>> | null;
  return (
    typeof client === 'object' &&
    client !== null &&
    typeof client.sendCommand === 'function' &&
    typeof client.duplicate === 'function' &&
    typeof client.connect === 'function'
  );
}
