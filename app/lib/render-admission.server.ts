/**
 * How many page reads a worker computes at once (decision 051). A burst of
 * a hundred requests all rendering together is slower for every one of them
 * than the same hundred taken a few at a time: each keeps its data and its
 * half-built page alive while the others run (more garbage collection), and
 * their queries queue at the database pool in turns. Past `limit`, a request
 * waits its turn here, first come first served.
 *
 * A request gives its place back when its answer is ready (the body then
 * streams outside), or after `leaseMs` whatever it is doing: one waiting on a
 * slow outside service must not hold up the pages queued behind it.
 */
export interface Admission {
  /** Waits for a place; `null` when the client left while waiting. The function gives the place back (once). */
  enter(signal: AbortSignal): Promise<(() => void) | null>;
  readonly active: number;
  readonly waiting: number;
}

export function createAdmission({ limit, leaseMs }: { limit: number; leaseMs: number }): Admission {
  let active = 0;
  const queue: (() => void)[] = [];

  function admit(): () => void {
    active++;
    let held = true;
    const leave = () => {
      if (!held) return;
      held = false;
      clearTimeout(lease);
      active--;
      queue.shift()?.();
    };
    const lease = setTimeout(leave, leaseMs);
    lease.unref();
    return leave;
  }

  return {
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
    enter(signal) {
      if (signal.aborted) return Promise.resolve(null);
      if (limit <= 0 || (active < limit && queue.length === 0)) return Promise.resolve(admit());
      return new Promise((resolve) => {
        const turn = () => {
          signal.removeEventListener("abort", gone);
          resolve(admit());
        };
        const gone = () => {
          queue.splice(queue.indexOf(turn), 1);
          resolve(null);
        };
        queue.push(turn);
        signal.addEventListener("abort", gone, { once: true });
      });
    },
  };
}
