import { expect, it } from "vitest";
import { json, onBothDatabases, statement, store, unique } from "./support";

// The Activities resource (xAPI-Communication §2.5): the LRS's canonical definition of an Activity.

onBothDatabases("Activities resource", (lrs) => {
  const activity = async (activityId: string) => {
    const response = await lrs().call("activities", "GET", { activityId }, { auth: lrs().auth.statements });
    expect(response.status).toBe(200);
    return json(response);
  };

  it("Comm §2.5.s1 (ADL: 'returns the complete Activity Object'): the Activity as a statement gave it", async () => {
    const object = { objectType: "Activity", id: unique(), definition: { name: { "en-US": "Quiz" }, type: "http://adlnet.gov/expapi/activities/assessment" } };
    await store(lrs(), statement({ object }));
    expect(await activity(object.id)).toEqual(object);
  });

  it("Comm §2.5, §2.1.3.s4.b2: definitions from several statements are merged — an en-US name from one and a fr-FR name from another both come back", async () => {
    const id = unique();
    await store(lrs(), statement({ object: { id, definition: { name: { "en-US": "Password quiz" }, type: "http://adlnet.gov/expapi/activities/assessment" } } }));
    await store(lrs(), statement({ object: { id, definition: { name: { "fr-FR": "Quiz des mots de passe" }, description: { "fr-FR": "Dix questions" } } } }));
    // Known from a context activity and a sub-statement too.
    await store(lrs(), statement({ context: { contextActivities: { parent: [{ id, definition: { description: { "en-US": "Ten questions" } } }] } } }));
    await store(lrs(), statement({ object: { objectType: "SubStatement", actor: { mbox: "mailto:s@example.org" }, verb: { id: "http://adlnet.gov/expapi/verbs/attempted" }, object: { id, definition: { moreInfo: "https://passerelle.example/aide" } } } }));
    expect(await activity(id)).toEqual({
      objectType: "Activity",
      id,
      definition: {
        name: { "en-US": "Password quiz", "fr-FR": "Quiz des mots de passe" },
        description: { "fr-FR": "Dix questions", "en-US": "Ten questions" },
        type: "http://adlnet.gov/expapi/activities/assessment",
        moreInfo: "https://passerelle.example/aide",
      },
    });
  });

  it("Comm §2.5: the later statement wins for one language, and interaction components keep each language of their descriptions", async () => {
    const id = unique();
    const choices = (lang: string, yes: string) => [{ id: "yes", description: { [lang]: yes } }];
    await store(lrs(), statement({ object: { id, definition: { name: { "fr-FR": "Ancien nom" }, interactionType: "choice", choices: choices("en-US", "Yes") } } }));
    await store(lrs(), statement({ object: { id, definition: { name: { "fr-FR": "Nouveau nom" }, interactionType: "choice", choices: choices("fr-FR", "Oui") } } }));
    expect((await activity(id)).definition).toEqual({
      name: { "fr-FR": "Nouveau nom" },
      interactionType: "choice",
      choices: [{ id: "yes", description: { "en-US": "Yes", "fr-FR": "Oui" } }],
    });
  });

  it("Comm §2.1.2.s2.b4: a statement already stored, or a refused batch, changes no definition", async () => {
    const id = unique();
    const first = statement({ object: { id, definition: { name: { "en-US": "Kept" } } } });
    await store(lrs(), first);
    // Same id, same statement apart from the definition (§2.3.1 ignores definitions): 200, nothing merged.
    expect((await lrs().call("statements", "POST", {}, { body: { ...first, object: { id, definition: { name: { "de-DE": "Nein" } } } } })).status).toBe(200);
    const refused = await lrs().call("statements", "POST", {}, { body: [statement({ object: { id, definition: { name: { "it-IT": "No" } } } }), { actor: {} }] });
    expect(refused.status).toBe(400);
    expect((await activity(id)).definition).toEqual({ name: { "en-US": "Kept" } });
  });

  it("Comm §2.5: two requests defining one Activity at the same time both count", async () => {
    const id = unique();
    const languages = ["en-US", "fr-FR", "de-DE", "es-ES", "it-IT", "nl-NL"];
    await Promise.all(languages.map((lang) => store(lrs(), statement({ object: { id, definition: { name: { [lang]: lang } } } }))));
    expect(Object.keys((await activity(id)).definition.name).sort()).toEqual([...languages].sort());
  });

  it("Comm §2.5.s1: an unknown Activity is its id; activityId is required and an IRI (400)", async () => {
    const id = unique();
    expect(await activity(id)).toEqual({ objectType: "Activity", id });
    expect((await lrs().call("activities", "GET", {})).status).toBe(400);
    expect((await lrs().call("activities", "GET", { activityId: "not an iri" })).status).toBe(400);
  });

  it("Comm §1.3: the alternate syntax — GET as a POST with activityId and the headers in the form", async () => {
    const object = { objectType: "Activity", id: unique(), definition: { name: { "fr-FR": "Par formulaire" } } };
    await store(lrs(), statement({ object }));
    const response = await lrs().alternate("activities", "GET", { activityId: object.id, Authorization: lrs().auth.allRead, "X-Experience-API-Version": "1.0.3" });
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual(object);
    const put = await lrs().alternate("activities", "PUT", { activityId: object.id, Authorization: lrs().auth.all, "X-Experience-API-Version": "1.0.3", content: "{}" });
    expect(put.status).toBe(405);
  });
});
