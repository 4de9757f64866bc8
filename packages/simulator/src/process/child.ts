// Entry point of a simulator running in its own process (see startSimulatorProcess). It answers the parent's
// calls over the IPC channel and exits when the parent goes away.

import type { SimulatorOptions } from '../options.js';
import { startSimulator } from '../server.js';
import type { Simulator } from '../simulator.js';
import { REMOTE_METHODS, type RemoteCall, type RemoteReply } from './remote-methods.js';

const allowed: ReadonlySet<string> = new Set(REMOTE_METHODS);

function invoke(sim: Simulator, call: RemoteCall): unknown {
  if (!allowed.has(call.method)) throw new Error(`unknown method ${String(call.method)}`);
  if (call.method === 'requests.count') return sim.requests.count;
  if (call.method === 'token') return sim.token(...(call.args as Parameters<Simulator['token']>));
  if (call.method === 'capacity') return sim.capacity(...(call.args as Parameters<Simulator['capacity']>));
  const [area, name] = call.method.split('.') as ['requests' | 'faults' | 'state', string];
  const target = sim[area] as unknown as Record<string, (...args: unknown[]) => unknown>;
  return target[name]!.apply(target, [...call.args]);
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as SimulatorOptions;
  let sim: Simulator;
  try {
    sim = await startSimulator(options);
  } catch (error) {
    process.send?.({ started: false, message: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  }
  process.on('message', (call: RemoteCall) => {
    let reply: RemoteReply;
    try {
      reply = { id: call.id, ok: true, value: invoke(sim, call) ?? null };
    } catch (error) {
      reply = { id: call.id, ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    process.send?.(reply);
  });
  process.on('disconnect', () => {
    void sim.close().finally(() => process.exit(0));
  });
  process.send?.({ started: true, url: sim.url, port: sim.port });
}

void main();
