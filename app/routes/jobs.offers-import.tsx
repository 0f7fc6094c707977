import { Form, href, Link, useLoaderData } from "react-router";
import type { Route } from "./+types/jobs.offers-import";
import { ActionMessage, useActionReply } from "../components/ui/action-reply";
import { PageTitle } from "../components/ui/page-title";
import { ImportReport } from "../features/jobs/components/offers/import-report";
import { importOffers, readOffersFile } from "../features/jobs/import-offers.server";
import { requirePartnerStaff } from "../features/jobs/partners.server";
import { ImportOffersSchema } from "../features/jobs/schemas-offers";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { requireUser } from "../lib/session.server";
import { useTranslation } from "../lib/use-translation";

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  return {
    partners: (await requirePartnerStaff(context.get(dbContext), user)).partners,
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const db = context.get(dbContext);
  return handleForm(request, ImportOffersSchema, async (value) => {
    const text = await readOffersFile(value.file, value.pasted);
    const format = value.file?.name.toLowerCase().endsWith(".json") ? "json" : value.file?.name.toLowerCase().endsWith(".csv") ? "csv" : undefined;
    return importOffers(db, user, { partnerId: value.partnerId, text, format });
  });
}

export default function ImportJobOffers() {
  const { t } = useTranslation("jobs");
  const { partners } = useLoaderData<typeof loader>();
  const reply = useActionReply<Awaited<ReturnType<typeof importOffers>>>();
  const result = reply?.status === "success" ? reply.data : undefined;
  return (
    <div className="page">
      <PageTitle>{t("import.title")}</PageTitle>
      <p>
        <Link to={href("/espace-partenaire")}>{t("import.back")}</Link>
      </p>
      <h1>{t("import.title")}</h1>
      <p>{t("import.intro")}</p>
      <p className="hint">{t("import.columns")}</p>
      {reply?.status !== "success" ? <ActionMessage reply={reply} /> : null}
      {result ? <ImportReport result={result} /> : null}
      <Form method="post" encType="multipart/form-data">
        {partners.length > 1 ? (
          <div className="field">
            <label htmlFor="import-partner">{t("import.organisation")}</label>
            <select id="import-partner" name="partnerId" required>
              {partners.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="import-file">{t("import.file")}</label>
          <input id="import-file" type="file" name="file" accept=".csv,.json,text/csv,application/json" />
        </div>
        <div className="field">
          <label htmlFor="import-pasted">{t("import.pasted")}</label>
          <textarea id="import-pasted" name="pasted" rows={6} />
        </div>
        <button type="submit" className="button primary">
          {t("import.submit")}
        </button>
      </Form>
    </div>
  );
}
