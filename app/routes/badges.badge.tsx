import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import type { z } from "zod";
import type { RevokeSchema } from "../features/badges/schemas";
import { useTranslation } from "../lib/use-translation";
import { Form, href, redirect, useLoaderData, useSearchParams } from "react-router";
import type { Route } from "./+types/badges.badge";
import { FieldErrors} from "../components/ui/form-field";
import { useActionReply } from "../components/ui/action-reply";
import { ErrorSummary } from "../components/ui/error-summary";
import { PageTitle } from "../components/ui/page-title";
import { BadgePageSchema } from "../features/badges/schemas";
import { CertificateNameForm } from "../features/badges/components/certificate-name-form";
import { getBadgeVerification, revokeBadge, setCertificateFamilyName } from "../features/badges/service.server";
import { dbContext } from "../lib/context";
import { formatDate } from "../lib/i18n";
import { getLocale } from "../lib/i18n.server";
import { handleForm } from "../lib/actions.server";
import { currentUser, requireUser } from "../lib/session.server";
import css from "../styles/paths.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: css }];

export async function loader({ context, params }: Route.LoaderArgs) {
  const badge = await getBadgeVerification(context.get(dbContext), currentUser(context), params.id);
  return { badge, locale: getLocale(context) };
}

/** Coordinators withdraw a badge here. */
export async function action({ request, context, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const db = context.get(dbContext);
  return handleForm(request, BadgePageSchema, async (value) => {
    if (value.intent === "certificate-name") {
      await setCertificateFamilyName(db, user, params.id, value.familyName);
      return redirect(`${href("/badges/:id", { id: params.id })}?nom=1`);
    }
    await revokeBadge(db, user, params.id, value.reason);
    return redirect(`${href("/badges/:id", { id: params.id })}?retire=1`);
  });
}

export default function BadgeVerification() {
  const { t } = useTranslation("badges");
  const { badge, locale } = useLoaderData<typeof loader>();
  const lastResult = useActionReply("revoke");
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm<z.input<typeof RevokeSchema>>({ lastResult, id: "revoke", shouldValidate: "onSubmit" });
  const statusText =
    badge.status === "valid"
      ? t("verify.status_valid")
      : badge.status === "revoked"
        ? t("verify.status_revoked", { date: badge.revokedAt ? formatDate(badge.revokedAt, locale) : "" })
        : t("verify.status_invalid");
  return (
    <div className="page narrow">
      <PageTitle>{t("verify.title")}</PageTitle>
      <h1>{t("verify.title")}</h1>
      {searchParams.has("retire") ? (
        <div className="alert success" role="status">
          <p>{t("verify.revoked_done")}</p>
        </div>
      ) : null}
      <div className={`alert ${badge.status === "valid" ? "success" : "error"} badge-status`} data-status={badge.status}>
        <p>{statusText}</p>
      </div>
      {badge.achievement ? (
        <dl className="details">
          <dt>{t("verify.badge")}</dt>
          <dd>{badge.achievement.name}</dd>
          <dt>{t("verify.description")}</dt>
          <dd>{badge.achievement.description}</dd>
          <dt>{t("verify.criteria")}</dt>
          <dd>{badge.achievement.criteria}</dd>
          <dt>{t("verify.issuer")}</dt>
          <dd>{badge.issuerUrl ? <a href={badge.issuerUrl}>{badge.issuer}</a> : badge.issuer}</dd>
          <dt>{t("verify.recipient")}</dt>
          <dd>{badge.recipientName ?? t("verify.recipient_hidden")}</dd>
          <dt>{t("verify.date")}</dt>
          <dd>{badge.validFrom ? formatDate(badge.validFrom, locale) : ""}</dd>
          {badge.revocationReason ? (
            <>
              <dt>{t("verify.revocation_reason")}</dt>
              <dd>{badge.revocationReason}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
      {badge.evidence.length ? (
        <section aria-labelledby="evidence-heading">
          <h2 id="evidence-heading">{t("verify.evidence_title")}</h2>
          {badge.activityStart && badge.activityEnd ? (
            <p>{t("verify.evidence_dates", { start: formatDate(badge.activityStart, locale), end: formatDate(badge.activityEnd, locale) })}</p>
          ) : null}
          <ul className="evidence-list" lang="fr">
            {badge.evidence.map((e, i) => (
              <li key={i}>
                <strong>{e.name}</strong>
                {e.genre ? <> ({e.genre})</> : null}
                {e.description ? <> : {e.description}</> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {badge.isOwner ? (
        <section aria-labelledby="owner-heading">
          <h2 id="owner-heading">{t("verify.owner_title")}</h2>
          {badge.certificateName ? <CertificateNameForm {...badge.certificateName} saved={searchParams.has("nom")} /> : null}
          <ul className="link-list">
            <li>
              <a href={href("/badges/:id/certificat.pdf", { id: badge.id })} download>
                {t("mine.certificate")}
              </a>
            </li>
            <li>
              <a href={href("/badges/:id/badge.jwt", { id: badge.id })} download>
                {t("mine.download_jwt")}
              </a>
            </li>
            <li>
              <a href={href("/badges/:id/badge.json", { id: badge.id })} download>
                {t("mine.download_json")}
              </a>
            </li>
            <li>
              <a href={href("/badges")}>{t("mine.title")}</a>
            </li>
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="how-heading">
        <h2 id="how-heading">{t("verify.how_title")}</h2>
        <p>{t("verify.how_text")}</p>
        <ul className="link-list">
          <li>
            <a href={href("/badges/emetteur/jwks.json")}>{t("verify.public_key")}</a>
          </li>
          <li>
            <a href={href("/badges/emetteur")}>{t("verify.issuer_profile")}</a>
          </li>
          <li>
            <a href={href("/badges/verifier")}>{t("verify.paste_link")}</a>
          </li>
        </ul>
      </section>

      {badge.canRevoke ? (
        <section aria-labelledby="revoke-heading">
          <h2 id="revoke-heading">{t("verify.revoke_title")}</h2>
          <p>{t("verify.revoke_intro")}</p>
          <ErrorSummary form={form} />
          <Form method="post" {...getFormProps(form)} noValidate>
            <input type="hidden" name="intent" value="revoke" />
            <div className="field">
              <label htmlFor={fields.reason.id}>{t("verify.revoke_reason")}</label>
              <textarea {...getTextareaProps(fields.reason)} key={fields.reason.key} rows={3} required />
              <FieldErrors id={fields.reason.errorId} errors={fields.reason.errors} />
            </div>
            <button type="submit" className="button primary">
              {t("verify.revoke_submit")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
