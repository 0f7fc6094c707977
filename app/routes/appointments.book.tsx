import { useTranslation } from "../lib/use-translation";
import { Form, href, redirect, useLoaderData, useSearchParams } from "react-router";
import type { Route } from "./+types/appointments.book";
import { ActionMessage, useActionReply } from "../components/ui/action-reply";
import { PageTitle } from "../components/ui/page-title";
import { bookSlot, joinWaitlist } from "../features/appointments/booking.server";
import { SlotChoiceForm, WaitlistForm } from "../features/appointments/components/booking-forms";
import { BookSchema } from "../features/appointments/schemas";
import { getBookingPage } from "../features/appointments/service.server";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { formatDate, formatDateTime } from "../lib/i18n";
import { requireUser } from "../lib/session.server";
import workshopsCss from "../styles/workshops.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: workshopsCss }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const url = new URL(request.url).searchParams;
  return getBookingPage(context.get(dbContext), actor, { reason: url.get("motif"), place: url.get("lieu"), replaces: url.get("deplacer") });
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const db = context.get(dbContext);
  return handleForm(request, BookSchema, async (value) => {
    if (value.intent === "wait") {
      await joinWaitlist(db, actor, value);
      return redirect(`${href("/rendez-vous")}?fait=attente`);
    }
    await bookSlot(db, actor, { slotId: value.slotId, reason: value.reason, phone: value.phone, replaces: value.replaces });
    return redirect(`${href("/rendez-vous")}?fait=${value.replaces ? "deplace" : "reserve"}`);
  });
}

export default function BookAppointment() {
  const { t, i18n } = useTranslation("appointments");
  const { reasons, places, reason, place, slots, replacing, hasEmail, businessDiagnostic } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const bookReply = useActionReply("book");
  const waitReply = useActionReply("wait");
  // A slot taken meanwhile: the reply names the reason and place, to offer their waiting list.
  const taken = bookReply?.values && typeof bookReply.values.reason === "string" ? { reason: String(bookReply.values.reason), place: String(bookReply.values.place) } : null;
  return (
    <div className="page">
      <PageTitle>{t("book.title")}</PageTitle>
      <p>
        <a href={href("/rendez-vous")}>{t("book.back")}</a>
      </p>
      <h1>{t("book.title")}</h1>
      {replacing ? (
        <p className="alert info">{t("book.moving", { reason: t(`reasons.${replacing.reason}`), when: formatDateTime(replacing.startsAt, i18n.language) })}</p>
      ) : null}
      <ActionMessage reply={bookReply} />
      <ActionMessage reply={waitReply} />
      {taken ? <WaitlistForm reason={taken.reason} place={taken.place} askPhone={!hasEmail} /> : null}

      <Form method="get" className="booking-choice">
        {replacing ? <input type="hidden" name="deplacer" value={replacing.id} /> : null}
        <fieldset>
          <legend>{t("book.reason_legend")}</legend>
          {reasons.map((r) => (
            <label className="choice" key={r.code}>
              <input type="radio" name="motif" value={r.code} defaultChecked={r.code === reason} required />
              <span>
                {t(`reasons.${r.code}`)} <span className="hint">({t("book.minutes", { count: r.minutes })})</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="book-place">{t("book.place")}</label>
          <select id="book-place" name="lieu" defaultValue={place ?? ""} required>
            <option value="">{t("book.choose_place")}</option>
            <option value="distance">{t("book.distance")}</option>
            {places.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.commune})
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t("book.show_slots")}
        </button>
      </Form>

      {businessDiagnostic ? (
        <p>
          {t("book.business_diagnostic", { date: formatDate(businessDiagnostic.takenAt, i18n.language) })}{" "}
          <a href={href("/diagnostic-entreprise/mes-rapports/:id", { id: businessDiagnostic.id })}>{t("book.business_diagnostic_link")}</a>
        </p>
      ) : reason === "commerce" ? (
        <p>
          {t("book.business_diagnostic_none")} <a href={href("/diagnostic-entreprise")}>{t("book.business_diagnostic_take")}</a>
        </p>
      ) : null}

      {reason && place ? (
        slots.length > 0 ? (
          <SlotChoiceForm slots={slots} reason={reason} replaces={replacing?.id} offered={params.get("creneau") ?? undefined} askPhone={!hasEmail} />
        ) : (
          <>
            <p role="status">{t("book.no_slots")}</p>
            {taken ? null : <WaitlistForm reason={reason} place={place} askPhone={!hasEmail} />}
          </>
        )
      ) : null}
    </div>
  );
}
