import { entitiesFromLegacyItem } from './entities.js';
import { makeFailure } from './failure.js';
import { asArray, asFiniteNumber, asRecord, asText, has, prop } from './fields.js';
import type { Recognizer } from './recognized.js';
import type { AlreadyAssignedDetails, AlreadyAssignedUser, VppFailure } from './types.js';

const PARTIAL = -3;

/**
 * The legacy envelope: `status` 0 (ok), -1 (failed) or -3 (manage call partly failed, per-item errors inside
 * `associations[]` / `disassociations[]`).
 */
export const recognizeLegacy: Recognizer = (body, ctx) => {
  const status = asFiniteNumber(prop(body, 'status'));
  if (status === null || !Number.isInteger(status) || status > 0) return null;
  const failures: VppFailure[] = [];
  if (status < 0 && status !== PARTIAL) {
    failures.push(
      makeFailure({
        code: prop(body, 'errorNumber'),
        serverMessage: prop(body, 'errorMessage'),
        httpStatus: ctx.httpStatus,
        source: 'response',
        alreadyAssigned: readAlreadyAssigned(body),
      }),
    );
  }
  for (const key of ['associations', 'disassociations']) {
    for (const item of asArray(prop(body, key))) {
      if (!isItemFailure(item)) continue;
      failures.push(
        makeFailure({
          code: prop(item, 'errorNumber'),
          serverMessage: prop(item, 'errorMessage'),
          httpStatus: ctx.httpStatus,
          source: 'item',
          entities: entitiesFromLegacyItem(item),
          alreadyAssigned: readAlreadyAssigned(item),
        }),
      );
    }
  }
  const partial = status === PARTIAL || (status === 0 && failures.length > 0);
  return { format: 'legacy', failures, partial };
};

function isItemFailure(item: unknown): boolean {
  const record = asRecord(item);
  return record !== null && (has(record, 'errorNumber') || has(record, 'errorMessage'));
}

/** 9616's extra details, whichever of the two documented shapes (or both) the body carries. */
export function readAlreadyAssigned(record: unknown): AlreadyAssignedDetails | undefined {
  const license = asRecord(prop(record, 'licenseAlreadyAssigned'));
  const users = asArray(prop(record, 'regUsersAlreadyAssigned'))
    .map(asRecord)
    .filter((user): user is Record<string, unknown> => user !== null);
  const hasUsers = Array.isArray(prop(record, 'regUsersAlreadyAssigned'));
  if (license === null && !hasUsers) return undefined;
  return {
    ...(license === null ? {} : { licenseAlreadyAssigned: license }),
    ...(hasUsers ? { regUsersAlreadyAssigned: users, otherUsers: users.map(userIds) } : {}),
  };
}

/** A `regUsersAlreadyAssigned` entry by its ids only: the email and status stay behind. */
function userIds(user: Readonly<Record<string, unknown>>): AlreadyAssignedUser {
  return {
    userId: asText(prop(user, 'userIdStr')) ?? asText(prop(user, 'userId')),
    clientUserId: asText(prop(user, 'clientUserIdStr')),
  };
}
