import { Readable } from 'node:stream';
import { runCli } from '../index.js';

/** Runs the CLI in process with `stdin` as its input; resolves with the exit status and what it printed. */
export async function run(argv: string[], stdin = '') {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    stdin: Readable.from([Buffer.from(stdin)]),
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
  });
  return { code, out, err };
}
