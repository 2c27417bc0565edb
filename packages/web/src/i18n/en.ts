/**
 * The English catalogue: the source of every UI string and of the key type. Keys are
 * "<area>.<what>"; a value is a string with `{name}` placeholders, or plural forms chosen by the
 * `count` parameter (Intl.PluralRules categories: zero, one, two, few, many, other).
 * Add a key here first; ru.ts and uk.ts follow (a missing key shows the English text).
 */
import { adminMessages } from "../views/admin/messages.js";
import { basicsMessages } from "../views/basics/messages.js";
import { explorerMessages } from "../views/explorer/messages.js";
import { monitorMessages } from "../views/monitoring/messages.js";
import { membersMessages } from "../views/negotiation/members-messages.js";
import { pageMessages } from "../views/negotiation/page-messages.js";
import { privateMessages } from "../views/negotiation/private-messages.js";
import { proposalsMessages } from "../views/negotiation/proposals-messages.js";
import { zoneMessages } from "../views/negotiation/zone-messages.js";
import { negotiationsMessages } from "../views/negotiations/messages.js";
import { scenariosMessages } from "../views/scenarios/messages.js";

export type Message =
  | string
  | { zero?: string; one?: string; two?: string; few?: string; many?: string; other: string };

export const en = {
  "app.loading": "Loading…",
  "app.skip": "Skip to content",
  "app.brand": "Entente",
  "app.language": "Language",
  "app.notFound": "Not found",
  "app.backToNegotiations": "Back to the negotiations",
  "app.wentWrong": "Something went wrong",
  "app.reload": "Reload",

  "nav.main": "Main",
  "nav.negotiations": "Negotiations",
  "nav.scenarios": "Scenarios",
  "nav.explorer": "Explorer",
  "nav.users": "Users",
  "nav.audit": "Audit log",
  "nav.signedInAs": "Signed in as {name}",
  "nav.signOut": "Sign out",
  "nav.noRole": "no role yet",
  "nav.administrator": "administrator",
  "nav.delegationOf": "delegation ({actor})",

  "role.delegation": "delegation",
  "role.mediator": "mediator",
  "role.monitor": "monitor",
  "role.observer": "observer",

  "login.title": "Sign in to Entente",
  "login.lead":
    "The negotiation platform: scenarios, proposals, private positions and the mediator's derived answers.",
  "login.name": "User name",
  "login.password": "Password",
  "login.submit": "Sign in",
  "login.newTitle": "Choose your password",
  "login.newLead":
    "You signed in with a one-time password. Choose your own: at least 12 characters, not a common password.",
  "login.newPassword": "New password",
  "login.newSubmit": "Save and continue",

  "error.notDone": "Not done:",
  "error.network": "the server cannot be reached; check that it is running",
  "error.at": "{where}: {message}",
  "error.line": "line {line}, column {column}",

  "job.progress": "{label}: {percent}% done",
  "job.progressLabel": "Progress of {label}",
  "job.queued": "{label}: waiting for a worker",
  "job.cancel": "Cancel",
  "job.cancelled": "{label}: cancelled",
  "job.failed": "{label} failed: {message}",
  "job.done": "{label}: done",

  "table.title": "Negotiation table",
  "table.open.link":
    "Open the negotiation table: the text, ratings, the mediator's answers, acceptance and the agreement",
  "table.liveOn": "Live: new proposals, rounds and acceptances appear without reloading.",
  "table.liveOff": "Connecting to live updates…",
  "table.liveProposal": "A new proposal was tabled",
  "table.rounds": "Rounds",
  "table.noRounds": "No round yet.",
  "table.open": "open",
  "table.openUntil": "open until {at}",
  "table.closedAtDeadline": "closed at its deadline ({at})",
  "table.closedByMediator": "closed by the mediator ({at})",
  "table.closeRound": "Close round {number}",
  "table.roundClosed": "Round {number} closed",
  "table.roundN": "Round {number}",
  "table.roundLabel": "Label of the next round",
  "table.deadline": "Deadline (optional)",
  "table.openRound": "Open a round",
  "table.roundOpened": "Round opened",
  "table.text": "The negotiating text",
  "table.noText":
    "No negotiating text yet: the mediator adopts a proposal or a suggested package as the text.",
  "table.textVersion": "Version {version} (proposal {proposal}, adopted by {by})",
  "table.history": {
    one: "History of the text ({count} version)",
    other: "History of the text ({count} versions)",
  },
  "table.historyEntry": "Version {version}: proposal {proposal}, adopted by {by} on {at}.",
  "table.amendment": "Amendment {id} by {by}:",
  "table.adopt": "Adopt proposal {id} as the text",
  "table.adopted": "Proposal {id} is now the negotiating text",
  "table.proposals": "Proposals side by side",
  "table.noProposals": "No proposal tabled yet.",
  "table.changedVsText": "Cells that differ from the negotiating text are marked.",
  "table.changedVsFirst": "Cells that differ from the first proposal shown are marked.",
  "table.issue": "Issue",
  "table.proposalHead": "Proposal {id} (round {round}, {by})",
  "table.changed": "changed",
  "table.conclusion": "Conclusion and agreement",
  "table.notConcluded":
    "Not concluded: acceptances are sealed until every delegation has accepted the same proposal.",
  "table.concluded": "Concluded: every delegation accepted proposal {proposal}.",
  "table.agreementRecorded": "Agreement recorded (version {version}, proposal {proposal}, by {by}).",
  "table.monitoringFollows": "Monitoring follows it from now on.",
  "table.agreedPackage": "The agreed package",
  "table.milestones": "Milestones the package sets at entry into force: {list}",
  "table.delegationTitle": "Your delegation's workspace: {name}",
  "table.privateNote":
    "Only your delegation sees this section: the ratings use the positions and BATNA you lodged.",
  "table.basisPublic":
    "You have not lodged private positions: these ratings use the scenario's public positions.",
  "table.ratingsCaption": "Every proposal rated against your own positions",
  "table.proposal": "Proposal",
  "table.round": "Round",
  "table.utility": "Utility to you",
  "table.vsBatna": "Against your BATNA",
  "table.redLines": "Your red lines crossed",
  "table.accept": "Secret acceptance",
  "table.aboveBatna": "above your BATNA ({batna}%)",
  "table.belowBatna": "below your BATNA ({batna}%)",
  "table.none": "none",
  "table.acceptSealed": "Accept proposal {id} (sealed)",
  "table.accepted": "Your acceptance of proposal {id} is recorded, sealed",
  "table.chartAlt":
    "Utility to {name} of each of {count} proposals in the order tabled: from {first}% to {last}%; BATNA {batna}%.",
  "table.chartPoint": "Proposal {id}, round {round}: {utility}%",
  "table.legendUtility": "solid line: utility to {name}",
  "table.legendBatna": "dashed line: BATNA ({batna}%)",
  "table.legendRed": "red dots: packages that cross a red line or fall below the BATNA",
  "table.tableTitle": "Table a proposal or an amendment",
  "table.range": "any value from {min} to {max}",
  "table.note": "Note (public)",
  "table.warningStop": "Stopped before tabling: the package crosses your red line.",
  "table.warningAgain": "Change the package, or press the button again to table it anyway.",
  "table.amend": "Table as an amendment to the text",
  "table.amendAnyway": "Table the amendment anyway",
  "table.propose": "Table as a new proposal",
  "table.proposeAnyway": "Table the proposal anyway",
  "table.tabled": "Tabled",
  "table.mediatorTitle": "Mediator's workspace",
  "table.mediatorNote":
    "Each answer is charged to this negotiation's disclosure budget and recorded in the log every delegation reads.",
  "table.askZone": "Is there a zone of agreement?",
  "table.askWhy": "Why is there no zone?",
  "table.budget": "Disclosure budget: {spent} of {budget} bits spent.",
  "table.zoneYes": "Yes: between {atLeast} and {below} packages are acceptable to every delegation.",
  "table.zoneNo": "No package of the {total} is acceptable to every delegation.",
  "table.suggestion": "Suggested package: {kind}",
  "table.tableSuggestion": "Table the {kind} package as the text",
  "table.suggestedNote": "The {kind} package suggested by the agreement engine",
  "table.suggestionTabled": "The suggested package is now the negotiating text",
  "table.acceptanceTitle": "Would every delegation accept?",
  "table.askAcceptance": "Ask about proposal {id}",
  "table.allAccept": "— yes, every delegation would accept it.",
  "table.notAllAccept": "— no, not every delegation would accept it.",
  ...explorerMessages,
  ...negotiationsMessages,
  ...monitorMessages,
  ...basicsMessages,
  ...adminMessages,
  ...scenariosMessages,
  ...zoneMessages,
  ...membersMessages,
  ...privateMessages,
  ...proposalsMessages,
  ...pageMessages,
} satisfies Record<string, Message>;

/** A key of the message catalogue. */
export type MessageKey = keyof typeof en;
