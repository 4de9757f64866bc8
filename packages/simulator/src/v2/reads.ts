import { ok, type Reply, v2Error } from '../http/reply.js';
import { assetCounts } from '../state/org.js';
import { v2Envelope } from './common.js';
import type { V2Context } from './context.js';
import { paginate, parseSinceVersion } from './paginate.js';

function numberFilter(query: URLSearchParams, name: string): number | null {
  const raw = query.get(name);
  return raw === null ? null : Number(raw);
}

function paged(ctx: V2Context, key: string, items: readonly unknown[]): Reply {
  const page = paginate(items, ctx.query.get('pageIndex'), ctx.options.pageSize, String(ctx.org.version));
  if (!page) return v2Error(9650, 400);
  return ok({ [key]: page.items, ...page.fields, ...v2Envelope(ctx.org) });
}

/** GET assets, with Apple's filters. */
export function getAssets(ctx: V2Context): Reply {
  const q = ctx.query;
  const minAvailable = numberFilter(q, 'minAvailableCount');
  const maxAvailable = numberFilter(q, 'maxAvailableCount');
  const minAssigned = numberFilter(q, 'minAssignedCount');
  const maxAssigned = numberFilter(q, 'maxAssignedCount');
  const assets = [...ctx.org.assets.values()]
    .map((a) => {
      const c = assetCounts(ctx.org, a);
      return {
        adamId: a.adamId,
        assignedCount: c.assigned,
        availableCount: c.available,
        deviceAssignable: a.deviceAssignable,
        pricingParam: a.pricingParam,
        productType: a.productType,
        retiredCount: a.retiredCount,
        revocable: a.revocable,
        supportedPlatforms: a.productType === 'Book' ? ['iOS', 'macOS'] : ['iOS', 'iPadOS', 'macOS'],
        totalCount: c.total,
      };
    })
    .filter(
      (a) =>
        (q.get('adamId') === null || a.adamId === q.get('adamId')) &&
        (q.get('pricingParam') === null || a.pricingParam === q.get('pricingParam')) &&
        (q.get('productType') === null || a.productType === q.get('productType')) &&
        (q.get('revocable') === null || String(a.revocable) === q.get('revocable')) &&
        (q.get('deviceAssignable') === null || String(a.deviceAssignable) === q.get('deviceAssignable')) &&
        (minAvailable === null || a.availableCount >= minAvailable) &&
        (maxAvailable === null || a.availableCount <= maxAvailable) &&
        (minAssigned === null || a.assignedCount >= minAssigned) &&
        (maxAssigned === null || a.assignedCount <= maxAssigned),
    );
  return paged(ctx, 'assets', assets);
}

/** GET assignments (`sinceVersionId` returns what changed after that version). */
export function getAssignments(ctx: V2Context): Reply {
  const q = ctx.query;
  const since = parseSinceVersion(q.get('sinceVersionId'), ctx.org.version);
  if (since === null) return v2Error(9721, 400);
  const assignments = ctx.org.licenses
    .filter((l) => (l.clientUserId !== null || l.serialNumber !== null) && l.version > since)
    .filter(
      (l) =>
        (q.get('adamId') === null || l.adamId === q.get('adamId')) &&
        (q.get('clientUserId') === null || l.clientUserId === q.get('clientUserId')) &&
        (q.get('serialNumber') === null || l.serialNumber === q.get('serialNumber')),
    )
    .map((l) => ({
      adamId: l.adamId,
      pricingParam: l.pricingParam,
      ...(l.clientUserId !== null ? { clientUserId: l.clientUserId } : { serialNumber: l.serialNumber }),
    }));
  return paged(ctx, 'assignments', assignments);
}

/** GET users (`activeOnly`, `retiredOnly`, `clientUserId`, `sinceVersionId`). */
export function getUsers(ctx: V2Context): Reply {
  const q = ctx.query;
  const since = parseSinceVersion(q.get('sinceVersionId'), ctx.org.version);
  if (since === null) return v2Error(9721, 400);
  const users = ctx.org.users
    .filter(
      (u) =>
        u.version > since &&
        (q.get('activeOnly') !== 'true' || u.status !== 'Retired') &&
        (q.get('retiredOnly') !== 'true' || u.status === 'Retired') &&
        (q.get('clientUserId') === null || u.clientUserId === q.get('clientUserId')),
    )
    .map((u) => ({
      clientUserId: u.clientUserId,
      ...(u.email !== null ? { email: u.email } : {}),
      ...(u.itsIdHash !== null ? { idHash: u.itsIdHash } : {}),
      inviteCode: u.inviteCode,
      status: u.status,
    }));
  return paged(ctx, 'users', users);
}

/** GET status?eventId=… */
export function getStatus(ctx: V2Context): Reply {
  const eventId = ctx.query.get('eventId');
  const event = eventId === null ? undefined : ctx.events.get(ctx.org.hash, eventId);
  if (!event) return v2Error(9708, 400);
  return ok({
    eventStatus: event.eventStatus,
    eventType: event.eventType,
    ...(event.failures.length > 0 ? { failures: event.failures } : {}),
    numCompleted: event.numCompleted,
    numRequested: event.numRequested,
    ...v2Envelope(ctx.org),
  });
}
