import { getFormProps, useForm, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "../lib/use-translation";
import type { z } from "zod";
import { Form, href, redirect, useLoaderData } from "react-router";
import type { Route } from "./+types/workshop.edit";
import { replyMessages, useActionReply } from "../components/ui/action-reply";
import { FieldErrors, FormField } from "../components/ui/form-field";
import { ErrorSummary } from "../components/ui/error-summary";
import { PageTitle } from "../components/ui/page-title";
import { ConfirmedActionForm } from "../components/ui/confirmed-action";
import { ChoiceGroup, SelectField, TextAreaField } from "../features/mediation/components/choices";
import { THEMES, WORKSHOP_LEVELS, codes } from "../features/mediation/vocabulary";
import { OutsideHoursConfirm } from "../features/workshops/components/outside-hours";
import { newWorkshopDefaults, REMOTE, WorkshopPageSchema, type WorkshopSchema, workshopFormDefaults } from "../features/workshops/schemas";
import { cancelWorkshop, getWorkshopForEdit, scheduleWorkshop, updateWorkshop, workshopFormData } from "../features/workshops/service.server";
import { handleForm } from "../lib/actions.server";
import { appError } from "../lib/errors";
import { dbContext } from "../lib/context";
import { requireUser } from "../lib/session.server";
import workshopsCss from "../styles/workshops.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: workshopsCss }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const db = context.get(dbContext);
  if (!params.id) return { ...(await workshopFormData(db, actor)), workshopId: null, cancelled: false, defaults: newWorkshopDefaults() };
  const { workshop, mediators, spaces, staff } = await getWorkshopForEdit(db, actor, params.id);
  const others = mediators.map((m) => m.id).filter((id) => id !== workshop.created_by && id !== actor.id);
  return { spaces, staff, workshopId: workshop.id, cancelled: !!workshop.cancelled_at, defaults: workshopFormDefaults(workshop, others) };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const db = context.get(dbContext);
  return handleForm(request, WorkshopPageSchema, async (value) => {
    if (value.intent === "cancel-workshop") {
      if (!params.id) throw appError(404, "not_found", "errors:not_found");
      await cancelWorkshop(db, actor, params.id);
      return redirect(href("/ateliers/:id", { id: params.id }));
    }
    const workshop = params.id ? await updateWorkshop(db, actor, params.id, value) : await scheduleWorkshop(db, actor, value);
    return redirect(href("/ateliers/:id", { id: workshop.id }));
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- conform infers each field's own shape
function TimeField({ field, label }: { field: FieldMetadata<any, any, string[]>; label: string }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={field.id}>
        {label}
        <span className="required"> {t("form.required")}</span>
      </label>
      <input
        id={field.id}
        name={field.name}
        type="time"
        required
        defaultValue={(field.initialValue as string | undefined) ?? ""}
        aria-invalid={field.errors?.length ? true : undefined}
        aria-describedby={field.errors?.length ? field.errorId : undefined}
      />
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

export default function EditWorkshop() {
  const { t } = useTranslation("workshops");
  const { spaces, staff, workshopId, cancelled, defaults } = useLoaderData<typeof loader>();
  const lastResult = useActionReply("save");
  const cancelError = replyMessages(useActionReply("cancel-workshop"))[0] ?? null;
  const [form, fields] = useForm<z.input<typeof WorkshopSchema>>({ lastResult, id: "workshop", defaultValue: defaults as never });
  const title = workshopId ? t("edit.title_edit") : t("edit.title_new");
  return (
    <div className="page narrow-wide">
      <PageTitle>{title}</PageTitle>
      <h1>{title}</h1>
      <ErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <input type="hidden" name="intent" value="save" />
        <FormField field={fields.title} label={t("edit.title_field")} required />
        <TextAreaField field={fields.description} label={t("edit.description")} rows={4} />
        <ChoiceGroup
          field={fields.themes}
          legend={t("edit.themes")}
          hint={t("edit.themes_hint")}
          required
          columns
          choices={codes(THEMES).map((c) => ({ value: c, label: t(`mediation:vocab.thematique.${c}`) }))}
        />
        <ChoiceGroup
          field={fields.level}
          type="radio"
          legend={t("edit.level")}
          required
          choices={codes(WORKSHOP_LEVELS).map((c) => ({ value: c, label: t(`mediation:vocab.niveau_atelier.${c}`) }))}
        />
        <SelectField
          field={fields.place}
          label={t("edit.place")}
          required
          emptyLabel={t("edit.choose_place")}
          choices={[...spaces.map((s) => ({ value: s.id, label: `${s.name} (${s.commune})` })), { value: REMOTE, label: t("remote") }]}
        />
        <FormField field={fields.date} label={t("edit.date")} type="date" required />
        <div className="inline-fields">
          <TimeField field={fields.startTime} label={t("edit.start_time")} />
          <TimeField field={fields.endTime} label={t("edit.end_time")} />
        </div>
        <OutsideHoursConfirm errors={fields.startTime.errors} space={spaces.find((s) => s.id === fields.place.initialValue)} />
        <FormField field={fields.seats} label={t("edit.seats")} type="number" required />
        <TextAreaField field={fields.equipmentToBring} label={t("edit.bring")} hint={t("edit.bring_hint")} />
        {staff.length > 0 ? (
          <ChoiceGroup
            field={fields.coMediators}
            legend={t("edit.co_mediators")}
            choices={staff.map((s) => ({ value: s.id, label: [s.first_name, s.last_name].filter(Boolean).join(" ") }))}
          />
        ) : null}
        <button type="submit" className="button primary">
          {workshopId ? t("edit.save") : t("edit.schedule")}
        </button>
      </Form>
      {workshopId && !cancelled ? (
        <section aria-labelledby="cancel-heading">
          <h2 id="cancel-heading">{t("edit.cancel_heading")}</h2>
          <p>{t("edit.cancel_text")}</p>
          <ConfirmedActionForm
            id="cancel-workshop"
            intent="cancel-workshop"
            confirmLabel={t("edit.cancel_confirm")}
            submitLabel={t("edit.cancel_workshop")}
            error={cancelError}
          />
        </section>
      ) : null}
    </div>
  );
}
