import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import type { z } from "zod";
import { useTranslation } from "../lib/use-translation";
import { Form, href } from "react-router";
import type { Route } from "./+types/badges.verify";
import { useActionReply } from "../components/ui/action-reply";
import { FieldErrors } from "../components/ui/form-field";
import { PageTitle } from "../components/ui/page-title";
import { VerifyPasteSchema } from "../features/badges/schemas";
import { verifyPastedCredential } from "../features/badges/service.server";
import { dbContext } from "../lib/context";
import { handleForm } from "../lib/actions.server";
import css from "../styles/paths.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: css }];

export async function action({ request, context }: Route.ActionArgs) {
  return handleForm(request, VerifyPasteSchema, (value) => verifyPastedCredential(context.get(dbContext), value.jwt));
}

export default function VerifyPasted() {
  const { t } = useTranslation("badges");
  const result = useActionReply<Awaited<ReturnType<typeof verifyPastedCredential>>>();
  const [form, fields] = useForm<z.input<typeof VerifyPasteSchema>>({ lastResult: result, id: "verify", shouldValidate: "onSubmit" });
  const verdict = result?.status === "success" ? result.data : undefined;
  return (
    <div className="page narrow">
      <PageTitle>{t("verify.paste_title")}</PageTitle>
      <h1>{t("verify.paste_title")}</h1>
      {verdict ? (
        <div className={`alert ${verdict.status === "valid" ? "success" : "error"} badge-status`} role="status" data-status={verdict.status}>
          <p>
            {verdict.status === "valid"
              ? t("verify.paste_valid", { name: verdict.achievement })
              : verdict.status === "revoked"
                ? t("verify.paste_revoked", { name: verdict.achievement })
                : t("verify.paste_invalid")}
          </p>
          {verdict.reasonKey ? <p>{t(verdict.reasonKey)}</p> : null}
          {verdict.badgeId ? (
            <p>
              <a href={href("/badges/:id", { id: verdict.badgeId })}>{t("verify.see_badge")}</a>
            </p>
          ) : null}
        </div>
      ) : null}
      <p>{t("verify.paste_intro")}</p>
      <Form method="post" {...getFormProps(form)} noValidate>
        <div className="field">
          <label htmlFor={fields.jwt.id}>{t("verify.paste_label")}</label>
          <textarea {...getTextareaProps(fields.jwt)} key={fields.jwt.key} rows={8} className="mono" spellCheck={false} required />
          <FieldErrors id={fields.jwt.errorId} errors={fields.jwt.errors} />
        </div>
        <button type="submit" className="button primary">
          {t("verify.paste_submit")}
        </button>
      </Form>
    </div>
  );
}
