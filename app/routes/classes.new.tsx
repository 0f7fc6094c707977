import { getCollectionProps, getFormProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { useTranslation } from "../lib/use-translation";
import { Form, href, redirect, useActionData, useLoaderData } from "react-router";
import type { z } from "zod";
import type { Route } from "./+types/classes.new";
import { FieldErrors, FormField } from "../components/ui/form-field";
import { ErrorSummary } from "../components/ui/error-summary";
import { PageTitle } from "../components/ui/page-title";
import { NotConfiguredNotice } from "../features/classrooms/components/not-configured";
import { DURATIONS, ScheduleClassSchema } from "../features/classrooms/schemas";
import { livekitConfig, scheduleClass, schedulingFormData } from "../features/classrooms/service.server";
import { dbContext } from "../lib/context";
import { handleForm } from "../lib/actions.server";
import { can } from "../lib/permissions";
import { requireUser } from "../lib/session.server";
import css from "../styles/classrooms.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: css }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const { staff, pathSteps, courses } = await schedulingFormData(context.get(dbContext), user);
  return {
    pathSteps,
    courses,
    me: user.id,
    canChooseHost: can(user, "create:classroom:any"),
    staff: staff.map((s) => ({ id: s.id, name: `${s.first_name} ${s.last_name ?? ""}`.trim(), role: s.role })),
    livekitConfigured: !!livekitConfig(),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const user = requireUser(context, request);
  return handleForm(request, ScheduleClassSchema, async (value) => {
    const classroom = await scheduleClass(context.get(dbContext), user, value);
    return redirect(`${href("/classes/:id", { id: classroom.id })}?programmee=1`);
  });
}

export default function NewClass() {
  const { t } = useTranslation("classrooms");
  const { me, canChooseHost, staff, livekitConfigured, pathSteps, courses } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof ScheduleClassSchema>>({
    lastResult,
    id: "schedule-class",
    defaultValue: { hostId: me, durationMinutes: "60", capacity: "12" },
    shouldValidate: "onSubmit",
  });
  const others = staff.filter((s) => s.id !== me);
  return (
    <div className="page narrow">
      <PageTitle>{t("new.title")}</PageTitle>
      <p>
        <a href={href("/classes")}>{t("back_to_list")}</a>
      </p>
      <h1>{t("new.title")}</h1>
      {livekitConfigured ? null : <NotConfiguredNotice />}
      <ErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <FormField field={fields.title} label={t("fields.title")} required />
        <div className="field">
          <label htmlFor={fields.description.id}>{t("fields.description")}</label>
          <p className="hint" id={`${fields.description.id}-hint`}>
            {t("fields.description_hint")}
          </p>
          <textarea {...getTextareaProps(fields.description, { ariaDescribedBy: `${fields.description.id}-hint` })} rows={5} />
          <FieldErrors id={fields.description.errorId} errors={fields.description.errors} />
        </div>
        <FormField field={fields.startsAt} label={t("fields.starts_at")} hint={t("fields.starts_at_hint")} type="datetime-local" required />
        <div className="field">
          <label htmlFor={fields.durationMinutes.id}>
            {t("fields.duration")} <span className="required">{t("common:form.required")}</span>
          </label>
          <select {...getSelectProps(fields.durationMinutes)} required>
            {DURATIONS.map((d) => (
              <option key={d} value={String(d)}>
                {t("duration", { count: d })}
              </option>
            ))}
          </select>
          <FieldErrors id={fields.durationMinutes.errorId} errors={fields.durationMinutes.errors} />
        </div>
        <FormField field={fields.capacity} label={t("fields.capacity")} hint={t("fields.capacity_hint")} type="number" required />
        {canChooseHost ? (
          <div className="field">
            <label htmlFor={fields.hostId.id}>
              {t("fields.host")} <span className="required">{t("common:form.required")}</span>
            </label>
            <select {...getSelectProps(fields.hostId)} required>
              {staff.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
            <FieldErrors id={fields.hostId.errorId} errors={fields.hostId.errors} />
          </div>
        ) : (
          <>
            <input type="hidden" name={fields.hostId.name} value={me} />
            <p>{t("new.you_host")}</p>
            <FieldErrors id={fields.hostId.errorId} errors={fields.hostId.errors} />
          </>
        )}
        {others.length > 0 ? (
          <fieldset aria-describedby="cohosts-hint">
            <legend>{t("fields.cohosts")}</legend>
            <p className="hint" id="cohosts-hint">
              {t("fields.cohosts_hint")}
            </p>
            <div className="choices-scroll">
              {getCollectionProps(fields.cohostIds, {
                type: "checkbox",
                options: others.map((s) => s.id),
              }).map(({ key, ...props }) => (
                <label className="choice" key={key}>
                  <input {...props} /> {others.find((s) => s.id === props.value)?.name}
                </label>
              ))}
            </div>
            <FieldErrors id={fields.cohostIds.errorId} errors={fields.cohostIds.errors} />
          </fieldset>
        ) : null}
        <div className="field">
          <label htmlFor={fields.linkedPath.id}>{t("fields.linked_path")}</label>
          <p className="hint" id={`${fields.linkedPath.id}-hint`}>
            {t("fields.linked_path_hint")}
          </p>
          <select {...getSelectProps(fields.linkedPath)} aria-describedby={`${fields.linkedPath.id}-hint`}>
            <option value="">{t("fields.linked_none")}</option>
            {pathSteps.length ? (
              <optgroup label={t("fields.linked_path_steps")}>
                {pathSteps.map((s) => (
                  <option key={s.value} value={s.value}>
                    {s.path} — {s.step}
                  </option>
                ))}
              </optgroup>
            ) : null}
            {courses.length ? (
              <optgroup label={t("fields.linked_courses")}>
                {courses.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.title}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </select>
          <FieldErrors id={fields.linkedPath.errorId} errors={fields.linkedPath.errors} />
        </div>
        <div className="field">
          <label className="choice">
            <input
              type="checkbox"
              name={fields.recordingEnabled.name}
              value="on"
              defaultChecked={fields.recordingEnabled.initialValue === "on"}
              aria-describedby="recording-hint"
            />{" "}
            {t("fields.recording")}
          </label>
          <p className="hint" id="recording-hint">
            {t("fields.recording_hint")}
          </p>
        </div>
        <button type="submit" className="button primary big">
          {t("new.submit")}
        </button>
      </Form>
    </div>
  );
}
