import { Form, href, Link, useLoaderData } from "react-router";
import type { Route } from "./+types/jobs.moderation";
import { ActionMessage, useActionReply } from "../components/ui/action-reply";
import { PageTitle } from "../components/ui/page-title";
import { contractWords } from "../features/jobs/components/offers/offer-list";
import { SkillList } from "../features/jobs/components/offers/offer-details";
import { listModerationQueue, moderateOffer } from "../features/jobs/offers.server";
import { ModerationSchema } from "../features/jobs/schemas-offers";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { requireUser } from "../lib/session.server";
import { useTranslation } from "../lib/use-translation";

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  return { offers: await listModerationQueue(context.get(dbContext), user) };
}

export async function action({ context, request }: Route.ActionArgs) {
  const user = requireUser(context, request);
  return handleForm(request, ModerationSchema, (value) => moderateOffer(context.get(dbContext), user, value));
}

export default function Moderation() {
  const { t } = useTranslation("jobs");
  const { offers } = useLoaderData<typeof loader>();
  const published = useActionReply("publish");
  const rejected = useActionReply("reject");
  return (
    <div className="page">
      <PageTitle>{t("moderation.title")}</PageTitle>
      <h1>{t("moderation.title")}</h1>
      <p>{t("moderation.intro")}</p>
      <p>
        <Link to={href("/admin/partenaires")}>{t("moderation.partners")}</Link>
      </p>
      <ActionMessage reply={published} okKey="jobs:moderation.published" />
      <ActionMessage reply={rejected} okKey="jobs:moderation.rejected" />
      {offers.length === 0 ? <p>{t("moderation.empty")}</p> : null}
      {offers.map((o) => (
        <section key={o.id} className="card" aria-labelledby={`offer-${o.id}`}>
          <h2 id={`offer-${o.id}`} className="card-title">
            {o.title}
          </h2>
          <p>
            {o.partnerName} — {o.commune} — {t(`sectors.${o.sector}`)} — {contractWords(o, t)}
          </p>
          <p>
            <Link to={href("/emplois/:id", { id: o.id })}>{t("moderation.see")}</Link>
          </p>
          <SkillList skills={o.skills} />
          <Form method="post">
            <input type="hidden" name="offerId" value={o.id} />
            <div className="field">
              <label htmlFor={`note-${o.id}`}>{t("moderation.note")}</label>
              <p className="hint" id={`note-hint-${o.id}`}>
                {t("moderation.note_hint")}
              </p>
              <textarea id={`note-${o.id}`} name="note" rows={2} aria-describedby={`note-hint-${o.id}`} />
            </div>
            <button
              type="submit"
              name="intent"
              value="publish"
              className="button primary"
              aria-label={t("moderation.publish_label", { title: o.title })}
            >
              {t("moderation.publish")}
            </button>{" "}
            <button type="submit" name="intent" value="reject" className="button" aria-label={t("moderation.reject_label", { title: o.title })}>
              {t("moderation.reject")}
            </button>
          </Form>
        </section>
      ))}
    </div>
  );
}
