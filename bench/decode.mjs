#!/usr/bin/env node
// Cost of decoding and classifying one Apple error response with @vppwatch/core's decodeResponse, in ns per call,
// next to a baseline measured in the same run: turning the same bytes into a usable value (JSON.parse of the
// UTF-8 text for JSON bodies, the UTF-8 text alone for the HTML page). Writes .cache/bench/decode.json.
// Needs built packages (pnpm build). Usage: node bench/decode.mjs [--iterations 10000] [--batches 11]
import { parseArgs } from 'node:util';
import { decodeResponse } from '@vppwatch/core';
import { writeResult } from './lib/cache-dir.mjs';
import { DECODE_CASES } from './lib/decode-bodies.mjs';
import { compareNsPerCall } from './lib/ns-per-call.mjs';
import { formatTable } from './lib/table.mjs';

const { values } = parseArgs({
  options: { iterations: { type: 'string', default: '10000' }, batches: { type: 'string', default: '11' } },
});
const options = { iterations: Number(values.iterations), batches: Number(values.batches) };

const results = DECODE_CASES.map((c) => {
  const input = { status: c.status, headers: c.headers, body: c.bytes };
  const decoded = decodeResponse(input);
  const baseline = c.json ? () => JSON.parse(c.bytes.toString('utf8')) : () => c.bytes.toString('utf8');
  const fromBytes = compareNsPerCall(() => decodeResponse(input), baseline, options);
  // axios hands the decoder an already parsed body: what is left is recognizing and classifying.
  const parsed = c.json ? JSON.parse(c.bytes.toString('utf8')) : c.bytes.toString('utf8');
  const parsedInput = { status: c.status, headers: c.headers, body: parsed };
  const fromParsed = compareNsPerCall(() => decodeResponse(parsedInput), baseline, options);
  return {
    id: c.id,
    label: c.label,
    bytes: c.bytes.length,
    retryClass: decoded.retryClass,
    codes: decoded.failures.map((f) => f.code),
    baseline: c.json ? 'JSON.parse(bytes.toString())' : 'bytes.toString()',
    baselineNs: Math.round(fromBytes.baselineNs),
    decodeBytesNs: Math.round(fromBytes.subjectNs),
    ratioBytes: +fromBytes.ratio.toFixed(2),
    decodeParsedNs: Math.round(fromParsed.subjectNs),
    ratioParsed: +(fromParsed.subjectNs / fromBytes.baselineNs).toFixed(2),
  };
});

console.log(
  `Decode bench: median of ${options.batches} batches x ${options.iterations} calls, Node ${process.versions.node}`,
);
console.log(
  formatTable(
    [
      'response',
      'bytes',
      'class',
      'baseline ns',
      'decode ns',
      'x baseline',
      'decode parsed ns',
      'x baseline',
    ],
    results.map((r) => [
      r.label,
      r.bytes,
      r.retryClass ?? 'none',
      r.baselineNs,
      r.decodeBytesNs,
      r.ratioBytes.toFixed(2),
      r.decodeParsedNs,
      r.ratioParsed.toFixed(2),
    ]),
  ),
);
console.log(
  'decode ns: decodeResponse({ status, headers, body: Buffer }) (got-like); decode parsed ns: the body already parsed ' +
    '(axios-like). Baseline: JSON.parse of the UTF-8 text (HTML: the UTF-8 text only), same bytes, same run.',
);
const path = writeResult('decode.json', {
  bench: 'decode',
  generatedAt: new Date().toISOString(),
  node: process.versions.node,
  options,
  results,
});
console.log(`Wrote ${path}`);
