import { getFormProps, useForm } from "@conform-to/react";
import { useTranslation } from "../lib/use-translation";
import { data, Form, href, Link, useActionData, useLoaderData, useSearchParams } from "react-router";
import type { z } from "zod";
import type { Route } from "./+types/invitation";
import { ErrorSummary } from "../components/ui/error-summary";
import { FormField } from "../components/ui/form-field";
import { PageTitle } from "../components/ui/page-title";
import { NewPasswordFields } from "../features/accounts/components/new-password-fields";
import { redirectSignedIn, requestMeta } from "../features/accounts/responses.server";
import { AcceptInvitationSchema } from "../features/accounts/schemas";
import { acceptInvitation, readInvitation } from "../features/accounts/staff.server";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";

export async function loader({ context, request }: Route.LoaderArgs) {
  const read = await readInvitation(context.get(dbContext), new URL(request.url).searchParams.get("jeton"));
  if (read.ok) return { invitation: read, gone: null };
  // A link never issued is not found; one that worked once is gone for good.
  return data({ invitation: null, gone: read.gone }, { status: read.gone === "unknown" ? 404 : 410 });
}

export async function action({ context, request }: Route.ActionArgs) {
  const db = context.get(dbContext);
  return handleForm(
    request,
    AcceptInvitationSchema,
    async (value) => {
      const { user, token } = await acceptInvitation(db, value, requestMeta(request));
      return redirectSignedIn(request, db, `${href("/compte")}?bienvenue=1`, token, user);
    },
    { hideFields: ["password", "passwordConfirm"] },
  );
}

export default function Invitation() {
  const { t } = useTranslation("admin");
  const { invitation, gone } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm<z.input<typeof AcceptInvitationSchema>>({ lastResult, id: "invitation", defaultValue: { firstName: invitation?.firstName ?? "" } });
  if (!invitation) {
    return (
      <div className="page narrow">
        <PageTitle>{t("invitation.title")}</PageTitle>
        <h1>{t("invitation.title")}</h1>
        <div className="alert error" role="alert">
          <p>{t(gone === "cancelled" || gone === "replaced" ? `errors.invitation_${gone}` : "errors.invitation_invalid")}</p>
        </div>
        <p>
          <Link to={href("/connexion")}>{t("invitation.sign_in")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="page narrow">
      <PageTitle>{t("invitation.title")}</PageTitle>
      <h1>{t("invitation.title")}</h1>
      <p>{t("invitation.intro", { email: invitation.email, role: t(`accounts:roles.${invitation.role}`) })}</p>
      <ErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <input type="hidden" name="token" value={searchParams.get("jeton") ?? ""} />
        <FormField field={fields.firstName} label={t("accounts:fields.first_name")} autoComplete="given-name" required />
        <FormField field={fields.lastName} label={t("invitation.last_name")} autoComplete="family-name" />
        <NewPasswordFields password={fields.password} passwordConfirm={fields.passwordConfirm} />
        <button type="submit" className="button primary">
          {t("invitation.submit")}
        </button>
      </Form>
    </div>
  );
}
