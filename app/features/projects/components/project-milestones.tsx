import { Form } from "react-router";
import { formatDate } from "../../../lib/i18n";
import { useTranslation } from "../../../lib/use-translation";
import { IntentMessage, useIntentReply } from "./form-result";
import type { ProjectPageData } from "./project-page-data";

/** The project's milestones; its teachers add and delete them. */
export function Milestones({ page }: { page: ProjectPageData }) {
  const { t, i18n } = useTranslation("projects");
  const [deleted, added] = [useIntentReply("delete-milestone"), useIntentReply("add-milestone")];
  const canEdit = page.kind === "teacher" && !page.readOnly;
  return (
    <section aria-labelledby="milestones-heading">
      <h2 id="milestones-heading">{t("project.milestones")}</h2>
      {page.milestones.length === 0 ? <p>{t("project.no_milestones")}</p> : null}
      <ul className="milestones">
        {page.milestones.map((m) => (
          <li key={m.id}>
            <strong>{m.title}</strong> — {t("project.due", { date: formatDate(m.dueOn, i18n.language) })}
            {canEdit ? (
              <Form method="post" className="inline-form">
                <input type="hidden" name="milestoneId" value={m.id} />
                <button type="submit" name="intent" value="delete-milestone" className="link-button">
                  {t("project.delete_milestone")}
                  <span className="visually-hidden"> {m.title}</span>
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
      <IntentMessage reply={deleted} />
      {canEdit ? (
        <Form method="post" className="inline-fields">
          <input type="hidden" name="intent" value="add-milestone" />
          <div className="field">
            <label htmlFor="milestone-title">{t("fields.milestone_title")}</label>
            <input id="milestone-title" name="title" type="text" required maxLength={120} />
          </div>
          <div className="field">
            <label htmlFor="milestone-due">{t("fields.milestone_due")}</label>
            <input id="milestone-due" name="dueOn" type="date" required />
          </div>
          <button type="submit" className="button secondary">
            {t("project.add_milestone")}
          </button>
          <IntentMessage reply={added} />
        </Form>
      ) : null}
    </section>
  );
}
