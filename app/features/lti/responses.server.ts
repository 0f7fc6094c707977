import { href, redirect } from "react-router";
import { isAppError } from "../../lib/errors";
import type { ActionReply } from "../../lib/action-reply";
import { problemCodeOf } from "./problems";

/**
 * The login and launch URLs receive cross-site form posts from the LMS.
 * React Router refuses a cross-origin POST to a page's action (its CSRF
 * check, fixed at build time), so these two are resource routes: they
 * answer with a redirect — to the platform, to the launched page, or to the
 * refusal page that shows the reason with its 4xx (decision 048).
 */
export async function ltiRedirect(run: () => Promise<Response | unknown>): Promise<Response> {
  try {
    const outcome = await run();
    if (outcome instanceof Response) return outcome;
    const reply = (outcome as { data?: ActionReply }).data;
    const firstError = reply?.error ? Object.values(reply.error).flat()[0] : undefined;
    return problem(firstError ?? undefined);
  } catch (error) {
    if (isAppError(error)) return problem(error.data.messageKey);
    throw error;
  }
}

export function problem(messageKey: string | undefined) {
  return redirect(href("/lti/probleme/:code", { code: problemCodeOf(messageKey) }), 303);
}
