import { useTranslation } from "../lib/use-translation";
import { Form, href, redirect, useLoaderData, useSearchParams } from "react-router";
import { IntentButton } from "../components/ui/intent-button";
import type { Route } from "./+types/appointments";
import { ActionMessage, useActionReply } from "../components/ui/action-reply";
import { PageTitle } from "../components/ui/page-title";
import { cancelAppointment, leaveWaitlist } from "../features/appointments/booking.server";
import { MineSchema } from "../features/appointments/schemas";
import { getMyAppointments } from "../features/appointments/service.server";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { formatDateTime } from "../lib/i18n";
import { requireUser } from "../lib/session.server";
import workshopsCss from "../styles/workshops.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: workshopsCss }];

export async function loader({ context, request }: Route.LoaderArgs) {
  return getMyAppointments(context.get(dbContext), requireUser(context, request));
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const db = context.get(dbContext);
  return handleForm(request, MineSchema, async (value) => {
    if (value.intent === "leave") await leaveWaitlist(db, actor, value.waitlistId);
    else await cancelAppointment(db, actor, value.appointmentId);
    return redirect(`${href("/rendez-vous")}?fait=${value.intent === "leave" ? "quitte" : "annule"}`);
  });
}

const DONE: Record<string, string> = {
  reserve: "mine.done_booked",
  deplace: "mine.done_moved",
  annule: "mine.done_cancelled",
  attente: "mine.done_waiting",
  quitte: "mine.done_left",
};

export default function MyAppointments() {
  const { t, i18n } = useTranslation("appointments");
  const { upcoming, past, waitlist } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const done = DONE[params.get("fait") ?? ""];
  const cancelReply = useActionReply("cancel");
  const leaveReply = useActionReply("leave");
  const where = (a: { mode: string; place: string | null }) => (a.mode === "place" ? a.place : t(`mode.${a.mode}`));
  return (
    <div className="page">
      <PageTitle>{t("mine.title")}</PageTitle>
      <h1>{t("mine.title")}</h1>
      {done ? (
        <div className="alert success" role="status">
          <p>{t(done)}</p>
        </div>
      ) : null}
      <ActionMessage reply={cancelReply} />
      <ActionMessage reply={leaveReply} />
      <p>
        <a className="button primary" href={href("/rendez-vous/prendre")}>
          {t("mine.book")}
        </a>
      </p>
      <section aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">{t("mine.upcoming")}</h2>
        {upcoming.length === 0 ? <p>{t("mine.none")}</p> : null}
        <ul className="appointment-list">
          {upcoming.map((a) => (
            <li key={a.id} className="card">
              <h3>{t(`reasons.${a.reason}`)}</h3>
              <p>
                {formatDateTime(a.startsAt, i18n.language)} — {where(a)}
                {a.mediator ? <> — {t("book.with", { name: a.mediator })}</> : null}
              </p>
              <p className="link-list">
                <a href={href("/rendez-vous/:id.ics", { id: a.id })}>{t("mine.add_to_calendar")}</a>
                {a.canChange ? <a href={`${href("/rendez-vous/prendre")}?motif=${a.reason}&deplacer=${a.id}`}>{t("mine.move")}</a> : null}
              </p>
              {a.canChange ? (
                <IntentButton intent="cancel" fields={{ appointmentId: a.id }}>
                  {t("mine.cancel")}
                </IntentButton>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      {waitlist.length > 0 ? (
        <section aria-labelledby="waitlist-heading">
          <h2 id="waitlist-heading">{t("mine.waitlist")}</h2>
          <ul className="appointment-list">
            {waitlist.map((w) => (
              <li key={w.id}>
                {t(`reasons.${w.reason}`)} — {w.space_name ?? t("book.distance")}
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="leave" />
                  <input type="hidden" name="waitlistId" value={w.id} />
                  <button type="submit" className="button secondary">
                    {t("mine.leave")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {past.length > 0 ? (
        <section aria-labelledby="past-heading">
          <h2 id="past-heading">{t("mine.past")}</h2>
          <ul>
            {past.map((a) => (
              <li key={a.id}>
                {t(`reasons.${a.reason}`)} — {formatDateTime(a.startsAt, i18n.language)} — {t(`status.${a.status}`)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
