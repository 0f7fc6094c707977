import { useTranslation } from "../lib/use-translation";
import { href, redirect, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/activity.edit";
import { PageTitle } from "../components/ui/page-title";
import { PERSON_SEARCH_PARAM, PersonSearch } from "../features/mediation/components/person-picker";
import { activityFormData, getActivityForEdit, recordAccompaniment, updateAccompaniment } from "../features/mediation/activity.server";
import { ActivityForm } from "../features/mediation/components/activity-form";
import { ActivitySchema } from "../features/mediation/schemas";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { requireUser } from "../lib/session.server";
import workshopsCss from "../styles/workshops.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: workshopsCss }];

/** `?comme=derniere`: « comme la dernière fois », the new entry starts from the previous one. */
const LIKE_LAST_PARAM = "comme";

const isoDate = (d: Date | string) => (typeof d === "string" ? d.slice(0, 10) : d.toISOString().slice(0, 10));

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const db = context.get(dbContext);
  const url = new URL(request.url);
  const search = url.searchParams.get(PERSON_SEARCH_PARAM) ?? "";
  if (!params.id) {
    const likeLast = url.searchParams.get(LIKE_LAST_PARAM) === "derniere";
    const form = await activityFormData(db, actor, { personSearch: search, likeLast });
    const { defaults, fromLast } = form;
    return {
      ...form,
      isNew: true,
      search,
      likeLast: !!fromLast,
      workshopPeople: null,
      needsReview: false,
      defaultValue: {
        activityType: fromLast?.activityType ?? "individuel",
        placeType: fromLast?.placeType ?? "lieu_activite",
        activityDate: defaults.activityDate,
        durationMinutes: String(defaults.durationMinutes),
        relaySpaceId: (fromLast ? fromLast.relaySpaceId : defaults.relaySpaceId) ?? "",
        placeCommune: fromLast?.placeCommune ?? "",
        equipment: fromLast?.equipment ?? [],
        themes: fromLast?.themes ?? [],
        autonomy: fromLast?.autonomy ?? "",
        redirection: fromLast?.redirection ?? "",
        anonymousParticipants: "0",
      },
    };
  }
  const { activity: a, beneficiaries, spaces, learners, moreLearners, usualThemes, hasLastEntry } = await getActivityForEdit(db, actor, params.id, search);
  const linked = beneficiaries.find((b) => b.user_id);
  const single = a.workshop_id ? null : (beneficiaries[0] ?? null);
  return {
    spaces,
    learners,
    moreLearners,
    usualThemes,
    hasLastEntry,
    isNew: false,
    search,
    likeLast: false,
    needsReview: a.needs_review,
    workshopPeople: a.workshop_id ? beneficiaries.map((b) => [b.first_name, b.last_name].filter(Boolean).join(" ") || "—") : null,
    defaultValue: {
      activityType: a.activity_type,
      activityDate: isoDate(a.activity_date),
      durationMinutes: String(a.duration_minutes),
      placeType: a.place_type,
      relaySpaceId: a.relay_space_id ?? "",
      placeCommune: a.place_commune ?? "",
      equipment: a.equipment,
      themes: a.themes,
      autonomy: a.autonomy ?? "",
      redirection: a.redirection ?? "",
      notes: a.notes ?? "",
      anonymousParticipants: String(a.anonymous_participants),
      learnerId: linked?.user_id ?? "",
      gender: single?.gender ?? "",
      ageBand: single && !single.user_id ? (single.age_band ?? "") : "",
      socialStatus: single?.social_status ?? "",
      beneficiaryCommune: single && !single.user_id ? (single.commune ?? "") : "",
    },
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const db = context.get(dbContext);
  return handleForm(request, ActivitySchema, async (value) => {
    if (params.id) await updateAccompaniment(db, actor, params.id, value);
    else await recordAccompaniment(db, actor, value);
    return redirect(`${href("/accompagnement/journal")}?enregistre=1`);
  });
}

export default function EditActivity() {
  const { t } = useTranslation("mediation");
  const { spaces, learners, moreLearners, usualThemes, hasLastEntry, isNew, likeLast, search, workshopPeople, defaultValue, needsReview } =
    useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const title = isNew ? t("log.new_title") : t("log.edit_title");
  const newEntry = href("/accompagnement/journal/nouveau");
  return (
    <div className="page narrow-wide activity-page">
      <PageTitle>{title}</PageTitle>
      <div className="activity-heading">
        <h1>{title}</h1>
        {isNew && hasLastEntry ? (
          <p>
            {likeLast ? (
              <>
                <span role="status">{t("log.like_last_notice")}</span> <a href={newEntry}>{t("log.start_blank")}</a>
              </>
            ) : (
              <a className="button secondary" href={`${newEntry}?${LIKE_LAST_PARAM}=derniere`}>
                {t("log.like_last")}
              </a>
            )}
          </p>
        ) : null}
      </div>
      {needsReview ? (
        <div className="alert info" role="status">
          <p>{t("log.prefilled_notice")}</p>
        </div>
      ) : null}
      {!workshopPeople && (moreLearners || search) ? <PersonSearch id="activity-person-search" search={search} more={moreLearners} /> : null}
      <ActivityForm
        lastResult={lastResult}
        defaultValue={defaultValue}
        spaces={spaces}
        learners={learners}
        usualThemes={usualThemes}
        workshopPeople={workshopPeople}
        showDetails={!isNew}
        submitLabel={isNew ? t("log.save_new") : t("log.save")}
        backTo={href("/accompagnement/journal")}
      />
    </div>
  );
}
