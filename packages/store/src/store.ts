import { createHash, randomBytes } from "node:crypto";
import type { AuditEntry } from "./audit-chain.js";
import {
  AuditAppender,
  type AuditReceipt,
  type AuditSigner,
  commitment,
  entryLeaf,
  generateAuditKeyPem,
  type SignedHead,
  signerFromPem,
  treeEntries,
} from "./audit-log.js";
import { type AuditReport, type VerifyOptions, verifyAuditLog } from "./audit-verify.js";
import { canonicalJson } from "./canonical-json.js";
import { consistencyProof, inclusionProof, toHex } from "./merkle.js";
import { PROPOSAL_COLS, type ProposalRow } from "./proposal-row.js";
import type { SqlClient, SqlQueryable, SqlValue } from "./sql-client.js";
import {
  type Actor,
  type AgreementRecord,
  type Member,
  type Negotiation,
  type NegotiationRole,
  type PrivatePositions,
  type Proposal,
  type Round,
  type ScenarioSummary,
  type ScenarioVersion,
  type Score,
  type Session,
  StoreError,
  type TextVersion,
  type User,
  type Webhook,
} from "./store-types.js";

interface AuditNote {
  action: string;
  subject: string;
  negotiationId?: number | null;
  fromVersion?: number | null;
  details: Record<string, unknown>;
  /** The salt of a confidential body's commitment: returned in the receipt, never logged. */
  salt?: string;
}

/** A fresh random salt for a commitment (32 bytes, hex). */
const newSalt = () => randomBytes(32).toString("hex");

