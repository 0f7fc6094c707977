import { redirect } from "react-router";

/** /projets alone: projects are listed with their classes. */
export function loader() {
  return redirect("/classes-scolaires");
}
