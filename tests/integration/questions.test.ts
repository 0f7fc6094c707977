import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../db/schema/accounts";
import type { Db } from "../../app/lib/db.server";
import { createClass } from "../../app/features/projects/classes.server";
import { listMyNotifications } from "../../app/features/notifications/service.server";
import {
  answerQuestion,
  approveQuestion,
  askQuestion,
  getAskPage,
  getQuestionQueue,
  lessonQuestions,
  markQuestionUseful,
} from "../../app/features/questions/service.server";
import { testDb } from "../helpers/db";
import { createUser, statusOf } from "../helpers/fixtures";
import { seedCourse, type SeededCourse } from "./courses-helpers";
import { pupilJoins } from "./projects-fixtures";

let db: Db;
let mediator: User;
let otherMediator: User;
let course: SeededCourse;
let otherCourse: SeededCourse;

beforeAll(async () => {
  db = await testDb();
  mediator = await createUser(db, { role: "mediator", firstName: "Mona" });
  otherMediator = await createUser(db, { role: "mediator", firstName: "Marc" });
  course = await seedCourse(db, { title: "Mon smartphone", authorId: mediator.id });
  otherCourse = await seedCourse(db, { title: "Mes e-mails", authorId: otherMediator.id });
});

const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
const queueIds = async (user: User) => (await getQuestionQueue(db, user)).courses.flatMap((c) => [...c.open, ...c.toApprove]).map((q) => q.id);
const ask = (user: User, c: SeededCourse, visibility: "tutors" | "learners" = "tutors", body = "Je ne comprends pas ce bouton.") =>
  askQuestion(db, user, c.slug, c.lessons[0]!, { body, visibility });

