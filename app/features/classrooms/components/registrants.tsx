import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import type { z } from "zod";
import type { RegisterLearnerSchema } from "../schemas";
import { useTranslation } from "../../../lib/use-translation";
import { Form } from "react-router";
import { FieldErrors} from "../../../components/ui/form-field";
import { ErrorSummary } from "../../../components/ui/error-summary";
import { TableScroll } from "../../../components/ui/table-scroll";

interface RegistrantsPage {
  classroom: { id: string };
  window: string;
  viewer: { canModerate: boolean; canRegisterOthers: boolean };
  registrants: { id: string; firstName: string; lastName: string | null; email: string | null; canSpeak: boolean; removed: boolean }[];
  myLearners: { id: string; first_name: string; last_name: string | null }[];
}

/** For hosts: who registered; for hosts and mediators: register someone (by their account or email). */
export function RegistrantsSection({ page, registerResult }: { page: RegistrantsPage; registerResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation("classrooms");
  const [form, fields] = useForm<z.input<typeof RegisterLearnerSchema>>({ id: "register-learner", lastResult: registerResult });
  const active = page.window !== "cancelled" && page.window !== "closed";
  const current = page.registrants.filter((r) => !r.removed);
  const removed = page.registrants.filter((r) => r.removed);
  return (
    <section aria-labelledby="registrants-heading">
      <h2 id="registrants-heading">{page.viewer.canModerate ? t("registrants.title") : t("registrants.register_someone")}</h2>
      {page.viewer.canModerate ? (
        <>
          <p>{t("registrants.count", { count: current.length })}</p>
          {current.length > 0 ? (
            <TableScroll label={t("registrants.title")}>
              <table className="data-table">
                <caption className="visually-hidden">{t("registrants.title")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("registrants.name")}</th>
                    <th scope="col">{t("registrants.contact")}</th>
                    {active ? <th scope="col">{t("registrants.actions")}</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {current.map((r) => (
                    <tr key={r.id}>
                      <td>{`${r.firstName} ${r.lastName ?? ""}`.trim()}</td>
                      <td>{r.email ?? t("registrants.no_email")}</td>
                      {active ? (
                        <td>
                          <Form method="post" className="inline-form">
                            <input type="hidden" name="learnerId" value={r.id} />
                            <button type="submit" name="intent" value="unregister_learner" className="link-button">
                              {t("registrants.unregister", { name: r.firstName })}
                            </button>
                          </Form>
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          ) : null}
          {removed.length > 0 ? <p>{t("registrants.removed", { names: removed.map((r) => r.firstName).join(", ") })}</p> : null}
        </>
      ) : null}
      {active && page.viewer.canRegisterOthers ? (
        <>
          <h3>{t("registrants.register_someone")}</h3>
          <ErrorSummary form={form} />
          <Form method="post" {...getFormProps(form)} noValidate className="register-form">
            <input type="hidden" name="intent" value="register_learner" />
            {page.myLearners.length > 0 ? (
              <div className="field">
                <label htmlFor={fields.learnerId.id}>{t("registrants.my_learners")}</label>
                <select {...getSelectProps(fields.learnerId)}>
                  <option value="">{t("registrants.choose")}</option>
                  {page.myLearners.map((l) => (
                    <option key={l.id} value={l.id}>
                      {`${l.first_name} ${l.last_name ?? ""}`.trim()}
                    </option>
                  ))}
                </select>
                <FieldErrors id={fields.learnerId.errorId} errors={fields.learnerId.errors} />
              </div>
            ) : null}
            {page.viewer.canModerate ? (
              <div className="field">
                <label htmlFor={fields.email.id}>{page.myLearners.length > 0 ? t("registrants.email") : t("registrants.email_only")}</label>
                <p className="hint" id={`${fields.email.id}-hint`}>
                  {t("registrants.email_hint")}
                </p>
                <input {...getInputProps(fields.email, { type: "email", ariaDescribedBy: `${fields.email.id}-hint` })} autoComplete="off" />
                <FieldErrors id={fields.email.errorId} errors={fields.email.errors} />
              </div>
            ) : null}
            <button type="submit" className="button primary">
              {t("registrants.register_submit")}
            </button>
          </Form>
        </>
      ) : null}
    </section>
  );
}
