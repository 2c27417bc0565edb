/**
 * The audit log in words: each entry as one sentence naming actors and users, not ids and JSON
 * ("Ukraine lodged private positions, version 3"). Pure: the caller passes the names it knows.
 * Sentences come as a message key and parameters, so a user interface can translate them; the
 * English templates are {@link AUDIT_PHRASES_EN} and {@link auditInWords} renders them.
 */

/** The fields of an audit entry the sentence needs (a stored entry or an API's `auditOut`). */
export interface AuditEntryLike {
  seq: number;
  userName: string;
  action: string;
  subject: string;
  /** Canonical JSON of the entry's details. */
  payload: string;
}

/** Names the sentence uses; any it lacks fall back to the id. */
export interface AuditNames {
  /** A scenario actor's name by id ("ua" → "Ukraine"). */
  actor?: (id: string) => string | undefined;
  /** A user's name by id. */
  user?: (id: number) => string | undefined;
}

/** A sentence as a message key and its parameters. */
export interface Phrase {
  key: AuditPhraseKey;
  params: Record<string, string | number>;
}

/** English templates, `{name}` placeholders; the keys are also a user interface's catalogue keys. */
export const AUDIT_PHRASES_EN = {
  "audit.user.create": "{who} created the user {name}",
  "audit.user.createAdmin": "{who} created the administrator {name}",
  "audit.user.passwordReset": "{who} reset the password of {name}",
  "audit.user.deactivate": "{who} deactivated the account of {name}",
  "audit.user.reactivate": "{who} reactivated the account of {name}",
  "audit.scenario.version": "{who} stored scenario {slug}, version {version}",
  "audit.scenario.quarantine": "{who} quarantined version {version} of the scenario: {reason}",
  "audit.negotiation.create":
    "{who} opened the negotiation “{title}” ({venue}) on scenario version {version}",
  "audit.member.add": "{who} gave {name} the role of {role}",
  "audit.member.addDelegation": "{who} added {name} to the delegation of {actor}",
  "audit.member.remove": "{who} removed {name} from the role of {role}",
  "audit.member.removeDelegation": "{who} removed {name} from the delegation of {actor}",
  "audit.round.open": "{who} opened round {number}: “{label}”",
  "audit.round.openDeadline": "{who} opened round {number}: “{label}”, closing at {deadline}",
  "audit.round.close": "{who} closed round {number}",
  "audit.proposal.create": "{author} tabled proposal {id} in round {round}",
  "audit.proposal.counter": "{author} tabled proposal {id} in round {round}, countering proposal {parent}",
  "audit.score.put": "{actor} scored proposal {proposal} (privately)",
  "audit.private.put": "{actor} lodged private positions, version {version}",
  "audit.acceptance.seal":
    "A delegation sealed an acceptance (who, and of what, stays hidden until all accept)",
  "audit.negotiation.concluded": "The negotiation concluded: every delegation accepted proposal {proposal}",
  "audit.mediator.query": "{who} asked the mediator's question “{query}”",
  "audit.mediator.queryBits":
    "{who} asked the mediator's question “{query}” ({bits} bits; {spent} of {budget} spent)",
  "audit.monitoring.file": "{who} filed {count} monitoring events: {events}",
  "audit.text.adopt": "{who} adopted proposal {proposal} as the negotiating text, version {version}",
  "audit.agreement.record": "{who} recorded the agreement on proposal {proposal}, version {version}",
  "audit.webhook.create": "{who} added a webhook sending to {host}",
  "audit.webhook.disable": "{who} disabled webhook {id}",
  "audit.other": "{who}: {action} on {subject}",
} as const;
export type AuditPhraseKey = keyof typeof AUDIT_PHRASES_EN;

const ROLE_WORDS: Record<string, string> = {
  delegation: "delegation",
  mediator: "mediator",
  monitor: "monitor",
  observer: "observer",
};

