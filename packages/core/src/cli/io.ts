/** The streams the CLI talks to; tests pass fakes, the bin passes process.std*. */
export interface CliIo {
  readonly stdin: AsyncIterable<string | Uint8Array>;
  readonly stdout: { write(chunk: string): unknown };
  readonly stderr: { write(chunk: string): unknown };
}

/** Bad usage or an unknown code: exit 2 with a one-line message. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export async function readAll(stream: AsyncIterable<string | Uint8Array>, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
    chunks.push(buf);
    size += buf.byteLength;
    // One byte past the limit is enough for the decoder to report `truncated`.
    if (size > limit) break;
  }
  return Buffer.concat(chunks);
}
