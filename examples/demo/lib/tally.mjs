/**
 * What the demo learns from the engine's typed listeners (closed-set values and numbers only) and from each
 * operation's result. Everything printed in the summary comes from here or from the Prometheus registry.
 */
export class Tally {
  done = 0;
  ok = 0;
  failed = 0;
  attempts = 0;
  retries = 0;
  waitedMs = 0;
  attemptsByStatus = new Map();
  byCode = new Map();
  byClient = { axios: { done: 0, ok: 0 }, got: { done: 0, ok: 0 } };
  /** Codes Apple's service config listed that the catalog lacks, with Apple's text. */
  learned = new Map();

  listen(engine) {
    engine.on('attempt', (e) => {
      this.attempts += 1;
      const status = e.httpStatus ?? 'no response';
      this.attemptsByStatus.set(status, (this.attemptsByStatus.get(status) ?? 0) + 1);
    });
    engine.on('retry', (e) => {
      this.retries += 1;
      this.waitedMs += e.delayMs;
      this.code(e.errorNumber ?? codeless(e.retryClass), e.retryClass).retries += 1;
    });
    engine.on('catalogDrift', (e) => {
      for (const { errorNumber, errorMessage } of e.missing)
        this.learned.set(String(errorNumber), errorMessage);
    });
    engine.on('giveUp', (e) => {
      const row = this.code(e.errorNumber ?? codeless(e.retryClass), e.retryClass ?? 'unknown');
      row.gaveUp.set(e.reason, (row.gaveUp.get(e.reason) ?? 0) + 1);
    });
  }

  code(code, retryClass) {
    const key = String(code);
    if (!this.byCode.has(key))
      this.byCode.set(key, { retryClass, retries: 0, resolved: 0, gaveUp: new Map() });
    return this.byCode.get(key);
  }

  finished(op, result) {
    this.done += 1;
    this.byClient[op.client].done += 1;
    if (!result.ok) {
      this.failed += 1;
      return;
    }
    this.ok += 1;
    this.byClient[op.client].ok += 1;
    // Answers that resolved while carrying Apple codes: 9616 (already assigned), partial legacy batches.
    for (const failure of result.decoded?.failures ?? [])
      this.code(failure.code, failure.retryClass).resolved += 1;
  }
}

/** Network errors and code-less 5xx pages have no Apple number; they are listed by what they are. */
function codeless(retryClass) {
  return retryClass === 'transient' ? '(no code: network / 5xx page)' : '(no code)';
}
