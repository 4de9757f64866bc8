import { legacyError, type Reply } from '../http/reply.js';
import { activeUser, addUser, bumpVersion, releaseHolder } from '../state/org.js';
import { type LegacyContext, legacyOk, str } from './context.js';
import { legacyUser } from './shapes.js';

function findActive(ctx: LegacyContext) {
  const clientUserId = str(ctx.body.clientUserIdStr);
  const userId = str(ctx.body.userId);
  return ctx.org.users.find(
    (u) =>
      u.status !== 'Retired' &&
      ((clientUserId !== undefined && u.clientUserId === clientUserId) ||
        (userId !== undefined && String(u.userId) === userId)),
  );
}

/** registerVPPUserSrv: registering an existing active clientUserIdStr returns that user. */
export function registerUser(ctx: LegacyContext): Reply {
  const clientUserId = str(ctx.body.clientUserIdStr);
  if (clientUserId === undefined) return legacyError(9600);
  const email = str(ctx.body.email);
  const user =
    activeUser(ctx.org, clientUserId) ??
    addUser(ctx.org, { clientUserId, ...(email !== undefined ? { email } : {}) }, ctx.services.random);
  return legacyOk(ctx, { user: legacyUser(user, ctx.services.baseUrl()) });
}

/** retireVPPUserSrv: releases the user's licences; 9618 when the user is already retired. */
export function retireUser(ctx: LegacyContext): Reply {
  const clientUserId = str(ctx.body.clientUserIdStr);
  const userId = str(ctx.body.userId);
  if (clientUserId === undefined && userId === undefined) return legacyError(9600);
  const user = findActive(ctx);
  if (!user) {
    const retired = ctx.org.users.some(
      (u) => u.status === 'Retired' && (u.clientUserId === clientUserId || String(u.userId) === userId),
    );
    return legacyError(retired ? 9618 : 9609);
  }
  releaseHolder(ctx.org, { clientUserId: user.clientUserId });
  user.status = 'Retired';
  user.version = bumpVersion(ctx.org);
  return legacyOk(ctx, {});
}

/** editVPPUserSrv */
export function editUser(ctx: LegacyContext): Reply {
  const user = findActive(ctx);
  if (!user) return legacyError(9609);
  const email = str(ctx.body.email);
  if (email !== undefined) user.email = email;
  const managed = str(ctx.body.managedAppleIDStr);
  if (managed !== undefined) user.managedAppleId = managed;
  user.version = bumpVersion(ctx.org);
  return legacyOk(ctx, { user: legacyUser(user, ctx.services.baseUrl()) });
}
