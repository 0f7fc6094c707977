import { type RouteConfig, index, route } from "@react-router/dev/routes";

export default [
  index("routes/home.tsx"),
  route("healthz", "routes/healthz.ts"),
  route("preferences", "routes/preferences.ts"),
  route("connexion", "routes/sign-in.tsx"),
  route("inscription", "routes/sign-up.tsx"),
  route("deconnexion", "routes/sign-out.ts"),
  route("mot-de-passe-oublie", "routes/forgot-password.tsx"),
  route("mot-de-passe/nouveau", "routes/reset-password.tsx"),
  route("compte", "routes/account.tsx"),
  route("compte/donnees", "routes/account.data.ts"),
  route("compte/supprimer", "routes/account.delete.tsx"),
  route("admin/utilisateurs", "routes/admin.users.tsx"),
  route("admin/utilisateurs/:userId", "routes/admin.user.tsx"),
  route("xapi/statements", "routes/xapi.statements.ts"),
  route("xapi/about", "routes/xapi.about.ts"),
  route("xapi/*", "routes/xapi.unsupported.ts"),
  route("accessibilite", "routes/accessibility.tsx"),
  route("mentions-legales", "routes/legal.tsx"),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
