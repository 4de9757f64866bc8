export type { VppErrorCode, VppErrorInit } from './vpp-error.js';
export { isVppError, VppError } from './vpp-error.js';
