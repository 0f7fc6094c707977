import { getFormProps, useForm } from "@conform-to/react";
import type { z } from "zod";
import { useTranslation } from "../lib/use-translation";
import { Form, href, redirect, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/diagnostic";
import { FieldErrors} from "../components/ui/form-field";
import { ErrorSummary } from "../components/ui/error-summary";
import { PageTitle } from "../components/ui/page-title";
import { setDiagnosticCookie } from "../features/diagnostic/cookie.server";
import { QUESTIONS } from "../features/diagnostic/questions";
import { answersOf, DiagnosticSchema } from "../features/diagnostic/schemas";
import { loadDiagnosticForm, takeDiagnostic } from "../features/diagnostic/service.server";
import { dbContext } from "../lib/context";
import { appErrorStatus, FieldError, isAppError } from "../lib/errors";
import { handleForm } from "../lib/actions.server";
import { currentUser } from "../lib/session.server";
import css from "../styles/paths.css?url";
import { clientIp } from "../lib/middleware.server";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: css }];

export async function loader({ context }: Route.LoaderArgs) {
  const user = currentUser(context);
  return { ...(await loadDiagnosticForm(context.get(dbContext), user)), signedIn: !!user };
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = currentUser(context);
  return handleForm(request, DiagnosticSchema, async (value) => {
    try {
      const { resultId, token } = await takeDiagnostic(context.get(dbContext), user, answersOf(value), {
        learnerId: value.learnerId || undefined,
        ip: clientIp(request),
      });
      const headers = token ? { "Set-Cookie": await setDiagnosticCookie(token) } : undefined;
      return redirect(href("/diagnostic/resultat/:id", { id: resultId }), { headers });
    } catch (error) {
      // The only 400 here is about the person chosen: shown beside that field.
      if (isAppError(error) && appErrorStatus(error) === 400) throw new FieldError("learnerId", error.data.messageKey, error.data.values);
      throw error;
    }
  });
}

export default function Diagnostic() {
  const { t } = useTranslation("diagnostic");
  const { learners, signedIn } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof DiagnosticSchema>>({ lastResult, id: "diagnostic", shouldValidate: "onSubmit" });
  const fieldOf = (name: string) => (fields as unknown as Record<string, { id: string; errorId: string; errors?: string[]; initialValue?: unknown }>)[name]!;
  return (
    <div className="page narrow">
      <PageTitle>{t("title")}</PageTitle>
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      <p>{signedIn ? t("retake_note") : t("anonymous_note")}</p>
      <ErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)} noValidate>
        {learners?.length ? (
          <div className="field">
            <label htmlFor={fields.learnerId.id}>{t("for_whom.label")}</label>
            <p className="hint" id={`${fields.learnerId.id}-hint`}>
              {t("for_whom.hint")}
            </p>
            <select
              id={fields.learnerId.id}
              name={fields.learnerId.name}
              defaultValue={(fields.learnerId.initialValue as string | undefined) ?? ""}
              aria-describedby={`${fields.learnerId.id}-hint`}
              aria-invalid={fields.learnerId.errors ? true : undefined}
            >
              <option value="">{t("for_whom.me")}</option>
              {learners.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
            <FieldErrors id={fields.learnerId.errorId} errors={fields.learnerId.errors} />
          </div>
        ) : null}
        {QUESTIONS.map((q, i) => {
          const field = fieldOf(q.id);
          const invalid = !!field.errors?.length;
          return (
            <fieldset
              key={q.id}
              className="question"
              aria-describedby={invalid ? field.errorId : undefined}
              id={`question-${q.id}`}
            >
              <legend>
                <span className="question-number">{t("question_number", { number: i + 1, total: QUESTIONS.length })}</span>
                {t(`questions.${q.id}.label`)}
              </legend>
              {q.kind === "self" ? <p className="hint">{t("self_prompt")}</p> : null}
              {q.options.map((o) => (
                <label key={o.id} className="choice">
                  <input type="radio" name={q.id} value={o.id} defaultChecked={field.initialValue === o.id} required />
                  {q.kind === "self" ? t(`scale.${o.id}`) : t(`questions.${q.id}.options.${o.id}`)}
                </label>
              ))}
              <FieldErrors id={field.errorId} errors={field.errors} />
            </fieldset>
          );
        })}
        <button type="submit" className="button primary">
          {t("submit")}
        </button>
      </Form>
    </div>
  );
}
