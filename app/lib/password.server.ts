import { hash, verify } from "@node-rs/argon2";

// OWASP's minimum for argon2id is m=19 MiB, t=2, p=1; we sit a little above it.
// Algorithm 2 is argon2id (the enum is a const enum, not importable under isolatedModules).
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

/** Used when no account matches, so a wrong email costs as much time as a wrong password. */
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string) {
  dummyHash ??= hashPassword("passerelle-timing-equaliser");
  await verifyPassword(await dummyHash, password);
}
