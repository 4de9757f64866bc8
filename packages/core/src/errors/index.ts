export type { VppCauseSummary } from './cause-summary.js';
export type { VppErrorExtra } from './from-decoded.js';
export { describeFailure, vppErrorFromDecoded } from './from-decoded.js';
export type { VppErrorCode, VppErrorInit, VppErrorUnredacted } from './vpp-error.js';
export { isVppError, VppError } from './vpp-error.js';
