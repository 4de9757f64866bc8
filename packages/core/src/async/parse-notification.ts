import { decodeResponse } from '../decode/decode-response.js';
import { operationOfEvent } from '../telemetry/event-operation.js';
import type {
  EventNotificationFields,
  NotificationAssignment,
  NotificationBase,
  VppNotificationEvent,
} from './notification-event.js';

type Json = Readonly<Record<string, unknown>>;

function record(value: unknown): Json | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
}

function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : null;
}

function records(value: unknown): Json[] {
  return Array.isArray(value) ? value.map(record).filter((r): r is Json => r !== null) : [];
}

/**
 * Turns a notification envelope `{notification, notificationId, notificationType, uId}` into a typed event.
 * Never throws; `duplicate` is decided by the caller.
 */
export function parseNotification(envelope: Json, duplicate: boolean): VppNotificationEvent {
  const payload = record(envelope.notification) ?? {};
  const notificationType = text(envelope.notificationType);
  const decoded = decodeResponse({ body: { ...envelope, notification: payload } });
  const base: NotificationBase = {
    notificationType,
    notificationId: text(envelope.notificationId),
    uId: text(envelope.uId),
    duplicate,
    decoded,
    failures: decoded.failures,
    operation: operationOfEvent(payload.type),
    payload,
  };
  switch (notificationType) {
    case 'ASSET_MANAGEMENT':
      return { ...base, ...eventFields(payload), type: notificationType, assignments: assignments(payload) };
    case 'USER_MANAGEMENT':
      return { ...base, ...eventFields(payload), type: notificationType, users: records(payload.users) };
    case 'ASSET_COUNT': {
      const delta = payload.countDelta;
      return {
        ...base,
        type: notificationType,
        adamId: text(payload.adamId),
        pricingParam: text(payload.pricingParam),
        countDelta: typeof delta === 'number' && Number.isFinite(delta) ? delta : null,
      };
    }
    case 'USER_ASSOCIATED':
      return { ...base, type: notificationType, associatedUsers: records(payload.associatedUsers) };
    case 'TEST_NOTIFICATION':
      return { ...base, type: notificationType };
    default:
      return { ...base, type: 'unknown' };
  }
}

function eventFields(payload: Json): EventNotificationFields {
  const result = payload.result;
  return {
    eventId: text(payload.eventId),
    action: text(payload.type),
    result: result === 'SUCCESS' || result === 'FAILURE' ? result : null,
  };
}

function assignments(payload: Json): NotificationAssignment[] {
  return records(payload.assignments).map((item) => {
    const clientUserId = text(item.clientUserId);
    const serialNumber = text(item.serialNumber);
    return {
      adamId: text(item.adamId),
      pricingParam: text(item.pricingParam),
      ...(clientUserId !== null ? { clientUserId } : {}),
      ...(serialNumber !== null ? { serialNumber } : {}),
    };
  });
}
