import type { SqlClient } from "./sql-client.js";

/**
 * Schema migrations, applied in order and recorded in `schema_migrations`. The same SQL runs on
 * PGlite and on PostgreSQL 15+. Timestamps are ISO-8601 text written by the store's clock so that
 * the audit hash covers exactly the string that is stored, whatever the driver's date parsing.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const appendOnly = (table: string): string => `
CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
  FOR EACH ROW EXECUTE FUNCTION entente_refuse_change();`;

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: "initial",
    sql: `
CREATE FUNCTION entente_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'check_violation';
END $$;

CREATE TABLE users (
  id serial PRIMARY KEY,
  name text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  is_admin boolean NOT NULL DEFAULT false,
  created_at text NOT NULL
);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users(id),
  created_at text NOT NULL,
  expires_at text NOT NULL
);

CREATE TABLE scenarios (
  id serial PRIMARY KEY,
  slug text NOT NULL UNIQUE,
  created_at text NOT NULL,
  created_by integer REFERENCES users(id)
);

CREATE TABLE scenario_versions (
  scenario_id integer NOT NULL REFERENCES scenarios(id),
  version integer NOT NULL,
  format text NOT NULL,
  body text NOT NULL,
  parsed text NOT NULL,
  from_version integer,
  created_at text NOT NULL,
  created_by integer REFERENCES users(id),
  PRIMARY KEY (scenario_id, version)
);

CREATE TABLE negotiations (
  id serial PRIMARY KEY,
  title text NOT NULL,
  venue text NOT NULL,
  scenario_id integer NOT NULL,
  scenario_version integer NOT NULL,
  created_at text NOT NULL,
  created_by integer REFERENCES users(id),
  FOREIGN KEY (scenario_id, scenario_version) REFERENCES scenario_versions(scenario_id, version)
);

CREATE TABLE members (
  id serial PRIMARY KEY,
  negotiation_id integer NOT NULL REFERENCES negotiations(id),
  user_id integer NOT NULL REFERENCES users(id),
  role text NOT NULL,
  actor_id text,
  created_at text NOT NULL
);
CREATE UNIQUE INDEX members_unique ON members (negotiation_id, user_id, role, coalesce(actor_id, ''));

CREATE TABLE rounds (
  negotiation_id integer NOT NULL REFERENCES negotiations(id),
  number integer NOT NULL,
  label text NOT NULL,
  opened_at text NOT NULL,
  opened_by integer REFERENCES users(id),
  PRIMARY KEY (negotiation_id, number)
);

CREATE TABLE proposals (
  id serial PRIMARY KEY,
  negotiation_id integer NOT NULL REFERENCES negotiations(id),
  round integer NOT NULL,
  parent_id integer REFERENCES proposals(id),
  author_user integer REFERENCES users(id),
  author_role text NOT NULL,
  author_actor text,
  package text NOT NULL,
  note text NOT NULL,
  created_at text NOT NULL,
  FOREIGN KEY (negotiation_id, round) REFERENCES rounds(negotiation_id, number)
);
CREATE INDEX proposals_by_negotiation ON proposals (negotiation_id, id);

CREATE TABLE scores (
  id serial PRIMARY KEY,
  proposal_id integer NOT NULL REFERENCES proposals(id),
  actor_id text NOT NULL,
  score double precision NOT NULL,
  comment text NOT NULL,
  created_at text NOT NULL,
  created_by integer REFERENCES users(id)
);
CREATE INDEX scores_by_proposal ON scores (proposal_id, actor_id, id);

CREATE TABLE private_positions (
  id serial PRIMARY KEY,
  negotiation_id integer NOT NULL REFERENCES negotiations(id),
  actor_id text NOT NULL,
  version integer NOT NULL,
  body text NOT NULL,
  created_at text NOT NULL,
  created_by integer REFERENCES users(id),
  UNIQUE (negotiation_id, actor_id, version)
);

CREATE TABLE audit_log (
  seq integer PRIMARY KEY,
  at text NOT NULL,
  user_id integer,
  user_name text NOT NULL,
  action text NOT NULL,
  subject text NOT NULL,
  negotiation_id integer,
  from_version integer,
  payload text NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_by_negotiation ON audit_log (negotiation_id, seq);
${["audit_log", "scenario_versions", "proposals", "scores", "private_positions", "rounds"].map(appendOnly).join("\n")}
`,
  },
  {
    version: 2,
    name: "session revocations",
    // Signing out appends a revocation; the session row itself is never changed or deleted.
    sql: `
CREATE TABLE session_revocations (
  token_hash text PRIMARY KEY REFERENCES sessions(token_hash),
  revoked_at text NOT NULL
);`,
  },
  {
    version: 3,
    name: "signed merkle audit log, salted commitments",
    // Each audit entry becomes a leaf of its negotiation's Merkle tree (tree 0: platform entries)
    // with the signed head after it; audit_trees keeps each tree's right edge so appending is
    // O(log n). It is derived data: verification recomputes every tree from the entries.
    // Entries written before this migration get their tree positions here and no signed head.
    sql: `
ALTER TABLE audit_log ADD COLUMN tree_id integer;
ALTER TABLE audit_log ADD COLUMN leaf_index integer;
ALTER TABLE audit_log ADD COLUMN tree_root text;
ALTER TABLE audit_log ADD COLUMN head_sig text;
ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
UPDATE audit_log a SET tree_id = r.tree, leaf_index = r.i
  FROM (SELECT seq, coalesce(negotiation_id, 0) AS tree,
               (row_number() OVER (PARTITION BY coalesce(negotiation_id, 0) ORDER BY seq) - 1)::int AS i
        FROM audit_log) r
  WHERE r.seq = a.seq;
ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;
ALTER TABLE audit_log ALTER COLUMN tree_id SET NOT NULL;
ALTER TABLE audit_log ALTER COLUMN leaf_index SET NOT NULL;
CREATE UNIQUE INDEX audit_tree_leaf ON audit_log (tree_id, leaf_index);
CREATE TABLE audit_trees (
  tree_id integer PRIMARY KEY,
  size integer NOT NULL,
  frontier text NOT NULL
);
ALTER TABLE scores ADD COLUMN salt text;
ALTER TABLE private_positions ADD COLUMN salt text;`,
  },
  {
    version: 4,
    name: "sign-in throttling, password changes, quarantined scenario versions",
    // sign_in_failures is bookkeeping, not a record: rows are counted up and cleared. A quarantine
    // is a record, appended once and kept; the version it hides stays in scenario_versions.
    sql: `
ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
CREATE TABLE sign_in_failures (
  scope text NOT NULL,
  key text NOT NULL,
  failures integer NOT NULL,
  last_at text NOT NULL,
  PRIMARY KEY (scope, key)
);
CREATE TABLE scenario_quarantine (
  scenario_id integer NOT NULL,
  version integer NOT NULL,
  reason text NOT NULL,
  at text NOT NULL,
  by_user integer REFERENCES users(id),
  PRIMARY KEY (scenario_id, version),
  FOREIGN KEY (scenario_id, version) REFERENCES scenario_versions(scenario_id, version)
);
${appendOnly("scenario_quarantine")}`,
  },
  {
    version: 5,
    name: "disclosure budget",
    // Every derived answer the mediator gets is charged here, per negotiation, in bits: no account,
    // restart or second app server refills it (the sum is read under the audit log's lock).
    sql: `
CREATE TABLE disclosure_spend (
  id serial PRIMARY KEY,
  negotiation_id integer NOT NULL REFERENCES negotiations(id),
  user_id integer REFERENCES users(id),
  query text NOT NULL,
  bits integer NOT NULL,
  at text NOT NULL
);
CREATE INDEX disclosure_by_negotiation ON disclosure_spend (negotiation_id);
${appendOnly("disclosure_spend")}`,
  },
  {
    version: 6,
    name: "sealed acceptances",
    // A delegation's acceptance of a proposal, sealed: the log holds only a salted commitment and
    // no author until every delegation has accepted the same proposal (see Store.accept).
    sql: `
CREATE TABLE acceptances (
  id serial PRIMARY KEY,
  negotiation_id integer NOT NULL REFERENCES negotiations(id),
  proposal_id integer NOT NULL REFERENCES proposals(id),
  actor_id text NOT NULL,
  created_at text NOT NULL,
  created_by integer REFERENCES users(id),
  salt text NOT NULL
);
CREATE INDEX acceptances_by_negotiation ON acceptances (negotiation_id, actor_id, id);
${appendOnly("acceptances")}`,
  },
  {
    version: 7,
    name: "jobs and monitoring events",
    // The job queue's own records (what users see: status, progress, result, cancel); a queue library
    // delivers job ids on PostgreSQL, keeping its own schema. monitoring_events was created on first
    // use before this migration, hence IF NOT EXISTS and the guarded trigger.
    sql: `
CREATE TABLE jobs (
  id text PRIMARY KEY,
  kind text NOT NULL,
  parent_id text REFERENCES jobs(id),
  position integer,
  user_id integer,
  input text NOT NULL,
  status text NOT NULL DEFAULT 'queued',
  progress double precision NOT NULL DEFAULT 0,
  result text,
  error text,
  attempts integer NOT NULL DEFAULT 0,
  worker text,
  heartbeat_at timestamptz,
  cancel_requested boolean NOT NULL DEFAULT false,
  request_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz
);
CREATE INDEX jobs_by_parent ON jobs (parent_id, position);
CREATE INDEX jobs_running ON jobs (heartbeat_at) WHERE status = 'running';
CREATE TABLE IF NOT EXISTS monitoring_events (
  negotiation_id integer NOT NULL,
  seq bigserial,
  id text NOT NULL,
  body text NOT NULL,
  user_id integer,
  recorded_at text NOT NULL,
  PRIMARY KEY (negotiation_id, id)
);
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'monitoring_events_append_only') THEN
    CREATE TRIGGER monitoring_events_append_only BEFORE UPDATE OR DELETE ON monitoring_events
      FOR EACH ROW EXECUTE FUNCTION entente_refuse_change();
  END IF;
END $$;`,
  },
  {
    version: 8,
    name: "round deadlines and closures",
    // A round may be opened with a deadline (fixed when it opens: rounds stay append-only) and is
    // closed once, by the mediator (a row here) or by its deadline passing (read from the deadline).
    sql: `
ALTER TABLE rounds ADD COLUMN deadline text;
CREATE TABLE round_closures (
  negotiation_id integer NOT NULL,
  number integer NOT NULL,
  closed_at text NOT NULL,
  closed_by integer REFERENCES users(id),
  PRIMARY KEY (negotiation_id, number),
  FOREIGN KEY (negotiation_id, number) REFERENCES rounds(negotiation_id, number)
);
${appendOnly("round_closures")}`,
  },
  {
    version: 9,
    name: "deactivated users, member removals, webhooks and their outbox",
    // A removal is a record (append-only) and the member row stays; the old unique index would
    // refuse adding a removed member again, so uniqueness among current members is checked by the
    // store under the audit log's lock. Webhooks: an admin's configuration per negotiation; the
    // outbox holds every delivery until a receiver takes it (see packages/server/src/webhooks/).
    sql: `
ALTER TABLE users ADD COLUMN deactivated_at text;
CREATE TABLE member_removals (
  member_id integer PRIMARY KEY REFERENCES members(id),
  removed_at text NOT NULL,
  removed_by integer REFERENCES users(id)
);
${appendOnly("member_removals")}
DROP INDEX IF EXISTS members_unique;
CREATE INDEX members_by_negotiation ON members (negotiation_id, user_id);
CREATE TABLE webhooks (
  id serial PRIMARY KEY,
  negotiation_id integer NOT NULL REFERENCES negotiations(id),
  url text NOT NULL,
  secret text NOT NULL,
  events text NOT NULL,
  audit_cursor integer NOT NULL,
  created_at text NOT NULL,
  created_by integer REFERENCES users(id),
  disabled_at text
);
CREATE TABLE webhook_outbox (
  id bigserial PRIMARY KEY,
  webhook_id integer NOT NULL REFERENCES webhooks(id),
  event_key text NOT NULL,
  delivery_id text NOT NULL UNIQUE,
  event text NOT NULL,
  body text NOT NULL,
  created_at text NOT NULL,
  status text NOT NULL DEFAULT 'pending',
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at text NOT NULL,
  locked_until text,
  last_status integer,
  last_error text,
  delivered_at text,
  UNIQUE (webhook_id, event_key)
);
CREATE INDEX webhook_outbox_due ON webhook_outbox (next_attempt_at) WHERE status = 'pending';`,
  },
  {
    version: 10,
    name: "negotiating text and agreements",
    // The single negotiating text: each version adopts a tabled proposal (issue 18). The agreement
    // a concluded negotiation records, with its commitments; a later version edits them.
    sql: `
CREATE TABLE text_versions (
  negotiation_id integer NOT NULL REFERENCES negotiations(id),
  version integer NOT NULL,
  proposal_id integer NOT NULL REFERENCES proposals(id),
  adopted_at text NOT NULL,
  adopted_by integer REFERENCES users(id),
  PRIMARY KEY (negotiation_id, version)
);
${appendOnly("text_versions")}
CREATE TABLE agreements (
  negotiation_id integer NOT NULL REFERENCES negotiations(id),
  version integer NOT NULL,
  proposal_id integer NOT NULL REFERENCES proposals(id),
  body text NOT NULL,
  recorded_at text NOT NULL,
  recorded_by integer REFERENCES users(id),
  PRIMARY KEY (negotiation_id, version)
);
${appendOnly("agreements")}`,
  },
  {
    version: 11,
    name: "each user's interface language",
    // A preference, not a record: the web app shows its interface in it, on every browser.
    sql: `ALTER TABLE users ADD COLUMN locale text;`,
  },
  {
    version: 12,
    name: "open jobs by user",
    // Every job request counts the caller's open jobs first (the per-user cap): without this index
    // that count read the whole jobs table, parts and finished jobs included, on every request.
    sql: `CREATE INDEX jobs_open_by_user ON jobs (user_id) WHERE parent_id IS NULL AND status IN ('queued', 'running');`,
  },
];

/** Applies every migration not yet recorded, each in its own transaction. */
export async function migrate(db: SqlClient): Promise<number[]> {
  // Under the migration lock too: concurrent CREATE TABLE IF NOT EXISTS on a fresh PostgreSQL
  // database can still collide in the catalogue (duplicate pg_type row).
  await db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(733101)");
    await tx.query(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)",
    );
  });
  const done = new Set(
    (await db.query<{ version: number }>("SELECT version FROM schema_migrations")).map((r) => r.version),
  );
  const applied: number[] = [];
  for (const m of migrations) {
    if (done.has(m.version)) continue;
    await db.transaction(async (tx) => {
      // Two servers starting at once on one PostgreSQL must not both migrate.
      await tx.query("SELECT pg_advisory_xact_lock(733101)");
      const again = await tx.query("SELECT 1 FROM schema_migrations WHERE version = $1", [m.version]);
      if (again.length > 0) return;
      for (const stmt of splitStatements(m.sql)) await tx.query(stmt);
      await tx.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", [
        m.version,
        m.name,
        new Date(0).toISOString(),
      ]);
    });
    applied.push(m.version);
  }
  return applied;
}

/** Splits a script on top-level semicolons, keeping `$$ … $$` bodies whole. */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let cur = "";
  let inDollar = false;
  for (let i = 0; i < sql.length; i++) {
    if (sql.startsWith("$$", i)) {
      inDollar = !inDollar;
      cur += "$$";
      i++;
      continue;
    }
    const ch = sql[i]!;
    if (ch === ";" && !inDollar) {
      if (cur.trim()) out.push(cur.trim());
      cur = "";
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}
