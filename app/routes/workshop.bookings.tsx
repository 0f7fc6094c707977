import { useTranslation } from "../lib/use-translation";
import { Form, href, redirect, useLoaderData, useSearchParams } from "react-router";
import type { Route } from "./+types/workshop.bookings";
import { ActionMessage, useActionReply } from "../components/ui/action-reply";
import { PageTitle } from "../components/ui/page-title";
import { TableScroll } from "../components/ui/table-scroll";
import { PERSON_SEARCH_PARAM, PersonChoiceForm, PersonSearch } from "../features/mediation/components/person-picker";
import { bookSeat, cancelBooking, getBookingList } from "../features/workshops/booking.server";
import { SeatsLeft, WorkshopWhen } from "../features/workshops/components/workshop-list";
import { BookingsDeskSchema } from "../features/workshops/schemas";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { formatDate } from "../lib/i18n";
import { requireUser } from "../lib/session.server";
import workshopsCss from "../styles/workshops.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: workshopsCss }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const search = new URL(request.url).searchParams.get(PERSON_SEARCH_PARAM) ?? "";
  return { ...(await getBookingList(context.get(dbContext), actor, params.id, search)), search };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const db = context.get(dbContext);
  const desk = href("/ateliers/:id/inscriptions", { id: params.id });
  return handleForm(request, BookingsDeskSchema, async (value) => {
    if (value.intent === "cancel") {
      await cancelBooking(db, actor, value.bookingId);
      return redirect(`${desk}?fait=annulee`);
    }
    const { booking } = await bookSeat(db, actor, params.id, { forUserId: value.userId });
    return redirect(`${desk}?fait=${booking.status === "confirmed" ? "confirmee" : "attente"}`);
  });
}

const DONE: Record<string, string> = {
  confirmee: "bookings.done_confirmed",
  attente: "bookings.done_waitlisted",
  annulee: "bookings.done_cancelled",
};

export default function WorkshopBookings() {
  const { t, i18n } = useTranslation("workshops");
  const { workshop: w, bookings, candidates, moreCandidates, search } = useLoaderData<typeof loader>();
  const cancelReply = useActionReply("cancel");
  const bookReply = useActionReply("book");
  const [params] = useSearchParams();
  const done = DONE[params.get("fait") ?? ""];
  const confirmed = bookings.filter((b) => b.status === "confirmed").length;
  const waitlisted = bookings.length - confirmed;
  const here = href("/ateliers/:id/inscriptions", { id: w.id });
  return (
    <div className="page">
      <PageTitle>{t("bookings.title", { title: w.title })}</PageTitle>
      <p>
        <a href={href("/ateliers/:id", { id: w.id })}>{t("bookings.back")}</a>
      </p>
      <h1>{t("bookings.title", { title: w.title })}</h1>
      <p>
        <WorkshopWhen start={w.starts_at} end={w.ends_at} /> — <SeatsLeft seatsLeft={Math.max(0, w.seats - confirmed)} waitlisted={waitlisted} />
      </p>
      {done ? (
        <div className="alert success" role="status">
          <p>{t(done)}</p>
        </div>
      ) : null}
      <ActionMessage reply={cancelReply} />
      <ActionMessage reply={bookReply} />
      <TableScroll label={t("bookings.caption", { count: confirmed, seats: w.seats, waitlisted })}>
        <table className="data-table">
          <caption>{t("bookings.caption", { count: confirmed, seats: w.seats, waitlisted })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("bookings.person")}</th>
              <th scope="col">{t("bookings.status")}</th>
              <th scope="col">{t("bookings.booked_at")}</th>
              <th scope="col">{t("bookings.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {bookings.map((b) => {
              const name = [b.first_name, b.last_name].filter(Boolean).join(" ");
              return (
                <tr key={b.id}>
                  <td>{name}</td>
                  <td>{t(`status.${b.status}`)}</td>
                  <td>{formatDate(b.created_at, i18n.language, { dateStyle: "short", timeStyle: "short" })}</td>
                  <td>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="cancel" />
                      <input type="hidden" name="bookingId" value={b.id} />
                      <button type="submit" className="button secondary">
                        {t("bookings.cancel")}
                        <span className="visually-hidden"> {name}</span>
                      </button>
                    </Form>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      <section aria-labelledby="on-behalf-heading">
        <h2 id="on-behalf-heading">{t("bookings.on_behalf")}</h2>
        <p>{t("bookings.on_behalf_intro")}</p>
        <PersonSearch id="on-behalf-search" search={search} more={moreCandidates} />
        {candidates.length > 0 ? (
          <PersonChoiceForm
            id="on-behalf-person"
            intent="book"
            people={candidates}
            label={t("bookings.person")}
            chooseLabel={t("bookings.choose_person")}
            submitLabel={t("bookings.book_for")}
          />
        ) : (
          <p>{t("bookings.no_candidates")}</p>
        )}
        <p>
          <a href={`${href("/accompagnement/personnes/nouvelle")}?retour=${encodeURIComponent(here)}`}>{t("bookings.new_person")}</a>
        </p>
      </section>
    </div>
  );
}
