import { useTranslation } from "../../../lib/use-translation";

export interface ToolUrls {
  login: string;
  launch: string;
  jwks: string;
  deepLinking: string;
  configuration: string;
  origin: string;
}

/** What a platform's administrator pastes into their LMS (docs/operations.md walks through Moodle). */
export function ToolConfiguration({ tool }: { tool: ToolUrls }) {
  const { t } = useTranslation("lti");
  const rows: [string, string][] = [
    [t("config.tool_url"), tool.origin],
    [t("config.login_url"), tool.login],
    [t("config.redirect_url"), tool.launch],
    [t("config.jwks_url"), tool.jwks],
    [t("config.deep_linking_url"), tool.deepLinking],
    [t("config.json"), tool.configuration],
  ];
  return (
    <section aria-labelledby="tool-config-heading" className="card">
      <h2 id="tool-config-heading">{t("config.heading")}</h2>
      <p>{t("config.intro")}</p>
      <dl className="tool-config">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>
              <code>{value}</code>
            </dd>
          </div>
        ))}
      </dl>
      <p>{t("config.target_hint")}</p>
    </section>
  );
}
