import en from "./en/index";
import fr from "./fr/index";

/** All languages, for the server. The browser loads only its own language (entry.client). */
export const resources = { fr, en };
