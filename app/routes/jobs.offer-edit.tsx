import { href, Link, redirect, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/jobs.offer-edit";
import { PageTitle } from "../components/ui/page-title";
import { OfferForm } from "../features/jobs/components/offers/offer-form";
import { createOffer, getOfferForEdit, updateOffer } from "../features/jobs/offers.server";
import { requirePartnerStaff } from "../features/jobs/partners.server";
import { OfferFormSchema } from "../features/jobs/schemas-offers";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { requireUser } from "../lib/session.server";
import { useTranslation } from "../lib/use-translation";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const db = context.get(dbContext);
  const { partners } = await requirePartnerStaff(db, user);
  if (!params.id) return { partners, offer: null };
  const o = await getOfferForEdit(db, user, params.id);
  return {
    partners,
    offer: {
      id: o.id,
      title: o.title,
      defaults: {
        partnerId: o.partnerId,
        title: o.title,
        description: o.description,
        sector: o.sector,
        contract: o.contract,
        durationMonths: o.durationMonths?.toString() ?? "",
        workingTime: o.workingTime,
        hoursPerWeek: o.hoursPerWeek?.toString() ?? "",
        commune: o.commune,
        businessZone: o.businessZone ?? "",
        startsOn: o.startsOn ?? "",
        howToApply: o.howToApply,
        noDiploma: o.noDiploma ? "on" : "",
        expiresOn: o.expiresOn,
        skills: o.skills.map((s) => (s.level ? `${s.competence}:${s.level}` : s.competence)),
      },
    },
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const db = context.get(dbContext);
  return handleForm(request, OfferFormSchema, async (value) => {
    if (params.id) await updateOffer(db, user, params.id, value);
    else await createOffer(db, user, value);
    return redirect(`${href("/espace-partenaire")}?envoyee=1`);
  });
}

export default function EditJobOffer() {
  const { t } = useTranslation("jobs");
  const { partners, offer } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const title = offer ? t("edit.title_edit", { title: offer.title }) : t("edit.title_new");
  return (
    <div className="page narrow">
      <PageTitle>{title}</PageTitle>
      <p>
        <Link to={href("/espace-partenaire")}>{t("edit.back")}</Link>
      </p>
      <h1>{title}</h1>
      <p>{t("edit.intro")}</p>
      <OfferForm lastResult={lastResult} defaultValue={offer?.defaults} partners={partners} />
    </div>
  );
}
