import { useLoaderData } from "react-router";
import type { Route } from "./+types/jobseekers.applicants";
import { ActionMessage, useActionReply } from "../components/ui/action-reply";
import { PageTitle } from "../components/ui/page-title";
import { answerApplication, listApplicants, viewApplicant, type SharedApplicant } from "../features/jobs/applications.server";
import { ApplicantList } from "../features/jobs/components/seekers/applicants";
import { ApplicantsSchema } from "../features/jobs/schemas-seekers";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { requireUser } from "../lib/session.server";
import { useTranslation } from "../lib/use-translation";
import css from "../styles/jobseekers.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: css }];

export async function loader({ context, request }: Route.LoaderArgs) {
  return { applicants: await listApplicants(context.get(dbContext), requireUser(context, request)) };
}

/** Seeing what someone shares is an action, not a page load: it is logged for them (decision 046). */
export async function action({ context, request }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const db = context.get(dbContext);
  return handleForm(request, ApplicantsSchema, async (value) => {
    if (value.intent === "view") return viewApplicant(db, actor, value.applicationId);
    await answerApplication(db, actor, value);
    return null;
  });
}

export default function Applicants() {
  const { t } = useTranslation("jobseekers");
  const { applicants } = useLoaderData<typeof loader>();
  const viewReply = useActionReply<SharedApplicant>("view");
  const answerReply = useActionReply("answer");
  const shared = viewReply?.status === "success" ? (viewReply.data ?? null) : null;
  return (
    <div className="page jobseekers-page">
      <PageTitle>{t("applicants.title")}</PageTitle>
      <h1>{t("applicants.title")}</h1>
      <p className="lead">{t("applicants.intro")}</p>
      <ActionMessage reply={answerReply} okKey="jobseekers:applicants.answered" />
      <ActionMessage reply={viewReply?.status === "success" ? undefined : viewReply} />
      <ApplicantList applicants={applicants} shared={shared} replies={{ view: undefined, answer: answerReply }} />
    </div>
  );
}
