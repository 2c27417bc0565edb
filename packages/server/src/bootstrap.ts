import { parseScenario } from "@entente/core";
import type { Store } from "@entente/store";
import { hashPassword, type PasswordCost, randomPassword } from "./auth.js";

export interface BootstrapResult {
  /** Set only on the very first start: the admin's one-time password, to be printed once. */
  admin?: { name: string; oneTimePassword: string };
  /** The default scenario loaded on first start, if one was given and valid. */
  scenario?: { slug: string; version: number };
}

/**
 * First start: when the store has no user, creates the "admin" user with a fresh random password
 * (never a fixed default) and loads the default scenario. Later starts do nothing.
 */
export async function bootstrap(
  store: Store,
  options: {
    defaultScenario?: { text: string; fileName: string } | undefined;
    passwordCost?: PasswordCost;
  } = {},
): Promise<BootstrapResult> {
  // Several server instances may start at once on one PostgreSQL: one bootstraps at a time, under
  // an advisory lock held by a transaction that stays open meanwhile (the others then see a user and
  // do nothing), so exactly one admin is created. PGlite has one process and one connection.
  if (store.db.kind === "postgres")
    return store.db.transaction(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock($1)", [BOOTSTRAP_LOCK]);
      return firstStart(store, options);
    });
  return firstStart(store, options);
}

/** The advisory lock key under which one server instance at a time runs first-start set-up. */
const BOOTSTRAP_LOCK = 733_103;

async function firstStart(
  store: Store,
  options: {
    defaultScenario?: { text: string; fileName: string } | undefined;
    passwordCost?: PasswordCost;
  },
): Promise<BootstrapResult> {
  if ((await store.countUsers()) > 0) return {};
  const system = { userId: null, userName: "system" };
  const oneTimePassword = randomPassword();
  await store.createUser(
    system,
    "admin",
    await hashPassword(oneTimePassword, options.passwordCost),
    true,
    true,
  );
  const out: BootstrapResult = { admin: { name: "admin", oneTimePassword } };
  if (options.defaultScenario) {
    const { text, fileName } = options.defaultScenario;
    const r = parseScenario(text, fileName);
    if (r.ok) {
      const format = fileName.endsWith(".json") ? "json" : "yaml";
      const v = await store.putScenario(system, r.scenario.id, format, text, r.scenario);
      out.scenario = { slug: r.scenario.id, version: v.version };
    }
  }
  return out;
}