/** SHA-256 hex digest: the audit log records digests of confidential bodies, never the bodies. */
export function digest(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/**
 * The negotiation store: one class over any `SqlClient`. Every change runs in a transaction that
 * also appends its audit entry, so a change and its record commit or fail together. Nothing is
 * updated or deleted: edits append versions (the tables carry triggers that refuse UPDATE/DELETE).
 */
interface PendingWrite {
  actor: Actor;
  fn: (tx: SqlQueryable, at: string) => Promise<[unknown, AuditNote | AuditNote[]]>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

/** Largest number of changes committed in one transaction by the group commit. */
const MAX_BATCH = 64;

export class Store {
  private readonly queue: PendingWrite[] = [];
  private writing = false;
  private readonly negotiationCache = new Map<number, Negotiation>();

  /** Signs the audit trees' heads; an ephemeral key when none is given (tests, in-memory stores). */
  readonly signer: AuditSigner;

  constructor(
    readonly db: SqlClient,
    private readonly now: () => Date = () => new Date(),
    signer?: AuditSigner,
  ) {
    this.signer = signer ?? signerFromPem(generateAuditKeyPem());
  }

  /**
   * Runs a change and appends its audit entry in the same transaction. Concurrent changes are
   * queued and committed together (group commit, up to 64 per transaction; if any fails, the batch
   * is retried one change at a time so only that one fails): the chain is serial anyway, and one
   * commit per batch instead of per change is what lets the store keep up under load. A change's
   * promise settles only after its transaction has committed.
   */
  private mutate<T>(
    actor: Actor,
    fn: (tx: SqlQueryable, at: string) => Promise<[T, AuditNote | AuditNote[]]>,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ actor, fn, resolve: resolve as (v: unknown) => void, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        if (batch.length === 1) {
          await this.commit(batch);
          continue;
        }
        // Optimistic: the whole batch in one transaction. Inputs are checked before they are
        // queued, so a failure is rare; when one happens, the batch is rolled back and each change
        // is retried alone, so only the failing one fails.
        const ok = await this.commit(batch, true);
        if (!ok) for (const w of batch) await this.commit([w]);
      }
    } finally {
      this.writing = false;
    }
  }

  /**
   * Commits `batch` in one transaction, settling each promise after COMMIT. With `quiet`, a failure
   * settles nothing and returns false (the caller retries one by one); otherwise it rejects all.
   */
  private async commit(batch: PendingWrite[], quiet = false): Promise<boolean> {
    const results: unknown[] = [];
    try {
      await this.db.transaction(async (tx) => {
        // One writer at a time extends the chain; plain reads (ACCESS SHARE) are not blocked. The
        // head is read inside the transaction every time, never cached: other writers (another app
        // server on PostgreSQL, the monitoring log in this one) extend the same chain.
        await tx.query("LOCK TABLE audit_log IN EXCLUSIVE MODE");
        const log = await AuditAppender.open(tx, this.signer);
        for (const w of batch) {
          const at = this.now().toISOString();
          const [result, notes] = await w.fn(tx, at);
          const receipts: AuditReceipt[] = [];
          for (const note of Array.isArray(notes) ? notes : [notes]) {
            const receipt = await log.append({
              at,
              userId: w.actor.userId,
              userName: w.actor.userName,
              action: note.action,
              subject: note.subject,
              negotiationId: note.negotiationId ?? null,
              fromVersion: note.fromVersion ?? null,
              payload: canonicalJson(note.details),
            });
            receipts.push(note.salt ? { ...receipt, salt: note.salt } : receipt);
          }
          results.push([result, receipts]);
        }
        await log.flush();
      });
    } catch (err) {
      if (quiet) return false;
      for (const w of batch) w.reject(err);
      return false;
    }
    batch.forEach((w, i) => {
      const [result, receipts] = results[i] as [unknown, AuditReceipt[]];
      w.actor.receipts?.push(...receipts);
      w.resolve(result);
    });
    return true;
  }

  private async one<T extends object>(sql: string, params: SqlValue[], what: string): Promise<T> {
    const rows = await this.db.query<T>(sql, params);
    if (!rows[0]) throw new StoreError("not_found", `${what} does not exist`);
    return rows[0];
  }

  // ---- users and sessions -------------------------------------------------------------------

  async countUsers(): Promise<number> {
    return (await this.db.query<{ n: number }>("SELECT count(*)::int AS n FROM users"))[0]!.n;
  }

  /** Creates a user; `mustChangePassword` marks a one-time password, to be changed at first sign-in. */
  async createUser(
    actor: Actor,
    name: string,
    passwordHash: string,
    isAdmin: boolean,
    mustChangePassword = false,
  ): Promise<User> {
    return this.mutate(actor, async (tx, at) => {
      const taken = await tx.query("SELECT 1 FROM users WHERE name = $1", [name]);
      if (taken.length) throw new StoreError("conflict", `a user named "${name}" already exists`);
      const [row] = await tx.query<{ id: number }>(
        "INSERT INTO users (name, password_hash, is_admin, created_at, must_change_password) VALUES ($1,$2,$3,$4,$5) RETURNING id",
        [name, passwordHash, isAdmin, at, mustChangePassword],
      );
      const user: User = {
        id: row!.id,
        name,
        passwordHash,
        isAdmin,
        createdAt: at,
        mustChangePassword,
        deactivatedAt: null,
        locale: null,
      };
      return [user, { action: "user.create", subject: `user:${user.id}`, details: { name, isAdmin } }];
    });
  }

  async userByName(name: string): Promise<User | undefined> {
    const rows = await this.db.query<UserRow>(`SELECT ${USER_COLS} FROM users WHERE name = $1`, [name]);
    return rows[0] && toUser(rows[0]);
  }

  async userById(id: number): Promise<User | undefined> {
    const rows = await this.db.query<UserRow>(`SELECT ${USER_COLS} FROM users WHERE id = $1`, [id]);
    return rows[0] && toUser(rows[0]);
  }

  async listUsers(): Promise<Array<Omit<User, "passwordHash">>> {
    const rows = await this.db.query<UserRow>(`SELECT ${USER_COLS} FROM users ORDER BY id`);
    return rows.map((r) => {
      const { passwordHash: _h, ...rest } = toUser(r);
      return rest;
    });
  }

  /**
   * A user's own change of password: the new hash, the one-time flag cleared, and every other
   * session of theirs revoked. Credentials are not negotiation records, so this is not audited.
   */
  async changePassword(userId: number, passwordHash: string, keepTokenHash: string | null): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query("UPDATE users SET password_hash = $2, must_change_password = false WHERE id = $1", [
        userId,
        passwordHash,
      ]);
      await revokeUserSessions(tx, userId, keepTokenHash, this.now().toISOString());
    });
  }

  /**
   * An administrator's reset: a one-time password the user must change at the next sign-in, every
   * session of theirs revoked, and a "password reset" entry in the log of every negotiation the user
   * belongs to (and one outside any negotiation when they belong to none), so that the other
   * participants learn that this account's credentials were replaced.
   */
  async resetPassword(
    actor: Actor,
    userId: number,
    passwordHash: string,
  ): Promise<{ negotiations: number[] }> {
    return this.mutate(actor, async (tx, at) => {
      const [user] = await tx.query<{ name: string }>("SELECT name FROM users WHERE id = $1", [userId]);
      if (!user) throw new StoreError("not_found", `user ${userId} does not exist`);
      await tx.query("UPDATE users SET password_hash = $2, must_change_password = true WHERE id = $1", [
        userId,
        passwordHash,
      ]);
      await revokeUserSessions(tx, userId, null, at);
      const negotiations = (
        await tx.query<{ negotiation_id: number }>(
          "SELECT DISTINCT negotiation_id FROM members WHERE user_id = $1 ORDER BY negotiation_id",
          [userId],
        )
      ).map((r) => r.negotiation_id);
      const details = { userId, name: user.name, event: "password reset" };
      const notes: AuditNote[] = negotiations.length
        ? negotiations.map((negotiationId) => ({
            action: "user.password_reset",
            subject: `user:${userId}`,
            negotiationId,
            details,
          }))
        : [{ action: "user.password_reset", subject: `user:${userId}`, details }];
      return [{ negotiations }, notes];
    });
  }

  /**
   * Deactivates (`active` false) or reactivates a user. A deactivated user cannot sign in and every
   * session of theirs is revoked in the same transaction, so the next request with any of their
   * tokens is refused, on every app server. Announced in the log of every negotiation the user
   * belongs to (and outside any negotiation), like a password reset.
   */
  async setUserActive(actor: Actor, userId: number, active: boolean): Promise<User> {
    return this.mutate(actor, async (tx, at) => {
      const [row] = await tx.query<UserRow>(`SELECT ${USER_COLS} FROM users WHERE id = $1`, [userId]);
      if (!row) throw new StoreError("not_found", `user ${userId} does not exist`);
      if ((row.deactivated_at === null) === active)
        throw new StoreError("conflict", `user ${row.name} is already ${active ? "active" : "deactivated"}`);
      const deactivatedAt = active ? null : at;
      await tx.query("UPDATE users SET deactivated_at = $2 WHERE id = $1", [userId, deactivatedAt]);
      if (!active) await revokeUserSessions(tx, userId, null, at);
      const negotiations = (
        await tx.query<{ negotiation_id: number }>(
          `SELECT DISTINCT negotiation_id FROM members m WHERE user_id = $1
           AND NOT EXISTS (SELECT 1 FROM member_removals r WHERE r.member_id = m.id) ORDER BY negotiation_id`,
          [userId],
        )
      ).map((r) => r.negotiation_id);
      const action = active ? "user.reactivate" : "user.deactivate";
      const details = { userId, name: row.name };
      const notes: AuditNote[] = [
        { action, subject: `user:${userId}`, details },
        ...negotiations.map((negotiationId) => ({
          action,
          subject: `user:${userId}`,
          negotiationId,
          details,
        })),
      ];
      return [{ ...toUser(row), deactivatedAt }, notes];
    });
  }

  /** Sets the interface language a user chose (a preference: not a negotiation record, not audited). */
  async setUserLocale(userId: number, locale: string | null): Promise<void> {
    await this.db.query("UPDATE users SET locale = $2 WHERE id = $1", [userId, locale]);
  }

  /**
   * The signed-in user behind a session token hash, read in one query: null when the session does
   * not exist, was revoked, or its user is deactivated. (Expiry is the caller's to check.)
   */
  async sessionUser(tokenHash: string): Promise<{ user: User; expiresAt: string } | undefined> {
    const rows = await this.db.query<UserRow & { expires_at: string }>(
      `SELECT ${USER_COLS.split(", ")
        .map((c) => `u.${c}`)
        .join(", ")}, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = $1 AND u.deactivated_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM session_revocations r WHERE r.token_hash = s.token_hash)`,
      [tokenHash],
    );
    const r = rows[0];
    return r && { user: toUser(r), expiresAt: r.expires_at };
  }

  // ---- sign-in throttling -------------------------------------------------------------------

  /**
   * Failed sign-ins counted per key (`scope` is "account", "address" or "pair"), as kept in the
   * database so that every app server sharing it applies the same limits. Rows whose last failure is
   * older than `forgetBefore` count as none.
   */
  async signInFailures(
    keys: ReadonlyArray<{ scope: string; key: string }>,
    forgetBefore: string,
  ): Promise<Array<{ scope: string; key: string; failures: number; lastAt: string }>> {
    if (keys.length === 0) return [];
    const params: SqlValue[] = [forgetBefore];
    const cond = keys.map((k) => {
      params.push(k.scope, k.key);
      return `(scope = $${params.length - 1} AND key = $${params.length})`;
    });
    const rows = await this.db.query<{ scope: string; key: string; failures: number; last_at: string }>(
      `SELECT scope, key, failures, last_at FROM sign_in_failures WHERE last_at >= $1 AND (${cond.join(" OR ")})`,
      params,
    );
    return rows.map((r) => ({ scope: r.scope, key: r.key, failures: r.failures, lastAt: r.last_at }));
  }

  /** Counts one failed sign-in against each key (a count older than `forgetBefore` restarts at 1). */
  async recordSignInFailure(
    keys: ReadonlyArray<{ scope: string; key: string }>,
    at: string,
    forgetBefore: string,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const k of keys)
        await tx.query(
          `INSERT INTO sign_in_failures (scope, key, failures, last_at) VALUES ($1, $2, 1, $3)
           ON CONFLICT (scope, key) DO UPDATE SET
             failures = CASE WHEN sign_in_failures.last_at < $4 THEN 1 ELSE sign_in_failures.failures + 1 END,
             last_at = $3`,
          [k.scope, k.key, at, forgetBefore],
        );
    });
  }

  /** Clears the counts of these keys (after a successful sign-in). */
  async clearSignInFailures(keys: ReadonlyArray<{ scope: string; key: string }>): Promise<void> {
    for (const k of keys)
      await this.db.query("DELETE FROM sign_in_failures WHERE scope = $1 AND key = $2", [k.scope, k.key]);
  }

  /** Sessions are credentials, not negotiation records: they are not audited. */
  async createSession(tokenHash: string, userId: number, expiresAt: string): Promise<void> {
    await this.db.query(
      "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1,$2,$3,$4)",
      [tokenHash, userId, this.now().toISOString(), expiresAt],
    );
  }

  /** Signs a session out for good (sessions are credentials, so this is not audited either). */
  async revokeSession(tokenHash: string): Promise<void> {
    await this.db.query(
      "INSERT INTO session_revocations (token_hash, revoked_at) VALUES ($1, $2) ON CONFLICT DO NOTHING",
      [tokenHash, this.now().toISOString()],
    );
  }

  /** The session with this token hash, unless it does not exist or was revoked. */
  async sessionByTokenHash(tokenHash: string): Promise<Session | undefined> {
    const rows = await this.db.query<{
      token_hash: string;
      user_id: number;
      created_at: string;
      expires_at: string;
    }>(
      `SELECT s.token_hash, s.user_id, s.created_at, s.expires_at FROM sessions s
       WHERE s.token_hash = $1 AND NOT EXISTS (SELECT 1 FROM session_revocations r WHERE r.token_hash = s.token_hash)`,
      [tokenHash],
    );
    const r = rows[0];
    return (
      r && { tokenHash: r.token_hash, userId: r.user_id, createdAt: r.created_at, expiresAt: r.expires_at }
    );
  }

  // ---- scenarios ------------------------------------------------------------------------------

  /** Stores a new scenario (slug unused) as version 1, or a new version of the scenario with that slug. */
  async putScenario(
    actor: Actor,
    slug: string,
    format: "yaml" | "json",
    body: string,
    parsed: unknown,
  ): Promise<ScenarioVersion> {
    return this.mutate(actor, async (tx, at) => {
      let [sc] = await tx.query<{ id: number }>("SELECT id FROM scenarios WHERE slug = $1", [slug]);
      if (!sc) {
        [sc] = await tx.query<{ id: number }>(
          "INSERT INTO scenarios (slug, created_at, created_by) VALUES ($1,$2,$3) RETURNING id",
          [slug, at, actor.userId],
        );
      }
      const [last] = await tx.query<{ v: number | null }>(
        "SELECT max(version) AS v FROM scenario_versions WHERE scenario_id = $1",
        [sc!.id],
      );
      const fromVersion = last?.v ?? null;
      const version = (fromVersion ?? 0) + 1;
      const parsedText = canonicalJson(parsed);
      await tx.query(
        `INSERT INTO scenario_versions (scenario_id, version, format, body, parsed, from_version, created_at, created_by)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
        [sc!.id, version, format, body, parsedText, fromVersion, at, actor.userId],
      );
      const v: ScenarioVersion = {
        scenarioId: sc!.id,
        version,
        format,
        body,
        parsed,
        fromVersion,
        createdAt: at,
        createdBy: actor.userId,
      };
      return [
        v,
        {
          action: "scenario.version",
          subject: `scenario:${sc!.id}`,
          fromVersion,
          details: { slug, version, format, bodySha256: digest(body) },
        },
      ];
    });
  }

  async listScenarios(): Promise<ScenarioSummary[]> {
    const rows = await this.db.query<{ id: number; slug: string; created_at: string; v: number }>(
      `SELECT s.id, s.slug, s.created_at, max(v.version)::int AS v
       FROM scenarios s JOIN scenario_versions v ON v.scenario_id = s.id GROUP BY s.id ORDER BY s.id`,
    );
    return rows.map((r) => ({ id: r.id, slug: r.slug, latestVersion: r.v, createdAt: r.created_at }));
  }

  async listScenarioVersions(scenarioId: number): Promise<Array<Omit<ScenarioVersion, "body" | "parsed">>> {
    const rows = await this.db.query<VersionRow>(
      `SELECT scenario_id, version, format, from_version, created_at, created_by FROM scenario_versions
       WHERE scenario_id = $1 ORDER BY version`,
      [scenarioId],
    );
    if (!rows.length) throw new StoreError("not_found", `scenario ${scenarioId} does not exist`);
    return rows.map((r) => ({
      scenarioId: r.scenario_id,
      version: r.version,
      format: r.format,
      fromVersion: r.from_version,
      createdAt: r.created_at,
      createdBy: r.created_by,
    }));
  }

  /**
   * Hides a stored version from every read (it stays in scenario_versions and in the audit log):
   * for a version that must not be served — one stored before the size limits existed that
   * exhausts a reader's memory, say. Versions are append-only, so this is the way to retire one.
   */
  async quarantineScenarioVersion(
    actor: Actor,
    scenarioId: number,
    version: number,
    reason: string,
  ): Promise<{ scenarioId: number; version: number; reason: string; at: string }> {
    return this.mutate(actor, async (tx, at) => {
      const exists = await tx.query(
        "SELECT 1 FROM scenario_versions WHERE scenario_id = $1 AND version = $2",
        [scenarioId, version],
      );
      if (!exists.length)
        throw new StoreError("not_found", `version ${version} of scenario ${scenarioId} does not exist`);
      const done = await tx.query(
        "SELECT 1 FROM scenario_quarantine WHERE scenario_id = $1 AND version = $2",
        [scenarioId, version],
      );
      if (done.length) throw new StoreError("conflict", `version ${version} is already quarantined`);
      await tx.query(
        "INSERT INTO scenario_quarantine (scenario_id, version, reason, at, by_user) VALUES ($1,$2,$3,$4,$5)",
        [scenarioId, version, reason, at, actor.userId],
      );
      return [
        { scenarioId, version, reason, at },
        {
          action: "scenario.quarantine",
          subject: `scenario:${scenarioId}`,
          fromVersion: version,
          details: { version, reason },
        },
      ];
    });
  }

  /** Why a version is quarantined, or undefined when it is not. */
  async scenarioQuarantine(scenarioId: number, version: number): Promise<string | undefined> {
    const rows = await this.db.query<{ reason: string }>(
      "SELECT reason FROM scenario_quarantine WHERE scenario_id = $1 AND version = $2",
      [scenarioId, version],
    );
    return rows[0]?.reason;
  }

  /** One stored version; a quarantined one is refused before its body is read (not_found). */
  async scenarioVersion(scenarioId: number, version: number): Promise<ScenarioVersion> {
    const reason = await this.scenarioQuarantine(scenarioId, version);
    if (reason !== undefined)
      throw new StoreError(
        "not_found",
        `version ${version} of scenario ${scenarioId} is quarantined (${reason}); it is kept in the log but not served`,
      );
    const r = await this.one<VersionRow & { body: string; parsed: string }>(
      `SELECT scenario_id, version, format, body, parsed, from_version, created_at, created_by
       FROM scenario_versions WHERE scenario_id = $1 AND version = $2`,
      [scenarioId, version],
      `version ${version} of scenario ${scenarioId}`,
    );
    return {
      scenarioId: r.scenario_id,
      version: r.version,
      format: r.format,
      body: r.body,
      parsed: JSON.parse(r.parsed),
      fromVersion: r.from_version,
      createdAt: r.created_at,
      createdBy: r.created_by,
    };
  }

  // ---- negotiations, members, rounds ------------------------------------------------------------

  async createNegotiation(
    actor: Actor,
    input: { title: string; venue: string; scenarioId: number; scenarioVersion: number },
  ): Promise<Negotiation> {
    await this.scenarioVersion(input.scenarioId, input.scenarioVersion);
    return this.mutate(actor, async (tx, at) => {
      const [row] = await tx.query<{ id: number }>(
        `INSERT INTO negotiations (title, venue, scenario_id, scenario_version, created_at, created_by)
         VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
        [input.title, input.venue, input.scenarioId, input.scenarioVersion, at, actor.userId],
      );
      const n: Negotiation = { id: row!.id, ...input, createdAt: at };
      return [
        n,
        {
          action: "negotiation.create",
          subject: `negotiation:${n.id}`,
          negotiationId: n.id,
          fromVersion: input.scenarioVersion,
          details: { ...input },
        },
      ];
    });
  }

  async negotiation(id: number): Promise<Negotiation> {
    // Negotiations never change once created, so a hit can be served from memory.
    const hit = this.negotiationCache.get(id);
    if (hit) return hit;
    const n = await this.loadNegotiation(id);
    if (this.negotiationCache.size > 10_000) this.negotiationCache.clear();
    this.negotiationCache.set(id, n);
    return n;
  }

  private async loadNegotiation(id: number): Promise<Negotiation> {
    const r = await this.one<NegotiationRow>(
      "SELECT id, title, venue, scenario_id, scenario_version, created_at FROM negotiations WHERE id = $1",
      [id],
      `negotiation ${id}`,
    );
    return toNegotiation(r);
  }

  async listNegotiations(): Promise<Negotiation[]> {
    const rows = await this.db.query<NegotiationRow>(
      "SELECT id, title, venue, scenario_id, scenario_version, created_at FROM negotiations ORDER BY id",
    );
    return rows.map(toNegotiation);
  }

  async addMember(
    actor: Actor,
    negotiationId: number,
    userId: number,
    role: NegotiationRole,
    actorId: string | null,
  ): Promise<Member> {
    const user = await this.userById(userId);
    if (!user) throw new StoreError("not_found", `user ${userId} does not exist`);
    return this.mutate(actor, async (tx, at) => {
      const dup = await tx.query(
        `SELECT 1 FROM members m WHERE negotiation_id = $1 AND user_id = $2 AND role = $3 AND coalesce(actor_id,'') = $4
         AND NOT EXISTS (SELECT 1 FROM member_removals r WHERE r.member_id = m.id)`,
        [negotiationId, userId, role, actorId ?? ""],
      );
      if (dup.length)
        throw new StoreError("conflict", "this user already holds this role in this negotiation");
      const [row] = await tx.query<{ id: number }>(
        "INSERT INTO members (negotiation_id, user_id, role, actor_id, created_at) VALUES ($1,$2,$3,$4,$5) RETURNING id",
        [negotiationId, userId, role, actorId, at],
      );
      const m: Member = { id: row!.id, negotiationId, userId, userName: user.name, role, actorId };
      return [
        m,
        {
          action: "member.add",
          subject: `negotiation:${negotiationId}`,
          negotiationId,
          details: { userId, role, actorId },
        },
      ];
    });
  }

  /** The current members of a negotiation (removed ones left out). */
  async members(negotiationId: number): Promise<Member[]> {
    return this.membersIn(this.db, negotiationId);
  }

  /**
   * Removes a member (one role of one user) from a negotiation: a removal row (append-only) and a
   * `member.remove` entry in the negotiation's log, so every participant sees it. The last member
   * of a delegation cannot be removed: the next one would then join as a "first member" without
   * any current member's consent (see separation of duties in docs/platform.md).
   */
  async removeMember(actor: Actor, negotiationId: number, memberId: number): Promise<Member> {
    return this.mutate(actor, async (tx, at) => {
      const current = await this.membersIn(tx, negotiationId);
      const m = current.find((x) => x.id === memberId);
      if (!m)
        throw new StoreError("not_found", `member ${memberId} is not a current member of this negotiation`);
      if (
        m.role === "delegation" &&
        !current.some((x) => x.id !== m.id && x.role === "delegation" && x.actorId === m.actorId)
      )
        throw new StoreError(
          "conflict",
          `${m.userName} is the last member of the delegation of '${m.actorId}'; let that delegation add another member first`,
        );
      await tx.query("INSERT INTO member_removals (member_id, removed_at, removed_by) VALUES ($1, $2, $3)", [
        memberId,
        at,
        actor.userId,
      ]);
      return [
        m,
        {
          action: "member.remove",
          subject: `negotiation:${negotiationId}`,
          negotiationId,
          details: { userId: m.userId, role: m.role, actorId: m.actorId },
        },
      ];
    });
  }

  private async membersIn(q: SqlQueryable, negotiationId: number): Promise<Member[]> {
    const rows = await q.query<{
      id: number;
      negotiation_id: number;
      user_id: number;
      name: string;
      role: NegotiationRole;
      actor_id: string | null;
    }>(
      `SELECT m.id, m.negotiation_id, m.user_id, u.name, m.role, m.actor_id FROM members m
       JOIN users u ON u.id = m.user_id WHERE m.negotiation_id = $1
       AND NOT EXISTS (SELECT 1 FROM member_removals r WHERE r.member_id = m.id) ORDER BY m.id`,
      [negotiationId],
    );
    return rows.map((r) => ({
      id: r.id,
      negotiationId: r.negotiation_id,
      userId: r.user_id,
      userName: r.name,
      role: r.role,
      actorId: r.actor_id,
    }));
  }

  // ---- webhooks ---------------------------------------------------------------------------------

  /**
   * Adds a webhook to a negotiation. It receives events from now on: its cursor starts at the
   * current end of the log. Logged (`webhook.create`, the receiver's host only) so that members
   * know their negotiation's public facts are sent somewhere.
   */
  async createWebhook(
    actor: Actor,
    negotiationId: number,
    url: string,
    secret: string,
    events: readonly string[],
  ): Promise<Webhook> {
    await this.negotiation(negotiationId);
    return this.mutate(actor, async (tx, at) => {
      const [head] = await tx.query<{ seq: number | null }>("SELECT max(seq) AS seq FROM audit_log");
      const [row] = await tx.query<{ id: number }>(
        `INSERT INTO webhooks (negotiation_id, url, secret, events, audit_cursor, created_at, created_by)
         VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`,
        [negotiationId, url, secret, JSON.stringify(events), Number(head?.seq ?? 0) + 1, at, actor.userId],
      );
      const hook: Webhook = {
        id: row!.id,
        negotiationId,
        url,
        events: [...events],
        createdAt: at,
        createdBy: actor.userId,
        disabledAt: null,
      };
      return [
        hook,
        {
          action: "webhook.create",
          subject: `negotiation:${negotiationId}`,
          negotiationId,
          details: { webhookId: hook.id, host: new URL(url).host, events },
        },
      ];
    });
  }

  /** Stops a webhook: nothing more is queued for it, and what is queued is not sent. Logged. */
  async disableWebhook(actor: Actor, negotiationId: number, webhookId: number): Promise<Webhook> {
    return this.mutate(actor, async (tx, at) => {
      const [r] = await tx.query<WebhookRow>(
        `SELECT ${WEBHOOK_COLS} FROM webhooks WHERE id = $1 AND negotiation_id = $2`,
        [webhookId, negotiationId],
      );
      if (!r) throw new StoreError("not_found", `webhook ${webhookId} does not exist in this negotiation`);
      if (r.disabled_at) throw new StoreError("conflict", `webhook ${webhookId} is already disabled`);
      await tx.query("UPDATE webhooks SET disabled_at = $2 WHERE id = $1", [webhookId, at]);
      return [
        { ...toWebhook(r), disabledAt: at },
        {
          action: "webhook.disable",
          subject: `negotiation:${negotiationId}`,
          negotiationId,
          details: { webhookId },
        },
      ];
    });
  }

  /** A negotiation's webhooks (all of them when `negotiationId` is undefined), without secrets. */
  async webhooks(negotiationId?: number): Promise<Webhook[]> {
    const rows = await this.db.query<WebhookRow>(
      `SELECT ${WEBHOOK_COLS} FROM webhooks WHERE ($1::int IS NULL OR negotiation_id = $1) ORDER BY id`,
      [negotiationId ?? null],
    );
    return rows.map(toWebhook);
  }

  /**
   * Opens the next round, optionally with a deadline (an ISO instant after the opening) after which
   * it takes no proposals. Opening a round does not close the previous one; proposals go to the
   * latest round.
   */
  async openRound(
    actor: Actor,
    negotiationId: number,
    label: string,
    deadline: string | null = null,
  ): Promise<Round> {
    return this.mutate(actor, async (tx, at) => {
      if (deadline !== null && deadline <= at)
        throw new StoreError("invalid", `the deadline ${deadline} is not after now (${at})`);
      const [last] = await tx.query<{ n: number | null }>(
        "SELECT max(number) AS n FROM rounds WHERE negotiation_id = $1",
        [negotiationId],
      );
      const number = (last?.n ?? 0) + 1;
      await tx.query(
        "INSERT INTO rounds (negotiation_id, number, label, opened_at, opened_by, deadline) VALUES ($1,$2,$3,$4,$5,$6)",
        [negotiationId, number, label, at, actor.userId, deadline],
      );
      return [
        { negotiationId, number, label, openedAt: at, deadline, closedAt: null, closedBy: null },
        {
          action: "round.open",
          subject: `negotiation:${negotiationId}`,
          negotiationId,
          details: deadline === null ? { number, label } : { number, label, deadline },
        },
      ];
    });
  }

  /**
   * Closes a round before its deadline (the mediator's decision). A round closes once: closing one
   * already closed, by the mediator or by its deadline, is a conflict.
   */
  async closeRound(actor: Actor, negotiationId: number, number: number): Promise<Round> {
    return this.mutate(actor, async (tx, at) => {
      const [row] = await tx.query<RoundRow>(
        `${ROUND_SELECT} WHERE r.negotiation_id = $1 AND r.number = $2`,
        [negotiationId, number],
      );
      if (!row) throw new StoreError("not_found", `round ${number} is not in this negotiation`);
      const current = roundOf(row, at);
      if (current.closedAt !== null)
        throw new StoreError(
          "conflict",
          `round ${number} is already closed (by the ${current.closedBy}, ${current.closedAt})`,
        );
      await tx.query(
        "INSERT INTO round_closures (negotiation_id, number, closed_at, closed_by) VALUES ($1,$2,$3,$4)",
        [negotiationId, number, at, actor.userId],
      );
      return [
        { ...current, closedAt: at, closedBy: "mediator" as const },
        {
          action: "round.close",
          subject: `negotiation:${negotiationId}`,
          negotiationId,
          details: { number },
        },
      ];
    });
  }

  /** The negotiation's rounds, oldest first, each with its deadline and whether (and how) it closed. */
  async rounds(negotiationId: number): Promise<Round[]> {
    const rows = await this.db.query<RoundRow>(
      `${ROUND_SELECT} WHERE r.negotiation_id = $1 ORDER BY r.number`,
      [negotiationId],
    );
    const now = this.now().toISOString();
    return rows.map((r) => roundOf(r, now));
  }

  // ---- proposals and scores -------------------------------------------------------------------

  async createProposal(
    actor: Actor,
    input: Omit<Proposal, "id" | "createdAt" | "round"> & { round?: number },
  ): Promise<Proposal> {
    return this.mutate(actor, async (tx, at) => {
      if (input.parentId !== null) {
        const p = await tx.query("SELECT 1 FROM proposals WHERE id = $1 AND negotiation_id = $2", [
          input.parentId,
          input.negotiationId,
        ]);
        if (!p.length)
          throw new StoreError("not_found", `proposal ${input.parentId} is not in this negotiation`);
      }
      // The current round is looked up inside the INSERT: one statement fewer per proposal, and
      // with no round yet the NOT NULL column refuses the row.
      // A proposal goes to the latest round, which must still be open.
      const [latest] = await tx.query<RoundRow>(
        `${ROUND_SELECT} WHERE r.negotiation_id = $1 AND r.number = coalesce($2::int, (SELECT max(number) FROM rounds WHERE negotiation_id = $1))`,
        [input.negotiationId, input.round ?? null],
      );
      if (latest) {
        const r = roundOf(latest, at);
        if (r.closedAt !== null)
          throw new StoreError(
            "conflict",
            `round ${r.number} closed at ${r.closedAt} (${r.closedBy === "deadline" ? "its deadline" : "by the mediator"}); open a new round to table proposals`,
          );
      }
      const [row] = await tx.query<{ id: number; round: number | null }>(
        `INSERT INTO proposals (negotiation_id, round, parent_id, author_user, author_role, author_actor, package, note, created_at)
         SELECT $1, coalesce($2::int, (SELECT max(number) FROM rounds WHERE negotiation_id = $1)), $3,$4,$5,$6,$7,$8,$9
         WHERE coalesce($2::int, (SELECT max(number) FROM rounds WHERE negotiation_id = $1)) IS NOT NULL
         RETURNING id, round`,
        [
          input.negotiationId,
          input.round ?? null,
          input.parentId,
          actor.userId,
          input.authorRole,
          input.authorActor,
          canonicalJson(input.package),
          input.note,
          at,
        ],
      );
      if (!row) throw new StoreError("conflict", "open a round before submitting proposals");
      const round = row.round!;
      const p: Proposal = { ...input, id: row!.id, round, createdAt: at };
      return [
        p,
        {
          action: input.parentId === null ? "proposal.create" : "proposal.counter",
          subject: `proposal:${p.id}`,
          negotiationId: input.negotiationId,
          details: {
            round,
            parentId: input.parentId,
            package: input.package,
            authorActor: input.authorActor,
            authorRole: input.authorRole,
            note: input.note,
          },
        },
      ];
    });
  }

  async proposals(negotiationId: number): Promise<Proposal[]> {
    const rows = await this.db.query<ProposalRow>(
      `SELECT ${PROPOSAL_COLS} FROM proposals WHERE negotiation_id = $1 ORDER BY id`,
      [negotiationId],
    );
    return rows.map(toProposal);
  }

  /**
   * One proposal of a negotiation. A proposal of another negotiation and one that does not exist
   * fail alike ("not in this negotiation"), so nobody learns other negotiations' ids by probing.
   */
  async proposal(negotiationId: number, id: number): Promise<Proposal> {
    const rows = await this.db.query<ProposalRow>(
      `SELECT ${PROPOSAL_COLS} FROM proposals WHERE id = $1 AND negotiation_id = $2`,
      [id, negotiationId],
    );
    if (!rows[0]) throw new StoreError("not_found", `proposal ${id} is not in this negotiation`);
    return toProposal(rows[0]);
  }

  /** Appends a delegation's private score; the latest per (proposal, actor) is current. */
  async putScore(
    actor: Actor,
    negotiationId: number,
    proposalId: number,
    actorId: string,
    score: number,
    comment: string,
  ): Promise<Score> {
    const p = await this.proposal(negotiationId, proposalId);
    return this.mutate(actor, async (tx, at) => {
      const salt = newSalt();
      const [row] = await tx.query<{ id: number }>(
        "INSERT INTO scores (proposal_id, actor_id, score, comment, created_at, created_by, salt) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id",
        [proposalId, actorId, score, comment, at, actor.userId, salt],
      );
      return [
        { proposalId, actorId, score, comment, createdAt: at },
        {
          action: "score.put",
          subject: `proposal:${proposalId}`,
          negotiationId: p.negotiationId,
          // A salted commitment binds the delegation to its score; without the salt (kept with the
          // row and returned in the receipt) nobody can test guesses against it.
          details: { actorId, scoreId: row!.id, commitment: commitment(salt, scoreText(score, comment)) },
          salt,
        },
      ];
    });
  }

  async scores(proposalId: number, actorId: string): Promise<Score[]> {
    const rows = await this.db.query<{
      proposal_id: number;
      actor_id: string;
      score: number;
      comment: string;
      created_at: string;
    }>(
      "SELECT proposal_id, actor_id, score, comment, created_at FROM scores WHERE proposal_id = $1 AND actor_id = $2 ORDER BY id",
      [proposalId, actorId],
    );
    return rows.map((r) => ({
      proposalId: r.proposal_id,
      actorId: r.actor_id,
      score: Number(r.score),
      comment: r.comment,
      createdAt: r.created_at,
    }));
  }

  // ---- private positions ------------------------------------------------------------------------

  async putPrivatePositions(
    actor: Actor,
    negotiationId: number,
    actorId: string,
    body: unknown,
  ): Promise<PrivatePositions> {
    return this.mutate(actor, async (tx, at) => {
      const [last] = await tx.query<{ v: number | null }>(
        "SELECT max(version) AS v FROM private_positions WHERE negotiation_id = $1 AND actor_id = $2",
        [negotiationId, actorId],
      );
      const fromVersion = last?.v ?? null;
      const version = (fromVersion ?? 0) + 1;
      const text = canonicalJson(body);
      const salt = newSalt();
      await tx.query(
        "INSERT INTO private_positions (negotiation_id, actor_id, version, body, created_at, created_by, salt) VALUES ($1,$2,$3,$4,$5,$6,$7)",
        [negotiationId, actorId, version, text, at, actor.userId, salt],
      );
      return [
        { negotiationId, actorId, version, body, createdAt: at },
        {
          action: "private.put",
          subject: `negotiation:${negotiationId}/actor:${actorId}`,
          negotiationId,
          fromVersion,
          details: { actorId, version, commitment: commitment(salt, text) },
          salt,
        },
      ];
    });
  }

  /** The current private positions of one actor, or of every actor when `actorId` is omitted. */
  async privatePositions(negotiationId: number, actorId?: string): Promise<PrivatePositions[]> {
    const rows = await this.db.query<{
      negotiation_id: number;
      actor_id: string;
      version: number;
      body: string;
      created_at: string;
    }>(
      `SELECT DISTINCT ON (actor_id) negotiation_id, actor_id, version, body, created_at FROM private_positions
       WHERE negotiation_id = $1 AND ($2::text IS NULL OR actor_id = $2) ORDER BY actor_id, version DESC`,
      [negotiationId, actorId ?? null],
    );
    return rows.map((r) => ({
      negotiationId: r.negotiation_id,
      actorId: r.actor_id,
      version: r.version,
      body: JSON.parse(r.body),
      createdAt: r.created_at,
    }));
  }

  /**
   * Charges one derived answer to the negotiation's disclosure budget, in bits, and logs it
   * ("mediator.query", visible to every member). The sum is read and extended under the audit
   * log's lock, so concurrent mediators, accounts and app servers cannot overspend; a charge that
   * would pass `budget` is refused (StoreError "conflict") and nothing is answered.
   */
  async spendDisclosure(
    actor: Actor,
    negotiationId: number,
    query: string,
    bits: number,
    budget: number,
  ): Promise<{ spent: number; budget: number }> {
    return this.mutate(actor, async (tx, at) => {
      const [row] = await tx.query<{ s: number | null }>(
        "SELECT sum(bits)::int AS s FROM disclosure_spend WHERE negotiation_id = $1",
        [negotiationId],
      );
      const before = Number(row?.s ?? 0);
      if (before + bits > budget) {
        throw new StoreError(
          "conflict",
          `this negotiation's disclosure budget is spent: ${before} of ${budget} bits used, this answer costs ${bits}`,
        );
      }
      await tx.query(
        "INSERT INTO disclosure_spend (negotiation_id, user_id, query, bits, at) VALUES ($1,$2,$3,$4,$5)",
        [negotiationId, actor.userId, query, bits, at],
      );
      const spent = before + bits;
      return [
        { spent, budget },
        {
          action: "mediator.query",
          subject: `negotiation:${negotiationId}`,
          negotiationId,
          details: { query, bits, spent, budget },
        },
      ];
    });
  }

  /**
   * A delegation accepts a proposal, sealed (Smartsettle-style secret acceptance): the log entry
   * names no user and carries only a salted commitment to (proposal, actor); the salt goes to the
   * delegation in its receipt. A later acceptance replaces the delegation's earlier one. When every
   * party in `parties` has accepted the same proposal, one more entry concludes the negotiation and
   * opens every commitment, so all can check them.
   */
  async accept(
    actor: Actor,
    negotiationId: number,
    proposalId: number,
    actorId: string,
    parties: readonly string[],
  ): Promise<{ concluded: boolean }> {
    await this.proposal(negotiationId, proposalId);
    const sealed: Actor = {
      userId: null,
      userName: "sealed",
      ...(actor.receipts ? { receipts: actor.receipts } : {}),
    };
    const salt = newSalt();
    await this.mutate(sealed, async (tx, at) => {
      const [row] = await tx.query<{ id: number }>(
        "INSERT INTO acceptances (negotiation_id, proposal_id, actor_id, created_at, created_by, salt) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id",
        [negotiationId, proposalId, actorId, at, actor.userId, salt],
      );
      return [
        undefined,
        {
          action: "acceptance.seal",
          subject: `negotiation:${negotiationId}`,
          negotiationId,
          details: {
            acceptanceId: row!.id,
            commitment: commitment(salt, acceptanceText(proposalId, actorId)),
          },
          salt,
        },
      ];
    });
    const c = await this.conclusion(negotiationId, parties);
    if (!c.concluded || c.logged) return { concluded: c.concluded };
    await this.mutate({ userId: null, userName: "system" }, async () => [
      undefined,
      {
        action: "negotiation.concluded",
        subject: `negotiation:${negotiationId}`,
        negotiationId,
        details: { proposalId: c.proposalId, openings: c.openings },
      },
    ]);
    return { concluded: true };
  }

  /**
   * Whether every party's latest acceptance is of the same proposal; before that, nothing more
   * (not who has accepted). After it, the proposal and each acceptance's opening.
   */
  async conclusion(
    negotiationId: number,
    parties: readonly string[],
  ): Promise<{
    concluded: boolean;
    logged?: boolean;
    proposalId?: number;
    openings?: { acceptanceId: number; actorId: string; proposalId: number; salt: string }[];
  }> {
    const rows = await this.db.query<{ id: number; actor_id: string; proposal_id: number; salt: string }>(
      `SELECT DISTINCT ON (actor_id) id, actor_id, proposal_id, salt FROM acceptances
       WHERE negotiation_id = $1 ORDER BY actor_id, id DESC`,
      [negotiationId],
    );
    const latest = new Map(rows.map((r) => [r.actor_id, r]));
    const first = latest.get(parties[0] ?? "");
    const concluded =
      parties.length > 0 &&
      first !== undefined &&
      parties.every((p) => latest.get(p)?.proposal_id === first.proposal_id);
    if (!concluded) return { concluded: false };
    const logged =
      (
        await this.db.query(
          "SELECT 1 FROM audit_log WHERE negotiation_id = $1 AND action = 'negotiation.concluded'",
          [negotiationId],
        )
      ).length > 0;
    return {
      concluded: true,
      logged,
      proposalId: first.proposal_id,
      openings: parties.map((p) => {
        const r = latest.get(p)!;
        return { acceptanceId: r.id, actorId: p, proposalId: r.proposal_id, salt: r.salt };
      }),
    };
  }

  // ---- the negotiating text and the agreement (issue 18) ------------------------------------------

  /**
   * Adopts a tabled proposal as the next version of the single negotiating text. Adopting the
   * proposal that is already the current text is a conflict.
   */
  async adoptText(actor: Actor, negotiationId: number, proposalId: number): Promise<TextVersion> {
    await this.proposal(negotiationId, proposalId);
    return this.mutate(actor, async (tx, at) => {
      const [last] = await tx.query<{ version: number; proposal_id: number }>(
        "SELECT version, proposal_id FROM text_versions WHERE negotiation_id = $1 ORDER BY version DESC LIMIT 1",
        [negotiationId],
      );
      if (last && last.proposal_id === proposalId)
        throw new StoreError(
          "conflict",
          `proposal ${proposalId} is already the current text (version ${last.version})`,
        );
      const version = (last?.version ?? 0) + 1;
      await tx.query(
        "INSERT INTO text_versions (negotiation_id, version, proposal_id, adopted_at, adopted_by) VALUES ($1,$2,$3,$4,$5)",
        [negotiationId, version, proposalId, at, actor.userId],
      );
      return [
        { negotiationId, version, proposalId, adoptedAt: at, adoptedBy: actor.userName },
        {
          action: "text.adopt",
          subject: `negotiation:${negotiationId}`,
          negotiationId,
          details: { version, proposalId },
        },
      ];
    });
  }

  /** Every version of the negotiating text, oldest first. */
  async textVersions(negotiationId: number): Promise<TextVersion[]> {
    const rows = await this.db.query<{
      version: number;
      proposal_id: number;
      adopted_at: string;
      name: string | null;
    }>(
      `SELECT t.version, t.proposal_id, t.adopted_at, u.name FROM text_versions t LEFT JOIN users u ON u.id = t.adopted_by
       WHERE t.negotiation_id = $1 ORDER BY t.version`,
      [negotiationId],
    );
    return rows.map((r) => ({
      negotiationId,
      version: r.version,
      proposalId: r.proposal_id,
      adoptedAt: r.adopted_at,
      adoptedBy: r.name ?? "system",
    }));
  }

  /**
   * Records (a version of) the agreement of a concluded negotiation: the accepted proposal and the
   * agreement body (commitments drafted from the scenario's template, or edited). With
   * `onlyFirst`, nothing happens when a version exists already (the automatic record at conclusion,
   * which two acceptances finishing at once may both attempt).
   */
  async recordAgreement(
    actor: Actor,
    negotiationId: number,
    proposalId: number,
    body: unknown,
    onlyFirst = false,
  ): Promise<AgreementRecord> {
    return this.mutate(actor, async (tx, at) => {
      const [last] = await tx.query<{ version: number }>(
        "SELECT version FROM agreements WHERE negotiation_id = $1 ORDER BY version DESC LIMIT 1",
        [negotiationId],
      );
      if (last && onlyFirst) {
        const current = await agreementAt(tx, negotiationId);
        return [current!, []];
      }
      const version = (last?.version ?? 0) + 1;
      const text = canonicalJson(body);
      await tx.query(
        "INSERT INTO agreements (negotiation_id, version, proposal_id, body, recorded_at, recorded_by) VALUES ($1,$2,$3,$4,$5,$6)",
        [negotiationId, version, proposalId, text, at, actor.userId],
      );
      return [
        { negotiationId, version, proposalId, body, recordedAt: at, recordedBy: actor.userName },
        {
          action: "agreement.record",
          subject: `negotiation:${negotiationId}`,
          negotiationId,
          details: { version, proposalId, digest: digest(text) },
        },
      ];
    });
  }

  /** The negotiation's agreement as last recorded, if any. */
  async agreement(negotiationId: number): Promise<AgreementRecord | undefined> {
    return agreementAt(this.db, negotiationId);
  }

  /** Bits of the disclosure budget spent so far in a negotiation. */
  async disclosureSpent(negotiationId: number): Promise<number> {
    const [row] = await this.db.query<{ s: number | null }>(
      "SELECT sum(bits)::int AS s FROM disclosure_spend WHERE negotiation_id = $1",
      [negotiationId],
    );
    return Number(row?.s ?? 0);
  }

  /** Records a read that must stay visible to everyone in the log (the mediator's derived queries). */
  async recordQuery(actor: Actor, negotiationId: number, query: string): Promise<void> {
    await this.mutate(actor, async () => [
      undefined,
      {
        action: "mediator.query",
        subject: `negotiation:${negotiationId}`,
        negotiationId,
        details: { query },
      },
    ]);
  }

  // ---- audit ------------------------------------------------------------------------------------

  async audit(
    options: { negotiationId?: number; afterSeq?: number; limit?: number } = {},
  ): Promise<AuditEntry[]> {
    const rows = await this.db.query<AuditRow>(
      `SELECT ${AUDIT_COLS} FROM audit_log WHERE ($1::int IS NULL OR negotiation_id = $1) AND seq > $2 ORDER BY seq LIMIT $3`,
      [options.negotiationId ?? null, options.afterSeq ?? 0, options.limit ?? 1000],
    );
    return rows.map(toAudit);
  }

  /** Every entry, in pages, so a long log is read without one huge result. */
  async allAudit(): Promise<AuditEntry[]> {
    return readAuditLog(this.db);
  }

  /**
   * Verifies the log with database access: the hash chain, every tree against its signed heads
   * (the public key is the caller's pinned one, never read from the database), the data tables
   * re-derived from the log, and any receipts the caller kept. See audit-verify.ts.
   */
  async verifyAudit(options: Partial<VerifyOptions> = {}): Promise<AuditReport> {
    return verifyAuditLog(this.db, await this.allAudit(), {
      publicKeyPem: options.publicKeyPem ?? this.signer.publicKeyPem,
      receipts: options.receipts ?? [],
    });
  }

  /** The latest signed head of a tree (0 for the platform's entries, else the negotiation id). */
  async signedHead(tree: number): Promise<SignedHead> {
    const [r] = await this.db.query<{
      leaf_index: number;
      tree_root: string | null;
      head_sig: string | null;
    }>(
      "SELECT leaf_index, tree_root, head_sig FROM audit_log WHERE tree_id = $1 ORDER BY leaf_index DESC LIMIT 1",
      [tree],
    );
    if (!r) throw new StoreError("not_found", "this log has no entries yet");
    if (!r.tree_root || !r.head_sig) throw new StoreError("conflict", "this log's head is not signed");
    return {
      tree,
      size: Number(r.leaf_index) + 1,
      root: r.tree_root,
      keyId: this.signer.keyId,
      signature: r.head_sig,
    };
  }

  private async leaves(tree: number, size: number) {
    const rows = await treeEntries(this.db, tree, size);
    if (rows.length < size)
      throw new StoreError("invalid", `the log has ${rows.length} entries, fewer than ${size}`);
    return rows.map(entryLeaf);
  }

  /** RFC 9162 consistency proof of a tree between sizes `from` and `to`, hex. */
  async consistency(tree: number, from: number, to: number): Promise<string[]> {
    if (!(from >= 1 && from <= to)) throw new StoreError("invalid", "expected 1 ≤ from ≤ to");
    return consistencyProof(await this.leaves(tree, to), from, to).map(toHex);
  }

  /** RFC 9162 inclusion proof of leaf `index` of a tree in its first `size` leaves, hex. */
  async inclusion(tree: number, index: number, size: number): Promise<string[]> {
    if (!(index >= 0 && index < size)) throw new StoreError("invalid", "expected 0 ≤ index < size");
    return inclusionProof(await this.leaves(tree, size), index, size).map(toHex);
  }
}

