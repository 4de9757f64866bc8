import { entitiesFromErrorInfo } from './entities.js';
import { makeFailure } from './failure.js';
import { has, prop } from './fields.js';
import type { Recognizer } from './recognized.js';

/** A v2 synchronous ErrorResponse `{errorNumber, errorMessage, errorInfo?}`, on any HTTP status (200 included). */
export const recognizeV2Error: Recognizer = (body, ctx) => {
  if (!has(body, 'errorNumber') && !has(body, 'errorMessage')) return null;
  const failure = makeFailure({
    code: prop(body, 'errorNumber'),
    serverMessage: prop(body, 'errorMessage'),
    httpStatus: ctx.httpStatus,
    source: 'response',
    entities: entitiesFromErrorInfo(prop(body, 'errorInfo')),
  });
  return { format: 'v2', failures: [failure], partial: false };
};
