import { Form } from "react-router";
import { useTranslation } from "../../../lib/use-translation";
import { IntentMessage, useIntentReply } from "./form-result";
import type { ProjectPageData } from "./project-page-data";

/** Who teaches the project and with which classes; the owner invites co-teachers, a co-teacher shares a class. */
export function Sharing({ page }: { page: Extract<ProjectPageData, { kind: "teacher" }> }) {
  const { t } = useTranslation("projects");
  const [invited, shared] = [useIntentReply("invite-teacher"), useIntentReply("share-class")];
  return (
    <section aria-labelledby="sharing-heading">
      <h2 id="sharing-heading">{t("project.sharing")}</h2>
      <p>{t("project.classes_list", { classes: page.classes.map((c) => `${c.name} (${c.school})`).join(", ") })}</p>
      <ul>
        {page.teachers.map((teacher) => (
          <li key={teacher.id}>
            {teacher.name} — {t(`project.teacher_roles.${teacher.role}`)}
          </li>
        ))}
      </ul>
      {page.isOwner && !page.readOnly ? (
        <Form method="post" className="inline-fields">
          <input type="hidden" name="intent" value="invite-teacher" />
          <div className="field">
            <label htmlFor="co-teacher-email">{t("project.invite_label")}</label>
            <p className="hint" id="co-teacher-hint">
              {t("project.invite_hint")}
            </p>
            <input id="co-teacher-email" name="email" type="email" required aria-describedby="co-teacher-hint" />
          </div>
          <button type="submit" className="button secondary">
            {t("project.invite_submit")}
          </button>
          <IntentMessage reply={invited} okKey="project.invited" />
        </Form>
      ) : null}
      {page.shareable.length ? (
        <Form method="post" className="inline-fields">
          <input type="hidden" name="intent" value="share-class" />
          <div className="field">
            <label htmlFor="share-class">{t("project.share_label")}</label>
            <select id="share-class" name="classId">
              {page.shareable.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} — {c.school}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button secondary">
            {t("project.share_submit")}
          </button>
          <IntentMessage reply={shared} />
        </Form>
      ) : null}
    </section>
  );
}
