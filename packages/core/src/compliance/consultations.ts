import { formatInstant, HOUR_MS } from "./time.js";
import type { Consultation, DecideFn, MechanismSpec } from "./types.js";

/**
 * The fallback decision rule when no power engine is wired in: every guarantor must vote yes
 * (plain unanimity, the accused included — the rule the seeds report Russia asking for).
 */
export const unanimityOfGuarantors =
  (guarantors: readonly string[]): DecideFn =>
  (yes) =>
    guarantors.every((g) => yes.has(g));

/** The mechanism's rule, or plain unanimity of its guarantors when it states none. */
export function decideOf(m: MechanismSpec): DecideFn {
  return m.decide ?? unanimityOfGuarantors(m.guarantors);
}

function ruleName(m: MechanismSpec): string {
  return m.ruleName ?? `the decision rule of ${m.id}`;
}

/**
 * Guarantors whose yes every winning set needs: g is a veto player iff all the other guarantors
 * voting yes still does not meet the rule (Shapley–Shubik's "veto player" of a simple game).
 */
export function consultationVetoPlayers(m: MechanismSpec, accused: readonly string[]): string[] {
  const decide = decideOf(m);
  const voters = consultationVoters(m, accused);
  // When no set of votes meets the rule, nobody's no decides anything: there are no veto players.
  if (!decide(new Set(voters), accused)) return [];
  return voters.filter((g) => !decide(new Set(voters.filter((x) => x !== g)), accused));
}

/** The guarantors who vote in a consultation against `accused`: all but a recused accused. */
export function consultationVoters(m: MechanismSpec, accused: readonly string[]): string[] {
  return m.accusedAbstains ? m.guarantors.filter((g) => !accused.includes(g)) : [...m.guarantors];
}

/** Opens a consultation under `m` after a verified breach by `accused`, with its deadline and outlook. */
export function openConsultation(
  m: MechanismSpec,
  id: string,
  commitment: string,
  accused: string,
  at: number,
  evidence: string[],
): Consultation {
  const vetoes = consultationVetoPlayers(m, [accused]);
  const deadline = at + m.consultationHours * HOUR_MS;
  let summary: string;
  if (!decideOf(m)(new Set(m.guarantors), [accused]))
    summary = `No response can be activated: even a yes from every guarantor does not meet ${ruleName(m)}.`;
  else if (vetoes.includes(accused))
    summary = `This consultation cannot activate a response unless ${accused} votes against itself, because ${accused} is a veto player under ${ruleName(m)} and is the accused party.`;
  else
    summary = `A response is activated if yes votes meet ${ruleName(m)} by ${formatInstant(deadline)}${
      vetoes.length ? `; veto players: ${vetoes.join(", ")}` : ""
    }.`;
  return {
    id,
    mechanism: m.id,
    commitment,
    accused,
    openedAt: at,
    deadline,
    status: "open",
    votes: {},
    vetoPlayers: vetoes,
    summary,
    evidence,
  };
}

/** Records a vote; returns true when the yes votes now meet the rule (the consultation activates). */
export function recordVote(
  c: Consultation,
  m: MechanismSpec,
  voter: string,
  vote: "yes" | "no" | "abstain",
  at: number,
): boolean {
  c.votes[voter] = vote;
  const yes = new Set(Object.keys(c.votes).filter((v) => c.votes[v] === "yes"));
  if (!decideOf(m)(yes, [c.accused])) return false;
  c.status = "activated";
  c.closedAt = at;
  c.summary = `Activated at ${formatInstant(at)} by the yes votes of ${[...yes].sort().join(", ")} under ${ruleName(m)}.`;
  return true;
}

/**
 * Closes an open consultation at its deadline: *blocked* when a veto player voted no, *lapsed*
 * when the yes votes were simply not enough (a veto player that never voted is named).
 */
export function closeAtDeadline(c: Consultation, m: MechanismSpec): void {
  const vetoedBy = c.vetoPlayers.filter((v) => c.votes[v] === "no");
  const silentVetoes = c.vetoPlayers.filter((v) => c.votes[v] === undefined);
  const yes = Object.values(c.votes).filter((v) => v === "yes").length;
  c.closedAt = c.deadline;
  if (!decideOf(m)(new Set(consultationVoters(m, [c.accused])), [c.accused])) {
    c.status = "lapsed";
    c.summary = `Not activated: no set of votes meets ${ruleName(m)}.`;
  } else if (vetoedBy.length > 0) {
    c.status = "blocked";
    const who = vetoedBy.includes(c.accused)
      ? `${c.accused}, the accused, is a veto player under ${ruleName(m)} and voted no`
      : `veto player(s) ${vetoedBy.join(", ")} voted no under ${ruleName(m)}`;
    c.summary = `Not activated: ${who}.`;
  } else {
    c.status = "lapsed";
    const silent = silentVetoes.length ? ` (veto player(s) ${silentVetoes.join(", ")} did not vote)` : "";
    c.summary = `Not activated: the deadline ${formatInstant(c.deadline)} passed with ${yes} yes vote(s) of ${m.guarantors.length} guarantors, which does not meet ${ruleName(m)}${silent}.`;
  }
}
