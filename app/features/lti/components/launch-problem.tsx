import { useTranslation } from "../../../lib/use-translation";

/**
 * Why a launch from the LMS was refused, in words a teacher or a pupil can
 * act on: go back to the platform and open the activity again, or tell the
 * person who set Passerelle up there.
 */
export function LaunchProblem({ messageKey }: { messageKey: string }) {
  const { t } = useTranslation("lti");
  return (
    <div className="page narrow">
      <title>{`${t("problem.title")} — Passerelle`}</title>
      <h1>{t("problem.title")}</h1>
      <div className="alert" role="alert">
        <p>{t(messageKey)}</p>
      </div>
      <p>{t("problem.what_to_do")}</p>
    </div>
  );
}

/**
 * The launch's state cookie did not come back: the browser blocks cookies
 * inside the platform's frame. The same login, started again in a window of
 * its own, works there (decision 048).
 */
export function OpenInNewWindow({ loginAction, params }: { loginAction: string; params: Record<string, string> }) {
  const { t } = useTranslation("lti");
  return (
    <div className="page narrow">
      <title>{`${t("blocked.title")} — Passerelle`}</title>
      <h1>{t("blocked.title")}</h1>
      <p>{t("blocked.explain")}</p>
      <form method="post" action={loginAction} target="_blank">
        {Object.entries(params).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <button type="submit" className="button primary big">
          {t("blocked.open")}
        </button>
      </form>
    </div>
  );
}
