import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { useTranslation } from "../../../lib/use-translation";
import type { z } from "zod";
import type { ActivitySchema } from "../schemas";
import { Form } from "react-router";
import { FormField } from "../../../components/ui/form-field";
import { ErrorSummary } from "../../../components/ui/error-summary";
import { ACTIVITY_TYPES, AGE_BANDS, AUTONOMY, EQUIPMENT, GENDERS, PLACE_TYPES, REDIRECTION, SOCIAL_STATUSES, codes } from "../vocabulary";
import { ChoiceGroup, SelectField, TextAreaField } from "./choices";
import { ThemePicker } from "./theme-picker";
import { personLabel, type PersonChoice } from "../person-label";

export interface ActivityFormProps {
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue: Record<string, unknown>;
  spaces: { id: string; name: string; commune: string }[];
  learners: PersonChoice[];
  /** The mediator's most used themes, shown first. */
  usualThemes: readonly string[];
  /** Entries made by a workshop check-in keep their list of people. */
  workshopPeople?: string[] | null;
  /** Editing an entry shows every detail; a new one keeps the rarely used ones folded. */
  showDetails: boolean;
  submitLabel: string;
  /** The log, beside the save button (« ← Journal d'activité »). */
  backTo: string;
}

const DURATIONS = [15, 30, 45, 60, 90, 120, 180];

/** Fields folded under « Plus de détails »: an error in one of them unfolds it. */
const DETAIL_FIELDS = ["placeType", "placeCommune", "equipment", "redirection", "gender", "ageBand", "socialStatus", "beneficiaryCommune", "anonymousParticipants", "notes"];

/**
 * The activity log form, sized for a tablet (1024×768) without scrolling in
 * the common case: type, date, duration and place on one line (all filled
 * in), the themes (her usual ones first), the person and their autonomy,
 * then save. The rest of the national record is folded under « Plus de
 * détails », still submitted with the form and reachable by keyboard.
 */
export function ActivityForm({ lastResult, defaultValue, spaces, learners, usualThemes, workshopPeople, showDetails, submitLabel, backTo }: ActivityFormProps) {
  const { t, i18n } = useTranslation("mediation");
  const [form, fields] = useForm<z.input<typeof ActivitySchema>>({ lastResult, id: "activity", defaultValue: defaultValue as never });
  const vocab = (list: string, values: readonly string[]) => values.map((c) => ({ value: c, label: t(`vocab.${list}.${c}`) }));
  const detailError = DETAIL_FIELDS.some((name) => (fields as unknown as Record<string, { errors?: string[] }>)[name]?.errors?.length);
  return (
    <>
      <ErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)} noValidate className="activity-form">
        <div className="activity-main">
          {workshopPeople ? (
            <input type="hidden" name="activityType" value="collectif" />
          ) : (
            <ChoiceGroup field={fields.activityType} type="radio" legend={t("form.type_short")} required choices={vocab("type_activite", codes(ACTIVITY_TYPES))} />
          )}
          <FormField field={fields.activityDate} label={t("fields.date")} type="date" required />
          <SelectField
            field={fields.durationMinutes}
            label={t("fields.duration")}
            required
            choices={DURATIONS.map((m) => ({ value: String(m), label: t("fields.minutes", { count: m }) }))}
          />
          <SelectField
            field={fields.relaySpaceId}
            label={t("fields.relay_space")}
            emptyLabel={t("form.none")}
            choices={spaces.map((s) => ({ value: s.id, label: `${s.name} (${s.commune})` }))}
          />
        </div>
        <ThemePicker field={fields.themes} usual={usualThemes} />
        <div className="activity-person">
          {workshopPeople ? (
            <div>
              <p>{t("log.workshop_people", { count: workshopPeople.length })}</p>
              <ul>
                {workshopPeople.map((name, i) => (
                  <li key={`${name}-${i}`}>{name}</li>
                ))}
              </ul>
            </div>
          ) : (
            <SelectField
              field={fields.learnerId}
              label={t("fields.learner")}
              emptyLabel={t("form.anonymous")}
              choices={learners.map((l) => ({ value: l.id, label: personLabel(l, t, i18n.language) }))}
            />
          )}
          <ChoiceGroup field={fields.autonomy} type="radio" legend={t("fields.autonomy")} choices={vocab("autonomie", codes(AUTONOMY))} />
        </div>
        <details className="activity-details" open={showDetails || detailError}>
          <summary>{t("form.more_details")}</summary>
          <ChoiceGroup field={fields.placeType} type="radio" legend={t("fields.place_type")} required choices={vocab("type_lieu", codes(PLACE_TYPES))} />
          <FormField field={fields.placeCommune} label={t("fields.place_commune")} hint={t("fields.place_commune_hint")} />
          <ChoiceGroup field={fields.equipment} legend={t("fields.equipment")} choices={vocab("materiel", codes(EQUIPMENT))} />
          <SelectField field={fields.redirection} label={t("fields.redirection")} emptyLabel={t("form.none")} choices={vocab("structure_de_redirection", codes(REDIRECTION))} />
          <fieldset>
            <legend>{t("fields.beneficiary")}</legend>
            {workshopPeople ? null : (
              <>
                <p className="hint">{t("fields.beneficiary_hint")}</p>
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
        </details>
        <p className="form-actions">
          <button type="submit" className="button primary">
            {submitLabel}
          </button>
          <a href={backTo}>{t("log.back")}</a>
        </p>
      </Form>
    </>
  );
}
