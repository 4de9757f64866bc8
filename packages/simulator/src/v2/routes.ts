import { associate, disassociate, revoke } from './asset-writes.js';
import { clientConfig } from './client-config.js';
import type { V2Handler } from './context.js';
import { getAssets, getAssignments, getStatus, getUsers } from './reads.js';
import { manageUsers } from './user-writes.js';

export interface V2Route {
  readonly methods: readonly ('GET' | 'POST')[];
  readonly handler: V2Handler;
}

const get = (handler: V2Handler): V2Route => ({ methods: ['GET'], handler });
const post = (handler: V2Handler): V2Route => ({ methods: ['POST'], handler });

export const V2_ROUTES: Readonly<Record<string, V2Route>> = {
  'client/config': { methods: ['GET', 'POST'], handler: clientConfig },
  assets: get(getAssets),
  assignments: get(getAssignments),
  users: get(getUsers),
  status: get(getStatus),
  'assets/associate': post(associate),
  'assets/disassociate': post(disassociate),
  'assets/revoke': post(revoke),
  'users/create': post(manageUsers('CREATE')),
  'users/update': post(manageUsers('UPDATE')),
  'users/retire': post(manageUsers('RETIRE')),
};
