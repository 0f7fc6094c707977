// relay.js is a plain browser script (it defines globalThis.PasserelleRelay); see relay.test.ts for its shape.
export {};
