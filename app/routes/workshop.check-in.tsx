import { useTranslation } from "react-i18next";
import { data, Form, redirect, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/workshop.check-in";
import { PageTitle } from "../components/ui/page-title";
import { PERSON_SEARCH_PARAM, PersonChoiceForm, PersonSearch } from "../features/mediation/components/person-picker";
import { addWalkIn, getCheckInList, setPresence } from "../features/workshops/checkin.server";
import { WorkshopWhen } from "../features/workshops/components/workshop-list";
import { PersonSchema } from "../features/workshops/schemas";
import { dbContext } from "../lib/context";
import { appErrorStatus, isAppError } from "../lib/errors";
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
  const form = Object.fromEntries(await request.formData());
  const person = PersonSchema.safeParse(form);
  if (!person.success) return data({ error: "workshops:errors.person_required" }, { status: 400 });
  try {
    if (form.intent === "walk-in") await addWalkIn(db, actor, params.id, person.data.userId);
    else await setPresence(db, actor, params.id, person.data.userId, form.present === "1");
    // Back to the same row: keyboard users carry on from the person they just ticked.
    return redirect(`/ateliers/${params.id}/emargement#p-${person.data.userId}`);
  } catch (error) {
    if (isAppError(error) && appErrorStatus(error) < 500) return data({ error: error.data.messageKey }, { status: appErrorStatus(error) });
    throw error;
  }
}

export default function CheckIn() {
  const { t } = useTranslation("workshops");
  const { workshop: w, participants, candidates, moreCandidates, search, seatsLeft, open } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const present = participants.filter((p) => p.present).length;
  const here = `/ateliers/${w.id}/emargement`;
  return (
    <div className="page check-in">
      <PageTitle>{t("check_in.title", { title: w.title })}</PageTitle>
      <p>
        <a href={`/ateliers/${w.id}`}>{t("bookings.back")}</a>
      </p>
      <h1>{t("check_in.title", { title: w.title })}</h1>
      <p>
        <WorkshopWhen start={w.starts_at} end={w.ends_at} />
      </p>
      {actionData?.error ? (
        <div className="alert error" role="alert">
          <p>{t(actionData.error)}</p>
        </div>
      ) : null}
      {!open ? (
        <div className="alert error" role="status">
          <p>{t(w.cancelled_at ? "errors.workshop_cancelled" : "errors.check_in_not_open")}</p>
        </div>
      ) : null}
      <p className="check-in-summary" role="status">
        {t("check_in.summary", { present, count: participants.length })} · {t("seats_left", { count: seatsLeft })}
      </p>
      <ul className="check-in-list">
        {participants.map((p) => (
          <li key={p.userId} id={`p-${p.userId}`} className={p.present ? "present" : undefined}>
            <span className="check-in-name">
              {p.name}
              {p.status === "waitlisted" ? <span className="tag">{t("status.waitlisted")}</span> : null}
            </span>
            <span className="check-in-state">{p.present ? t("check_in.is_present") : t("check_in.not_yet")}</span>
            {open ? (
              <Form method="post" className="inline-form">
                <input type="hidden" name="userId" value={p.userId} />
                <input type="hidden" name="present" value={p.present ? "0" : "1"} />
                <button type="submit" className={p.present ? "button secondary" : "button primary big"}>
                  {p.present ? t("check_in.undo") : t("check_in.mark_present")}
                  <span className="visually-hidden"> : {p.name}</span>
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
      {participants.length === 0 ? <p>{t("check_in.nobody")}</p> : null}

      {open ? (
        <section aria-labelledby="walk-in-heading">
          <h2 id="walk-in-heading">{t("check_in.walk_in")}</h2>
          {seatsLeft > 0 ? (
            <>
              <p>{t("check_in.walk_in_intro", { count: seatsLeft })}</p>
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
              <p>
                <a href={`/accompagnement/personnes/nouvelle?retour=${encodeURIComponent(here)}`}>{t("bookings.new_person")}</a>
              </p>
            </>
          ) : (
            <p>{t("errors.no_seats_left")}</p>
          )}
        </section>
      ) : null}
      <p>
        <a href="/accompagnement/journal">{t("check_in.log_link")}</a> · <a href={`/ateliers/${w.id}/feuille`}>{t("page.sheet_link")}</a>
      </p>
    </div>
  );
}
