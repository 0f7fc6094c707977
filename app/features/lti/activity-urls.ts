import { href } from "react-router";

/**
 * Where an H5P activity plays inside an LMS launch (decision 048): under the
 * launch's own pages, so that the launch's cookie — and nothing else — comes
 * with its requests. `scope` is the launched lesson the activity sits in, or
 * `activite` for an activity linked on its own.
 */
export const ACTIVITY_SCOPE = "activite";

export function launchedActivityHref(launchId: string, scope: string, contentId: string, openedAt?: string | null) {
  const path = href("/lti/l/:launchId/h5p/:scope/:contentId", { launchId, scope, contentId });
  return openedAt ? `${path}?ouverte=${encodeURIComponent(openedAt)}` : path;
}

export const launchedPlayerHref = (launchId: string, scope: string, contentId: string) => href("/lti/l/:launchId/h5p/:scope/:contentId/jeu", { launchId, scope, contentId });

export const launchedRelayHref = (launchId: string) => href("/lti/l/:launchId/releve", { launchId });

/** The state address without its last three parts, which the host script appends (content, data type, sub-content). */
export const launchedStatePrefix = (launchId: string, scope: string) =>
  href("/lti/l/:launchId/etat/:scope/:contentId/:dataType/:subContentId", { launchId, scope, contentId: "", dataType: "", subContentId: "" }).replace(/\/+$/, "");
