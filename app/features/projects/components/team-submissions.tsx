import { Form, href } from "react-router";
import { formatDate, formatDateTime } from "../../../lib/i18n";
import { useTranslation } from "../../../lib/use-translation";
import { IntentMessage, useIntentReply } from "./form-result";
import type { TeamSpaceData } from "./team-space-data";

/** What the team handed in, and the form that hands in a new version for an open milestone. */
export function Submissions({ space, canWrite }: { space: TeamSpaceData; canWrite: boolean }) {
  const { t, i18n } = useTranslation("projects");
  const submitted = useIntentReply("submit");
  const ids = { projectId: space.project.id, teamId: space.team.id };
  const open = space.milestones.filter((m) => m.open);
  return (
    <section aria-labelledby="submissions-heading">
      <h2 id="submissions-heading">{t("submissions.heading")}</h2>
      {space.submissions.length === 0 ? <p>{t("submissions.none")}</p> : null}
      <ul>
        {space.submissions.map((s) => (
          <li key={s.id}>
            <a href={href("/projets/:projectId/equipes/:teamId/rendus/:submissionId", { ...ids, submissionId: s.id })}>{t("submissions.line", { milestone: s.milestone_title, version: s.version })}</a> —{" "}
            {formatDateTime(s.submitted_at, i18n.language)} — <span className="status">{t(`decisions.${s.decision ?? "pending"}`)}</span>
          </li>
        ))}
      </ul>
      {canWrite && open.length ? (
        <Form method="post" className="stack submit-form">
          <h3>{t("submissions.new_heading")}</h3>
          <p>{t("submissions.explain")}</p>
          <input type="hidden" name="intent" value="submit" />
          <fieldset>
            <legend>{t("submissions.milestone")}</legend>
            {open.map((m, i) => (
              <label key={m.id} className="choice">
                <input type="radio" name="milestoneId" value={m.id} defaultChecked={i === 0} required /> {m.title} —{" "}
                {t("project.due", { date: formatDate(m.dueOn, i18n.language) })}
              </label>
            ))}
          </fieldset>
          {space.files.length ? (
            <fieldset>
              <legend>{t("submissions.files")}</legend>
              {space.files.map((f) => (
                <label key={f.id} className="choice">
                  <input type="checkbox" name="attachmentIds" value={f.id} /> {f.file_name}
                </label>
              ))}
            </fieldset>
          ) : null}
          <div className="field">
            <label htmlFor="submission-message">{t("submissions.message")}</label>
            <textarea id="submission-message" name="message" rows={3} maxLength={2000} />
          </div>
          <button type="submit" className="button primary">
            {t("submissions.submit")}
          </button>
          <IntentMessage reply={submitted} />
        </Form>
      ) : null}
    </section>
  );
}
