/**
 * The English catalogue: the source of every UI string and of the key type. Keys are
 * "<area>.<what>"; a value is a string with `{name}` placeholders, or plural forms chosen by the
 * `count` parameter (Intl.PluralRules categories: zero, one, two, few, many, other).
 * Add a key here first; ru.ts and uk.ts follow (a missing key shows the English text).
 */
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
  "job.queued": "{label}: waiting for a worker",
  "job.cancel": "Cancel",
  "job.cancelled": "{label}: cancelled",
  "job.failed": "{label} failed: {message}",
  "job.done": "{label}: done",
} satisfies Record<string, Message>;

/** A key of the message catalogue. */
export type MessageKey = keyof typeof en;
