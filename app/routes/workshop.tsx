import { useTranslation } from "../lib/use-translation";
import { href, redirect, useLoaderData, useRouteLoaderData, useSearchParams } from "react-router";
import { IntentButton } from "../components/ui/intent-button";
import type { Route } from "./+types/workshop";
import { ActionMessage, useActionReply } from "../components/ui/action-reply";
import { PageTitle } from "../components/ui/page-title";
import { bookSeat, cancelBooking } from "../features/workshops/booking.server";
import { SeatsLeft, WorkshopWhen } from "../features/workshops/components/workshop-list";
import { BookingIntentSchema } from "../features/workshops/schemas";
import { getWorkshopPage } from "../features/workshops/service.server";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { currentUser, requireUser } from "../lib/session.server";
import type { RootLoaderData } from "../root";
import workshopsCss from "../styles/workshops.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: workshopsCss }];

export async function loader({ context, params }: Route.LoaderArgs) {
  return getWorkshopPage(context.get(dbContext), currentUser(context), params.id);
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const db = context.get(dbContext);
  const page = href("/ateliers/:id", { id: params.id });
  return handleForm(request, BookingIntentSchema, async (value) => {
    if (value.intent === "book") {
      const { booking } = await bookSeat(db, actor, params.id);
      return redirect(`${page}?inscription=${booking.status === "confirmed" ? "confirmee" : "attente"}`);
    }
    await cancelBooking(db, actor, value.bookingId);
    return redirect(`${page}?inscription=annulee`);
  });
}

const NOTICES: Record<string, string> = {
  confirmee: "page.booked_confirmed",
  attente: "page.booked_waitlisted",
  annulee: "page.booking_cancelled",
};

export default function WorkshopPage() {
  const { t } = useTranslation("workshops");
  const { workshop: w, mediators, myBooking, canManage, bookingOpen } = useLoaderData<typeof loader>();
  const bookReply = useActionReply("book");
  const cancelReply = useActionReply("cancel");
  const [params] = useSearchParams();
  const root = useRouteLoaderData<RootLoaderData>("root");
  const notice = NOTICES[params.get("inscription") ?? ""];
  return (
    <div className="page">
      <PageTitle>{w.title}</PageTitle>
      <p>
        <a href={href("/ateliers")}>{t("page.back")}</a>
      </p>
      <h1>{w.title}</h1>
      {w.cancelled_at ? (
        <div className="alert error" role="alert">
          <p>{t("page.cancelled")}</p>
        </div>
      ) : null}
      {notice ? (
        <div className="alert success" role="status">
          <p>{t(notice)}</p>
        </div>
      ) : null}
      <ActionMessage reply={bookReply} />
      <ActionMessage reply={cancelReply} />
      <dl className="details">
        <dt>{t("page.when")}</dt>
        <dd>
          <WorkshopWhen start={w.starts_at} end={w.ends_at} />
        </dd>
        <dt>{t("page.where")}</dt>
        <dd>
          {w.is_remote ? (
            t("remote")
          ) : (
            <>
              {w.space_slug ? <a href={href("/lieux/:slug", { slug: w.space_slug })}>{w.space_name}</a> : w.space_name}
              <br />
              {w.space_address}, {w.space_postal_code} {w.space_commune}
            </>
          )}
        </dd>
        <dt>{t("page.themes")}</dt>
        <dd>{w.themes.map((c) => t(`mediation:vocab.thematique.${c}`)).join(", ")}</dd>
        <dt>{t("page.level")}</dt>
        <dd>{t(`mediation:vocab.niveau_atelier.${w.level}`)}</dd>
        {mediators.length > 0 ? (
          <>
            <dt>{t("page.mediators")}</dt>
            <dd>{mediators.join(", ")}</dd>
          </>
        ) : null}
        {w.equipment_to_bring ? (
          <>
            <dt>{t("page.bring")}</dt>
            <dd>{w.equipment_to_bring}</dd>
          </>
        ) : null}
        <dt>{t("page.seats")}</dt>
        <dd>
          <SeatsLeft seatsLeft={w.seatsLeft} waitlisted={w.waitlisted} /> ({t("page.capacity", { count: w.seats })})
        </dd>
      </dl>
      {w.description ? <p className="prose">{w.description}</p> : null}

      <section aria-labelledby="booking-heading" className="booking-box">
        <h2 id="booking-heading">{t("page.booking")}</h2>
        {myBooking ? (
          <>
            <p>
              {myBooking.status === "confirmed" ? t("page.you_have_seat") : t("page.you_are_waitlisted", { position: myBooking.position })}
            </p>
            {bookingOpen ? (
              <IntentButton intent="cancel" fields={{ bookingId: myBooking.id }}>
                {myBooking.status === "confirmed" ? t("page.cancel_seat") : t("page.leave_waitlist")}
              </IntentButton>
            ) : null}
          </>
        ) : bookingOpen && !root?.user ? (
          <p>
            <a className="button primary" href={`${href("/connexion")}?retour=${encodeURIComponent(href("/ateliers/:id", { id: w.id }))}`}>
              {t("page.sign_in_to_book")}
            </a>
          </p>
        ) : bookingOpen ? (
          <IntentButton intent="book" variant="primary">
            {w.seatsLeft > 0 ? t("page.book") : t("page.join_waitlist")}
          </IntentButton>
        ) : (
          <p>{t("page.booking_closed")}</p>
        )}
        <p>
          <a href={href("/ateliers/:id.ics", { id: w.id })}>{t("page.add_to_calendar")}</a>
        </p>
      </section>

      {canManage ? (
        <section aria-labelledby="manage-heading">
          <h2 id="manage-heading">{t("page.manage")}</h2>
          <ul className="link-list">
            <li>
              <a href={href("/ateliers/:id/inscriptions", { id: w.id })}>{t("page.bookings_link")}</a>
            </li>
            <li>
              <a href={href("/ateliers/:id/emargement", { id: w.id })}>{t("page.check_in_link")}</a>
            </li>
            <li>
              <a href={href("/ateliers/:id/feuille", { id: w.id })}>{t("page.sheet_link")}</a>
            </li>
            <li>
              <a href={href("/ateliers/:id/modifier", { id: w.id })}>{t("page.edit_link")}</a>
            </li>
          </ul>
        </section>
      ) : null}
    </div>
  );
}
