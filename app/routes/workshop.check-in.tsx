import { useTranslation } from "../lib/use-translation";
import { href, redirect, useLoaderData } from "react-router";
import type { Route } from "./+types/workshop.check-in";
import { ActionMessage, useActionReply } from "../components/ui/action-reply";
import { PageTitle } from "../components/ui/page-title";
import { PERSON_SEARCH_PARAM, PersonChoiceForm, PersonSearch } from "../features/mediation/components/person-picker";
import { awardEarnedBadges } from "../features/badges/service.server";
import { publicBaseUrl } from "../features/badges/urls.server";
import { addWalkIn, getCheckInList, setPresence } from "../features/workshops/checkin.server";
import { CheckInRow, isOverCapacityQuestion, OverCapacityQuestion } from "../features/workshops/components/check-in";
import { WorkshopWhen } from "../features/workshops/components/workshop-list";
import { CheckInSchema } from "../features/workshops/schemas";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { requireUser } from "../lib/session.server";
import workshopsCss from "../styles/workshops.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: workshopsCss }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const search = new URL(request.url).searchParams.get(PERSON_SEARCH_PARAM) ?? "";
  return { ...(await getCheckInList(context.get(dbContext), actor, params.id, search)), search };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const db = context.get(dbContext);
  return handleForm(request, CheckInSchema, async (value) => {
    if (value.intent === "walk-in") await addWalkIn(db, actor, params.id, value.userId, value);
    else await setPresence(db, actor, params.id, value.userId, value.present, value);
    // Attending may complete a path: its badge is issued now, not when the person next looks.
    if (value.intent === "walk-in" || value.present) await awardEarnedBadges(db, value.userId, publicBaseUrl(request));
    // Back to the same row: keyboard users carry on from the person they just ticked.
    return redirect(`${href("/ateliers/:id/emargement", { id: params.id })}#p-${value.userId}`);
  });
}

export default function CheckIn() {
  const { t } = useTranslation("workshops");
  const { workshop: w, participants, candidates, moreCandidates, search, seatsTaken, seatsLeft, open } = useLoaderData<typeof loader>();
  const presenceReply = useActionReply("presence");
  const walkInReply = useActionReply("walk-in");
  const question = [presenceReply, walkInReply].find(isOverCapacityQuestion);
  const present = participants.filter((p) => p.present).length;
  const here = href("/ateliers/:id/emargement", { id: w.id });
  const names = new Map([...participants.map((p) => [p.userId, p.name] as const), ...candidates.map((c) => [c.id, c.name] as const)]);
  return (
    <div className="page check-in">
      <PageTitle>{t("check_in.title", { title: w.title })}</PageTitle>
      <p>
        <a href={href("/ateliers/:id", { id: w.id })}>{t("bookings.back")}</a>
      </p>
      <h1>{t("check_in.title", { title: w.title })}</h1>
      <p className="check-in-when">
        <WorkshopWhen start={w.starts_at} end={w.ends_at} />
      </p>
      {question ? <OverCapacityQuestion reply={question} names={names} here={here} /> : null}
      {presenceReply && !question ? <ActionMessage reply={presenceReply} /> : null}
      {!open ? (
        <div className="alert error" role="status">
          <p>{t(w.cancelled_at ? "errors.workshop_cancelled" : "errors.check_in_not_open")}</p>
        </div>
      ) : null}
      <p className="check-in-summary" role="status">
        {t("check_in.summary", { present, count: participants.length })} · {t("check_in.seats_taken", { taken: seatsTaken, seats: w.seats })}
      </p>
      <ul className="check-in-list">
        {participants.map((p) => (
          <CheckInRow key={p.userId} person={p} open={open} />
        ))}
      </ul>
      {participants.length === 0 ? <p>{t("check_in.nobody")}</p> : null}

      {open ? (
        <section aria-labelledby="walk-in-heading">
          <h2 id="walk-in-heading">{t("check_in.walk_in")}</h2>
          <p>{seatsLeft > 0 ? t("check_in.walk_in_intro", { count: seatsLeft }) : t("check_in.walk_in_full")}</p>
          {walkInReply && !question ? <ActionMessage reply={walkInReply} /> : null}
          <div className="walk-in-forms">
            <PersonSearch id="walk-in-search" search={search} more={moreCandidates} />
            {candidates.length > 0 ? (
              <PersonChoiceForm
                id="walk-in-person"
                intent="walk-in"
                people={candidates}
                label={t("bookings.person")}
                chooseLabel={t("bookings.choose_person")}
                submitLabel={t("check_in.add_walk_in")}
              />
            ) : null}
          </div>
          <p>
            <a href={`${href("/accompagnement/personnes/nouvelle")}?retour=${encodeURIComponent(here)}`}>{t("bookings.new_person")}</a>
          </p>
        </section>
      ) : null}
      <p>
        <a href={href("/accompagnement/journal")}>{t("check_in.log_link")}</a> · <a href={href("/ateliers/:id/feuille", { id: w.id })}>{t("page.sheet_link")}</a>
      </p>
    </div>
  );
}
