import { useTranslation } from "../../../lib/use-translation";
import { Form } from "react-router";
import type { ActionReply } from "../../../lib/action-reply";

export interface CheckInParticipant {
  userId: string;
  name: string;
  status: string;
  overCapacity: boolean;
  present: boolean;
}

/** One booked person: their name, whether they came, and the one button that changes it. */
export function CheckInRow({ person: p, open }: { person: CheckInParticipant; open: boolean }) {
  const { t } = useTranslation("workshops");
  return (
    <li id={`p-${p.userId}`} className={p.present ? "present" : undefined}>
      <span className="check-in-name">
        {p.name}
        {p.status === "waitlisted" ? <span className="tag">{t("status.waitlisted")}</span> : null}
        {p.overCapacity ? <span className="tag">{t("check_in.over_capacity_tag")}</span> : null}
      </span>
      <span className="check-in-state">{p.present ? t("check_in.is_present") : t("check_in.not_yet")}</span>
      {open ? (
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="presence" />
          <input type="hidden" name="userId" value={p.userId} />
          <input type="hidden" name="present" value={p.present ? "0" : "1"} />
          <button type="submit" className={p.present ? "button secondary" : "button primary big"}>
            {p.present ? t("check_in.undo") : t("check_in.mark_present")}
            <span className="visually-hidden"> : {p.name}</span>
          </button>
        </Form>
      ) : null}
    </li>
  );
}

/**
 * « The room is full: check them in anyway? » — the server's question when
 * every seat is taken (decision 039). Yes re-posts the same form with
 * `overCapacity=1`; no simply leaves things as they were.
 */
export function OverCapacityQuestion({ reply, names, here }: { reply: ActionReply; names: Map<string, string>; here: string }) {
  const { t } = useTranslation("workshops");
  const userId = String(reply.values?.userId ?? "");
  const name = names.get(userId) ?? "";
  return (
    <section className="alert info over-capacity" role="alert" aria-labelledby="over-capacity-heading">
      <h2 id="over-capacity-heading">{t("check_in.over_capacity_heading")}</h2>
      <p>{t("check_in.over_capacity_question", { ...reply.values, name })}</p>
      <Form method="post" className="inline-form">
        <input type="hidden" name="intent" value={reply.form} />
        <input type="hidden" name="userId" value={userId} />
        {reply.form === "presence" ? <input type="hidden" name="present" value="1" /> : null}
        <input type="hidden" name="overCapacity" value="1" />
        <button type="submit" className="button primary big">
          {t("check_in.over_capacity_confirm", { ...reply.values, name })}
        </button>
      </Form>{" "}
      <a href={here}>{t("check_in.over_capacity_cancel")}</a>
    </section>
  );
}

export function isOverCapacityQuestion(reply: ActionReply | undefined): reply is ActionReply {
  return !!reply?.error?.[""]?.includes("workshops:check_in.over_capacity_question");
}
