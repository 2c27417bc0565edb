/**
 * Every screen of the app, one line each: the path pattern (the URL fragment, "#/negotiations/3")
 * and the screen's component (in views/<area>/), or `load` for a screen with heavy dependencies
 * (charts) so that it comes in its own chunk on first visit. Navigation links are in app/shell.ts.
 */
import type { RouteDef } from "./app/router.js";
import { AuditScreen } from "./views/admin/audit.js";
import { UsersScreen } from "./views/admin/users.js";
import { NegotiationScreen } from "./views/negotiation/page.js";
import { NegotiationsScreen } from "./views/negotiations/list.js";
import { ScenariosScreen } from "./views/scenarios/screen.js";

export const routes: RouteDef[] = [
  { path: "/negotiations", view: NegotiationsScreen },
  { path: "/negotiations/:id", view: NegotiationScreen },
  { path: "/negotiations/:id/table", load: () => import("./views/negotiation/workspace.js") },
  { path: "/scenarios", view: ScenariosScreen },
  { path: "/users", view: UsersScreen },
  { path: "/audit", view: AuditScreen },
  { path: "/account", load: () => import("./views/basics/account.js") },
  { path: "/negotiations/:id/record", load: () => import("./views/basics/record.js") },
  { path: "/negotiations/:id/monitoring", load: () => import("./views/monitoring/screen.js") },
  { path: "/explorer", load: () => import("./views/explorer/explorer.js") },
  { path: "/explorer/:scenarioId/:version", load: () => import("./views/explorer/explorer.js") },
];
