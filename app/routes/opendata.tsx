import { useTranslation } from "../lib/use-translation";
import { href, useLoaderData } from "react-router";
import type { Route } from "./+types/opendata";
import { PageTitle } from "../components/ui/page-title";
import { LICENCE } from "../features/opendata/catalogue";
import { NATIONAL_SCHEMA, PUBLISHER } from "../features/opendata/relay-spaces";
import { DATASETS, datasetsLastModified } from "../features/opendata/service.server";
import { dbContext } from "../lib/context";
import { formatDate } from "../lib/i18n";
import css from "../styles/reports.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: css }];

export async function loader({ context }: Route.LoaderArgs) {
  const modified = await datasetsLastModified(context.get(dbContext));
  return {
    datasets: DATASETS.map((d) => ({
      id: d.id,
      files: d.files.map((f) => ({ name: f.name, format: f.format.toUpperCase() })),
      conformsTo: d.conformsTo ?? null,
      anonymised: d.anonymised,
      modified: modified[d.id]!.getTime() > 0 ? modified[d.id]!.toISOString() : null,
    })),
  };
}

export default function OpenData() {
  const { t, i18n } = useTranslation("opendata");
  const { datasets } = useLoaderData<typeof loader>();
  return (
    <div className="page reports-page">
      <PageTitle>{t("title")}</PageTitle>
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      <section aria-labelledby="licence-title" className="card">
        <h2 id="licence-title">{t("licence.title")}</h2>
        <p>{t("licence.text", { publisher: PUBLISHER })}</p>
        <p>
          <a href={LICENCE.url} hrefLang="fr">
            {t("licence.link")}
          </a>
        </p>
        <p>{t("stable")}</p>
        <p>
          <a href={href("/donnees-ouvertes/:file", { file: "catalogue.json" })} type="application/ld+json">
            {t("catalogue_link")}
          </a>
        </p>
      </section>
      <section aria-labelledby="csv-format-title" className="card">
        <h2 id="csv-format-title">{t("csv_format.title")}</h2>
        <p>{t("csv_format.standard")}</p>
        <p>{t("csv_format.spreadsheet")}</p>
      </section>
      {datasets.map((d) => {
        const title = t(`datasets.${d.id}.title`);
        return (
          <section key={d.id} id={d.id} aria-labelledby={`${d.id}-title`} className="dataset">
            <h2 id={`${d.id}-title`}>{title}</h2>
            <p>{t(`datasets.${d.id}.description`)}</p>
            <p className="hint">{d.modified ? t("updated", { date: formatDate(d.modified, i18n.language) }) : t("never")}</p>
            {d.conformsTo ? (
              <>
                <p>
                  {t("schema", { version: NATIONAL_SCHEMA.version })}{" "}
                  <a href={d.conformsTo} hrefLang="fr">
                    {t("schema_link")}
                  </a>
                </p>
                <p>{t("pivot_note")}</p>
              </>
            ) : null}
            {d.anonymised ? <p>{t("anonymised")}</p> : null}
            <h3 className="visually-hidden">{t("files")}</h3>
            <ul className="downloads">
              {d.files.map((f) => (
                <li key={f.name}>
                  <a className="button secondary" href={href("/donnees-ouvertes/:file", { file: f.name })} download>
                    {t("download", { dataset: title, format: f.format })}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
