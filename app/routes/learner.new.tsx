import { getFormProps, useForm } from "@conform-to/react";
import { useTranslation } from "../lib/use-translation";
import type { z } from "zod";
import { Form, href, redirect, useActionData, useSearchParams } from "react-router";
import type { Route } from "./+types/learner.new";
import { FormField } from "../components/ui/form-field";
import { ErrorSummary } from "../components/ui/error-summary";
import { PageTitle } from "../components/ui/page-title";
import { safeRedirect } from "../features/accounts/schemas";
import { ChoiceGroup, SelectField, TextAreaField } from "../features/mediation/components/choices";
import { createAssistedAccount } from "../features/mediation/learners.server";
import { AssistedAccountSchema } from "../features/mediation/schemas";
import { AGE_BANDS, CONSENT_POINTS, LEARNER_AUDIENCES, codes } from "../features/mediation/vocabulary";
import { forbidden } from "../lib/errors";
import { dbContext } from "../lib/context";
import { handleForm } from "../lib/actions.server";
import { can } from "../lib/permissions";
import { requireUser } from "../lib/session.server";
import workshopsCss from "../styles/workshops.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: workshopsCss }];

export function loader({ context, request }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  if (!can(actor, "create:learner:own")) throw forbidden();
  return null;
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  return handleForm(request, AssistedAccountSchema, async (value) => {
    const learner = await createAssistedAccount(context.get(dbContext), actor, value);
    const back = value.redirectTo ? `&retour=${encodeURIComponent(safeRedirect(value.redirectTo))}` : "";
    return redirect(`${href("/accompagnement/personnes/:id", { id: learner.id })}?cree=1${back}`);
  });
}

export default function NewLearner() {
  const { t } = useTranslation("mediation");
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useForm<z.input<typeof AssistedAccountSchema>>({ lastResult, id: "assisted-account", defaultValue: { givenBy: "personne" } });
  return (
    <div className="page narrow-wide">
      <PageTitle>{t("new_learner.title")}</PageTitle>
      <h1>{t("new_learner.title")}</h1>
      <p>{t("new_learner.intro")}</p>
      <ErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <input type="hidden" name="redirectTo" value={params.get("retour") ?? ""} />
        <h2>{t("new_learner.person")}</h2>
        <FormField field={fields.firstName} label={t("fields.first_name")} required autoComplete="off" />
        <FormField field={fields.lastName} label={t("fields.last_name")} hint={t("new_learner.last_name_hint")} autoComplete="off" />
        <SelectField
          field={fields.ageBand}
          label={t("fields.age_band")}
          required
          emptyLabel={t("form.choose")}
          choices={codes(AGE_BANDS).map((c) => ({ value: c, label: t(`vocab.tranche_age.${c}`) }))}
        />
        <FormField field={fields.commune} label={t("fields.commune")} />
        <FormField field={fields.communeInsee} label={t("fields.commune_insee")} hint={t("new_learner.insee_hint")} />
        <SelectField
          field={fields.audience}
          label={t("fields.audience")}
          required
          emptyLabel={t("form.choose")}
          choices={codes(LEARNER_AUDIENCES).map((c) => ({ value: c, label: t(`vocab.audience.${c}`) }))}
        />
        <h2>{t("new_learner.consent")}</h2>
        <p>{t("new_learner.consent_intro")}</p>
        <ChoiceGroup
          field={fields.explained}
          legend={t("new_learner.explained")}
          required
          choices={codes(CONSENT_POINTS).map((c) => ({ value: c, label: t(`vocab.consent.${c}`) }))}
        />
        <ChoiceGroup
          field={fields.givenBy}
          type="radio"
          legend={t("new_learner.given_by")}
          required
          hint={t("new_learner.given_by_hint")}
          choices={[
            { value: "personne", label: t("new_learner.given_by_person") },
            { value: "representant_legal", label: t("new_learner.given_by_representative") },
          ]}
        />
        <FormField field={fields.representativeName} label={t("new_learner.representative_name")} />
        <TextAreaField field={fields.consentNotes} label={t("new_learner.consent_notes")} />
        <button type="submit" className="button primary">
          {t("new_learner.submit")}
        </button>
      </Form>
    </div>
  );
}
