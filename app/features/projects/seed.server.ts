import type { Db } from "../../lib/db.server";
import { createClass } from "./classes.server";
import { saveTeamDocument } from "./documents.server";
import { importPupils } from "./import.server";
import { createProject } from "./projects.server";
import { addTask } from "./tasks.server";
import { assignPupil, createTeam } from "./teams.server";

export const DEMO_CLASS_NAME = "4e B (démo)";

/**
 * Demo data: a class of the demo teacher with two pupils, a project with a
 * step and two teams, and a first version of one team's document.
 * Idempotent: nothing happens when the class exists.
 */
export async function seedProjects(db: Db) {
  const teacher = await db.selectFrom("app_user").selectAll().where("email", "=", "enseignant@demo.passerelle.fr").executeTakeFirst();
  if (!teacher) return { created: false };
  const existing = await db.selectFrom("school_class").select("id").where("teacher_id", "=", teacher.id).where("name", "=", DEMO_CLASS_NAME).executeTakeFirst();
  if (existing) return { created: false };
  const schoolClass = await createClass(db, teacher, { name: DEMO_CLASS_NAME, school: "Collège Jules Verne, Pont-Sainte-Maxence", level: "quatrieme", schoolYear: "2026-2027" });
  await importPupils(db, teacher, schoolClass.id, "Prénom;Nom;Date de naissance\nLéa;Martin;12/03/2013\nNoé;Petit;04/09/2010");
  const project = await createProject(db, teacher, {
    classId: schoolClass.id,
    title: "Le tri des déchets dans notre commune",
    brief: "## Votre mission\n\nEnquêtez sur le tri des déchets dans votre commune : où vont les déchets, qui les trie, comment faire mieux ?\n\n- Interrogez une personne de la mairie ou de la déchetterie.\n- Rédigez ensemble un article illustré.\n- Citez vos sources.",
    competences: ["1.1", "2.3", "3.1"],
    teamMode: "teacher",
    maxTeamSize: 4,
    milestoneTitle: "Premier jet de l'article",
    milestoneDue: "2027-01-29",
  });
  const teamA = await createTeam(db, teacher, project.id, "Les Composteurs");
  await createTeam(db, teacher, project.id, "Les Recycleurs");
  const seats = await db
    .selectFrom("class_pupil")
    .innerJoin("app_user", "app_user.id", "class_pupil.user_id")
    .selectAll("app_user")
    .select("class_pupil.id as seat_id")
    .where("class_pupil.class_id", "=", schoolClass.id)
    .orderBy("class_pupil.number")
    .execute();
  for (const seat of seats) await assignPupil(db, teacher, project.id, { seatId: seat.seat_id, teamId: teamA.id });
  const first = seats[0];
  if (first) {
    const { seat_id: _, ...pupil } = first;
    await saveTeamDocument(db, pupil, project.id, teamA.id, {
      content: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Notre commune trie le verre, le papier et les emballages." }] }] },
      expectedVersion: 0,
    });
    await addTask(db, pupil, project.id, teamA.id, { title: "Appeler la mairie pour un rendez-vous", assignee: "" });
  }
  return { created: true };
}
