import { useTranslation } from "../lib/use-translation";
import { useLoaderData, href } from "react-router";
import type { Route } from "./+types/projects.consent-print";
import { PageTitle } from "../components/ui/page-title";
import { consentFormsToPrint, consentFormText } from "../features/projects/consent.server";
import { dbContext } from "../lib/context";
import { isLocale } from "../lib/i18n";
import { getLocale } from "../lib/i18n.server";
import { isUuid } from "../lib/ids";
import { requireUser } from "../lib/session.server";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const seat = new URL(request.url).searchParams.get("eleve");
  const forms = await consentFormsToPrint(context.get(dbContext), user, params.classId, isUuid(seat) ? seat : null);
  const locale = getLocale(context);
  return { classId: params.classId, forms: forms.map((f) => consentFormText(f, isLocale(locale) ? locale : "fr")) };
}

/** One consent form per page, to print and hand to the pupil for their parents. */
export default function ConsentPrint() {
  const { t } = useTranslation("projects");
  const { classId, forms } = useLoaderData<typeof loader>();
  return (
    <div className="page narrow consent-print">
      <PageTitle>{t("consent_form.page_title")}</PageTitle>
      <div className="no-print">
        <p>
          <a href={href("/classes-scolaires/:classId/autorisations", { classId })}>{t("consent_form.back")}</a>
        </p>
        <p className="hint">{t("consent_form.print_hint")}</p>
      </div>
      <h1 className="visually-hidden">{t("consent_form.page_title")}</h1>
      {forms.length === 0 ? <p>{t("consent_form.none")}</p> : null}
      {forms.map((form, i) => (
        <article key={i} className="consent-sheet" aria-labelledby={`consent-${i}`}>
          <h2 id={`consent-${i}`}>{form.title}</h2>
          <p>{form.intro}</p>
          <ul>
            {form.points.map((point) => (
              <li key={point}>{point}</li>
            ))}
          </ul>
          <p>{form.rights}</p>
          <p className="consent-statement">{form.consent}</p>
          <dl className="signature-lines">
            <dt>{t("consent_form.parent_name")}</dt>
            <dd />
            <dt>{t("consent_form.date")}</dt>
            <dd />
            <dt>{t("consent_form.signature")}</dt>
            <dd />
          </dl>
        </article>
      ))}
    </div>
  );
}
