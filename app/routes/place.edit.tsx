import { getFormProps, useForm } from "@conform-to/react";
import { useTranslation } from "../lib/use-translation";
import type { z } from "zod";
import { Form, href, redirect, useLoaderData } from "react-router";
import type { Route } from "./+types/place.edit";
import { useActionReply } from "../components/ui/action-reply";
import { FormField } from "../components/ui/form-field";
import { ErrorSummary } from "../components/ui/error-summary";
import { PageTitle } from "../components/ui/page-title";
import { ChoiceGroup, TextAreaField } from "../features/mediation/components/choices";
import { LIST_FIELDS, RelaySpaceSchema } from "../features/places/schemas";
import { createSpace, getSpaceForEdit, listSpacesForManagement, updateSpace } from "../features/places/service.server";
import { RELAY_SPACE_LISTS, vocabKey } from "../features/places/vocabulary";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { requireUser } from "../lib/session.server";
import workshopsCss from "../styles/workshops.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: workshopsCss }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const db = context.get(dbContext);
  if (!params.id) {
    await listSpacesForManagement(db, actor); // permission check
    return { space: null };
  }
  const s = await getSpaceForEdit(db, actor, params.id);
  return {
    space: {
      id: s.id,
      slug: s.slug,
      defaults: {
        name: s.name,
        pivot: s.pivot ?? "",
        address: s.address,
        addressComplement: s.address_complement ?? "",
        commune: s.commune,
        postalCode: s.postal_code,
        inseeCode: s.insee_code ?? "",
        latitude: s.latitude?.toString() ?? "",
        longitude: s.longitude?.toString() ?? "",
        phone: s.phone ?? "",
        emails: s.emails.join("\n"),
        websites: s.websites.join("\n"),
        openingHours: s.opening_hours ?? "",
        summary: s.summary ?? "",
        description: s.description ?? "",
        typology: s.typology.join(", "),
        parentStructure: s.parent_structure ?? "",
        otherTrainingsLabels: s.other_trainings_labels ?? "",
        accessibilityUrl: s.accessibility_url ?? "",
        bookingUrl: s.booking_url ?? "",
        services: s.services,
        audiences: s.audiences,
        specificSupport: s.specific_support,
        fees: s.fees,
        nationalProgrammes: s.national_programmes,
        trainingsLabels: s.trainings_labels,
        accessModalities: s.access_modalities,
        accompanimentModalities: s.accompaniment_modalities,
        itinerance: s.itinerance,
        equipment: s.equipment,
        accessibility: s.accessibility,
      },
    },
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const db = context.get(dbContext);
  return handleForm(request, RelaySpaceSchema, async (value) => {
    if (params.id) await updateSpace(db, actor, params.id, value);
    else await createSpace(db, actor, value);
    return redirect(`${href("/gestion/lieux")}?enregistre=1`);
  });
}

export default function EditPlace() {
  const { t } = useTranslation("places");
  const { space } = useLoaderData<typeof loader>();
  const lastResult = useActionReply();
  const [form, fields] = useForm<z.input<typeof RelaySpaceSchema>>({ lastResult, id: "relay-space", defaultValue: space?.defaults as never });
  const title = space ? t("edit.title_edit", { name: space.defaults.name }) : t("edit.title_new");
  return (
    <div className="page narrow-wide">
      <PageTitle>{title}</PageTitle>
      <p>
        <a href={href("/gestion/lieux")}>{t("edit.back")}</a>
      </p>
      <h1>{title}</h1>
      <p>{t("edit.intro")}</p>
      <ErrorSummary form={form} />
      {form.errors || Object.values(fields).some((f) => f.errors?.length) ? (
        <div className="alert error" role="alert">
          <p>{t("edit.has_errors")}</p>
        </div>
      ) : null}
      <Form method="post" {...getFormProps(form)} noValidate>
        <h2>{t("edit.identity")}</h2>
        <FormField field={fields.name} label={t("fields.name")} required />
        <FormField field={fields.pivot} label={t("fields.pivot")} hint={t("hints.pivot")} />
        <FormField field={fields.typology} label={t("fields.typology")} hint={t("hints.typology")} />
        <FormField field={fields.parentStructure} label={t("fields.parent_structure")} />
        <TextAreaField field={fields.summary} label={t("fields.summary")} hint={t("hints.summary")} />
        <TextAreaField field={fields.description} label={t("fields.description")} rows={5} />

        <h2>{t("edit.address")}</h2>
        <FormField field={fields.address} label={t("fields.address")} autoComplete="street-address" required />
        <FormField field={fields.addressComplement} label={t("fields.address_complement")} />
        <FormField field={fields.postalCode} label={t("fields.postal_code")} hint={t("hints.postal_code")} autoComplete="postal-code" required />
        <FormField field={fields.commune} label={t("fields.commune")} required />
        <FormField field={fields.inseeCode} label={t("fields.insee_code")} hint={t("hints.insee_code")} />
        <FormField field={fields.latitude} label={t("fields.latitude")} hint={t("hints.coordinates")} />
        <FormField field={fields.longitude} label={t("fields.longitude")} />

        <h2>{t("edit.contact")}</h2>
        <FormField field={fields.phone} label={t("fields.phone")} type="tel" hint={t("hints.phone")} />
        <TextAreaField field={fields.emails} label={t("fields.emails")} hint={t("hints.one_per_line")} />
        <TextAreaField field={fields.websites} label={t("fields.websites")} hint={t("hints.one_per_line")} />
        <FormField field={fields.bookingUrl} label={t("fields.booking_url")} type="url" />
        <FormField field={fields.openingHours} label={t("fields.opening_hours")} hint={t("hints.opening_hours")} />

        <h2>{t("edit.offer")}</h2>
        {LIST_FIELDS.map(({ name, list }) => (
          <ChoiceGroup
            key={name}
            field={fields[name]}
            legend={t(`fields.${list}`)}
            columns={RELAY_SPACE_LISTS[list].length > 4}
            choices={RELAY_SPACE_LISTS[list].map((e) => ({ value: e.value, label: t(vocabKey(list, e.value)) }))}
          />
        ))}
        <FormField field={fields.otherTrainingsLabels} label={t("fields.other_trainings_labels")} />
        <FormField field={fields.accessibilityUrl} label={t("fields.accessibility_url")} type="url" hint={t("hints.accessibility_url")} />
        <button type="submit" className="button primary">
          {t("edit.save")}
        </button>
      </Form>
    </div>
  );
}
