import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "../lib/use-translation";
import { data, Form, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import type { Route } from "./+types/classes.detail";
import { PageTitle } from "../components/ui/page-title";
import { ConfirmedActionForm, isConfirmed } from "../components/ui/confirmed-action";
import { ClassFacts } from "../features/classrooms/components/class-facts";
import { NotConfiguredNotice } from "../features/classrooms/components/not-configured";
import { RegistrantsSection } from "../features/classrooms/components/registrants";
import { RegisterLearnerSchema } from "../features/classrooms/schemas";
import { cancelClass, classPage, registerLearner, registerSelf, unregisterLearner, unregisterSelf } from "../features/classrooms/service.server";
import { dbContext } from "../lib/context";
import { appError, FieldError } from "../lib/errors";
import { currentUser, requireUser } from "../lib/session.server";
import css from "../styles/classrooms.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: css }];

export async function loader({ context, params }: Route.LoaderArgs) {
  return classPage(context.get(dbContext), currentUser(context), params.id);
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const db = context.get(dbContext);
  const form = await request.formData();
  const intent = form.get("intent");
  const back = (flag: string) => redirect(`/classes/${params.id}?${flag}=1`);
  switch (intent) {
    case "register":
      await registerSelf(db, user, params.id);
      return back("inscrit");
    case "unregister":
      await unregisterSelf(db, user, params.id);
      return back("desinscrit");
    case "cancel":
      if (!isConfirmed(form)) return data({ cancelError: "classrooms:errors.confirm_cancel" }, { status: 400 });
      await cancelClass(db, user, params.id);
      return back("annulee");
    case "unregister_learner":
      await unregisterLearner(db, user, params.id, String(form.get("learnerId") ?? ""));
      return back("retire");
    case "register_learner": {
      const submission = parseWithZod(form, { schema: RegisterLearnerSchema });
      if (submission.status !== "success") return data({ registerResult: submission.reply() }, { status: 400 });
      try {
        await registerLearner(db, user, params.id, submission.value);
      } catch (error) {
        if (error instanceof FieldError) {
          return data({ registerResult: submission.reply({ fieldErrors: { [error.field]: [error.messageKey] } }) }, { status: 400 });
        }
        throw error;
      }
      return back("ajoute");
    }
    default:
      throw appError(400, "bad_intent", "errors:bad_request");
  }
}

const FLASHES = ["programmee", "inscrit", "desinscrit", "annulee", "retire", "ajoute"] as const;

export default function ClassDetail() {
  const { t } = useTranslation("classrooms");
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { classroom, viewer, window: state } = page;
  const flash = FLASHES.find((f) => searchParams.has(f));
  const seatsLeft = Math.max(0, classroom.capacity - page.seatsTaken);
  const active = state !== "cancelled" && state !== "closed";
  const inClass = viewer.isHost || viewer.registered;
  return (
    <div className="page">
      <PageTitle>{classroom.title}</PageTitle>
      <p>
        <a href="/classes">{t("back_to_list")}</a>
      </p>
      <h1>{classroom.title}</h1>
      {flash ? (
        <div className="alert success" role="status">
          <p>{t(`flash.${flash}`)}</p>
        </div>
      ) : null}
      {state === "cancelled" ? (
        <div className="alert error">
          <p>{t("status.cancelled_long")}</p>
        </div>
      ) : null}
      {page.livekitConfigured || !active ? null : <NotConfiguredNotice />}

      <ClassFacts page={page} />

      <section aria-labelledby="you-heading" className="class-you">
        <h2 id="you-heading">{viewer.isHost ? t("detail.you_host") : t("detail.you")}</h2>
        {!viewer.signedIn ? (
          <p>
            <a className="button primary big" href={`/connexion?retour=${encodeURIComponent(`/classes/${classroom.id}`)}`}>
              {t("detail.sign_in_to_register")}
            </a>
          </p>
        ) : viewer.removed ? (
          <p>{t("errors.removed")}</p>
        ) : (
          <>
            {viewer.registered ? <p className="registered-note">{t("detail.registered")}</p> : null}
            {inClass || viewer.canModerate ? (
              <ul className="action-list">
                {inClass && active ? (
                  <li>
                    <a className="button primary big" href={`/classes/${classroom.id}/rejoindre`}>
                      {t("detail.prepare_and_join")}
                    </a>
                  </li>
                ) : null}
                <li>
                  <a className="button secondary" href={`/classes/${classroom.id}.ics`} download>
                    {t("detail.add_to_calendar")}
                  </a>
                </li>
                <li>
                  <a className="button secondary" href={`/classes/${classroom.id}/enregistrements`}>
                    {t("detail.recordings")}
                  </a>
                </li>
                {viewer.canModerate ? (
                  <li>
                    <a className="button secondary" href={`/classes/${classroom.id}/presence`}>
                      {t("detail.attendance")}
                    </a>
                  </li>
                ) : null}
              </ul>
            ) : null}
            {viewer.registered && active ? (
              <Form method="post">
                <button type="submit" name="intent" value="unregister" className="link-button">
                  {t("detail.unregister")}
                </button>
              </Form>
            ) : null}
            {inClass ? null : !active ? (
              <p>{t("detail.registration_closed")}</p>
            ) : seatsLeft === 0 ? (
              <p>{t("card.full")}</p>
            ) : (
              <Form method="post">
                <button type="submit" name="intent" value="register" className="button primary big">
                  {t("detail.register")}
                </button>
              </Form>
            )}
          </>
        )}
      </section>

      {viewer.canModerate || viewer.canRegisterOthers ? (
        <RegistrantsSection page={page} registerResult={actionData && "registerResult" in actionData ? actionData.registerResult : undefined} />
      ) : null}

      {viewer.canModerate && active ? (
        <section aria-labelledby="cancel-heading">
          <h2 id="cancel-heading">{t("detail.cancel_heading")}</h2>
          <p>{t("detail.cancel_text")}</p>
          <ConfirmedActionForm
            id="cancel-class"
            intent="cancel"
            confirmLabel={t("detail.cancel_confirm")}
            submitLabel={t("detail.cancel_submit")}
            error={actionData && "cancelError" in actionData ? actionData.cancelError : null}
          />
        </section>
      ) : null}
    </div>
  );
}
