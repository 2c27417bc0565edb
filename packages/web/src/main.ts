/// <reference lib="dom" />
/**
 * The browser entry: a shell (header, navigation, live region) around one screen at a time,
 * chosen by the URL fragment. Each screen is rendered from fresh API data; after a change the
 * screen is simply rendered again, which keeps the UI honest about what the server holds.
 */
import { ApiFailure, api, setToken, token } from "./api.js";
import type { Me } from "./api-types.js";
import { h, replace } from "./dom.js";
import { parseHash, type Screen } from "./route.js";
import { type Ctx, errorBox } from "./ui.js";
import { auditView } from "./views/audit.js";
import { loginView } from "./views/login.js";
import { negotiationView } from "./views/negotiation.js";
import { negotiationsView } from "./views/negotiations.js";
import { scenariosView } from "./views/scenarios.js";
import { usersView } from "./views/users.js";

const root = document.getElementById("app")!;
const live = h("div", { class: "visually-hidden", role: "status", "aria-live": "polite" });
let renderSeq = 0;

function announce(message: string): void {
  live.textContent = "";
  // A fresh text node after a tick makes screen readers repeat an identical message.
  setTimeout(() => {
    live.textContent = message;
  }, 50);
}

/** Moves focus to the screen's heading; a plain "#main" link would change the route instead. */
function skipLink(): HTMLElement {
  return h(
    "a",
    {
      class: "skip",
      href: "#main",
      onclick: (ev: Event) => {
        ev.preventDefault();
        document.querySelector<HTMLElement>("main h1")?.focus();
      },
    },
    "Skip to content",
  );
}

function header(me: Me, screen: Screen): HTMLElement {
  const link = (href: string, label: string, current: boolean) =>
    h("a", { href, "aria-current": current ? "page" : null }, label);
  const roles = [
    ...new Set(me.memberships.map((m) => (m.role === "delegation" ? `delegation (${m.actorId})` : m.role))),
  ];
  const signOut = h("button", { type: "button", class: "secondary" }, "Sign out");
  signOut.addEventListener("click", async () => {
    // Revoke the token on the server first, so a copy of it (a shared screen, a stolen tab) dies
    // too; the tab forgets it whatever the answer.
    await api("POST", "/api/logout").catch(() => undefined);
    setToken(null);
    location.hash = "#/";
    void render();
  });
  return h(
    "header",
    { class: "top" },
    skipLink(),
    h("span", { class: "brand" }, "Entente"),
    h(
      "nav",
      { "aria-label": "Main" },
      link("#/negotiations", "Negotiations", screen.kind === "negotiations" || screen.kind === "negotiation"),
      link("#/scenarios", "Scenarios", screen.kind === "scenarios"),
      me.user.isAdmin ? link("#/users", "Users", screen.kind === "users") : null,
      me.user.isAdmin ? link("#/audit", "Audit log", screen.kind === "audit") : null,
    ),
    h(
      "div",
      { class: "who" },
      h("span", { class: "user-name" }, `Signed in as ${me.user.name}`),
      h(
        "span",
        { class: "user-roles" },
        [me.user.isAdmin ? "administrator" : null, ...roles].filter(Boolean).join(" · ") || "no role yet",
      ),
      signOut,
    ),
  );
}

async function screenView(ctx: Ctx, screen: Screen): Promise<HTMLElement> {
  switch (screen.kind) {
    case "negotiations":
      return negotiationsView(ctx);
    case "negotiation":
      return negotiationView(ctx, screen.id);
    case "scenarios":
      return scenariosView(ctx);
    case "users":
      return usersView(ctx);
    case "audit":
      return auditView(ctx);
    case "not-found":
      return h(
        "main",
        { id: "main" },
        h("h1", { tabindex: "-1" }, "Not found"),
        h("p", null, h("a", { href: "#/" }, "Back to the negotiations")),
      );
  }
}

/** Renders the current screen; a newer render started meanwhile wins (no stale flashes). */
async function render(focus = true): Promise<void> {
  const seq = ++renderSeq;
  if (!token()) {
    replace(
      root,
      loginView(() => void render()),
      live,
    );
    root.querySelector("h1")?.focus();
    return;
  }
  root.setAttribute("aria-busy", "true");
  const screen = parseHash(location.hash);
  try {
    const me = await api<Me>("GET", "/api/me");
    const ctx: Ctx = { me, announce, refresh: () => void render(false) };
    const view = await screenView(ctx, screen);
    if (seq !== renderSeq) return;
    const scrollY = window.scrollY;
    const hadFocus = root.contains(document.activeElement) && document.activeElement !== document.body;
    replace(root, header(me, screen), view, live);
    if (focus) view.querySelector("h1")?.focus();
    else {
      window.scrollTo(0, scrollY);
      // The focused control was replaced; keep keyboard users inside the page, where they were reading.
      if (hadFocus) view.querySelector<HTMLElement>("h1")?.focus({ preventScroll: true });
    }
  } catch (e) {
    if (seq !== renderSeq) return;
    if (e instanceof ApiFailure && e.status === 401) {
      replace(
        root,
        loginView(() => void render()),
        live,
      );
      return;
    }
    replace(
      root,
      h(
        "main",
        { id: "main" },
        h("h1", { tabindex: "-1" }, "Something went wrong"),
        errorBox(e),
        h("p", null, h("a", { href: "#/" }, "Back to the negotiations")),
      ),
      live,
    );
  } finally {
    if (seq === renderSeq) root.removeAttribute("aria-busy");
  }
}

window.addEventListener("hashchange", () => void render());
void render();