describe("questions on lessons", () => {
  it("go to the course's tutors only: the mediator of the course sees the queue, another mediator does not", async () => {
    const learner = await createUser(db);
    const { id } = await ask(learner, course);
    expect(await queueIds(mediator)).toContain(id);
    expect(await queueIds(otherMediator)).not.toContain(id);
    expect(await statusOf(answerQuestion(db, otherMediator, id, { answer: "Non.", publish: false }))).toBe(404);
    expect(await statusOf(getQuestionQueue(db, learner))).toBe(403);
    // The tutor is told about the new question.
    expect((await listMyNotifications(db, mediator)).items.some((n) => n.kind === "question_asked")).toBe(true);
  });

  it("a learner sees only their own private questions", async () => {
    const alice = await createUser(db);
    const bruno = await createUser(db);
    const { id: privateOne } = await ask(alice, course, "tutors");
    const { id: publicOne } = await ask(alice, course, "learners");
    const forAlice = await lessonQuestions(db, alice, course.lessons[0]!);
    expect(ids(forAlice.mine)).toEqual([privateOne, publicOne].sort());
    const forBruno = await lessonQuestions(db, bruno, course.lessons[0]!);
    expect(forBruno.mine).toEqual([]);
    expect(ids(forBruno.published)).not.toContain(privateOne);
    expect(ids(forBruno.published)).not.toContain(publicOne);
    expect((await getAskPage(db, bruno, course.slug, course.lessons[0]!)).mine).toEqual([]);
  });

  it("an answer notifies the asker and mails them; a public one shows under the lesson only once approved", async () => {
    const asker = await createUser(db, { firstName: "Paulette" });
    const reader = await createUser(db);
    const { id } = await ask(asker, course, "learners", "Où est le bouton pour envoyer ?");
    await answerQuestion(db, mediator, id, { answer: "En haut à droite.", publish: false });
    const notes = await listMyNotifications(db, asker);
    expect(notes.items[0]).toMatchObject({ kind: "question_answered", route: "lesson", route_params: { slug: course.slug, lessonId: course.lessons[0], "#": `question-${id}` } });
    const mail = await db.selectFrom("outbox_message").select("text_body").where("to_address", "=", asker.email!).executeTakeFirstOrThrow();
    expect(mail.text_body).toContain(`/cours/${course.slug}/lecons/${course.lessons[0]}#question-${id}`);

    expect(ids((await lessonQuestions(db, reader, course.lessons[0]!)).published)).not.toContain(id);
    expect(await queueIds(mediator)).toContain(id); // waiting for approval
    expect(await statusOf(approveQuestion(db, otherMediator, id))).toBe(404);
    await approveQuestion(db, mediator, id);
    const shown = await lessonQuestions(db, reader, course.lessons[0]!);
    expect(ids(shown.published)).toContain(id);
    expect(await queueIds(mediator)).not.toContain(id);

    await markQuestionUseful(db, reader, course.slug, course.lessons[0]!, id);
    await markQuestionUseful(db, reader, course.slug, course.lessons[0]!, id);
    const after = (await lessonQuestions(db, reader, course.lessons[0]!)).published.find((q) => q.id === id)!;
    expect(after).toMatchObject({ useful_count: 1, found_useful: true });
  });

  it("a private question cannot be published", async () => {
    const learner = await createUser(db);
    const { id } = await ask(learner, course, "tutors");
    await answerQuestion(db, mediator, id, { answer: "Voilà.", publish: true });
    expect(await statusOf(approveQuestion(db, mediator, id))).toBe(409);
    expect(ids((await lessonQuestions(db, null, course.lessons[0]!)).published)).not.toContain(id);
  });

  it("a pupil's question is private and seen only by their teachers — not the course's mediator, not another teacher, not a coordinator", async () => {
    const teacher = await createUser(db, { role: "teacher", firstName: "Thomas" });
    const otherTeacher = await createUser(db, { role: "teacher", firstName: "Tina" });
    const coordinator = await createUser(db, { role: "coordinator" });
    const schoolClass = await createClass(db, teacher, { name: "4e B", school: "Collège", level: "quatrieme", schoolYear: "2026-2027" });
    await createClass(db, otherTeacher, { name: "3e A", school: "Collège", level: "troisieme", schoolYear: "2026-2027" });
    const { user: pupil } = await pupilJoins(db, schoolClass, { firstName: "Léo", birthDate: "2013-03-01" });
    const { id } = await ask(pupil, course, "learners");
    const row = await db.selectFrom("lesson_question").select(["visibility", "from_pupil"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toEqual({ visibility: "tutors", from_pupil: true });
    expect(await queueIds(teacher)).toContain(id);
    expect(await queueIds(otherTeacher)).not.toContain(id);
    expect(await queueIds(mediator)).not.toContain(id);
    expect(await queueIds(coordinator)).not.toContain(id);
    expect(await statusOf(answerQuestion(db, mediator, id, { answer: "x", publish: false }))).toBe(404);
    await answerQuestion(db, teacher, id, { answer: "Regarde la page 2.", publish: true });
    expect((await db.selectFrom("lesson_question").select("published_at").where("id", "=", id).executeTakeFirstOrThrow()).published_at).toBeNull();
    expect((await listMyNotifications(db, pupil)).items[0]?.kind).toBe("question_answered");
  });

  it("a coordinator sees every course's open questions; an unknown or unpublished lesson is a 404", async () => {
    const coordinator = await createUser(db, { role: "coordinator" });
    const learner = await createUser(db);
    const { id } = await ask(learner, otherCourse);
    expect(await queueIds(coordinator)).toContain(id);
    const draft = await seedCourse(db, { status: "draft", authorId: mediator.id });
    expect(await statusOf(ask(learner, draft))).toBe(404);
    expect(await statusOf(askQuestion(db, learner, course.slug, "not-a-uuid", { body: "Bonjour ?", visibility: "tutors" }))).toBe(404);
    expect(await statusOf(askQuestion(db, learner, otherCourse.slug, course.lessons[0]!, { body: "Bonjour ?", visibility: "tutors" }))).toBe(404);
  });

  it("a question on the community's own course (no author) goes to every mediator, not to teachers", async () => {
    const shared = await seedCourse(db, { title: "Cours de la communauté" });
    const teacher = await createUser(db, { role: "teacher" });
    const learner = await createUser(db);
    const { id } = await ask(learner, shared);
    expect(await queueIds(mediator)).toContain(id);
    expect(await queueIds(otherMediator)).toContain(id);
    expect(await queueIds(teacher)).not.toContain(id);
    expect(await statusOf(answerQuestion(db, teacher, id, { answer: "Non.", publish: false }))).toBe(404);
    await answerQuestion(db, otherMediator, id, { answer: "Voici.", publish: false });
  });
});
