import { useTranslation } from "../lib/use-translation";
import { href, useLoaderData } from "react-router";
import type { Route } from "./+types/classes";
import { PageTitle } from "../components/ui/page-title";
import { ClassCard } from "../features/classrooms/components/class-card";
import { NotConfiguredNotice } from "../features/classrooms/components/not-configured";
import { listClassAttendance, listClassesPage } from "../features/classrooms/service.server";
import { dbContext } from "../lib/context";
import { currentUser } from "../lib/session.server";
import css from "../styles/classrooms.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: css }];

export async function loader({ context }: Route.LoaderArgs) {
  const db = context.get(dbContext);
  const user = currentUser(context);
  const page = await listClassesPage(db, user);
  const attendance = user ? await listClassAttendance(db, user.id) : [];
  return { ...page, attendance: Object.fromEntries(attendance.map((a) => [a.classroomId, a])) };
}

export default function Classes() {
  const { t } = useTranslation("classrooms");
  const { upcoming, mineUpcoming, minePast, canSchedule, livekitConfigured, attendance } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <PageTitle>{t("list.title")}</PageTitle>
      <h1>{t("list.title")}</h1>
      <p className="lead">{t("list.lead")}</p>
      {livekitConfigured ? null : <NotConfiguredNotice />}
      {canSchedule ? (
        <p className="actions">
          <a className="button primary" href={href("/classes/nouvelle")}>
            {t("list.schedule")}
          </a>
        </p>
      ) : null}

      {mineUpcoming.length > 0 ? (
        <section aria-labelledby="mine-heading">
          <h2 id="mine-heading">{t("list.mine_upcoming")}</h2>
          <ul className="cards">
            {mineUpcoming.map((c) => (
              <ClassCard key={c.id} item={c} />
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">{t("list.upcoming")}</h2>
        {upcoming.length === 0 ? (
          <p>{t("list.none")}</p>
        ) : (
          <ul className="cards">
            {upcoming.map((c) => (
              <ClassCard key={c.id} item={c} />
            ))}
          </ul>
        )}
      </section>

      {minePast.length > 0 ? (
        <section aria-labelledby="past-heading">
          <h2 id="past-heading">{t("list.mine_past")}</h2>
          <ul className="cards">
            {minePast.map((c) => (
              <ClassCard key={c.id} item={c} attendance={attendance[c.id]} />
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
