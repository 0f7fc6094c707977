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
  { to: "/", labelKey: "nav.home" },
  { to: "/parcours", labelKey: "paths:nav" },
  { to: "/diagnostic-entreprise", labelKey: "business:nav" },
  { to: "/badges", labelKey: "badges:nav", roles: ["learner", "mediator", "teacher", "coordinator"] },
  { to: "/cours", labelKey: "courses:nav.catalogue" },
  { to: "/creer/cours", labelKey: "courses:nav.authoring", roles: ["mediator", "teacher", "coordinator"] },
  { to: "/activites", labelKey: "h5p:nav.activities", roles: ["mediator", "teacher", "coordinator"] },
  { to: "/classes", labelKey: "classrooms:nav" },
  { to: "/classes-scolaires", labelKey: "projects:nav.teacher", roles: ["teacher"] },
  { to: "/classes-scolaires", labelKey: "projects:nav.pupil", roles: ["learner"] },
  { to: "/tableau-de-bord", labelKey: "reports:nav.dashboard", roles: ["coordinator"] },
  { to: "/ateliers", labelKey: "workshops:nav.workshops" },
  { to: "/lieux", labelKey: "places:nav.places" },
  { to: "/compte/activites", labelKey: "workshops:nav.my_activities", roles: ["learner"] },
  { to: "/accompagnement/journal", labelKey: "mediation:nav.log", roles: ["mediator", "coordinator"] },
  { to: "/accompagnement/personnes", labelKey: "mediation:nav.learners", roles: ["mediator", "coordinator"] },
  { to: "/gestion/lieux", labelKey: "places:nav.manage", roles: ["coordinator"] },
  { to: "/admin/h5p", labelKey: "h5p:nav.libraries", roles: ["coordinator"] },
  { to: "/admin/xapi", labelKey: "xapi:nav.credentials", roles: ["coordinator"] },
  { to: "/admin/utilisateurs", labelKey: "nav.users", roles: ["coordinator"] },
  { to: "/donnees-ouvertes", labelKey: "opendata:nav" },
];
