import type { Role } from "../../db/schema/accounts";

export interface NavItem {
  to: string;
  /** i18n key in the `common` namespace. */
  labelKey: string;
  /** Who sees the link; everybody when absent. The server still checks each page. */
  roles?: readonly Role[];
}

/** The main navigation; each feature adds its entry here. */
export const NAV_ITEMS: NavItem[] = [
  // What everyone comes for, most used first.
  { to: "/", labelKey: "nav.home" },
  { to: "/cours", labelKey: "courses:nav.catalogue" },
  { to: "/parcours", labelKey: "paths:nav" },
  { to: "/ateliers", labelKey: "workshops:nav.workshops" },
  { to: "/classes", labelKey: "classrooms:nav" },
  { to: "/lieux", labelKey: "places:nav.places" },
  { to: "/diagnostic-entreprise", labelKey: "business:nav" },
  // A learner's own things ("Mon suivi" also holds their badges and results).
  { to: "/classes-scolaires", labelKey: "projects:nav.pupil", roles: ["learner"] },
  { to: "/compte/activites", labelKey: "workshops:nav.my_activities", roles: ["learner"] },
  // Staff tools.
  { to: "/creer/cours", labelKey: "courses:nav.authoring", roles: ["mediator", "teacher", "coordinator"] },
  { to: "/activites", labelKey: "h5p:nav.activities", roles: ["mediator", "teacher", "coordinator"] },
  { to: "/classes-scolaires", labelKey: "projects:nav.teacher", roles: ["teacher"] },
  { to: "/badges", labelKey: "badges:nav", roles: ["mediator", "teacher", "coordinator"] },
  { to: "/accompagnement/journal", labelKey: "mediation:nav.log", roles: ["mediator", "coordinator"] },
  { to: "/accompagnement/personnes", labelKey: "mediation:nav.learners", roles: ["mediator", "coordinator"] },
  { to: "/tableau-de-bord", labelKey: "reports:nav.dashboard", roles: ["coordinator"] },
  { to: "/gestion/lieux", labelKey: "places:nav.manage", roles: ["coordinator"] },
  { to: "/admin/h5p", labelKey: "h5p:nav.libraries", roles: ["coordinator"] },
  { to: "/admin/xapi", labelKey: "xapi:nav.credentials", roles: ["coordinator"] },
  { to: "/admin/utilisateurs", labelKey: "nav.users", roles: ["coordinator"] },
];
