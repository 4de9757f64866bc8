import type { EventOutcome, EventType } from '../events/event-store.js';
import { errorBody, ok, type Reply, v2Error } from '../http/reply.js';
import { activeUser, addUser, bumpVersion, releaseHolder } from '../state/org.js';
import type { UserRecord } from '../state/types.js';
import { hasDuplicates, v2Envelope } from './common.js';
import type { V2Context } from './context.js';
import { FailureCollector } from './failure-collector.js';
import { V2_LIMITS } from './limits.js';

interface RequestUser {
  readonly clientUserId: string;
  readonly email?: string;
  readonly managedAppleId?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function parseUsers(body: Record<string, unknown>): RequestUser[] | Reply {
  const raw = body.users;
  if (raw === undefined || (Array.isArray(raw) && raw.length === 0)) return v2Error(9720, 400);
  if (!Array.isArray(raw)) return v2Error(9602, 400);
  const users: RequestUser[] = [];
  for (const item of raw as unknown[]) {
    const { clientUserId, email, managedAppleId } = (item ?? {}) as Record<string, unknown>;
    if (typeof clientUserId !== 'string' || clientUserId === '') return v2Error(9602, 400);
    if (email !== undefined && (typeof email !== 'string' || !EMAIL.test(email))) return v2Error(9717, 400);
    users.push({
      clientUserId,
      ...(typeof email === 'string' ? { email } : {}),
      ...(typeof managedAppleId === 'string' ? { managedAppleId } : {}),
    });
  }
  if (users.length > V2_LIMITS.maxUsers) return v2Error(9714, 400);
  if (hasDuplicates(users.map((u) => u.clientUserId))) return v2Error(9715, 400);
  return users;
}

function responseUser(user: UserRecord) {
  return {
    clientUserId: user.clientUserId,
    ...(user.email !== null ? { email: user.email } : {}),
    ...(user.itsIdHash !== null ? { idHash: user.itsIdHash } : {}),
    inviteCode: user.inviteCode,
    status: user.status,
  };
}

type Apply = (ctx: V2Context, user: RequestUser) => UserRecord | number;

const APPLY: Record<'CREATE' | 'UPDATE' | 'RETIRE', Apply> = {
  CREATE: (ctx, u) => (activeUser(ctx.org, u.clientUserId) ? 9716 : addUser(ctx.org, u, ctx.random)),
  UPDATE: (ctx, u) => {
    const user = activeUser(ctx.org, u.clientUserId);
    if (!user) return 9609;
    if (u.email !== undefined) user.email = u.email;
    if (u.managedAppleId !== undefined) user.managedAppleId = u.managedAppleId;
    user.version = bumpVersion(ctx.org);
    return user;
  },
  RETIRE: (ctx, u) => {
    const user = activeUser(ctx.org, u.clientUserId);
    if (!user) return 9609;
    releaseHolder(ctx.org, { clientUserId: user.clientUserId });
    user.status = 'Retired';
    user.version = bumpVersion(ctx.org);
    return user;
  },
};

/** POST users/create, users/update, users/retire: validated now, applied after the event delay. */
export function manageUsers(type: EventType & ('CREATE' | 'UPDATE' | 'RETIRE')) {
  return (ctx: V2Context): Reply => {
    const users = parseUsers(ctx.body);
    if (!Array.isArray(users)) return users;
    const asyncFault = ctx.faults.asyncInternalError;
    const failAll = asyncFault ? ctx.chance(asyncFault.probability) : false;
    const event = ctx.events.create(ctx.org.hash, type, users.length, (): EventOutcome => {
      const collector = new FailureCollector();
      const done: UserRecord[] = [];
      for (const u of users) {
        const result = failAll ? 9603 : APPLY[type](ctx, u);
        if (typeof result === 'number') collector.add(result, { clientUserId: u.clientUserId });
        else done.push(result);
      }
      const base = { eventId: event.eventId, type };
      if (done.length > 0) {
        ctx.notifier.publish(ctx.org, 'USER_MANAGEMENT', {
          ...base,
          result: 'SUCCESS',
          users: done.map(responseUser),
        });
      }
      for (const failure of collector.failures()) {
        const ids = (failure.errorInfo?.clientUserIds ?? []) as string[];
        ctx.notifier.publish(ctx.org, 'USER_MANAGEMENT', {
          error: errorBody(failure.errorNumber),
          ...base,
          result: 'FAILURE',
          users: ids.map((clientUserId) => ({ clientUserId })),
        });
      }
      return { numCompleted: done.length, failures: collector.failures() };
    });
    return ok({ eventId: event.eventId, ...v2Envelope(ctx.org) });
  };
}
