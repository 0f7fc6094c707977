import { useTranslation } from "../../../lib/use-translation";
import { Form, href, Link } from "react-router";
import { IntentMessage, useIntentReply } from "./form-result";
import { PupilName } from "./pupil-name";
import { TableScroll } from "../../../components/ui/table-scroll";

interface Pupil {
  seatId: string;
  teamId: string | null;
  name: string | null;
  number: number;
  className: string;
}
interface Team {
  id: string;
  name: string;
  members: { seatId: string; name: string | null; number: number }[];
}

/**
 * The teams of a project for its teachers, and one form that places every
 * pupil at once: a choice of team per pupil, a single submit (no JavaScript
 * needed, nothing saved until the teacher submits).
 */
export function TeacherTeams({ projectId, teams, pupils, teamMode, readOnly }: { projectId: string; teams: Team[]; pupils: Pupil[]; teamMode: string; readOnly: boolean }) {
  const { t } = useTranslation("projects");
  const [added, assigned] = [useIntentReply("add-team"), useIntentReply("assign-all")];
  const canEdit = !readOnly;
  return (
    <section aria-labelledby="teams-heading">
      <h2 id="teams-heading">{t("project.teams")}</h2>
      <p className="hint">{t(`team_modes.${teamMode}`)}</p>
      {teams.length === 0 ? <p>{t("project.no_teams_yet")}</p> : null}
      <ul className="cards">
        {teams.map((team) => (
          <li key={team.id} className="card">
            <h3>
              <Link to={href("/projets/:projectId/equipes/:teamId", { projectId, teamId: team.id })}>{team.name}</Link>
            </h3>
            {team.members.length ? (
              <ul>
                {team.members.map((m) => (
                  <li key={m.seatId}>
                    <PupilName pupil={m} />
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t("project.empty_team")}</p>
            )}
          </li>
        ))}
      </ul>
      {canEdit ? (
        <Form method="post" className="inline-fields">
          <input type="hidden" name="intent" value="add-team" />
          <div className="field">
            <label htmlFor="team-name">{t("fields.team_name")}</label>
            <input id="team-name" name="name" type="text" required maxLength={60} />
          </div>
          <button type="submit" className="button secondary">
            {t("project.add_team")}
          </button>
          <IntentMessage reply={added} />
        </Form>
      ) : null}
      {canEdit && pupils.length && teams.length ? (
        <Form method="post" id="assign-all">
          <input type="hidden" name="intent" value="assign-all" />
          <h3 id="assign-heading">{t("project.assign_heading")}</h3>
          <p className="hint">{t("project.assign_all_hint")}</p>
          <TableScroll label={t("project.assign_heading")}>
            <table className="data-table" aria-labelledby="assign-heading">
              <thead>
                <tr>
                  <th scope="col">{t("class.col_name")}</th>
                  <th scope="col">{t("project.col_class")}</th>
                  <th scope="col">{t("project.col_team")}</th>
                </tr>
              </thead>
              <tbody>
                {pupils.map((p, i) => (
                  <tr key={p.seatId}>
                    <td>
                      <PupilName pupil={p} />
                    </td>
                    <td>{p.className}</td>
                    <td>
                      <input type="hidden" name={`assignments[${i}].seatId`} value={p.seatId} />
                      <label htmlFor={`team-of-${p.seatId}`} className="visually-hidden">
                        {t("project.team_of", { name: p.name ?? t("pupil_number", { number: p.number }) })}
                      </label>
                      <select id={`team-of-${p.seatId}`} name={`assignments[${i}].teamId`} defaultValue={p.teamId ?? ""} key={`${p.seatId}-${p.teamId ?? ""}`}>
                        <option value="">{t("project.no_team")}</option>
                        {teams.map((team) => (
                          <option key={team.id} value={team.id}>
                            {team.name}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <IntentMessage reply={assigned} okKey="project.teams_saved" />
          <button type="submit" className="button primary">
            {t("project.assign_all")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
