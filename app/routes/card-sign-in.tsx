import { getFormProps, useForm } from "@conform-to/react";
import { useTranslation } from "../lib/use-translation";
import { Form, href, redirect, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/card-sign-in";
import { FormField } from "../components/ui/form-field";
import { ErrorSummary } from "../components/ui/error-summary";
import { PageTitle } from "../components/ui/page-title";
import { redirectSignedIn, requestMeta } from "../features/accounts/responses.server";
import { signInWithAccessCard } from "../features/mediation/access-card.server";
import { formatAccessCode, normalizeAccessCode } from "../features/mediation/access-code";
import { AccessCardSignInSchema } from "../features/mediation/schemas";
import { dbContext } from "../lib/context";
import { handleForm } from "../lib/actions.server";
import { currentUser } from "../lib/session.server";

/**
 * Sign-in with an access card. The QR code opens this page with the code
 * filled in; the person still presses the button (a link alone never signs
 * anyone in).
 */
export function loader({ context, request }: Route.LoaderArgs) {
  if (currentUser(context)) throw redirect(href("/compte/activites"));
  const fromQr = normalizeAccessCode(new URL(request.url).searchParams.get("code"));
  return { code: fromQr ? formatAccessCode(fromQr) : "" };
}

export async function action({ request, context }: Route.ActionArgs) {
  const db = context.get(dbContext);
  return handleForm(request, AccessCardSignInSchema, async (value) => {
    const { user, token } = await signInWithAccessCard(db, value.code, requestMeta(request));
    return redirectSignedIn(request, db, href("/compte/activites"), token, user, { landing: true });
  });
}

export default function CardSignIn() {
  const { t } = useTranslation("mediation");
  const { code } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({ lastResult, id: "card-sign-in", defaultValue: { code } });
  return (
    <div className="page narrow">
      <PageTitle>{t("card_sign_in.title")}</PageTitle>
      <h1>{t("card_sign_in.title")}</h1>
      <p>{t("card_sign_in.intro")}</p>
      <ErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <FormField field={fields.code} label={t("card_sign_in.code")} hint={t("card_sign_in.code_hint")} autoComplete="off" required />
        <button type="submit" className="button primary">
          {t("card_sign_in.submit")}
        </button>
      </Form>
      <p>
        <a href={href("/connexion")}>{t("card_sign_in.with_password")}</a>
      </p>
      <p className="hint">{t("card_sign_in.lost")}</p>
    </div>
  );
}
