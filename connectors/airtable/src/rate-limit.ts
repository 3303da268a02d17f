/**
 * At most `perSecond` Airtable requests in any second, as Airtable counts them (on arrival, 5/s per base).
 * A slot is held from the request's start until one window after its answer: arrival lies between the
 * two, so however the network delays a request, no window at the server holds more than `perSecond`.
 * We use 4 of Airtable's 5. A new limiter starts with a full window: the run before it (killed, or
 * another process) may have spent the base's second just now.
 */
export interface RateLimiter {
  /** Resolves when a request may start, with the function to call once its answer arrived. */
  acquire(): Promise<() => void>;
}

export function rateLimiter(perSecond = 4, windowMs = 1000, now = () => Date.now()): RateLimiter {
  const ended: number[] = Array.from({ length: perSecond }, () => now());
  let inFlight = 0;
  let queue: Promise<unknown> = Promise.resolve();
  const turn = async (): Promise<() => void> => {
    for (;;) {
      const t = now();
      while (ended.length > 0 && t - ended[0]! >= windowMs) ended.shift();
      if (inFlight + ended.length < perSecond) break;
      await sleep(ended.length > 0 ? windowMs - (t - ended[0]!) + 1 : 10);
    }
    inFlight++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      inFlight--;
      ended.push(now());
    };
  };
  return {
    acquire() {
      const next = queue.then(turn);
      queue = next;
      return next;
    },
  };
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((done) => {
    if (signal?.aborted) return done();
    const timer = setTimeout(done, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        done();
      },
      { once: true },
    );
  });
}
