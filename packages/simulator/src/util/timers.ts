/** Every timer the simulator starts, so close() can stop background work and leave no handle behind. */
export class Timers {
  readonly #handles = new Set<NodeJS.Timeout>();
  #closed = false;

  schedule(ms: number, fn: () => void): void {
    if (this.#closed) return;
    const handle = setTimeout(() => {
      this.#handles.delete(handle);
      fn();
    }, ms);
    this.#handles.add(handle);
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.#closed) return resolve();
      const handle = setTimeout(() => {
        this.#handles.delete(handle);
        resolve();
      }, ms);
      this.#handles.add(handle);
    });
  }

  get closed(): boolean {
    return this.#closed;
  }

  close(): void {
    this.#closed = true;
    for (const handle of this.#handles) clearTimeout(handle);
    this.#handles.clear();
  }
}
