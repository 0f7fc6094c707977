import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { ActivitySchema } from "../schemas";
import { Form } from "react-router";
import { FormField } from "../../../components/ui/form-field";
import { ErrorSummary } from "../../../components/ui/error-summary";
import { ACTIVITY_TYPES, AGE_BANDS, AUTONOMY, EQUIPMENT, GENDERS, PLACE_TYPES, REDIRECTION, SOCIAL_STATUSES, THEMES, codes } from "../vocabulary";
import { ChoiceGroup, SelectField, TextAreaField } from "./choices";

export interface ActivityFormProps {
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue: Record<string, unknown>;
  spaces: { id: string; name: string; commune: string }[];
  learners: { id: string; name: string }[];
  /** Entries made by a workshop check-in keep their list of people. */
  workshopPeople?: string[] | null;
  submitLabel: string;
}

const DURATIONS = [15, 30, 45, 60, 90, 120, 180];

/**
 * The activity log form, in the order a mediator thinks after helping
 * someone: who/how (type), what (themes), where, then the optional details.
 * Defaults (today, 30 min, usual place, individual) leave only the themes to tick.
 */
export function ActivityForm({ lastResult, defaultValue, spaces, learners, workshopPeople, submitLabel }: ActivityFormProps) {
  const { t } = useTranslation("mediation");
  const [form, fields] = useForm<z.input<typeof ActivitySchema>>({ lastResult, id: "activity", defaultValue: defaultValue as never });
  const vocab = (list: string, values: readonly string[]) => values.map((c) => ({ value: c, label: t(`vocab.${list}.${c}`) }));
  return (
    <>
      <ErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)} noValidate className="activity-form">
        {workshopPeople ? (
          <input type="hidden" name="activityType" value="collectif" />
        ) : (
          <ChoiceGroup field={fields.activityType} type="radio" legend={t("fields.activity_type")} required choices={vocab("type_activite", codes(ACTIVITY_TYPES))} />
        )}
        <div className="inline-fields">
          <FormField field={fields.activityDate} label={t("fields.date")} type="date" required />
          <SelectField
            field={fields.durationMinutes}
            label={t("fields.duration")}
            required
            choices={DURATIONS.map((m) => ({ value: String(m), label: t("fields.minutes", { count: m }) }))}
          />
        </div>
        <ChoiceGroup field={fields.themes} legend={t("fields.themes")} required columns choices={vocab("thematique", codes(THEMES))} />
        <ChoiceGroup field={fields.placeType} type="radio" legend={t("fields.place_type")} required choices={vocab("type_lieu", codes(PLACE_TYPES))} />
        <SelectField
          field={fields.relaySpaceId}
          label={t("fields.relay_space")}
          hint={t("fields.relay_space_hint")}
          emptyLabel={t("form.none")}
          choices={spaces.map((s) => ({ value: s.id, label: `${s.name} (${s.commune})` }))}
        />
        <FormField field={fields.placeCommune} label={t("fields.place_commune")} hint={t("fields.place_commune_hint")} />
        <ChoiceGroup field={fields.equipment} legend={t("fields.equipment")} choices={vocab("materiel", codes(EQUIPMENT))} />
        <ChoiceGroup field={fields.autonomy} type="radio" legend={t("fields.autonomy")} choices={vocab("autonomie", codes(AUTONOMY))} />
        <SelectField field={fields.redirection} label={t("fields.redirection")} emptyLabel={t("form.none")} choices={vocab("structure_de_redirection", codes(REDIRECTION))} />

        <fieldset>
          <legend>{t("fields.beneficiary")}</legend>
          {workshopPeople ? (
            <>
              <p>{t("log.workshop_people", { count: workshopPeople.length })}</p>
              <ul>
                {workshopPeople.map((name, i) => (
                  <li key={`${name}-${i}`}>{name}</li>
                ))}
              </ul>
            </>
          ) : (
            <>
              <p className="hint">{t("fields.beneficiary_hint")}</p>
              <SelectField
                field={fields.learnerId}
                label={t("fields.learner")}
                emptyLabel={t("form.anonymous")}
                choices={learners.map((l) => ({ value: l.id, label: l.name }))}
              />
              <div className="inline-fields">
                <SelectField field={fields.gender} label={t("fields.gender")} emptyLabel={t("form.not_said")} choices={vocab("genre", codes(GENDERS))} />
                <SelectField field={fields.ageBand} label={t("fields.age_band")} emptyLabel={t("form.not_said")} choices={vocab("tranche_age", codes(AGE_BANDS))} />
                <SelectField
                  field={fields.socialStatus}
                  label={t("fields.social_status")}
                  emptyLabel={t("form.not_said")}
                  choices={vocab("statut_social", codes(SOCIAL_STATUSES))}
                />
              </div>
              <FormField field={fields.beneficiaryCommune} label={t("fields.beneficiary_commune")} />
            </>
          )}
          <FormField field={fields.anonymousParticipants} label={t("fields.anonymous_participants")} hint={t("fields.anonymous_participants_hint")} type="number" />
        </fieldset>
        <TextAreaField field={fields.notes} label={t("fields.notes")} hint={t("fields.notes_hint")} />
        <button type="submit" className="button primary">
          {submitLabel}
        </button>
      </Form>
    </>
  );
}
