import { useTranslation } from "../lib/use-translation";
import { href, useLoaderData } from "react-router";
import type { Route } from "./+types/home";
import { PageTitle } from "../components/ui/page-title";
import { LearnerHome } from "../features/record/components/learner-home";
import { loadLearnerHome } from "../features/record/service.server";
import { dbContext } from "../lib/context";
import { currentUser } from "../lib/session.server";

/** A signed-in learner sees their own page; everyone else the presentation of the service. */
export async function loader({ context }: Route.LoaderArgs) {
  const user = currentUser(context);
  const home = await loadLearnerHome(context.get(dbContext), user);
  return { home, firstName: user?.first_name ?? "", signedIn: !!user };
}

/** Each offer and the page it leads to. */
const OFFERS = [
  ["courses", href("/cours")],
  ["workshops", href("/ateliers")],
  ["classes", href("/classes")],
  ["paths", href("/parcours")],
  ["help", href("/lieux")],
] as const;

export default function Home() {
  const { t } = useTranslation("home");
  const { home, firstName, signedIn } = useLoaderData<typeof loader>();
  if (home) {
    return (
      <div className="page">
        <PageTitle>{t("title")}</PageTitle>
        <LearnerHome home={home} firstName={firstName} />
      </div>
    );
  }
  return (
    <div className="page">
      <PageTitle>{t("title")}</PageTitle>
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title">{t("heading")}</h1>
        <p className="lead">{t("lead")}</p>
        {signedIn ? (
          <p className="actions">
            <a className="button primary" href={href("/compte/activites")}>
              {t("cta_record")}
            </a>
          </p>
        ) : (
          <p className="actions">
            <a className="button primary" href={href("/inscription")}>
              {t("cta_sign_up")}
            </a>
            <a className="button secondary" href={href("/connexion")}>
              {t("cta_sign_in")}
            </a>
            <a className="button secondary" href={href("/connexion/carte")}>
              {t("common:account.sign_in_card")}
            </a>
          </p>
        )}
      </section>
      <section aria-labelledby="offers-title">
        <h2 id="offers-title">{t("offers_title")}</h2>
        <ul className="cards">
          {OFFERS.map(([key, to]) => (
            <li key={key} className="card">
              <h3>
                <a href={to}>{t(`offers.${key}.title`)}</a>
              </h3>
              <p>{t(`offers.${key}.text`)}</p>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="no-email-title">
        <h2 id="no-email-title">{t("no_email_title")}</h2>
        <p>{t("no_email_text")}</p>
        <p>
          <a href={href("/connexion/carte")}>{t("common:account.sign_in_card")}</a>
        </p>
      </section>
    </div>
  );
}
