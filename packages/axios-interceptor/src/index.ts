export type { DecodedResponse, RetryInfo, VppEngine, VppEngineOptions, VppFailure } from '@vppwatch/core';
export { getDecodedOutcome, getRetryInfo, isVppError, VppError } from '@vppwatch/core';
export { attachVppInterceptor } from './attach.js';
export type { AxiosInstanceLike } from './axios-instance-like.js';
export type { VppInterceptorOptions } from './options.js';
export type { VppRequestOptions } from './request-options.js';
export { type AxiosStatusPollerOptions, axiosStatusPoller } from './status-poller.js';
