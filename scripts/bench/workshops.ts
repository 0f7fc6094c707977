// Workshops bench: booking throughput through HTTP. 400 learners with their
// own sessions book the same 25-seat workshop, 20 requests at a time (plus a
// double click each for 50 of them), then the listing and a workshop page
// are loaded. Checks afterwards that the workshop holds exactly 25 seats.
import { createSession, sessionCookieHeader } from "../../app/lib/session.server";
import { measure, percentiles, round, type BenchContext } from "./lib";

const PEOPLE = 400;
const SEATS = 25;
const CONCURRENCY = 20;

export default async function workshopsBench(ctx: BenchContext) {
  const users = await ctx.db
    .insertInto("app_user")
    .values(Array.from({ length: PEOPLE }, (_, i) => ({ first_name: `Banc ${i}`, email: `banc-${i}-${Date.now()}@bench.passerelle.fr` })))
    .returning("id")
    .execute();
  const cookies = await Promise.all(
    users.map(async (u) => {
      const token = await createSession(ctx.db, u.id);
      return (await sessionCookieHeader(token, new Date(Date.now() + 86_400_000))).split(";")[0]!;
    }),
  );
  const start = new Date(Date.now() + 3 * 86_400_000);
  const workshop = await ctx.db
    .insertInto("workshop")
    .values({ title: "Atelier du banc d'essai", themes: ["email"], level: "debutant", is_remote: true, starts_at: start, ends_at: new Date(start.getTime() + 7_200_000), seats: SEATS })
    .returning("id")
    .executeTakeFirstOrThrow();

  const url = `${ctx.baseUrl}/ateliers/${workshop.id}`;
  const book = async (cookie: string) => {
    const t0 = performance.now();
    const res = await fetch(url, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: cookie, Origin: ctx.baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
      body: "intent=book",
    });
    await res.arrayBuffer();
    return { ms: performance.now() - t0, ok: res.status === 302 };
  };
  // Each person books once; the first 50 also "double click".
  const queue = [...cookies, ...cookies.slice(0, 50)];
  const samples: number[] = [];
  let failures = 0;
  const began = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let c = queue.shift(); c; c = queue.shift()) {
        const r = await book(c);
        samples.push(r.ms);
        if (!r.ok) failures++;
      }
    }),
  );
  const seconds = (performance.now() - began) / 1000;
  const rows = await ctx.db.selectFrom("booking").select(["status", "user_id"]).where("workshop_id", "=", workshop.id).execute();
  const confirmed = rows.filter((r) => r.status === "confirmed").length;
  const distinct = new Set(rows.map((r) => r.user_id)).size;
  ctx.report("booking POST (20 at a time, 450 requests)", {
    requestsPerSecond: round(samples.length / seconds),
    ...percentiles(samples),
    failures,
    confirmed: `${confirmed}/${SEATS}`,
    bookings: rows.length,
    people: distinct,
  });
  if (confirmed !== SEATS || rows.length !== PEOPLE || distinct !== PEOPLE) throw new Error("workshop bench: seats or bookings are wrong");

  ctx.report("workshop listing /ateliers", { ...(await measure(`${ctx.baseUrl}/ateliers`, { seconds: ctx.seconds })) });
  ctx.report("workshop page /ateliers/:id", { ...(await measure(url, { seconds: ctx.seconds })) });
}
