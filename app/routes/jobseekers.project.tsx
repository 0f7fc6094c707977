import { useLoaderData } from "react-router";
import type { Route } from "./+types/jobseekers.project";
import { ActionMessage, useActionReply } from "../components/ui/action-reply";
import { PageTitle } from "../components/ui/page-title";
import { withdrawApplication } from "../features/jobs/applications.server";
import { setJobConsent } from "../features/jobs/consent.server";
import { ConsentPanel, ProfileForm } from "../features/jobs/components/seekers/profile-form";
import { ConsentHistory, DisclosureList, FollowedJobPaths, MyApplications } from "../features/jobs/components/seekers/project-lists";
import { unfollowOfferPath } from "../features/jobs/matching.server";
import { getJobProject, saveJobProfile } from "../features/jobs/profile.server";
import { ProjectPageSchema } from "../features/jobs/schemas-seekers";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { requireUser } from "../lib/session.server";
import { useTranslation } from "../lib/use-translation";
import css from "../styles/jobseekers.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: css }];

/** `?personne=<id>`: a mediator fills the page in with someone they accompany. */
export async function loader({ context, request }: Route.LoaderArgs) {
  const learnerId = new URL(request.url).searchParams.get("personne") ?? undefined;
  return getJobProject(context.get(dbContext), requireUser(context, request), learnerId);
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const db = context.get(dbContext);
  return handleForm(request, ProjectPageSchema, async (value) => {
    if (value.intent === "profile") await saveJobProfile(db, actor, value);
    else if (value.intent === "consent") await setJobConsent(db, actor, value);
    else if (value.intent === "withdraw") await withdrawApplication(db, actor, value.applicationId, value.learnerId);
    else await unfollowOfferPath(db, actor, value.offerId, value.learnerId);
    return null;
  });
}

export default function JobProject() {
  const { t } = useTranslation("jobseekers");
  const { person, profile, consents, disclosures, applications, paths } = useLoaderData<typeof loader>();
  const learnerId = person.self ? null : person.id;
  const title = person.self ? t("project.title") : t("project.title_for", { name: person.firstName });
  const profileReply = useActionReply("profile");
  const consentReply = useActionReply("consent");
  const withdrawReply = useActionReply("withdraw");
  const unfollowReply = useActionReply("unfollow");
  return (
    <div className="page jobseekers-page">
      <PageTitle>{title}</PageTitle>
      <h1>{title}</h1>
      <p className="lead">{person.self ? t("project.intro") : t("project.for_hint", { name: person.firstName })}</p>
      <ProfileForm profile={profile} reply={profileReply} learnerId={learnerId} />
      <ConsentPanel profile={profile} reply={consentReply} learnerId={learnerId} />
      <ConsentHistory events={consents} />
      <DisclosureList disclosures={disclosures} />
      <ActionMessage reply={withdrawReply} okKey="jobseekers:project.withdrawn" />
      <MyApplications applications={applications} learnerId={learnerId} />
      <ActionMessage reply={unfollowReply} okKey="jobseekers:project.unfollowed" />
      <FollowedJobPaths paths={paths} learnerId={learnerId} />
    </div>
  );
}
