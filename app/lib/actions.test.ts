import { describe, expect, it } from "vitest";
import { z } from "zod";
import { handleForm, handleResourceForm } from "./actions.server";
import { appErrorStatus, isAppError } from "./errors";

const post = (body: string, type = "application/x-www-form-urlencoded") =>
  new Request("http://passerelle.test/x", { method: "POST", headers: { "Content-Type": type }, body });

const statusOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return 200;
  } catch (error) {
    return isAppError(error) ? appErrorStatus(error) : 500;
  }
};

describe("handleResourceForm: a form posted to a route with no page", () => {
  const Schema = z.object({ lang: z.enum(["fr", "en"]) });
  const invalid = { code: "bad_preferences", messageKey: "accounts:errors.preferences_invalid" };
  const run = (value: z.output<typeof Schema>) => new Response(value.lang, { status: 303 });

  it("hands the parsed value to the verb and returns its Response", async () => {
    const response = await handleResourceForm(post("lang=en"), Schema, run, invalid);
    expect(response.status).toBe(303);
    expect(await response.text()).toBe("en");
  });

  it("sends an invalid answer, a body that is not a form or a control character to the error page as a 4xx", async () => {
    expect(await statusOf(handleResourceForm(post("lang=de"), Schema, run, invalid))).toBe(400);
    expect(await statusOf(handleResourceForm(post('{"lang":"fr"}', "application/json"), Schema, run, invalid))).toBe(415);
    expect(await statusOf(handleResourceForm(post("lang=fr%00"), Schema, run, invalid))).toBe(400);
  });

  it("never runs the verb on a refused answer", async () => {
    let ran = false;
    await statusOf(handleResourceForm(post("lang=xx"), Schema, () => ((ran = true), new Response()), invalid));
    expect(ran).toBe(false);
  });
});

describe("handleForm", () => {
  it("answers an invalid form with a 400 reply naming the form by its intent, and keeps a success's data", async () => {
    const Schema = z.object({ intent: z.literal("save"), name: z.string().min(2, "x:errors.short") });
    const bad = (await handleForm(post("intent=save&name=a"), Schema, () => "ok")) as unknown as { data: { form: string; error: Record<string, string[]> }; init: { status: number } };
    expect(bad.init.status).toBe(400);
    expect(bad.data.form).toBe("save");
    expect(bad.data.error.name).toEqual(["x:errors.short"]);
    const good = (await handleForm(post("intent=save&name=ab"), Schema, () => "ok")) as unknown as { data: { status: string; data: string } };
    expect(good.data).toMatchObject({ status: "success", data: "ok" });
  });
});
