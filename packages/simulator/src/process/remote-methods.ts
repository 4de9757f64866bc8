/**
 * The simulator methods a parent process may call on a simulator running in a child process. An allowlist:
 * the child never evaluates anything else it is sent.
 */
export const REMOTE_METHODS = [
  'requests.all',
  'requests.count',
  'requests.forToken',
  'requests.violations',
  'requests.throughput',
  'requests.clear',
  'faults.set',
  'faults.setForToken',
  'faults.useScenario',
  'faults.revoke',
  'faults.clear',
  'faults.effective',
  'state.org',
  'state.setAsset',
  'state.addLicenses',
  'state.addUser',
  'state.assign',
  'token',
  'capacity',
] as const;

export type RemoteMethod = (typeof REMOTE_METHODS)[number];

export interface RemoteCall {
  readonly id: number;
  readonly method: RemoteMethod;
  readonly args: readonly unknown[];
}

export type RemoteReply =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly message: string };

export type ChildStarted = { readonly started: true; readonly url: string; readonly port: number };
export type ChildFailed = { readonly started: false; readonly message: string };
