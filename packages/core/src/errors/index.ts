export type { VppErrorExtra } from './from-decoded.js';
export { describeFailure, vppErrorFromDecoded } from './from-decoded.js';
export type { VppErrorCode, VppErrorInit } from './vpp-error.js';
export { isVppError, VppError } from './vpp-error.js';
