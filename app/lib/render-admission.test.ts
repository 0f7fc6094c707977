import { afterEach, describe, expect, it, vi } from "vitest";
import { createAdmission } from "./render-admission.server";

const open = () => new AbortController().signal;

afterEach(() => {
  vi.useRealTimers();
});

describe("render admission", () => {
  it("lets `limit` requests in at once and the next ones in the order they came", async () => {
    const admission = createAdmission({ limit: 2, leaseMs: 10_000 });
    const first = await admission.enter(open());
    const second = await admission.enter(open());
    const order: string[] = [];
    const third = admission.enter(open()).then((leave) => (order.push("third"), leave));
    const fourth = admission.enter(open()).then((leave) => (order.push("fourth"), leave));
    expect([admission.active, admission.waiting]).toEqual([2, 2]);

    second!();
    (await third)!();
    first!();
    (await fourth)!();
    expect(order).toEqual(["third", "fourth"]);
    expect([admission.active, admission.waiting]).toEqual([0, 0]);
  });

  it("gives a place back once, however many times it is left", async () => {
    const admission = createAdmission({ limit: 1, leaseMs: 10_000 });
    const leave = (await admission.enter(open()))!;
    const next = admission.enter(open());
    leave();
    leave();
    expect(admission.active).toBe(1);
    (await next)!();
    expect(admission.active).toBe(0);
  });

  it("never keeps a later request ahead of one already waiting", async () => {
    const admission = createAdmission({ limit: 1, leaseMs: 10_000 });
    const leave = (await admission.enter(open()))!;
    const waiting = admission.enter(open());
    leave();
    // The freed place went to the waiting request, not to this newcomer.
    const order: string[] = [];
    const newcomer = admission.enter(open()).then((l) => (order.push("newcomer"), l));
    (await waiting.then((l) => (order.push("waiting"), l)))!();
    (await newcomer)!();
    expect(order).toEqual(["waiting", "newcomer"]);
  });

  it("drops a request whose client left while it waited, and lets the next one in", async () => {
    const admission = createAdmission({ limit: 1, leaseMs: 10_000 });
    const leave = (await admission.enter(open()))!;
    const client = new AbortController();
    const gone = admission.enter(client.signal);
    const next = admission.enter(open());
    client.abort();
    expect(await gone).toBeNull();
    expect(admission.waiting).toBe(1);
    leave();
    expect(await next).toBeTypeOf("function");
  });

  it("takes the place back from a request that held it past its lease", async () => {
    vi.useFakeTimers();
    const admission = createAdmission({ limit: 1, leaseMs: 250 });
    const slow = (await admission.enter(open()))!;
    let admitted = false;
    const next = admission.enter(open()).then((l) => ((admitted = true), l));
    await vi.advanceTimersByTimeAsync(249);
    expect(admitted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(admitted).toBe(true);
    // The slow request finishing later does not free a second place.
    slow();
    expect(admission.active).toBe(1);
    (await next)!();
    expect(admission.active).toBe(0);
  });

  it("admits everyone when the limit is 0", async () => {
    const admission = createAdmission({ limit: 0, leaseMs: 250 });
    const all = await Promise.all(Array.from({ length: 50 }, () => admission.enter(open())));
    expect(all.every((leave) => typeof leave === "function")).toBe(true);
    expect(admission.waiting).toBe(0);
  });
});