/** Every audit entry through any queryable (a transaction too), read in pages of 5,000. */
async function agreementAt(q: SqlQueryable, negotiationId: number): Promise<AgreementRecord | undefined> {
  const [r] = await q.query<{
    version: number;
    proposal_id: number;
    body: string;
    recorded_at: string;
    name: string | null;
  }>(
    `SELECT a.version, a.proposal_id, a.body, a.recorded_at, u.name FROM agreements a LEFT JOIN users u ON u.id = a.recorded_by
     WHERE a.negotiation_id = $1 ORDER BY a.version DESC LIMIT 1`,
    [negotiationId],
  );
  if (!r) return undefined;
  return {
    negotiationId,
    version: r.version,
    proposalId: r.proposal_id,
    body: JSON.parse(r.body),
    recordedAt: r.recorded_at,
    recordedBy: r.name ?? "system",
  };
}

export async function readAuditLog(q: SqlQueryable): Promise<AuditEntry[]> {
  const all: AuditEntry[] = [];
  for (let after = 0; ; ) {
    const rows = await q.query<AuditRow>(
      `SELECT ${AUDIT_COLS} FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT 5000`,
      [after],
    );
    if (!rows.length) break;
    all.push(...rows.map(toAudit));
    after = Number(rows[rows.length - 1]!.seq);
  }
  return all;
}

