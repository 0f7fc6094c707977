import { createCookie } from "react-router";
import type { User } from "../../db/schema/accounts";
import { secureCookies } from "./env.server";

export interface DisplayPrefs {
  largeText: boolean;
  highContrast: boolean;
}

/** Display modes for visitors; a signed-in user's profile wins over it. */
export const displayCookie = createCookie("display", {
  path: "/",
  sameSite: "lax",
  secure: secureCookies(),
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

export async function readDisplayPrefs(request: Request, user: User | null): Promise<DisplayPrefs> {
  if (user) return { largeText: user.large_text, highContrast: user.high_contrast };
  const value = await displayCookie.parse(request.headers.get("Cookie"));
  return {
    largeText: value?.largeText === true,
    highContrast: value?.highContrast === true,
  };
}
