/// <reference lib="dom" />
/**
 * The shell around every screen: the header (user, roles, navigation, language, sign-out), the
 * current screen chosen by the URL fragment (../routes.ts), and the polite live region. Without a
 * session it shows the sign-in form.
 */
import { signal } from "@preact/signals";
import { h } from "preact";
import { useEffect, useState } from "preact/hooks";
import { call, client, setToken, token, whenSignedOut } from "../api/client.js";
import type { Me } from "../api/types.js";
import { LOCALES, type Locale, locale, savedLocale, setLocale, t } from "../i18n/index.js";
import { routes } from "../routes.js";
import { ErrorBox, Page } from "../ui/components.js";
import { Login } from "../views/auth/login.js";
import { currentPath, href, match, type Screen } from "./router.js";
import { liveMessage, me, refreshCount } from "./state.js";

/** Whether this tab holds a session token. */
const signedIn = signal(token() !== null);
whenSignedOut(() => {
  signedIn.value = false;
  me.value = null;
});

/** Moves focus to the screen's heading; a plain "#main" link would change the route instead. */
function SkipLink() {
  return h(
    "a",
    {
      class: "skip",
      href: "#main",
      onClick: (ev: Event) => {
        ev.preventDefault();
        document.querySelector<HTMLElement>("main h1")?.focus();
      },
    },
    t("app.skip"),
  );
}

/** The navigation links: which paths each one is "current" for, and who sees it. */
const NAV: Array<{ path: string; label: () => string; current: RegExp; admin?: boolean }> = [
  { path: "/negotiations", label: () => t("nav.negotiations"), current: /^\/negotiations/ },
  { path: "/scenarios", label: () => t("nav.scenarios"), current: /^\/scenarios/ },
  { path: "/explorer", label: () => t("nav.explorer"), current: /^\/explorer/ },
  { path: "/users", label: () => t("nav.users"), current: /^\/users/, admin: true },
  { path: "/audit", label: () => t("nav.audit"), current: /^\/audit/, admin: true },
  { path: "/account", label: () => t("account.open"), current: /^\/account/ },
];

function Header(props: { me: Me }) {
  const { user, memberships } = props.me;
  const path = currentPath.value;
  const roles = [
    ...new Set(
      memberships.map((m) =>
        m.role === "delegation" ? t("nav.delegationOf", { actor: m.actorId ?? "" }) : t(`role.${m.role}`),
      ),
    ),
  ];
  const signOut = async () => {
    // Revoke the token on the server first, so a copy of it (a shared screen, a stolen tab) dies
    // too; the tab forgets it whatever the answer.
    await call(client.POST("/api/logout")).catch(() => undefined);
    setToken(null);
    me.value = null;
    signedIn.value = false;
    location.hash = "#/";
  };
  return h(
    "header",
    { class: "top" },
    h(SkipLink, null),
    h("span", { class: "brand" }, t("app.brand")),
    h(
      "nav",
      { "aria-label": t("nav.main") },
      NAV.filter((n) => !n.admin || user.isAdmin).map((n) =>
        h("a", { href: href(n.path), "aria-current": n.current.test(path) ? "page" : undefined }, n.label()),
      ),
    ),
    h(
      "div",
      { class: "who" },
      h("span", { class: "user-name" }, t("nav.signedInAs", { name: user.name })),
      h(
        "span",
        { class: "user-roles" },
        [user.isAdmin ? t("nav.administrator") : null, ...roles].filter(Boolean).join(" · ") ||
          t("nav.noRole"),
      ),
      h(
        "label",
        { class: "lang" },
        h("span", { class: "visually-hidden" }, t("app.language")),
        h(
          "select",
          {
            value: locale.value,
            onChange: (ev: Event) => {
              const next = (ev.target as HTMLSelectElement).value as Locale;
              void setLocale(next, user.id);
              // Kept on the user too, so the next browser they sign in from shows it.
              void call(client.POST("/api/me/language", { body: { locale: next } })).catch(() => undefined);
            },
          },
          LOCALES.map((l) => h("option", { value: l.id, lang: l.id }, l.name)),
        ),
      ),
      h("button", { type: "button", class: "secondary", onClick: () => void signOut() }, t("nav.signOut")),
    ),
  );
}

function NotFound() {
  return h(
    Page,
    { title: t("app.notFound") },
    h("p", null, h("a", { href: href("/negotiations") }, t("app.backToNegotiations"))),
  );
}

/** A screen loaded on first visit (its own chunk). */
const loaded = new Map<string, Screen>();
function Lazy(props: {
  path: string;
  load: () => Promise<{ default: Screen }>;
  params: Record<string, string>;
}) {
  // An initializer function: a component passed as the value itself would be called by useState.
  const [screen, setScreen] = useState<Screen | null>(() => loaded.get(props.path) ?? null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (screen) return;
    props.load().then(
      (m) => {
        loaded.set(props.path, m.default);
        setScreen(() => m.default);
      },
      (e: unknown) => setError(e),
    );
  }, [props.path]);
  if (error) return h(Page, { title: t("app.wentWrong") }, h(ErrorBox, { error }));
  if (!screen) return h("main", { id: "main", "aria-busy": "true" }, h("p", null, t("app.loading")));
  return h(screen, { params: props.params });
}

function CurrentScreen() {
  const path = currentPath.value;
  const found = match(routes, path);
  if (!found) return h(NotFound, null);
  const { route, params } = found;
  if (route.view) return h(route.view, { key: path, params });
  return h(Lazy, { key: path, path: route.path, load: route.load!, params });
}

/** The whole app. */
export function App() {
  const user = me.value;
  const path = currentPath.value;
  const tick = refreshCount.value;
  const [error, setError] = useState<unknown>(null);
  // The user and their memberships are read again on each screen change and refresh, so roles
  // granted meanwhile show at once.
  useEffect(() => {
    if (!signedIn.value) return;
    let alive = true;
    call(client.GET("/api/me")).then(
      async (m) => {
        if (!alive) return;
        if (!me.value || me.value.user.id !== m.user.id)
          await setLocale((m.user.locale as Locale | null | undefined) ?? savedLocale(m.user.id));
        me.value = m;
        setError(null);
      },
      (e: unknown) => alive && setError(e),
    );
    return () => {
      alive = false;
    };
  }, [signedIn.value, path, tick]);
  const live = h(
    "div",
    { class: "visually-hidden", role: "status", "aria-live": "polite" },
    liveMessage.value,
  );
  if (!signedIn.value)
    return h(
      "div",
      { class: "app" },
      h(Login, {
        onSignedIn: () => {
          signedIn.value = true;
        },
      }),
      live,
    );
  if (!user)
    return h(
      "div",
      { class: "app" },
      error
        ? h(Page, { title: t("app.wentWrong") }, h(ErrorBox, { error }))
        : h("main", { id: "main", "aria-busy": "true" }, h("p", null, t("app.loading"))),
      live,
    );
  return h("div", { class: "app" }, h(Header, { me: user }), h(CurrentScreen, null), live);
}
