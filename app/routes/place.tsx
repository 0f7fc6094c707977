import { useTranslation } from "../lib/use-translation";
import { href, useLoaderData } from "react-router";
import type { Route } from "./+types/place";
import { PhoneLink } from "../components/ui/phone-link";
import { PageTitle } from "../components/ui/page-title";
import { OpeningStatusText } from "../features/places/components/opening-status";
import { WeekHours } from "../features/places/components/week-hours";
import { getPublicSpace } from "../features/places/service.server";
import { vocabKey, type RelaySpaceListField } from "../features/places/vocabulary";
import { WorkshopList } from "../features/workshops/components/workshop-list";
import { dbContext } from "../lib/context";
import workshopsCss from "../styles/workshops.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: workshopsCss }];

export async function loader({ context, params }: Route.LoaderArgs) {
  return getPublicSpace(context.get(dbContext), params.slug);
}

const LISTS: RelaySpaceListField[] = [
  "services",
  "audiences",
  "accompaniment_modalities",
  "access_modalities",
  "fees",
  "equipment",
  "accessibility",
  "specific_support",
];

export default function Place() {
  const { t } = useTranslation("places");
  const { space, status, week, workshops } = useLoaderData<typeof loader>();
  const mapUrl =
    space.latitude !== null && space.longitude !== null
      ? `https://www.openstreetmap.org/?mlat=${space.latitude}&mlon=${space.longitude}#map=17/${space.latitude}/${space.longitude}`
      : null;
  return (
    <div className="page">
      <PageTitle>{space.name}</PageTitle>
      <p>
        <a href={href("/lieux")}>{t("space.back")}</a>
      </p>
      <h1>{space.name}</h1>
      {space.summary ? <p className="lead">{space.summary}</p> : null}
      <div className="two-columns">
        <section aria-labelledby="contact-heading">
          <h2 id="contact-heading">{t("space.contact")}</h2>
          <dl className="details">
            <dt>{t("space.address")}</dt>
            <dd>
              {space.address}
              {space.address_complement ? `, ${space.address_complement}` : null}
              <br />
              {space.postal_code} {space.commune}
              {mapUrl ? (
                <>
                  <br />
                  <a href={mapUrl}>{t("space.map_link")}</a>
                </>
              ) : null}
            </dd>
            {space.phone ? (
              <>
                <dt>{t("space.phone")}</dt>
                <dd>
                  <PhoneLink phone={space.phone} />
                </dd>
              </>
            ) : null}
            {space.emails.length > 0 ? (
              <>
                <dt>{t("space.emails")}</dt>
                <dd>
                  {space.emails.map((e) => (
                    <a key={e} href={`mailto:${e}`} className="block">
                      {e}
                    </a>
                  ))}
                </dd>
              </>
            ) : null}
            {space.websites.length > 0 ? (
              <>
                <dt>{t("space.websites")}</dt>
                <dd>
                  {space.websites.map((w) => (
                    <a key={w} href={w} className="block">
                      {w}
                    </a>
                  ))}
                </dd>
              </>
            ) : null}
          </dl>
        </section>
        <section aria-labelledby="hours-heading">
          <h2 id="hours-heading">{t("space.hours")}</h2>
          <p>
            <OpeningStatusText status={status} />
          </p>
          <WeekHours week={week} />
        </section>
      </div>
      {space.description ? (
        <section aria-labelledby="about-heading">
          <h2 id="about-heading">{t("space.about")}</h2>
          <p className="prose">{space.description}</p>
        </section>
      ) : null}
      <section aria-labelledby="offer-heading">
        <h2 id="offer-heading">{t("space.offer")}</h2>
        <dl className="details">
          {LISTS.filter((f) => space[f].length > 0).map((f) => (
            <div key={f} className="contents">
              <dt>{t(`fields.${f}`)}</dt>
              <dd>{space[f].map((v) => t(vocabKey(f, v))).join(", ")}</dd>
            </div>
          ))}
          {space.accessibility_url ? (
            <>
              <dt>{t("fields.accessibility_url")}</dt>
              <dd>
                <a href={space.accessibility_url}>{t("space.acceslibre")}</a>
              </dd>
            </>
          ) : null}
        </dl>
      </section>
      <section aria-labelledby="workshops-heading">
        <h2 id="workshops-heading">{t("space.workshops")}</h2>
        {workshops.length === 0 ? <p>{t("space.no_workshops")}</p> : <WorkshopList workshops={workshops} headingLevel={3} />}
      </section>
    </div>
  );
}
