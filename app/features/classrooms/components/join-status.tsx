import { href } from "react-router";
import { useTranslation } from "../../../lib/use-translation";
import { formatDate } from "../../../lib/i18n";
import { NotConfiguredNotice } from "./not-configured";

interface JoinStatusPage {
  classroom: { id: string };
  role: "host" | "learner" | null;
  removed: boolean;
  window: "cancelled" | "too_early" | "open" | "closed";
  opensAt: Date;
  livekitConfigured: boolean;
}

/** Whether the person can enter now, and if not, why — in plain words. */
export function JoinStatus({ page }: { page: JoinStatusPage }) {
  const { t, i18n } = useTranslation("classrooms");
  if (!page.livekitConfigured) return <NotConfiguredNotice />;
  let message: string;
  let ok = false;
  if (page.removed) message = t("errors.removed");
  else if (page.role === null) message = t("prejoin.not_registered");
  else if (page.window === "cancelled") message = t("errors.cancelled");
  else if (page.window === "closed") message = t("errors.closed");
  else if (page.window === "too_early") {
    message = t("prejoin.opens_at", { time: formatDate(page.opensAt, i18n.language, { dateStyle: "full", timeStyle: "short" }) });
  } else {
    message = t("prejoin.open");
    ok = true;
  }
  return (
    <div className={ok ? "alert success" : "alert notice"}>
      <p>{message}</p>
      {page.role === null && !page.removed ? (
        <p>
          <a href={href("/classes/:id", { id: page.classroom.id })}>{t("prejoin.go_register")}</a>
        </p>
      ) : null}
    </div>
  );
}
