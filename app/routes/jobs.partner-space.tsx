import { href, Link, useLoaderData } from "react-router";
import { IntentButton } from "../components/ui/intent-button";
import type { Route } from "./+types/jobs.partner-space";
import { ActionMessage, useActionReply } from "../components/ui/action-reply";
import { PageTitle } from "../components/ui/page-title";
import { TableScroll } from "../components/ui/table-scroll";
import { closeOffer, listOffersOfPartner } from "../features/jobs/offers.server";
import { CloseOfferSchema } from "../features/jobs/schemas-offers";
import { todayInParis } from "../features/projects/dates";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { formatDate } from "../lib/i18n";
import { requireUser } from "../lib/session.server";
import { useTranslation } from "../lib/use-translation";

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  return {
    ...(await listOffersOfPartner(context.get(dbContext), user)),
    today: todayInParis(),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const user = requireUser(context, request);
  return handleForm(request, CloseOfferSchema, (value) => closeOffer(context.get(dbContext), user, value.offerId, value.intent));
}

export default function PartnerSpace() {
  const { t, i18n } = useTranslation("jobs");
  const { partners, offers, today } = useLoaderData<typeof loader>();
  const filled = useActionReply("filled");
  const withdrawn = useActionReply("withdrawn");
  const reply = filled ?? withdrawn;
  return (
    <div className="page">
      <PageTitle>{t("space.title")}</PageTitle>
      <h1>{t("space.title")}</h1>
      <p>{t("space.intro")}</p>
      {partners.length ? <p>{t("space.for", { names: partners.map((p) => p.name).join(", ") })}</p> : null}
      <ActionMessage reply={reply} okKey="jobs:space.done" />
      <p>
        <Link to={href("/espace-partenaire/offres/nouvelle")} className="button primary">
          {t("space.new")}
        </Link>{" "}
        <Link to={href("/espace-partenaire/import")}>{t("space.import")}</Link>
      </p>
      {offers.length === 0 ? (
        <p>{t("space.empty")}</p>
      ) : (
        <TableScroll label={t("space.caption")}>
          <table className="data-table">
            <caption>{t("space.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("edit.fields.title")}</th>
                <th scope="col">{t("space.status")}</th>
                <th scope="col">{t("space.expires")}</th>
                <th scope="col">{t("space.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {offers.map((o) => {
                const open = o.status !== "filled" && o.status !== "withdrawn";
                return (
                  <tr key={o.id}>
                    <th scope="row">
                      <Link to={href("/emplois/:id", { id: o.id })}>{o.title}</Link>
                      {partners.length > 1 ? <div className="hint">{o.partnerName}</div> : null}
                    </th>
                    <td>
                      {t(`statuses.${o.status}`)}
                      {o.status === "published" && o.expiresOn < today ? ` (${t("space.expired")})` : null}
                      {o.status === "rejected" && o.moderationNote ? (
                        <div className="hint">{t("offer.moderation_note", { note: o.moderationNote })}</div>
                      ) : null}
                    </td>
                    <td>{formatDate(o.expiresOn, i18n.language)}</td>
                    <td>
                      {open ? (
                        <div className="inline-actions">
                          <Link
                            to={href("/espace-partenaire/offres/:id", {
                              id: o.id,
                            })}
                            aria-label={t("space.edit", { title: o.title })}
                          >
                            {t("space.edit_short")}
                          </Link>
                          {(["filled", "withdrawn"] as const).map((intent) => (
                            <IntentButton
                              key={intent}
                              intent={intent}
                              fields={{ offerId: o.id }}
                              variant="plain"
                              ariaLabel={t(intent === "filled" ? "space.filled_label" : "space.withdraw_label", { title: o.title })}
                            >
                              {t(intent === "filled" ? "space.filled" : "space.withdraw")}
                            </IntentButton>
                          ))}
                        </div>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}
