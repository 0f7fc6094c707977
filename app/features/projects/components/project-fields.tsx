import type { FieldMetadata } from "@conform-to/react";
import { lazy, Suspense, useRef, useState } from "react";
import { useTranslation } from "../../../lib/use-translation";
import { FieldErrors, FormField } from "../../../components/ui/form-field";
import { markdownToDocument } from "../../courses/rich-text/markdown";
import { PIX_COMPETENCES } from "../competences";
import { useHydrated } from "./use-hydrated";

const DocEditor = lazy(() => import("./doc-editor"));

/* eslint-disable @typescript-eslint/no-explicit-any -- conform infers each field's own shape */
export interface ProjectFieldSet {
  title: FieldMetadata<any, any, string[]>;
  brief: FieldMetadata<any, any, string[]>;
  competences: FieldMetadata<any, any, string[]>;
  teamMode: FieldMetadata<any, any, string[]>;
  maxTeamSize: FieldMetadata<any, any, string[]>;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/**
 * The brief: a Markdown textarea in the HTML, usable before (and without)
 * JavaScript. Once the editor's code has loaded, the editor starts from what
 * is in the textarea at that moment — text typed while the page was loading
 * is kept — and the textarea steps aside (disabled, so only the editor's JSON
 * is posted).
 */
export function BriefField({ initialDoc, initialMarkdown, errors }: { initialDoc: unknown; initialMarkdown: string; errors?: string[] }) {
  const { t } = useTranslation("projects");
  const hydrated = useHydrated();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [editorReady, setEditorReady] = useState(false);
  const startingDoc = () => {
    const typed = textarea.current?.value ?? initialMarkdown;
    return typed === initialMarkdown ? initialDoc : markdownToDocument(typed);
  };
  return (
    <div className="field">
      <label id="brief-label" htmlFor={editorReady ? undefined : "brief"}>
        {t("fields.brief")}
      </label>
      <p className="hint" id="brief-hint">
        {editorReady ? t("fields.brief_hint_editor") : t("fields.brief_hint_markdown")}
      </p>
      <textarea
        ref={textarea}
        id="brief"
        name="brief"
        rows={10}
        defaultValue={initialMarkdown}
        aria-describedby="brief-hint"
        hidden={editorReady}
        disabled={editorReady}
      />
      {hydrated ? (
        <Suspense fallback={null}>
          <DocEditor initial={startingDoc} labelId="brief-label" hiddenName="briefJson" onReady={() => setEditorReady(true)} />
        </Suspense>
      ) : null}
      <FieldErrors id="brief-errors" errors={errors} />
    </div>
  );
}

export function ProjectFields({
  fields,
  initial,
}: {
  fields: ProjectFieldSet;
  initial: { brief: unknown; briefMarkdown: string; competences: string[]; teamMode: string; maxTeamSize: number };
}) {
  const { t, i18n } = useTranslation("projects");
  return (
    <>
      <FormField field={fields.title} label={t("fields.project_title")} required />
      <BriefField initialDoc={initial.brief} initialMarkdown={initial.briefMarkdown} errors={fields.brief.errors} />
      <fieldset>
        <legend>{t("fields.competences")}</legend>
        <p className="hint">{t("fields.competences_hint")}</p>
        <div className="competence-grid">
          {PIX_COMPETENCES.map((c) => (
            <label key={c.code} className="choice">
              <input type="checkbox" name={fields.competences.name} value={c.code} defaultChecked={initial.competences.includes(c.code)} />{" "}
              {c.code} {i18n.language === "en" ? c.en : c.fr}
            </label>
          ))}
        </div>
        <FieldErrors id={fields.competences.errorId} errors={fields.competences.errors} />
      </fieldset>
      <fieldset>
        <legend>{t("fields.team_mode")}</legend>
        <label className="choice">
          <input type="radio" name={fields.teamMode.name} value="teacher" defaultChecked={initial.teamMode !== "choice"} /> {t("team_modes.teacher")}
        </label>
        <label className="choice">
          <input type="radio" name={fields.teamMode.name} value="choice" defaultChecked={initial.teamMode === "choice"} /> {t("team_modes.choice")}
        </label>
        <FieldErrors id={fields.teamMode.errorId} errors={fields.teamMode.errors} />
      </fieldset>
      <div className="field">
        <label htmlFor="max-team-size">{t("fields.max_team_size")}</label>
        <input id="max-team-size" name={fields.maxTeamSize.name} type="number" min={1} max={12} defaultValue={initial.maxTeamSize} required />
        <FieldErrors id={fields.maxTeamSize.errorId} errors={fields.maxTeamSize.errors} />
      </div>
    </>
  );
}
