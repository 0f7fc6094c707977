import { redirect, href } from "react-router";

/** /projets alone: projects are listed with their classes. */
export function loader() {
  return redirect(href("/classes-scolaires"));
}
