import { Form } from "react-router";
import { useTranslation } from "../../../lib/use-translation";
import { TASK_STATUSES } from "../schemas";
import { IntentMessage, replyFor, useIntentReply } from "./form-result";
import { pupilText } from "./pupil-name";
import type { TeamSpaceData } from "./team-space-data";

/** The team's task board: one column per status; its pupils add, move, assign and delete tasks. */
export function Tasks({ space, canWrite }: { space: TeamSpaceData; canWrite: boolean }) {
  const { t } = useTranslation("projects");
  const [updated, added] = [useIntentReply("update-task"), useIntentReply("add-task")];
  const memberName = (seatId: string | null) => pupilText(t, space.members.find((m) => m.seatId === seatId));
  return (
    <section aria-labelledby="tasks-heading">
      <h2 id="tasks-heading">{t("tasks.heading")}</h2>
      <div className="task-board">
        {TASK_STATUSES.map((status) => {
          const tasks = space.tasks.filter((task) => task.status === status);
          return (
            <section key={status} aria-labelledby={`tasks-${status}`} className="task-column">
              <h3 id={`tasks-${status}`}>
                {t(`tasks.status.${status}`)} <span className="count">({tasks.length})</span>
              </h3>
              {tasks.length === 0 ? <p className="hint">{t("tasks.none")}</p> : null}
              <ul>
                {tasks.map((task) => (
                  <li key={task.id} className="task">
                    <p className="task-title">{task.title}</p>
                    <p className="hint">{task.assignee_pupil_id ? t("tasks.assigned_to", { name: memberName(task.assignee_pupil_id) }) : t("tasks.unassigned")}</p>
                    {canWrite ? (
                      <>
                        <Form method="post" className="task-form">
                          <input type="hidden" name="intent" value="update-task" />
                          <input type="hidden" name="taskId" value={task.id} />
                          <label htmlFor={`status-${task.id}`}>{t("tasks.status_label")}</label>
                          <select id={`status-${task.id}`} name="status" defaultValue={task.status}>
                            {TASK_STATUSES.map((s) => (
                              <option key={s} value={s}>
                                {t(`tasks.status.${s}`)}
                              </option>
                            ))}
                          </select>
                          <label htmlFor={`assignee-${task.id}`}>{t("tasks.assignee_label")}</label>
                          <select id={`assignee-${task.id}`} name="assignee" defaultValue={task.assignee_pupil_id ?? ""}>
                            <option value="">{t("tasks.nobody")}</option>
                            {space.members.map((m) => (
                              <option key={m.seatId} value={m.seatId}>
                                {pupilText(t, m)}
                              </option>
                            ))}
                          </select>
                          <button type="submit" className="button secondary">
                            {t("tasks.update")}
                            <span className="visually-hidden"> {task.title}</span>
                          </button>
                        </Form>
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="taskId" value={task.id} />
                          <button type="submit" name="intent" value="delete-task" className="link-button">
                            {t("tasks.delete")}
                            <span className="visually-hidden"> {task.title}</span>
                          </button>
                        </Form>
                        <IntentMessage reply={replyFor(updated, "taskId", task.id)} />
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
      {canWrite ? (
        <Form method="post" className="inline-fields">
          <input type="hidden" name="intent" value="add-task" />
          <div className="field">
            <label htmlFor="task-title">{t("tasks.new_label")}</label>
            <input id="task-title" name="title" type="text" required maxLength={200} />
          </div>
          <div className="field">
            <label htmlFor="task-assignee">{t("tasks.assignee_label")}</label>
            <select id="task-assignee" name="assignee" defaultValue="">
              <option value="">{t("tasks.nobody")}</option>
              {space.members.map((m) => (
                <option key={m.seatId} value={m.seatId}>
                  {pupilText(t, m)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button primary">
            {t("tasks.add")}
          </button>
          <IntentMessage reply={added} />
        </Form>
      ) : null}
    </section>
  );
}
