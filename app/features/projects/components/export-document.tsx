import type { TFunction } from "i18next";
import { renderRichText } from "../../courses/rich-text/render";
import { competenceLabel } from "../competences";
import type { getProjectExport } from "../export.server";
import { formatDate } from "../../../lib/i18n";

type ExportData = Awaited<ReturnType<typeof getProjectExport>>;

const STYLE = `body{font-family:system-ui,Arial,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.6;color:#1b1f24}
h1,h2,h3{line-height:1.25}section{border-top:2px solid #8a94a3;margin-top:2rem}table{border-collapse:collapse}td,th{border:1px solid #8a94a3;padding:.25rem .5rem;text-align:left}
.hint{color:#4a5360}`;

/**
 * The project as one standalone HTML file. Pupils appear by first name
 * only (or "Élève N"): the export never carries a surname.
 */
export function ExportDocument({ data, t, locale }: { data: ExportData; t: TFunction; locale: string }) {
  const rt = (key: string, values?: Record<string, unknown>) => String(t(`courses:${key}`, values ?? {}));
  const p = (key: string, values?: Record<string, unknown>) => String(t(`projects:${key}`, values ?? {}));
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{data.title}</title>
        <style>{STYLE}</style>
      </head>
      <body>
        <h1>{data.title}</h1>
        <p className="hint">
          {p("export.classes", { classes: data.classes.map((c) => `${c.name} — ${c.school} (${c.school_year})`).join(" ; ") })}
          <br />
          {p("export.exported_on", { date: formatDate(data.exportedOn, locale) })}
        </p>
        <h2>{p("project.brief")}</h2>
        {renderRichText(data.brief, { t: rt })}
        {data.competences.length ? (
          <>
            <h3>{p("project.competences")}</h3>
            <ul>
              {data.competences.map((c) => (
                <li key={c}>{competenceLabel(c, locale)}</li>
              ))}
            </ul>
          </>
        ) : null}
        <h2>{p("project.milestones")}</h2>
        <ul>
          {data.milestones.map((m) => (
            <li key={m.id}>
              {m.title} — {p("project.due", { date: formatDate(m.dueOn, locale) })}
            </li>
          ))}
        </ul>
        {data.teams.map((team) => (
          <section key={team.name}>
            <h2>{team.name}</h2>
            <p>
              {p("team.members")} {team.members.map((m) => m.name ?? p("pupil_number", { number: m.number })).join(", ") || "—"}
            </p>
            <h3>{p("team.document")}</h3>
            {renderRichText(team.document, { t: rt })}
            <h3>{p("submissions.heading")}</h3>
            <table>
              <thead>
                <tr>
                  <th scope="col">{p("submissions.milestone")}</th>
                  <th scope="col">{p("export.versions")}</th>
                  <th scope="col">{p("export.status")}</th>
                </tr>
              </thead>
              <tbody>
                {team.submissions.map((s) => (
                  <tr key={s.milestone}>
                    <td>{s.milestone}</td>
                    <td>{s.versions}</td>
                    <td>{s.versions ? p(`decisions.${s.decision ?? "pending"}`) : p("export.not_submitted")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </body>
    </html>
  );
}