/** The text a sealed acceptance's commitment covers. */
export const acceptanceText = (proposalId: number, actorId: string) => canonicalJson({ actorId, proposalId });

/** The text a score's commitment covers. */
export const scoreText = (score: number, comment: string) => canonicalJson({ comment, score });

type UserRow = {
  id: number;
  name: string;
  password_hash: string;
  is_admin: boolean;
  created_at: string;
  must_change_password: boolean;
  deactivated_at: string | null;
  locale: string | null;
};
const USER_COLS =
  "id, name, password_hash, is_admin, created_at, must_change_password, deactivated_at, locale";
const toUser = (r: UserRow): User => ({
  id: r.id,
  name: r.name,
  passwordHash: r.password_hash,
  isAdmin: r.is_admin,
  createdAt: r.created_at,
  mustChangePassword: r.must_change_password,
  deactivatedAt: r.deactivated_at,
  locale: r.locale,
});

/** Revokes every live session of a user, except the one whose token hash is `keep`. */
async function revokeUserSessions(
  tx: SqlQueryable,
  userId: number,
  keep: string | null,
  at: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO session_revocations (token_hash, revoked_at)
     SELECT token_hash, $3 FROM sessions WHERE user_id = $1 AND token_hash <> coalesce($2, '')
     ON CONFLICT DO NOTHING`,
    [userId, keep, at],
  );
}
type WebhookRow = {
  id: number;
  negotiation_id: number;
  url: string;
  events: string;
  created_at: string;
  created_by: number | null;
  disabled_at: string | null;
};
const WEBHOOK_COLS = "id, negotiation_id, url, events, created_at, created_by, disabled_at";
const toWebhook = (r: WebhookRow): Webhook => ({
  id: r.id,
  negotiationId: r.negotiation_id,
  url: r.url,
  events: JSON.parse(r.events),
  createdAt: r.created_at,
  createdBy: r.created_by,
  disabledAt: r.disabled_at,
});
type VersionRow = {
  scenario_id: number;
  version: number;
  format: "yaml" | "json";
  from_version: number | null;
  created_at: string;
  created_by: number | null;
};
type NegotiationRow = {
  id: number;
  title: string;
  venue: string;
  scenario_id: number;
  scenario_version: number;
  created_at: string;
};
const toNegotiation = (r: NegotiationRow): Negotiation => ({
  id: r.id,
  title: r.title,
  venue: r.venue,
  scenarioId: r.scenario_id,
  scenarioVersion: r.scenario_version,
  createdAt: r.created_at,
});
const toProposal = (r: ProposalRow): Proposal => ({
  id: r.id,
  negotiationId: r.negotiation_id,
  round: r.round,
  parentId: r.parent_id,
  authorRole: r.author_role,
  authorActor: r.author_actor,
  package: JSON.parse(r.package),
  note: r.note,
  createdAt: r.created_at,
});
type AuditRow = {
  seq: number;
  at: string;
  user_id: number | null;
  user_name: string;
  action: string;
  subject: string;
  negotiation_id: number | null;
  from_version: number | null;
  payload: string;
  prev_hash: string;
  hash: string;
  tree_id: number;
  leaf_index: number;
  tree_root: string | null;
  head_sig: string | null;
};
const AUDIT_COLS =
  "seq, at, user_id, user_name, action, subject, negotiation_id, from_version, payload, prev_hash, hash, tree_id, leaf_index, tree_root, head_sig";
const toAudit = (r: AuditRow): AuditEntry => ({
  seq: Number(r.seq),
  at: r.at,
  userId: r.user_id,
  userName: r.user_name,
  action: r.action,
  subject: r.subject,
  negotiationId: r.negotiation_id,
  fromVersion: r.from_version,
  payload: r.payload,
  prevHash: r.prev_hash,
  hash: r.hash,
  treeId: Number(r.tree_id),
  leafIndex: Number(r.leaf_index),
  treeRoot: r.tree_root,
  headSig: r.head_sig,
});

interface RoundRow {
  negotiation_id: number;
  number: number;
  label: string;
  opened_at: string;
  deadline: string | null;
  closed_at: string | null;
}

const ROUND_SELECT = `SELECT r.negotiation_id, r.number, r.label, r.opened_at, r.deadline, c.closed_at
  FROM rounds r LEFT JOIN round_closures c ON c.negotiation_id = r.negotiation_id AND c.number = r.number`;

/**
 * A round as of `now` (an ISO instant): closed by the mediator's closure, or by its deadline once
 * `now` has reached it — whichever came first — and open otherwise.
 */
function roundOf(r: RoundRow, now: string): Round {
  const base = { negotiationId: r.negotiation_id, number: r.number, label: r.label, openedAt: r.opened_at };
  const byDeadline = r.deadline !== null && r.deadline <= now;
  if (r.closed_at !== null && !(byDeadline && r.deadline! < r.closed_at))
    return { ...base, deadline: r.deadline, closedAt: r.closed_at, closedBy: "mediator" };
  if (byDeadline) return { ...base, deadline: r.deadline, closedAt: r.deadline, closedBy: "deadline" };
  return { ...base, deadline: r.deadline, closedAt: null, closedBy: null };
}
