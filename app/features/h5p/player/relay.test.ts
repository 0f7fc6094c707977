import { beforeAll, describe, expect, it, vi } from "vitest";

// The relay is a plain browser script; loading it defines globalThis.PasserelleRelay.
interface Relay {
  enqueue(statement: object, context: { contentId: string; lessonId?: string | null; openedAt?: string | null }): string;
  flush(): void;
  retryNow(): void;
  pending(): number;
}
declare global {
  var PasserelleRelay: { createRelay(options: Record<string, unknown>): Relay };
}

beforeAll(async () => {
  await import("./relay.js");
});

function memoryStorage() {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
}

/** A server that stores each statement id once, like /h5p/releve. It can fail, or store and then lose the answer. */
function fakeServer() {
  const stored = new Map<string, object>();
  const items = new Map<string, object>();
  let mode: "up" | "down" | "lose-answer" = "up";
  const requests: number[] = [];
  const fetch = vi.fn(async (_url: string, init: { body: string }) => {
    const { statements } = JSON.parse(init.body) as { statements: { statement: { id: string } }[] };
    requests.push(statements.length);
    if (mode === "down") throw new TypeError("Failed to fetch");
    const fresh: string[] = [];
    const duplicates: string[] = [];
    for (const item of statements) {
      if (stored.has(item.statement.id)) duplicates.push(item.statement.id);
      else {
        stored.set(item.statement.id, item.statement);
        items.set(item.statement.id, item);
        fresh.push(item.statement.id);
      }
    }
    if (mode === "lose-answer") throw new TypeError("network error after the server stored");
    return { ok: true, status: 200, json: async () => ({ stored: fresh, duplicates, rejected: [] }) };
  });
  return { stored, items, fetch, requests, setMode: (m: typeof mode) => (mode = m) };
}

function relayFor(server: ReturnType<typeof fakeServer>, storage = memoryStorage()) {
  const states: string[] = [];
  const relay = globalThis.PasserelleRelay.createRelay({
    endpoint: "/h5p/releve",
    storage,
    key: "passerelle:xapi:test",
    fetch: server.fetch,
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
    clearTimeout: (id: ReturnType<typeof setTimeout>) => clearTimeout(id),
    random: () => 0.5,
    baseDelayMs: 1000,
    maxDelayMs: 8000,
    onChange: (s: { state: string }) => states.push(s.state),
  });
  return { relay, states, storage };
}

const answered = () => ({ verb: { id: "http://adlnet.gov/expapi/verbs/answered" }, object: { id: "https://p.example/activites/1" } });

describe("the browser's statement relay", () => {
  it("gives each statement an id and a timestamp once, and sends it", async () => {
    const server = fakeServer();
    const { relay } = relayFor(server);
    const id = relay.enqueue(answered(), { contentId: "c1", lessonId: "l1", openedAt: "1764849600000.signature" });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await vi.waitFor(() => expect(server.stored.size).toBe(1));
    const sent = server.stored.get(id) as { timestamp: string };
    expect(Date.parse(sent.timestamp)).not.toBeNaN();
    // The lesson page's signed « opened at » goes with the result (decision 042).
    expect(server.items.get(id)).toMatchObject({ contentId: "c1", lessonId: "l1", openedAt: "1764849600000.signature" });
    await vi.waitFor(() => expect(relay.pending()).toBe(0));
  });

  it("keeps statements through a network cut and delivers each exactly once afterwards", async () => {
    vi.useFakeTimers();
    try {
      const server = fakeServer();
      server.setMode("down");
      const { relay, states } = relayFor(server);
      const ids = [1, 2, 3].map(() => relay.enqueue(answered(), { contentId: "c1" }));
      await vi.advanceTimersByTimeAsync(0);
      expect(relay.pending()).toBe(3);
      // Backoff: 1 s, 2 s, 4 s, 8 s, 8 s… (jitter fixed at ×1).
      await vi.advanceTimersByTimeAsync(1000 + 2000 + 4000);
      expect(server.requests.length).toBe(4);
      expect(states).toContain("waiting");
      // The server comes back but the first answer is lost after it stored the batch.
      server.setMode("lose-answer");
      await vi.advanceTimersByTimeAsync(8000);
      expect(server.stored.size).toBe(3);
      expect(relay.pending()).toBe(3);
      server.setMode("up");
      ids.push(relay.enqueue(answered(), { contentId: "c1" }));
      await vi.advanceTimersByTimeAsync(8000);
      expect(relay.pending()).toBe(0);
      expect([...server.stored.keys()].sort()).toEqual([...ids].sort());
      expect(states.at(-1)).toBe("idle");
    } finally {
      vi.useRealTimers();
    }
  });

  it("survives a reload: what is queued in storage is sent by the next page", async () => {
    const server = fakeServer();
    server.setMode("down");
    const storage = memoryStorage();
    const first = relayFor(server, storage);
    const id = first.relay.enqueue(answered(), { contentId: "c1" });
    await vi.waitFor(() => expect(server.requests.length).toBe(1));
    server.setMode("up");
    const second = relayFor(server, storage);
    second.relay.flush();
    await vi.waitFor(() => expect(server.stored.has(id)).toBe(true));
    await vi.waitFor(() => expect(second.relay.pending()).toBe(0));
  });

  it("drops a batch the server refuses as malformed instead of retrying it forever, and counts it as refused", async () => {
    const fetch = vi.fn(async () => ({ ok: false, status: 400, json: async () => ({}) }));
    const storage = memoryStorage();
    const changes: { state: string; saved: number; refused: number }[] = [];
    const relay = globalThis.PasserelleRelay.createRelay({ endpoint: "/x", storage, key: "k", fetch, setTimeout, clearTimeout, onChange: (c: (typeof changes)[number]) => changes.push(c) });
    relay.enqueue(answered(), { contentId: "c1" });
    await vi.waitFor(() => expect(relay.pending()).toBe(0));
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(changes.at(-1)).toMatchObject({ state: "idle", saved: 0, refused: 1 });
  });

  it("never counts a statement the server refused as saved, and passes each answer on", async () => {
    const ids: string[] = [];
    const fetch = vi.fn(async (_url: string, init: { body: string }) => {
      const { statements } = JSON.parse(init.body) as { statements: { statement: { id: string } }[] };
      const [first, ...rest] = statements.map((s) => s.statement.id);
      return { ok: true, status: 200, json: async () => ({ stored: rest, duplicates: [], rejected: first ? [{ id: first, error: "invalid: statement.result.score.raw" }] : [] }) };
    });
    const changes: { state: string; saved: number; refused: number }[] = [];
    const results: { stored: string[]; rejected: { id: string }[] }[] = [];
    const relay = globalThis.PasserelleRelay.createRelay({
      endpoint: "/x",
      storage: memoryStorage(),
      key: "k",
      fetch,
      setTimeout,
      clearTimeout,
      onChange: (c: (typeof changes)[number]) => changes.push(c),
      onResult: (r: (typeof results)[number]) => results.push(r),
    });
    relay.flush();
    ids.push(relay.enqueue(answered(), { contentId: "c1" }));
    await vi.waitFor(() => expect(relay.pending()).toBe(0));
    expect(changes.at(-1)).toMatchObject({ state: "idle", saved: 0, refused: 1 });
    expect(results).toEqual([{ stored: [], duplicates: [], rejected: [{ id: ids[0], error: "invalid: statement.result.score.raw" }] }]);
  });
});
