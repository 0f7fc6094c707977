import { useTranslation } from "../lib/use-translation";
import { Form, href, redirect, useLoaderData, useSearchParams } from "react-router";
import type { Route } from "./+types/classes.detail";
import { PageTitle } from "../components/ui/page-title";
import { useActionReply } from "../components/ui/action-reply";
import { ConfirmedActionForm } from "../components/ui/confirmed-action";
import { ClassFacts } from "../features/classrooms/components/class-facts";
import { NotConfiguredNotice } from "../features/classrooms/components/not-configured";
import { RegistrantsSection } from "../features/classrooms/components/registrants";
import { ClassPageSchema } from "../features/classrooms/schemas";
import { cancelClass, classPage, registerLearner, registerSelf, unregisterLearner, unregisterSelf } from "../features/classrooms/service.server";
import { dbContext } from "../lib/context";
import { handleForm } from "../lib/actions.server";
import { currentUser, requireUser } from "../lib/session.server";
import css from "../styles/classrooms.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: css }];

export async function loader({ context, params }: Route.LoaderArgs) {
  return classPage(context.get(dbContext), currentUser(context), params.id);
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const db = context.get(dbContext);
  const back = (flag: string) => redirect(`${href("/classes/:id", { id: params.id })}?${flag}=1`);
  return handleForm(request, ClassPageSchema, async (value) => {
    switch (value.intent) {
      case "register":
        await registerSelf(db, user, params.id);
        return back("inscrit");
      case "unregister":
        await unregisterSelf(db, user, params.id);
        return back("desinscrit");
      case "cancel":
        await cancelClass(db, user, params.id);
        return back("annulee");
      case "unregister_learner":
        await unregisterLearner(db, user, params.id, value.learnerId);
        return back("retire");
      case "register_learner":
        await registerLearner(db, user, params.id, value);
        return back("ajoute");
    }
  });
}

const FLASHES = ["programmee", "inscrit", "desinscrit", "annulee", "retire", "ajoute"] as const;

export default function ClassDetail() {
  const { t } = useTranslation("classrooms");
  const page = useLoaderData<typeof loader>();
  const registerReply = useActionReply("register_learner");
  const cancelReply = useActionReply("cancel");
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
        <a href={href("/classes")}>{t("back_to_list")}</a>
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
            <a className="button primary big" href={`${href("/connexion")}?retour=${encodeURIComponent(href("/classes/:id", { id: classroom.id }))}`}>
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
                    <a className="button primary big" href={href("/classes/:id/rejoindre", { id: classroom.id })}>
                      {t("detail.prepare_and_join")}
                    </a>
                  </li>
                ) : null}
                <li>
                  <a className="button secondary" href={href("/classes/:id.ics", { id: classroom.id })} download>
                    {t("detail.add_to_calendar")}
                  </a>
                </li>
                <li>
                  <a className="button secondary" href={href("/classes/:id/enregistrements", { id: classroom.id })}>
                    {t("detail.recordings")}
                  </a>
                </li>
                {viewer.canModerate ? (
                  <li>
                    <a className="button secondary" href={href("/classes/:id/presence", { id: classroom.id })}>
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
        <RegistrantsSection page={page} registerResult={registerReply} />
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
            error={cancelReply?.error?.confirm?.[0] ?? null}
          />
        </section>
      ) : null}
    </div>
  );
}
