import type { DecodedResponse, ResponseFormat, VppFailure } from './types.js';

/** What one format recognizer found in a parsed body. */
export interface Recognized {
  readonly format: ResponseFormat;
  readonly failures: readonly VppFailure[];
  /** Some items succeeded and some failed. */
  readonly partial: boolean;
  readonly eventStatus?: DecodedResponse['eventStatus'];
  readonly eventType?: string;
}

export interface RecognizeContext {
  readonly httpStatus: number | null;
}

/** Returns null when the body is not in the recognizer's format. */
export type Recognizer = (
  body: Readonly<Record<string, unknown>>,
  ctx: RecognizeContext,
) => Recognized | null;
