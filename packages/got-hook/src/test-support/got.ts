import type { Got } from 'got';

// got 16 needs Node 22+; got 14 is the newest that runs on Node 20. The suite runs on both, each with its got.
const nodeMajor = Number(process.versions.node.split('.')[0]);

export const gotMajor: 14 | 16 = nodeMajor >= 22 ? 16 : 14;

export const got: Got =
  gotMajor === 16 ? ((await import('got16')).default as unknown as Got) : (await import('got')).default;
