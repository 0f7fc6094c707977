import { useTranslation } from "../lib/use-translation";
import { href, redirect, useLoaderData, useSearchParams } from "react-router";
import type { Route } from "./+types/appointments.desk";
import { ActionMessage, useActionReply } from "../components/ui/action-reply";
import { PageTitle } from "../components/ui/page-title";
import { bookSlot, cancelAppointment, moveAppointment } from "../features/appointments/booking.server";
import { BookForForm, DeskTable, PublishForm, WithdrawForm } from "../features/appointments/components/desk";
import { DeskSchema } from "../features/appointments/schemas";
import { getStaffDesk, markAttendance, publishAvailability, withdrawSlot } from "../features/appointments/staff.server";
import { PERSON_SEARCH_PARAM, PersonSearch } from "../features/mediation/components/person-picker";
import { todayInParis } from "../features/mediation/activity.server";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { requireUser } from "../lib/session.server";
import workshopsCss from "../styles/workshops.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: workshopsCss }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const search = new URL(request.url).searchParams.get(PERSON_SEARCH_PARAM) ?? "";
  return { ...(await getStaffDesk(context.get(dbContext), actor, search)), search, today: todayInParis() };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const db = context.get(dbContext);
  const here = href("/accompagnement/rendez-vous");
  return handleForm(request, DeskSchema, async (value) => {
    switch (value.intent) {
      case "publish": {
        const { slots, outsideHours } = await publishAvailability(db, actor, value);
        return redirect(`${here}?publie=${slots}${outsideHours ? "&horaires=hors" : ""}`);
      }
      case "mark":
        await markAttendance(db, actor, value.appointmentId, value.outcome);
        return redirect(`${here}?fait=${value.outcome === "attended" ? "venu" : "absent"}`);
      case "cancel":
        await cancelAppointment(db, actor, value.appointmentId);
        return redirect(`${here}?fait=annule`);
      case "move":
        await moveAppointment(db, actor, value.appointmentId, value.slotId);
        return redirect(`${here}?fait=deplace`);
      case "withdraw":
        await withdrawSlot(db, actor, value.slotId);
        return redirect(`${here}?fait=retire`);
      case "book-for":
        await bookSlot(db, actor, { slotId: value.slotId, reason: value.reason, phone: value.phone, forUserId: value.userId });
        return redirect(`${here}?fait=reserve`);
    }
  });
}

const DONE: Record<string, string> = {
  venu: "desk.done_attended",
  absent: "desk.done_no_show",
  annule: "desk.done_cancelled",
  reserve: "desk.done_booked",
  deplace: "desk.done_moved",
  retire: "desk.done_withdrawn",
};

export default function AppointmentsDesk() {
  const { t } = useTranslation("appointments");
  const { appointments, freeSlots, places, learners, search, today } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const published = params.get("publie");
  const done = DONE[params.get("fait") ?? ""];
  const publishReply = useActionReply("publish");
  const markReply = useActionReply("mark");
  const cancelReply = useActionReply("cancel");
  const bookReply = useActionReply("book-for");
  const moveReply = useActionReply("move");
  const withdrawReply = useActionReply("withdraw");
  return (
    <div className="page">
      <PageTitle>{t("desk.title")}</PageTitle>
      <h1>{t("desk.title")}</h1>
      {published !== null ? (
        <div className="alert success" role="status">
          <p>{t("desk.published", { count: Number(published) || 0 })}</p>
          {params.get("horaires") === "hors" ? <p>{t("desk.outside_hours")}</p> : null}
        </div>
      ) : null}
      {done ? (
        <div className="alert success" role="status">
          <p>{t(done)}</p>
          {params.get("fait") === "venu" ? (
            <p>
              <a href={href("/accompagnement/journal")}>{t("desk.log_link")}</a>
            </p>
          ) : null}
        </div>
      ) : null}
      <ActionMessage reply={markReply} />
      <ActionMessage reply={cancelReply} />
      <ActionMessage reply={moveReply} />

      <section aria-labelledby="desk-list">
        <h2 id="desk-list">{t("desk.list")}</h2>
        {appointments.length === 0 ? <p>{t("desk.none")}</p> : <DeskTable appointments={appointments} freeSlots={freeSlots} />}
      </section>

      <section aria-labelledby="desk-book-for">
        <h2 id="desk-book-for">{t("desk.book_for_title")}</h2>
        <ActionMessage reply={bookReply} />
        <PersonSearch id="desk-person-search" search={search} more={learners.more} />
        {freeSlots.length === 0 ? <p>{t("desk.no_free_slots")}</p> : <BookForForm people={learners.people} slots={freeSlots} />}
      </section>

      <section aria-labelledby="desk-publish">
        <h2 id="desk-publish">{t("desk.publish_title")}</h2>
        <ActionMessage reply={publishReply} />
        <PublishForm places={places} today={today} />
      </section>

      {freeSlots.length > 0 ? (
        <section aria-labelledby="desk-withdraw">
          <h2 id="desk-withdraw">{t("desk.withdraw_title")}</h2>
          <ActionMessage reply={withdrawReply} />
          <WithdrawForm slots={freeSlots} />
        </section>
      ) : null}
    </div>
  );
}
