/** The UI's screens, addressed by the URL fragment so that reloads and the back button work. */
export type Screen =
  | { kind: "negotiations" }
  | { kind: "negotiation"; id: number }
  | { kind: "scenarios" }
  | { kind: "users" }
  | { kind: "audit" }
  | { kind: "not-found"; hash: string };

/** Parses "#/negotiations/3" and friends; an empty fragment is the negotiations list. */
export function parseHash(hash: string): Screen {
  const path = hash.replace(/^#/, "").replace(/\/+$/, "") || "/negotiations";
  if (path === "/negotiations" || path === "/") return { kind: "negotiations" };
  const m = /^\/negotiations\/([1-9][0-9]{0,9})$/.exec(path);
  if (m) return { kind: "negotiation", id: Number(m[1]) };
  if (path === "/scenarios") return { kind: "scenarios" };
  if (path === "/users") return { kind: "users" };
  if (path === "/audit") return { kind: "audit" };
  return { kind: "not-found", hash };
}
