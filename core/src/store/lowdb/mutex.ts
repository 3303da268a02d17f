/** A promise-chain mutex: `run` calls execute one at a time, in call order. */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  private closedWith: (() => Error) | undefined;

  run<T>(work: () => Promise<T>): Promise<T> {
    const refuse = this.closedWith;
    if (refuse) return Promise.reject(refuse());
    const result = this.tail.then(work);
    this.tail = result.catch(() => {});
    return result;
  }

  /** Waits for the work already queued, then refuses new work with `error()`. */
  async close(error: () => Error): Promise<void> {
    this.closedWith ??= error;
    await this.tail;
  }
}
