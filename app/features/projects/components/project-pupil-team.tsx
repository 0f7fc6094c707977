import { Form, href } from "react-router";
import { useTranslation } from "../../../lib/use-translation";
import { IntentMessage, useIntentReply } from "./form-result";
import type { ProjectPageData } from "./project-page-data";
import { PupilName } from "./pupil-name";

/** The pupil's team in the project, or the teams to choose from (names and free places only). */
export function PupilTeam({ page }: { page: Extract<ProjectPageData, { kind: "pupil" }> }) {
  const { t } = useTranslation("projects");
  const chosen = useIntentReply("choose-team");
  return (
    <section aria-labelledby="team-heading">
      <h2 id="team-heading">{t("project.my_team")}</h2>
      <IntentMessage reply={chosen} />
      {page.myTeam ? (
        <>
          <p>
            <a className="button primary" href={href("/projets/:projectId/equipes/:teamId", { projectId: page.project.id, teamId: page.myTeam.id })}>
              {t("project.open_team", { name: page.myTeam.name })}
            </a>
          </p>
          <p>{t("project.team_members")}</p>
          <ul>
            {page.myTeam.members.map((m) => (
              <li key={m.seatId}>
                <PupilName pupil={m} />
              </li>
            ))}
          </ul>
        </>
      ) : page.project.teamMode === "choice" && !page.readOnly ? (
        <>
          <p>{t("project.choose_team", { size: page.project.maxTeamSize })}</p>
          {page.choices.length === 0 ? <p>{t("project.no_teams_yet")}</p> : null}
          <ul className="team-choices">
            {page.choices.map((c) => (
              <li key={c.id}>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="teamId" value={c.id} />
                  <span>
                    {c.name} — {t("project.free_places", { count: c.free })}
                  </span>
                  <button type="submit" name="intent" value="choose-team" className="button secondary" disabled={c.free === 0}>
                    {t("project.join_team")}
                    <span className="visually-hidden"> {c.name}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t("project.teacher_makes_teams")}</p>
      )}
    </section>
  );
}
