import { href } from "react-router";
import { useTranslation } from "../../../lib/use-translation";
import { formatDate, formatDateTime } from "../../../lib/i18n";
import type { PathPage } from "../service.server";

type Step = PathPage["steps"][number];

function actionLabel(step: Step) {
  if (step.kind === "course") {
    if (step.status === "done") return "page.actions.course_done";
    if (step.status === "in_progress") return "page.actions.course_in_progress";
    return "page.actions.course_open";
  }
  return step.kind === "workshop_theme" ? "page.actions.workshop" : "page.actions.classroom";
}

/** One step of a path: what it is, where the learner stands, and why it is locked when it is. */
export function PathStepItem({ step, number, locale, showClassLink }: { step: Step; number: number; locale: string; showClassLink: boolean }) {
  const { t } = useTranslation("paths");
  const lockedBy = step.lockedBy.map((s) => t("page.quote", { title: s.title })).join(t("page.list_and"));
  const status =
    step.status === "done"
      ? t("page.status.done", { date: step.doneAt ? formatDate(step.doneAt, locale) : "" })
      : step.status === "locked"
        ? t("page.status.locked", { steps: lockedBy })
        : t(`page.status.${step.status}`);
  const actionable = step.status !== "locked" && step.status !== "unavailable";
  return (
    <li id={step.anchor} className={`path-step status-${step.status}${step.isNext ? " is-next" : ""}`}>
      <p className="step-meta">
        <span>{t("page.step_number", { number })}</span>
        <span className="tag">{t(`page.kinds.${step.kind}`)}</span>
        {step.optional ? <span className="tag">{t("page.optional")}</span> : null}
      </p>
      <h3 id={`${step.anchor}-title`}>{step.title}</h3>
      <p className="step-status">{status}</p>
      {step.isNext ? <p className="tag strong">{t("page.is_next")}</p> : null}
      {step.description ? <p>{step.description}</p> : null}
      {step.kind === "workshop_theme" && step.status !== "done" ? <p className="hint">{t("page.any_workshop")}</p> : null}
      {step.kind === "classroom" && step.status !== "done" ? <p className="hint">{t("page.class_rule")}</p> : null}
      {showClassLink && step.linkedPath ? (
        <p className="hint">
          {t("page.class_link_hint")} <code>{step.linkedPath}</code>
        </p>
      ) : null}
      {step.upcomingClasses.map((c) => (
        <p key={c.id}>
          <a href={href("/classes/:id", { id: c.id })}>{t("page.upcoming_class", { title: c.title, date: formatDateTime(c.startsAt, locale) })}</a>
        </p>
      ))}
      {actionable ? (
        <p>
          <a href={step.link} className={step.isNext ? "button primary" : undefined}>
            {t(actionLabel(step))}
            <span className="visually-hidden"> — {step.title}</span>
          </a>
        </p>
      ) : null}
    </li>
  );
}