/** The sentence for one entry, as a key and parameters (see {@link AUDIT_PHRASES_EN}). */
export function auditPhrase(entry: AuditEntryLike, names: AuditNames = {}): Phrase {
  let d: Record<string, unknown> = {};
  try {
    d = JSON.parse(entry.payload) as Record<string, unknown>;
  } catch {
    // an unreadable payload still gets a sentence (the verifier reports it)
  }
  const who = entry.userName;
  const actor = (id: unknown) => (typeof id === "string" ? (names.actor?.(id) ?? id) : "?");
  const user = (id: unknown, fallback?: unknown) =>
    typeof fallback === "string"
      ? fallback
      : typeof id === "number"
        ? (names.user?.(id) ?? `user ${id}`)
        : "?";
  const subjectId = entry.subject.split(":")[1] ?? "";
  const str = (x: unknown) => (x === undefined || x === null ? "" : String(x));
  const p = (key: AuditPhraseKey, params: Record<string, string | number>): Phrase => ({ key, params });
  switch (entry.action) {
    case "user.create":
      return p(d.isAdmin ? "audit.user.createAdmin" : "audit.user.create", { who, name: str(d.name) });
    case "user.password_reset":
      return p("audit.user.passwordReset", { who, name: user(d.userId, d.name) });
    case "user.deactivate":
      return p("audit.user.deactivate", { who, name: user(d.userId, d.name) });
    case "user.reactivate":
      return p("audit.user.reactivate", { who, name: user(d.userId, d.name) });
    case "scenario.version":
      return p("audit.scenario.version", { who, slug: str(d.slug), version: str(d.version) });
    case "scenario.quarantine":
      return p("audit.scenario.quarantine", { who, version: str(d.version), reason: str(d.reason) });
    case "negotiation.create":
      return p("audit.negotiation.create", {
        who,
        title: str(d.title),
        venue: str(d.venue),
        version: str(d.scenarioVersion),
      });
    case "member.add":
    case "member.remove": {
      const add = entry.action === "member.add";
      if (d.role === "delegation")
        return p(add ? "audit.member.addDelegation" : "audit.member.removeDelegation", {
          who,
          name: user(d.userId),
          actor: actor(d.actorId),
        });
      return p(add ? "audit.member.add" : "audit.member.remove", {
        who,
        name: user(d.userId),
        role: ROLE_WORDS[str(d.role)] ?? str(d.role),
      });
    }
    case "round.open":
      return typeof d.deadline === "string"
        ? p("audit.round.openDeadline", {
            who,
            number: str(d.number),
            label: str(d.label),
            deadline: d.deadline,
          })
        : p("audit.round.open", { who, number: str(d.number), label: str(d.label) });
    case "round.close":
      return p("audit.round.close", { who, number: str(d.number) });
    case "proposal.create":
    case "proposal.counter": {
      const author = typeof d.authorActor === "string" ? actor(d.authorActor) : who;
      return entry.action === "proposal.counter"
        ? p("audit.proposal.counter", { author, id: subjectId, round: str(d.round), parent: str(d.parentId) })
        : p("audit.proposal.create", { author, id: subjectId, round: str(d.round) });
    }
    case "score.put":
      return p("audit.score.put", { actor: actor(d.actorId), proposal: subjectId });
    case "private.put":
      return p("audit.private.put", { actor: actor(d.actorId), version: str(d.version) });
    case "acceptance.seal":
      return p("audit.acceptance.seal", {});
    case "negotiation.concluded":
      return p("audit.negotiation.concluded", { proposal: str(d.proposalId) });
    case "mediator.query":
      return typeof d.bits === "number"
        ? p("audit.mediator.queryBits", {
            who,
            query: str(d.query),
            bits: d.bits,
            spent: str(d.spent),
            budget: str(d.budget),
          })
        : p("audit.mediator.query", { who, query: str(d.query) });
    case "monitoring.file": {
      const events = Array.isArray(d.events) ? (d.events as Array<Record<string, unknown>>) : [];
      const listed = events
        .slice(0, 5)
        .map((e) => `${str(e.kind)} ${str(e.id)} (${actor(e.by)})`)
        .join(", ");
      return p("audit.monitoring.file", {
        who,
        count: events.length,
        events: events.length > 5 ? `${listed}, …` : listed,
      });
    }
    case "text.adopt":
      return p("audit.text.adopt", { who, proposal: str(d.proposalId), version: str(d.version) });
    case "agreement.record":
      return p("audit.agreement.record", { who, proposal: str(d.proposalId), version: str(d.version) });
    case "webhook.create":
      return p("audit.webhook.create", { who, host: str(d.host) });
    case "webhook.disable":
      return p("audit.webhook.disable", { who, id: str(d.webhookId) });
    default:
      return p("audit.other", { who, action: entry.action, subject: entry.subject });
  }
}

/** Fills `{name}` placeholders of a template; an unknown placeholder stays as written. */
export function fillTemplate(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** One entry as an English sentence. */
export function auditInWords(entry: AuditEntryLike, names: AuditNames = {}): string {
  const { key, params } = auditPhrase(entry, names);
  return fillTemplate(AUDIT_PHRASES_EN[key], params);
}
