import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { Form } from "react-router";
import type { z } from "zod";
import { ErrorSummary } from "../../../../components/ui/error-summary";
import { FieldErrors, FormField } from "../../../../components/ui/form-field";
import type { ActionReply } from "../../../../lib/action-reply";
import { useTranslation } from "../../../../lib/use-translation";
import { PIX_COMPETENCES, pixKey } from "../../../courses/vocabulary";
import { SelectField, TextAreaField } from "../../../mediation/components/choices";
import { CONTRACTS, SECTORS, WORKING_TIMES, type OfferFormSchema } from "../../schemas-offers";

const LEVELS = [1, 2, 3, 4, 5, 6, 7, 8];

/**
 * One select per PIX competence (not needed / needed / level 1–8): sixteen
 * plain selects work without JavaScript and read well with a screen reader,
 * each labelled by its competence.
 */
function SkillPicker({ name, errorId, errors, initial }: { name: string; errorId: string; errors?: string[]; initial: string[] }) {
  const { t } = useTranslation("jobs");
  const chosen = new Map(initial.map((v) => [v.split(":")[0]!, v]));
  return (
    <fieldset className="choices skill-picker" aria-describedby={`skills-hint${errors?.length ? ` ${errorId}` : ""}`} id="skills">
      <legend>{t("edit.skills_legend")}</legend>
      <p className="hint" id="skills-hint">
        {t("edit.skills_hint")}
      </p>
      {PIX_COMPETENCES.map((code) => (
        <div className="field" key={code}>
          <label htmlFor={`skill-${code}`}>
            {code} {t(`courses:${pixKey(code)}`)}
          </label>
          <select id={`skill-${code}`} name={name} defaultValue={chosen.get(code) ?? ""}>
            <option value="">{t("edit.skill_none")}</option>
            <option value={code}>{t("edit.skill_any")}</option>
            {LEVELS.map((l) => (
              <option key={l} value={`${code}:${l}`}>
                {t("edit.skill_level", { level: l })}
              </option>
            ))}
          </select>
        </div>
      ))}
      <FieldErrors id={errorId} errors={errors} />
    </fieldset>
  );
}

export function OfferForm({
  lastResult,
  defaultValue,
  partners,
}: {
  lastResult: ActionReply | undefined;
  defaultValue?: Record<string, unknown>;
  partners: { id: string; name: string }[];
}) {
  const { t } = useTranslation("jobs");
  const [form, fields] = useForm<z.input<typeof OfferFormSchema>>({
    lastResult,
    id: "offer",
    defaultValue: defaultValue as never,
  });
  const initialSkills = fields.skills.initialValue;
  const skills = Array.isArray(initialSkills) ? initialSkills.map(String) : typeof initialSkills === "string" ? [initialSkills] : [];
  return (
    <>
      <ErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)} noValidate>
        {partners.length > 1 ? (
          <SelectField
            field={fields.partnerId}
            label={t("edit.organisation")}
            choices={partners.map((p) => ({ value: p.id, label: p.name }))}
            required
          />
        ) : null}
        <h2>{t("edit.the_job")}</h2>
        <FormField field={fields.title} label={t("edit.fields.title")} required />
        <TextAreaField field={fields.description} label={t("edit.fields.description")} rows={6} />
        <SelectField
          field={fields.sector}
          label={t("edit.fields.sector")}
          choices={SECTORS.map((s) => ({ value: s, label: t(`sectors.${s}`) }))}
          emptyLabel=""
          required
        />
        <FormField field={fields.commune} label={t("edit.fields.commune")} required />
        <FormField field={fields.businessZone} label={t("edit.fields.zone")} hint={t("edit.hints.zone")} />
        <h2>{t("edit.conditions")}</h2>
        <SelectField
          field={fields.contract}
          label={t("edit.fields.contract")}
          choices={CONTRACTS.map((c) => ({
            value: c,
            label: t(`contracts.${c}`),
          }))}
          emptyLabel=""
          required
        />
        <FormField field={fields.durationMonths} label={t("edit.fields.duration")} hint={t("edit.hints.duration")} />
        <SelectField
          field={fields.workingTime}
          label={t("edit.fields.working_time")}
          choices={WORKING_TIMES.map((w) => ({
            value: w,
            label: t(`working_times.${w}`),
          }))}
          emptyLabel=""
          required
        />
        <FormField field={fields.hoursPerWeek} label={t("edit.fields.hours")} hint={t("edit.hints.hours")} />
        <FormField field={fields.startsOn} label={t("edit.fields.starts_on")} hint={t("edit.hints.date")} type="date" />
        <div className="field">
          <label className="choice">
            <input
              {...getInputProps(fields.noDiploma, {
                type: "checkbox",
                value: "on",
              })}
              key={fields.noDiploma.key}
            />{" "}
            {t("edit.fields.no_diploma")}
          </label>
        </div>
        <FormField field={fields.expiresOn} label={t("edit.fields.expires_on")} hint={t("edit.hints.date")} type="date" required />
        <TextAreaField field={fields.howToApply} label={t("edit.fields.how_to_apply")} hint={t("edit.hints.how_to_apply")} />
        <SkillPicker name={fields.skills.name} errorId={fields.skills.errorId} errors={fields.skills.errors} initial={skills} />
        <button type="submit" className="button primary">
          {t("edit.save")}
        </button>
      </Form>
    </>
  );
}
